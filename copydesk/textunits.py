"""Words, sentences, paragraphs and quotations of a prose string.

Hand-written rather than taken from pysbd or spaCy: those run at a few thousand words per
second, and copydesk must check 100,000 words per second per core. The rules here are the
ones news copy needs: initialisms (U.S.), title abbreviations (Gov.), curly apostrophes,
hyphenated names, paragraphs that end without a full stop (headlines).
"""

from __future__ import annotations

from typing import NamedTuple

from copydesk import patterns

# A word: letters and digits with inner apostrophes or hyphens (Korea's, Kim Jong-un, 13-year-old),
# or an initialism with dots (U.S., a.m.).
WORD_PATTERN = r"(?:\p{L}\.){2,}|[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’\-][\p{L}\p{M}\p{N}]+)*"
_WORD_RE = patterns.compile(WORD_PATTERN)

# Words ending in a full stop that seldom end a sentence in news copy.
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "cmdr",
        "adm",
        "gov",
        "sen",
        "rep",
        "rev",
        "st",
        "jr",
        "sr",
        "mt",
        "ft",
        "jan",
        "feb",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "nos",
        "vol",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "inc",
        "corp",
        "co",
        "ltd",
        "bros",
        "approx",
        "dept",
        "est",
        "fig",
        "al",
        "u.s",
        "u.k",
        "u.n",
        "a.m",
        "p.m",
        "d.c",
    ]
)

_SENTENCE_END_RE = patterns.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘(\[]*[\p{Lu}\p{N}])")
_PARAGRAPH_BREAK_RE = patterns.compile(r"\n[ \t]*\n\s*")
_LINE_BREAK_RE = patterns.compile(r"\n\s*")


class Token(NamedTuple):
    """A word of the prose: its half-open span and text."""

    start: int
    end: int
    text: str


def without_possessive(word: str) -> str:
    """The word without a trailing possessive ('s, s', ’s); string tests, as it runs per word."""
    if word[-1:] in ("'", "’"):
        return word[:-1]
    if word[-1:] == "s" and word[-2:-1] in ("'", "’"):
        return word[:-2]
    return word


def tokenize(text: str) -> list[Token]:
    """Every word of `text`, in order."""
    return [Token(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text)]


def lines_are_paragraphs(text: str) -> bool:
    """True when the text keeps one paragraph per line (lines longer than a hard wrap)."""
    longest = max((len(line) for line in text.split("\n")), default=0)
    return longest > 100 or ("\n\n" not in text and text.count("\n") > 0 and longest > 0 and _mostly_terminated(text))


def _mostly_terminated(text: str) -> bool:
    lines = [line.rstrip() for line in text.split("\n") if line.strip()]
    ended = sum(1 for line in lines if line[-1] in '.!?"”’:')
    return ended * 2 >= len(lines)


def split_paragraphs(text: str, *, blank_lines_only: bool = False) -> list[tuple[int, int]]:
    """Spans of paragraphs: blank-line separated, or one a line when lines are paragraphs."""
    by_line = not blank_lines_only and lines_are_paragraphs(text)
    breaker = _LINE_BREAK_RE if by_line else _PARAGRAPH_BREAK_RE
    spans = []
    pos = 0
    for m in breaker.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return [(s, e) for s, e in (_strip_span(text, s, e) for s, e in spans) if e > s]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Sentence spans; a paragraph always ends a sentence (headlines have no full stop)."""
    spans: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs if paragraphs is not None else split_paragraphs(text):
        start = p_start
        for m in _SENTENCE_END_RE.finditer(text, p_start, p_end):
            if _ends_with_abbreviation(text, start, m.start(), m.group()):
                continue
            spans.append((start, m.end()))
            start = m.end()
            while start < p_end and text[start].isspace():
                start += 1
        if start < p_end:
            spans.append((start, p_end))
    return spans


def _ends_with_abbreviation(text: str, sentence_start: int, dot: int, mark: str) -> bool:
    if not mark.startswith("."):
        return False
    word_start = dot
    while word_start > sentence_start and not text[word_start - 1].isspace() and text[word_start - 1] not in '("“‘':
        word_start -= 1
    word = text[word_start:dot].lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


# Quotation marks that open or close a direct quotation.
QUOTE_MARK_RE = patterns.compile('[“”"]')


def find_quotations(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of direct quotations, marks included; an unclosed quote runs to its paragraph's end."""
    spans: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs:
        open_at: int | None = None
        for mark in QUOTE_MARK_RE.finditer(text, p_start, p_end):  # not a loop over every character
            i, ch = mark.start(), mark.group()
            if ch == "“" and open_at is None:
                open_at = i
            elif ch == "”" and open_at is not None:
                spans.append((open_at, i + 1))
                open_at = None
            elif ch == '"':
                if open_at is None:
                    open_at = i
                else:
                    spans.append((open_at, i + 1))
                    open_at = None
        if open_at is not None:
            spans.append((open_at, p_end))
    return spans
