#!/usr/bin/env python3
"""House models (issue #6): how much one learned from the archive helps, and how fast `learn` is.

    python benchmarks/house.py                  # prints a markdown table (progress on stderr)
    python benchmarks/house.py --update-readme  # and puts it in benchmarks/README.md

Quality rows run `copydesk check --output-format json --no-languagetool` over the injected dev
set (the scorer's own functions, as run.py's quality rows), with:

- no house model;
- a model learned from the 336 clean articles in ../shared/data that the injected set was made
  from: the issue's row, and an upper bound, since the archive holds every correct sentence;
- a held-out model: the set split into two halves (even and odd case numbers), each half
  checked with a model learned from the other half's clean articles, the two reports scored
  together. This is the fair figure: a newsroom's archive holds its names and phrasing, not
  the story being checked.

The speed rows time `copydesk learn` on a one-million-word archive (the clean articles written
five times over as text files, 1,680 files) with `-j 1` and `-j 2`.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import (  # noqa: E402  (run.py is a script beside this one)
    PY,
    clean_articles,
    clean_env,
    false_alarms_by_category,
    load_scorer,
    log,
    pct,
    update_readme,
    write_cases,
)

ARCHIVE_COPIES = 5


def add_set_arguments(ap: argparse.ArgumentParser) -> None:
    """--bench-dir and --data-dir: where the dev sets and the clean articles are."""
    bench_default = Path(os.environ.get("COPYDESK_BENCH_DIR", HERE.parent.parent / "shared" / "bench"))
    ap.add_argument("--bench-dir", type=Path, default=bench_default)
    ap.add_argument("--data-dir", type=Path, default=None, help="default: BENCH_DIR/../data")


def dev_set(a: argparse.Namespace) -> tuple[Any, list[dict[str, Any]], dict[str, str]]:
    """The scorer, the injected dev set's cases and each case's clean article."""
    scorer = load_scorer(a.bench_dir)
    cases = scorer.load_cases([str(a.bench_dir / "dev" / "injected.jsonl")], 0)
    clean = clean_articles(a.data_dir or a.bench_dir.parent / "data")
    missing = [c["id"] for c in cases if c["id"] not in clean]
    if missing:
        raise SystemExit(f"no clean article for {len(missing)} cases, e.g. {missing[:3]}")
    return scorer, cases, clean


def learn(archive: list[Path], out: Path, jobs: int) -> float:
    """Run `copydesk learn`; its wall time."""
    argv = [PY, "-m", "copydesk", "learn", *map(str, archive), "--out", str(out), "-j", str(jobs)]
    start = time.perf_counter()
    proc = subprocess.run(argv, env=clean_env(), capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"house: {shlex.join(argv[:6])} ... exited {proc.returncode}: {proc.stderr[-500:]}")
    return wall


def write_jsonl(texts: list[str], path: Path) -> Path:
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    return path


def check(cases: list[dict[str, Any]], folder: Path, model: Path | None) -> list[list[dict[str, Any]]]:
    """Findings per case of `copydesk check` on the cases, with the house model if given."""
    files = write_cases(cases, folder)
    argv = [PY, "-m", "copydesk", "check", "--output-format", "json", "--no-languagetool", "-j", "2"]
    if model is not None:
        config = folder.parent / f"{folder.name}.toml"
        config.write_text(f"house_model = {json.dumps(str(model))}\n", encoding="utf-8")
        argv += ["--config", str(config)]
    proc = subprocess.run([*argv, *map(str, files)], env=clean_env(), capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"house: copydesk check exited {proc.returncode}: {proc.stderr[-500:]}")
    by_name = {Path(e["path"]).name: e.get("findings", []) for e in json.loads(proc.stdout)["files"]}
    return [by_name.get(f.name, []) for f in files]


def quality_row(scorer: Any, name: str, cases: list[dict[str, Any]], findings: list[list[dict[str, Any]]]) -> str:
    res, _, _ = scorer.score(cases, findings)
    rw = res["categories"].get("realword", {})
    fa = false_alarms_by_category(scorer, cases, findings)
    per_1k = {k: 1000 * v / res["words"] for k, v in fa.items()}
    log(f"house: {name}: recall {pct(res['recall'])}, FA/1k {res['false_alarms_per_1k_words']:.2f}")
    return (
        f"| {name} | {pct(res['recall'])} | {pct(res['top1'])} | {pct(res['precision'])} "
        f"| {res['false_alarms_per_1k_words']:.2f} | {pct(rw.get('detected', 0) / rw['n'])} / "
        f"{pct(rw.get('corrected', 0) / rw['n'])} | {per_1k.get('realword', 0):.2f} "
        f"| {per_1k.get('nonword', 0):.2f} | {per_1k.get('consistency', 0):.2f} |"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_set_arguments(ap)
    ap.add_argument("--update-readme", action="store_true")
    a = ap.parse_args(argv)
    scorer, cases, clean = dev_set(a)
    halves = [cases[0::2], cases[1::2]]
    started = time.strftime("%Y-%m-%d %H:%M")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE).stdout
    lines = [
        f"Measured {started} on {os.cpu_count()} cores at {commit.strip()}; load average "
        f"{os.getloadavg()[0]:.2f} at the start; `python benchmarks/house.py`.",
        "",
        "| injected dev set, no LT | recall | top-1 | precision | FA/1k | realword detected / top-1 "
        "| realword FA/1k | nonword FA/1k | consistency FA/1k |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory(prefix="copydesk-house-") as tmp:
        root = Path(tmp)
        lines.append(quality_row(scorer, "no house model", cases, check(cases, root / "plain", None)))

        everything = write_jsonl([clean[c["id"]] for c in cases], root / "clean.jsonl")
        learn([everything], root / "all.sqlite3", 2)
        lines.append(
            quality_row(
                scorer,
                "house model of the 336 clean articles (same stories: upper bound)",
                cases,
                check(cases, root / "all", root / "all.sqlite3"),
            )
        )

        held_out: list[list[dict[str, Any]]] = [[] for _ in cases]
        for k, half in enumerate(halves):
            other = halves[1 - k]
            archive = write_jsonl([clean[c["id"]] for c in other], root / f"half{1 - k}.jsonl")
            learn([archive], root / f"half{1 - k}.sqlite3", 2)
            found = check(half, root / f"check-half{k}", root / f"half{1 - k}.sqlite3")
            for j, fs in enumerate(found):
                held_out[2 * j + k] = fs
        lines.append(quality_row(scorer, "house model of the other half's clean articles (held out)", cases, held_out))

        archive_dir = root / "archive"
        archive_dir.mkdir()
        words = 0
        for copy in range(ARCHIVE_COPIES):
            for c in cases:
                text = clean[c["id"]]
                (archive_dir / f"{copy}-{c['id']}.txt").write_text(text, encoding="utf-8")
                words += len(text.split())
        lines += [
            "",
            f"`copydesk learn` on {words:,} words ({ARCHIVE_COPIES} copies of the clean articles, "
            f"{ARCHIVE_COPIES * len(cases):,} text files); target: 1 million words in 60 s on 2 cores.",
            "",
            "| jobs | wall s | words/s |",
            "|---:|---:|---:|",
        ]
        for jobs in (1, 2):
            wall = learn([archive_dir], root / f"archive-{jobs}.sqlite3", jobs)
            log(f"house: learn -j {jobs}: {wall:.1f} s")
            lines.append(f"| {jobs} | {wall:.1f} | {words / wall:,.0f} |")
    table = "\n".join(lines) + "\n"
    print(table)
    if a.update_readme:
        update_readme(table, "house")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
