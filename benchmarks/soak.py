"""Soak test for issue #11: many random documents, hostile files and SIGKILLs; prints the figures.

    python benchmarks/soak.py                    # 10,000 examples, 200 kills: about 15 minutes
    python benchmarks/soak.py --examples 1000 --kills 20 --cli-batches 5   # a quick look

Not part of `pytest`: the suite runs the same properties on a few hundred examples
(tests/robustness/). What runs here, with the strategies of tests/robustness/copy_strategies.py
and the properties of tests/robustness/copy_properties.py:

- `--examples N` random documents (plain text, Markdown, HTML; emoji, combining marks,
  right-to-left text, every line ending, BOMs, control characters), split between four
  properties: checking is sound (no crash, spans inside the text and on character
  boundaries, JSON valid), CRLF line endings give the same findings as LF, fixes change
  only their spans and settle, and `--fix` on a real file keeps its encoding and BOM and
  is idempotent;
- `--cli-batches B` runs of the real CLI over folders of 20 random files each (JSON valid,
  one entry per file, every span inside its file);
- every hostile file of tests/robustness/hostile_files.py, plus a 52 MB file and a 5 MB line
  checked with every check (`--no-hostile` skips them);
- `--kills K` SIGKILLs of `copydesk check --fix` on a folder of 30 stories (every fourth
  kills only the parent), comparing every file byte for byte with the original and the fixed
  version afterwards.

Violations are counted by kind, with the shortest example seen; the exit code is 1 if there
was any crash, violation or lost byte. `--json FILE` also writes the figures as JSON.
Needs the test extras (`pip install -e '.[test]'`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "robustness"))

from copy_properties import check_document, check_line_endings, fix_file, fix_passes
from copy_strategies import DOCUMENTS, stored_copy
from fix_kill import kill_loop
from hostile_files import HOSTILE, assert_one_clear_line, assert_others_checked, make_folder, write_repeated
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from robustness_helpers import copydesk

from copydesk import sourcefile


@dataclass
class Figures:
    """What the soak did and found."""

    examples: int = 0
    cli_runs: int = 0
    cli_files: int = 0
    hostile_files: int = 0
    kills: int = 0
    kills_mid_run: int = 0
    files_compared_after_kills: int = 0
    temp_files_left_by_kills: int = 0
    orphaned_workers: int = 0
    crashes: int = 0
    violations: int = 0
    lost_bytes: int = 0
    seconds: float = 0.0
    by_kind: Counter[str] = field(default_factory=Counter)
    shortest: dict[str, str] = field(default_factory=dict)

    def record(self, kind: str, example: object) -> None:
        """Count one failure of `kind`, keeping the shortest example."""
        crash = not kind.startswith("AssertionError")
        self.crashes += crash
        self.violations += not crash
        self.by_kind[kind] += 1
        shown = repr(example)
        if kind not in self.shortest or len(shown) < len(self.shortest[kind]):
            self.shortest[kind] = shown[:500]


def _kind(error: BaseException, where: str) -> str:
    """A short signature of a failure: the property, the exception and where it was raised."""
    frame = traceback.extract_tb(error.__traceback__)[-1]
    message = str(error).split("\n")[0]
    if str(error).startswith("copydesk crashed"):  # the CLI's traceback: its last line says what
        message = "copydesk crashed: " + str(error).strip().split("\n")[-1]
    elif isinstance(error, AssertionError):  # a violated property: its message says which
        message = message.split(" at ")[0].split(":")[0][:80]
    return f"{type(error).__name__} in {where}: {message[:80]} ({Path(frame.filename).name}:{frame.lineno})"


def _soak(
    prop: Callable[..., object], strategy: st.SearchStrategy[object], n: int, figures: Figures, where: str
) -> int:
    """Run `prop` on `n` examples, counting failures instead of stopping at the first; return how many ran."""
    ran = 0

    @settings(max_examples=n, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(example: object) -> None:
        nonlocal ran
        ran += 1
        try:
            prop(example)
        except Exception as e:
            figures.record(_kind(e, where), example)

    run()
    return ran


def properties(examples: int, figures: Figures) -> None:
    """`examples` random documents over the four properties (and the three formats)."""
    each: dict[str, Callable[[str, str], object]] = {
        "check": check_document,
        "line endings": check_line_endings,
        "fix": fix_passes,
    }
    share = max(1, examples // 12)  # 3 formats × 3 properties, and 3 shares of files on disk
    for fmt, (name, strategy) in sorted(DOCUMENTS.items()):
        for what, prop in each.items():
            figures.examples += _soak(
                lambda text, name=name, prop=prop: prop(name, text), strategy, share, figures, f"{what} {fmt}"
            )
    on_disk = examples - 9 * share
    figures.examples += _soak(lambda copy: fix_file(*copy), stored_copy(), on_disk, figures, "fix on disk")


def cli_batches(batches: int, figures: Figures) -> None:
    batch = st.lists(stored_copy(), min_size=20, max_size=20)

    def one(copies: list[tuple[str, bytes]]) -> None:
        with tempfile.TemporaryDirectory() as folder:
            for i, (name, data) in enumerate(copies):
                Path(folder, f"{i:02} {name}").write_bytes(data)
            run = copydesk("check", "--output-format", "json", folder, timeout=300)
            figures.cli_runs += 1
            figures.cli_files += len(copies)
            run.assert_no_crash()
            report = json.loads(run.out.decode("utf-8"))
            assert len(report["files"]) == len(copies), "one JSON entry per file"
            for entry in report["files"]:
                if "error" in entry:
                    continue
                text = sourcefile.decode(entry["path"], Path(entry["path"]).read_bytes()).text
                for f in entry["findings"]:
                    assert text[f["start"] : f["end"]] == f["matched"], "JSON span does not cover its match"

    _soak(one, batch, batches, figures, "CLI")


def hostile(figures: Figures) -> None:
    cases: dict[str, Callable[[Path], None]] = {}
    for case, (name, make, reason) in HOSTILE.items():

        def one(root: Path, name: str = name, make: Callable[[Path], None] = make, reason: str = reason) -> None:
            folder = make_folder(root)
            make(folder / name)
            run = copydesk("check", "--output-format", "json", folder, timeout=60, memory_cap=True)
            assert_one_clear_line(run, name, reason)
            assert_others_checked(run)

        cases[case] = one

    def huge(root: Path) -> None:
        folder = make_folder(root)
        write_repeated(folder / "huge.txt", "The council met in the the capital on Monday. ", 50 * 1024 * 1024)
        run = copydesk("check", "--output-format", "json", folder, timeout=300, memory_cap=True)
        assert_one_clear_line(run, "huge.txt", "too large to check (")

    def long_line(root: Path) -> None:
        folder = make_folder(root)
        unit = "They met in the the capital on Monday and the talks went on until late at night, aides said. "
        (folder / "export.txt").write_text(unit * (5_000_000 // len(unit)), encoding="utf-8")
        run = copydesk("check", "--output-format", "json", folder, timeout=300, memory_cap=True)
        run.assert_no_crash()
        assert_others_checked(run)
        print(f"  5 MB line with every check: {run.seconds:.1f} s", flush=True)
        assert run.seconds < 60, f"a 5 MB line took {run.seconds:.0f} s"

    cases["52 MB file"] = huge
    cases["5 MB line, every check"] = long_line
    for case, one in cases.items():
        figures.hostile_files += 1
        with tempfile.TemporaryDirectory() as root:
            try:
                one(Path(root))
            except Exception as e:
                figures.record(_kind(e, f"hostile {case}"), case)


def kills(count: int, figures: Figures) -> None:
    with tempfile.TemporaryDirectory() as root:
        stats = kill_loop(Path(root), count, seed=int(time.time()), parent_only_every=4)
    figures.kills += stats.kills
    figures.kills_mid_run += stats.mixed
    figures.files_compared_after_kills += stats.files_compared
    figures.temp_files_left_by_kills += stats.temp_files_left
    figures.orphaned_workers += stats.orphans
    figures.lost_bytes += stats.lost_bytes
    for failure in stats.failures:
        what = re.sub(r"\S*story\S*|\S*linked\S*", "FILE", failure.split("s: ", 1)[-1])
        figures.record("AssertionError in kill: " + re.sub(r"\d+(\.\d+)?", "N", what)[:90], failure)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=10_000, help="random documents (default 10000)")
    parser.add_argument("--cli-batches", type=int, default=20, help="CLI runs over 20 random files (default 20)")
    parser.add_argument("--kills", type=int, default=200, help="SIGKILLs during --fix (default 200)")
    parser.add_argument("--no-hostile", action="store_true", help="skip the hostile files")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    figures = Figures()
    started = time.monotonic()
    steps: list[tuple[str, Callable[[], None]]] = [
        (f"{args.examples} random documents", lambda: properties(args.examples, figures)),
        (f"{args.cli_batches} CLI runs", lambda: cli_batches(args.cli_batches, figures)),
    ]
    if not args.no_hostile:
        steps.append(("hostile files", lambda: hostile(figures)))
    if args.kills:
        steps.append((f"{args.kills} kills during --fix", lambda: kills(args.kills, figures)))
    for title, step in steps:
        print(f"{title}...", flush=True)
        step_started = time.monotonic()
        step()
        print(f"  done in {time.monotonic() - step_started:.0f} s", flush=True)
    figures.seconds = round(time.monotonic() - started, 1)

    print()
    print(
        f"examples run:            {figures.examples} documents + {figures.cli_files} files in {figures.cli_runs} CLI runs"
    )
    print(f"hostile files tried:     {figures.hostile_files}")
    print(
        f"kills during --fix:      {figures.kills} ({figures.kills_mid_run} mid-run, "
        f"{figures.files_compared_after_kills} files compared, {figures.temp_files_left_by_kills} temp files left, "
        f"{figures.orphaned_workers} orphaned workers)"
    )
    print(f"crashes:                 {figures.crashes}")
    print(f"property violations:     {figures.violations}")
    print(f"lost bytes:              {figures.lost_bytes}")
    print(f"time:                    {figures.seconds} s")
    for kind, count in figures.by_kind.most_common():
        print(f"\n{count:6} × {kind}\n         shortest: {figures.shortest[kind]}")
    if args.json:
        data = {**{k: v for k, v in vars(figures).items() if k != "by_kind"}, "by_kind": dict(figures.by_kind)}
        args.json.write_text(json.dumps(data, indent=1) + "\n")
    return 1 if figures.crashes or figures.violations or figures.lost_bytes else 0


if __name__ == "__main__":
    sys.exit(main())
