"""The core checks' fast paths give exactly what their plain patterns give."""

from __future__ import annotations

import pytest

from copydesk.checks import core
from copydesk.checks.core import CoreCheck
from copydesk.config import Settings
from copydesk.formats import build_document

# Places where the quick search for doubled words and the full pattern could disagree:
# underscores, digits, marks, joiners, apostrophes, case, line breaks, runs, non-Latin scripts.
TRICKY = [
    "the the cat",
    "The THE cat and_the the dog",
    "_the the x",
    "2the the 3to to4",
    "the the\u0301 accent, and the\u200d the joiner",
    "it's s s and ’tis tis",
    "he went to\n to\n\n to the border",
    "this is is this",
    "Σ σ and ΟΔΟΣ οδος and ß SS",
    "İstanbul i̇stanbul, straße STRASSE",
    "a a a a a. b\tb c \t\n\t c d\n\nd",
    "rock-and and roll, so-so so",
    "",
]


@pytest.mark.parametrize("text", TRICKY)
def test_doubled_runs_are_what_the_full_pattern_finds(text: str) -> None:
    fast = [(m.start(), m.end()) for m in core.doubled_runs(text)]
    plain = [(m.start(), m.end()) for m in core._DOUBLED_RE.finditer(text)]
    assert fast == plain


def test_doubled_words_found_with_exact_spans() -> None:
    text = "Talks resumed in the the capital.\n\nThey met in the\nthe the city, and_the the end."
    doc = build_document("s.txt", text, None)
    found = [(f.start, f.end, f.suggestions) for f in CoreCheck(Settings()).run(doc) if f.rule == "core.doubled-word"]
    assert found == [(17, 24, ("the",)), (47, 58, ("the",)), (69, 76, ("the",))]


def test_odd_case_letters_cover_every_backreference_the_standard_library_misses() -> None:
    """Each pair of letters that `regex` matches in a case-blind backreference and `re` does not
    has a letter the fast path hands over to the full pattern."""
    import re
    import sys
    from collections import defaultdict

    import regex

    groups: defaultdict[str, set[str]] = defaultdict(set)
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if c.isalpha():
            for key in (c, c.lower(), c.upper(), c.casefold(), c.title()):
                if len(key) == 1:
                    groups[key].update((c, key))
    full = regex.compile(r"(?i)(\p{L}) \1\Z")
    quick = re.compile(r"(?i)(\w) \1\Z")
    missed = [
        (a, b)
        for group in groups.values()
        for a in group
        for b in group
        if full.match(f"{a} {b}") and not quick.match(f"{a} {b}") and not core._ODD_CASE_RE.search(a + b)
    ]
    assert missed == []
