"""Quotation marks: one story, one kind of mark, straight ("...") or curly (“...”).

Copy pasted together from several sources mixes them. The kind most used in the story wins
(the first one used, on a tie) and every mark of the other kind is flagged with its
counterpart. Double marks and opening single marks (' against ‘) are counted apart; apostrophes are
not quotation marks and are left alone, and so are inch marks (a 40" TV).
Unclosed quotations are `core.unbalanced-marks`' business.
"""

from __future__ import annotations

from collections.abc import Iterator

from copydesk import patterns
from copydesk.checks.base import finding
from copydesk.document import Document
from copydesk.findings import Applicability, Category, Finding, Severity
from copydesk.rule import BadExample, Rule
from copydesk.textunits import QUOTE_MARK_RE

MIXED_QUOTES = Rule(
    id="news.mixed-quotes",
    category=Category.CONSISTENCY,
    severity=Severity.WARNING,
    message="Straight and curly quotation marks are mixed in this story.",
    why='A story that opens quotations with “ in one paragraph and " in the next has been pasted '
    "together or typed on two keyboards; print and the web show the difference. The kind used "
    "most in the story wins. Apostrophes and inch marks are not counted.",
    fix=Applicability.SAFE,
    bad=(
        BadExample('“We will stay,” she said.\n\n“So will we[["]] he said.', "”"),
        BadExample('"We will stay," she said. [[“]]So will we," he said.', '"'),
        BadExample("He called it ‘a farce’. She called it ‘a sham’. They said [[']]enough’.", "‘"),
    ),
    good=(
        '"We will stay," she said. "So will we," he said.',
        "“We will stay,” she said. It’s over, he said.",
        '"It\'s over," he said. North Korea’s envoy left.',
        'A 40" TV and a 32” monitor were stolen, “by two men,” police said.',
        "He called it 'a farce'. She said it’s over, and they said 'enough'.",
    ),
    origin=__name__,
)

_OPENING_CONTEXT = set(" \t\n([{—–-/")
# An opening single quotation mark: before a word, after no letter, closed later on the line
# ('em and '90s are apostrophes). Closing marks are not compared: they look like apostrophes.
_SINGLE_OPENING_RE = patterns.compile(r"(?<![\p{L}\p{N}])['‘](?=\p{L}[^\n]{0,200}?\p{L}[.,!?]?['’](?![\p{L}\p{N}]))")


def _double_marks(prose: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(offset, counterpart) of every straight and every curly double quotation mark."""
    straight: list[tuple[int, str]] = []
    curly: list[tuple[int, str]] = []
    for mark in QUOTE_MARK_RE.finditer(prose):  # not a loop over every character
        i, ch = mark.start(), mark.group()
        if ch != "“" and i > 0 and prose[i - 1].isdigit():
            continue  # an inch mark
        if ch == '"':
            opening = i == 0 or prose[i - 1] in _OPENING_CONTEXT
            straight.append((i, "“" if opening else "”"))
        else:
            curly.append((i, '"'))
    return straight, curly


def _single_marks(prose: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(offset, counterpart) of every opening single quotation mark, straight and curly."""
    straight: list[tuple[int, str]] = []
    curly: list[tuple[int, str]] = []
    for m in _SINGLE_OPENING_RE.finditer(prose):
        (straight if m.group() == "'" else curly).append((m.start(), "‘" if m.group() == "'" else "'"))
    return straight, curly


class QuotationCheck:
    """Straight and curly quotation marks in one story."""

    rules = (MIXED_QUOTES,)

    def run(self, doc: Document) -> Iterator[Finding]:
        for straight, curly in (_double_marks(doc.prose), _single_marks(doc.prose)):
            if not straight or not curly:
                continue
            curly_wins = len(curly) > len(straight) or (len(curly) == len(straight) and curly[0][0] < straight[0][0])
            minority, kind = (straight, "curly") if curly_wins else (curly, "straight")
            for offset, counterpart in minority:
                yield finding(
                    MIXED_QUOTES, offset, offset + 1, [counterpart], message=f"The story uses {kind} quotation marks."
                )
