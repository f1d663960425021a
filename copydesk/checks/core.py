"""Mechanical slips any copy can have: doubled words, repeated punctuation, unbalanced marks."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from copydesk.checks.base import finding, keep_case
from copydesk.config import Settings
from copydesk.document import Document
from copydesk.findings import Applicability, Category, Finding, Severity
from copydesk.rule import BadExample, Rule

DOUBLED_WORD = Rule(
    id="core.doubled-word",
    category=Category.REALWORD,
    severity=Severity.ERROR,
    message="Word written twice: delete the second one.",
    why="A doubled word ('the the') is the commonest slip of a fast typist and every reader "
    "notices it. Doubles that English allows ('had had', 'that that') are left alone.",
    fix=Applicability.SAFE,
    bad=(
        BadExample("Talks resumed in [[the the]] capital on Monday.", "the"),
        BadExample("[[The the]] minister spoke first.", "The"),
        BadExample("He went [[to\nto]] the border.", "to"),
    ),
    good=(
        "He had had enough of the talks.",
        "She said that that was the end of it.",
        "The the-word is not a word.",
        "The talks ended. The next round starts in May.",
    ),
    origin=__name__,
)

REPEATED_PUNCTUATION = Rule(
    id="core.repeated-punctuation",
    category=Category.PUNCTUATION,
    severity=Severity.WARNING,
    message="Punctuation mark typed twice: keep one.",
    why="Two commas, two full stops or two question marks in a row are keyboard slips; "
    "an ellipsis (three full stops) is not.",
    fix=Applicability.SAFE,
    bad=(
        BadExample("The talks ended[[,,]] officials said.", ","),
        BadExample("They left on Monday[[..]]", "."),
        BadExample("Who paid for it[[??]]", "?"),
    ),
    good=("He paused... then went on.", "Where? Here.", "Read https://example.com/a.b now."),
    origin=__name__,
)

UNBALANCED = Rule(
    id="core.unbalanced-marks",
    category=Category.PUNCTUATION,
    severity=Severity.WARNING,
    message="This mark is never closed (or opened) in its paragraph.",
    why="An opening quotation mark or bracket with no partner leaves the reader unsure where a "
    "quotation or aside ends. A quotation may run on into the next paragraph when that "
    "paragraph opens with a quotation mark again, as news style does for long quotes.",
    bad=(
        BadExample('[["]]We will not give up, he said.'),
        BadExample("The vote held on Monday[[)]] was close."),
        BadExample("The envoy [[(]]who arrived late spoke first."),
        BadExample("[[“]]We will stay, she said.\n\nThe talks went on."),
    ),
    good=(
        '"We will not give up," he said.',
        "“We will stay,” she said. (She did.)",
        "“We came here to talk.\n\n“And we will keep talking,” he said.",
        "The list: 1) bread, 2) milk.",
        "He said the ’90s were different.",
    ),
    origin=__name__,
)

# Doubles that English allows.
ALLOWED_DOUBLES = frozenset({"had", "that", "is", "do", "bye", "no", "yeah", "very", "so", "far", "knock", "chop"})

_DOUBLED_RE = regex.compile(r"(?<![\p{L}\p{N}'’-])(\p{L}+)([ \t]*\n?[ \t]*|[ \t]+)(\1)(?![\p{L}\p{N}'’-])", regex.I)
_REPEATED_RE = regex.compile(r"(,{2,}|;{2,}|(?<![.])\.\.(?![.\w/])|\?{2,}|!{2,})")
_ENUMERATOR_RE = regex.compile(r"(?:^|[\s(])(?:\d{1,2}|[a-z])\)")
_PAIRS = {"(": ")", "[": "]"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}


class CoreCheck:
    """Doubled words, repeated punctuation and unbalanced quotation marks or brackets."""

    rules = (DOUBLED_WORD, REPEATED_PUNCTUATION, UNBALANCED)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def run(self, doc: Document) -> Iterator[Finding]:
        yield from self._doubled(doc)
        yield from self._repeated(doc)
        yield from self._unbalanced(doc)

    def _doubled(self, doc: Document) -> Iterator[Finding]:
        for m in _DOUBLED_RE.finditer(doc.prose):
            first, second = m.group(1), m.group(3)
            if first.lower() in ALLOWED_DOUBLES or second[0].isupper():
                continue  # allowed in English, or a name (Duran Duran)
            if "\n\n" in m.group(2):
                continue
            yield finding(DOUBLED_WORD, m.start(), m.end(), [keep_case(first, first)])

    def _repeated(self, doc: Document) -> Iterator[Finding]:
        for m in _REPEATED_RE.finditer(doc.prose):
            yield finding(REPEATED_PUNCTUATION, m.start(), m.end(), [m.group()[0]])

    def _unbalanced(self, doc: Document) -> Iterator[Finding]:
        prose = doc.prose
        paragraphs = doc.paragraphs
        for index, (p_start, p_end) in enumerate(paragraphs):
            text = prose[p_start:p_end]
            next_opens = index + 1 < len(paragraphs) and prose[paragraphs[index + 1][0]] in "\"“"
            yield from self._unbalanced_quotes(text, p_start, next_opens)
            yield from self._unbalanced_brackets(text, p_start)

    def _unbalanced_quotes(self, text: str, base: int, next_opens: bool) -> Iterator[Finding]:
        curly_open: list[int] = []
        stray_close: list[int] = []
        for i, ch in enumerate(text):
            if ch == "“":
                curly_open.append(i)
            elif ch == "”":
                if curly_open:
                    curly_open.pop()
                else:
                    stray_close.append(i)
        straight = [i for i, ch in enumerate(text) if ch == '"']
        unclosed = curly_open[-1:] + (straight[-1:] if len(straight) % 2 else [])
        if next_opens:
            unclosed = []  # a quotation running on into the next paragraph
        for i in sorted(unclosed + stray_close):
            yield finding(UNBALANCED, base + i, base + i + 1)

    def _unbalanced_brackets(self, text: str, base: int) -> Iterator[Finding]:
        enumerators = {m.end() - 1 for m in _ENUMERATOR_RE.finditer(text)}
        stack: list[tuple[str, int]] = []
        for i, ch in enumerate(text):
            if ch in _PAIRS:
                stack.append((ch, i))
            elif ch in _CLOSERS and i not in enumerators:
                if stack and stack[-1][0] == _CLOSERS[ch]:
                    stack.pop()
                else:
                    yield finding(UNBALANCED, base + i, base + i + 1)
        for _, i in stack:
            yield finding(UNBALANCED, base + i, base + i + 1)
