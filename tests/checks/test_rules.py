"""The rule-pack engine's searches: the word lists' quick test never hides a match the pattern
finds, and searching match by match (each with its own timeout) finds what `finditer` finds."""

from __future__ import annotations

import pytest
import regex

from copydesk.checks.rules import WordList, finditer
from copydesk.formats import build_document

TEXTS = [
    "A sneak peak at the budget.",
    "A SNEAK PEAK at the budget, and another Sneak Peak.",
    "Nothing to see here.",
    "A ſneak peak: the long s matches s when case is ignored.",
    "A sneak-peak, sneak peaks and a sneak peak's end.",
    "",
]


@pytest.mark.parametrize("ignorecase", [True, False])
@pytest.mark.parametrize("text", TEXTS)
def test_word_list_finds_what_its_pattern_finds(text: str, ignorecase: bool) -> None:
    words = WordList(["sneak peak", "baited breath"], "test", ignorecase)
    doc = build_document("a.txt", text, None)
    quick = [m.span() for m in words.finditer(doc, 1.0)]
    assert quick == [m.span() for m in words.regex.finditer(text)]


def test_word_list_spans() -> None:
    words = WordList(["sneak peak"], "test")
    doc = build_document("a.txt", TEXTS[3], None)
    assert [m.span() for m in words.finditer(doc, 1.0)] == [(2, 12)]
    assert words.needles == ("sneak peak",)
    assert WordList([f"w{i}" for i in range(WordList.MAX_QUICK + 1)], "test").needles is None
    assert WordList(["café"], "test").needles is None


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"a*", "baaac"),  # empty matches between and after the others
        (r"(?<=\d)x", "1x2xx3x"),  # a lookbehind sees the text before each search's start
        (r"\bthe\b", "the theme of the the end"),
        (r"\b", "two words"),
        (r"zzz", "nothing here"),
    ],
)
def test_match_by_match_search_finds_what_finditer_finds(pattern: str, text: str) -> None:
    compiled = regex.compile(pattern)
    assert [m.span() for m in finditer(compiled, text, 1.0)] == [m.span() for m in compiled.finditer(text)]
