#!/usr/bin/env python3
"""Held-out slips: the dev set's kinds of slip, drawn from lists and pairs the dev set never uses.

    python benchmarks/heldout.py                  # prints a markdown table (progress on stderr)
    python benchmarks/heldout.py --update-readme  # and puts it in benchmarks/README.md
    python benchmarks/heldout.py --out held.jsonl --show-misses 30

The injected dev set's 527 typos come from the Wikipedia and Aspell lists of misspellings, and
its 437 real-word slips from 117 pairs of After the Deadline's confusion sets (in/inn alone 73
times). A checker tuned on that set can learn its pairs without anyone meaning it to. This
script makes another set from the same clean articles (../shared/data) with slips the dev set
never uses, and scores copydesk (no LanguageTool) on both with the scorer's own functions:

- nonword: misspellings from Mitton's Birkbeck list (people's own spelling, which the dev set
  draws on only where another list has the same pair) whose (slip, word) pair is not in the dev
  set, whose slip is no word (pyspellchecker's dictionary lacks it and wordfreq has it below
  Zipf 2) and whose word is as common as a real-word pair's (Zipf 3.3). Holbrook's list
  (schoolchildren's writing of the 1960s: "thoy" for "the") is left out as unlike a
  reporter's slips;
- realword: a member of an After the Deadline confusion set put for another member, where the
  pair is not in the dev set, both are common words (wordfreq Zipf 3.3 or more: the dev set's
  rarest is "fro", 3.32, and it never writes "whit", 3.14, for any of its 1,447 "with"s), and
  the word meant has two letters or more (it never writes "eh" for its 5,220 "a"s).

Each slip replaces a whole lower-case word (or a capitalised one, keeping the capital) at a
random place, about as often as in the dev set (one typo per 400 words, one real-word slip per
480), at least three words from another slip. The choice is seeded and made without copydesk,
so the set is the same for every commit and owes nothing to the checker. The clean text is the
dev set's, so false alarms match the dev set's: the figures to read are recall and top-1.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import regex

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from house import add_set_arguments, check, dev_set  # noqa: E402  (scripts beside this one)
from run import log, pct, update_readme  # noqa: E402

SEED = 20261129
WORDS_PER_TYPO = 400
WORDS_PER_REALWORD = 480
MIN_GAP_WORDS = 3
NONWORD_LISTS = ("birkbeck",)
MAX_SLIP_ZIPF = 2.0  # a typo above this is a word in its own right (wordfreq)
MIN_PAIR_ZIPF = 3.3  # both words of a real-word pair (the dev set's rarest: "fro", Zipf 3.32)

_WORD_RE = regex.compile(r"(?<![\p{L}\p{N}'’-])\p{L}+(?![\p{L}\p{N}'’-])")


def dev_pairs(cases: list[dict[str, Any]]) -> set[tuple[str, str]]:
    """(slip, right) of every slip in the dev set, lower case."""
    return {(e["wrong"].lower(), e["right"].lower()) for c in cases for e in c["errors"]}


def typo_pool(data_dir: Path, exclude: set[tuple[str, str]]) -> dict[str, list[str]]:
    """right word -> its held-out typos."""
    from spellchecker import SpellChecker
    from wordfreq import zipf_frequency

    known = SpellChecker().word_frequency
    pool: dict[str, set[str]] = defaultdict(set)
    with (data_dir / "spelling_mitton" / "pairs.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            wrong, right = row["misspelling"].lower(), row["correct"].lower()
            if row["source"] not in NONWORD_LISTS or (wrong, right) in exclude or wrong == right:
                continue
            if not (wrong.isalpha() and right.isalpha() and wrong.isascii() and len(right) >= 3):
                continue
            if wrong in known or zipf_frequency(wrong, "en") >= MAX_SLIP_ZIPF:
                continue
            if zipf_frequency(right, "en") < MIN_PAIR_ZIPF:
                continue  # the list's right word is rare or a spelling of its own
            pool[right].add(wrong)
    return {right: sorted(wrongs) for right, wrongs in pool.items()}


def confusion_pool(data_dir: Path, exclude: set[tuple[str, str]]) -> dict[str, list[str]]:
    """right word -> the confusion-set members that may stand for it."""
    from wordfreq import zipf_frequency

    pool: dict[str, set[str]] = defaultdict(set)
    for line in (data_dir / "confusion_sets_atd" / "homophonedb.txt").open(encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        members = [w.strip().lower() for w in line.split(",") if w.strip()]
        common = [w for w in members if w.isalpha() and zipf_frequency(w, "en") >= MIN_PAIR_ZIPF]
        for right in common:
            for wrong in common:
                if wrong != right and len(right) >= 2 and (wrong, right) not in exclude:
                    pool[right].add(wrong)
    return {right: sorted(wrongs) for right, wrongs in pool.items()}


def inject(case_id: str, text: str, pools: dict[str, dict[str, list[str]]], rng: random.Random) -> dict[str, Any]:
    """A case: `text` with slips from the pools put in, and the errors the scorer reads."""
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text)]
    words = len(text.split())
    wanted = {"nonword": words / WORDS_PER_TYPO, "realword": words / WORDS_PER_REALWORD}
    taken: set[int] = set()
    chosen: list[tuple[int, str, str]] = []  # (token index, slip, category)
    for category, expected in wanted.items():
        count = int(expected) + (rng.random() < expected - int(expected))
        pool = pools[category]
        places = [i for i, (_, _, w) in enumerate(tokens) if _usable(w) and w.lower() in pool]
        rng.shuffle(places)
        for i in places:
            if count == 0:
                break
            if any(abs(i - j) < MIN_GAP_WORDS for j in taken):
                continue
            taken.add(i)
            word = tokens[i][2]
            slip = rng.choice(pool[word.lower()])
            chosen.append((i, slip.capitalize() if word[0].isupper() else slip, category))
            count -= 1
    pieces, errors, last, shift = [], [], 0, 0
    for i, slip, category in sorted(chosen):
        start, end, word = tokens[i]
        pieces += [text[last:start], slip]
        errors.append(
            {
                "start": start + shift,
                "end": start + shift + len(slip),
                "wrong": slip,
                "right": word,
                "category": category,
            }
        )
        shift += len(slip) - len(word)
        last = end
    pieces.append(text[last:])
    return {"id": case_id, "text": "".join(pieces), "words": words, "errors": errors}


def _usable(word: str) -> bool:
    """Lower case, or capitalised (not in capitals): the case a slip can copy."""
    return word.islower() or (word[0].isupper() and word[1:].islower())


def table(scorer: Any, rows: list[tuple[str, list[dict[str, Any]], list[list[dict[str, Any]]]]]) -> list[str]:
    lines = [
        "| set, copydesk no LT | slips | recall | top-1 | precision | FA/1k | nonword detected / top-1 "
        "| realword detected / top-1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, cases, findings in rows:
        res, _, _ = scorer.score(cases, findings)
        cats = res["categories"]

        def cell(cat: str, cats: dict[str, Any] = cats) -> str:
            c = cats.get(cat)
            if not c:
                return ""
            return f"{pct(c.get('detected', 0) / c['n'])} / {pct(c.get('corrected', 0) / c['n'])} of {c['n']}"

        lines.append(
            f"| {name} | {res['total']['n']} | {pct(res['recall'])} | {pct(res['top1'])} | {pct(res['precision'])} "
            f"| {res['false_alarms_per_1k_words']:.2f} | {cell('nonword')} | {cell('realword')} |"
        )
        log(f"heldout: {name}: recall {pct(res['recall'])}, top-1 {pct(res['top1'])}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_set_arguments(ap)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--out", type=Path, help="also write the held-out cases here (scorer format)")
    ap.add_argument("--show-misses", type=int, default=0, metavar="N", help="print N missed held-out slips")
    ap.add_argument("--update-readme", action="store_true")
    a = ap.parse_args(argv)
    data_dir = a.data_dir or a.bench_dir.parent / "data"
    scorer, dev, clean = dev_set(a)
    exclude = dev_pairs(dev)
    pools = {"nonword": typo_pool(data_dir, exclude), "realword": confusion_pool(data_dir, exclude)}
    rng = random.Random(a.seed)
    held = [inject(c["id"], clean[c["id"]], pools, rng) for c in dev]
    if a.out:
        a.out.write_text("".join(json.dumps(c) + "\n" for c in held), encoding="utf-8")
    started = time.strftime("%Y-%m-%d %H:%M")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE).stdout
    with tempfile.TemporaryDirectory(prefix="copydesk-heldout-") as tmp:
        rows = [
            ("injected dev set", dev, check(dev, Path(tmp) / "dev", None)),
            ("held-out slips, same articles", held, check(held, Path(tmp) / "held", None)),
        ]
    pairs = {cat: sum(map(len, pool.values())) for cat, pool in pools.items()}
    lines = [
        f"Measured {started} at {commit.strip()}, seed {a.seed}; `python benchmarks/heldout.py`. Held-out pools: "
        f"{pairs['nonword']:,} typos of {len(pools['nonword']):,} words (Birkbeck), "
        f"{pairs['realword']:,} confusion pairs for {len(pools['realword']):,} words; none in the dev set.",
        "",
        *table(scorer, rows),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if a.show_misses:
        _, misses, _ = scorer.score(held, rows[1][2])
        for case_id, g, context in misses[: a.show_misses]:
            print(f"MISS {case_id} {g['category']} {g['wrong']!r} -> {g['right']!r}: {context!r}")
    if a.update_readme:
        update_readme(text, "heldout")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
