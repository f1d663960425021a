"""The rule-pack engine's word lists: the quick test never hides a match the pattern finds."""

from __future__ import annotations

import pytest

from copydesk.checks.rules import WordList
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
