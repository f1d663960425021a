"""Weekdays against the calendar: "Monday, June 30, 2019" when June 30, 2019 was a Sunday.

A weekday named with a date must be that date's weekday. A date without a year may mean the last
such day on or before the story's date or, within about six months, the next one after it
(see `calendar.readings`): it is flagged when none of them has the weekday, and with no story
date it is left alone. A weekday tied to
"today", "yesterday" or "tomorrow" must be that day of a dated story.
A bare weekday ("said on Tuesday") always names one of the seven days before the story date,
so on its own it cannot contradict it and is never flagged.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import regex

from copydesk import patterns
from copydesk.checks.base import finding, keep_case
from copydesk.findings import Applicability, Category, Finding, Severity
from copydesk.news import calendar
from copydesk.news.story import Story
from copydesk.rule import BadExample, Rule

WEEKDAY_DATE = Rule(
    id="news.weekday-date",
    category=Category.NEWS,
    severity=Severity.ERROR,
    message="This weekday does not fall on the date given with it.",
    why="A weekday printed beside a date must be that date's weekday; a reader with a calendar "
    "will notice, and the story loses trust. A date without a year may mean the last such day "
    "before the story's date (the dateline's, `--date` or the config's `date`) or, within about "
    "six months, the next one after it; it is flagged when none has the weekday. Either the weekday or "
    "the date may be the wrong part, so the fix (the date's real weekday) is never applied unasked.",
    fix=Applicability.UNSAFE,
    bad=(
        BadExample("The two leaders met at the border on [[Monday]], June 30, 2019.", "Sunday"),
        BadExample("Trump visited the DMZ on June 30, 2019, a [[Saturday]].", "Sunday"),
        BadExample("The vote is set for [[Wednesday]], Dec. 17, the speaker said.", "Tuesday"),
        BadExample("Britain goes to the polls on [[Friday]] 12 December.", "Thursday"),
        BadExample("The summit opened on [[Thursday]] (November 29) in Kyiv.", "Friday"),
        BadExample("The ceasefire begins on January 3, which is a [[Monday]].", "Friday"),
    ),
    good=(
        "The two leaders met at the border on Sunday, June 30, 2019.",
        "Trump visited the DMZ on June 30, 2019, a Sunday.",
        "Britain goes to the polls on Thursday 12 December.",
        "Lavrov said on Tuesday that the talks must resume.",
        "On Monday, March 3 protesters were hurt in the capital.",
        "Talks are planned for Monday, June 30-July 2.",
    ),
    origin=__name__,
    example_config={"date": "2019-12-11"},
)

WEEKDAY_RELATIVE = Rule(
    id="news.weekday-relative",
    category=Category.NEWS,
    severity=Severity.WARNING,
    message="This weekday is not the day that 'today', 'yesterday' or 'tomorrow' names.",
    why="'Yesterday (Monday)' in a story dated Wednesday cannot both be right. The story's date "
    "comes from the dateline, `--date` or the config's `date`. Quotations are left alone: the "
    "speaker's 'today' is the day they spoke.",
    fix=Applicability.UNSAFE,
    bad=(
        BadExample("The minister spoke yesterday ([[Monday]]) in Seoul.", "Tuesday"),
        BadExample("The envoy arrives tomorrow, [[Friday]], for two days of talks.", "Thursday"),
        BadExample("Talks end today ([[Tuesday]]) in Geneva.", "Wednesday"),
    ),
    good=(
        "The minister spoke yesterday (Tuesday) in Seoul.",
        "The envoy arrives tomorrow, Thursday, for two days of talks.",
        '"We leave tomorrow, Friday," he said on Monday.',
        "Yesterday, Monday's vote was still the talk of the capital.",
    ),
    origin=__name__,
    example_config={"date": "2019-12-11"},
)

_W = rf"(?P<weekday>{calendar.WEEKDAY_PATTERN})"
_M = rf"(?P<month>{calendar.MONTH_PATTERN})"
_D = rf"(?P<day>{calendar.DAY_PATTERN})(?![0-9\-–/:])"
_Y = rf"(?P<year>{calendar.YEAR_PATTERN})(?![0-9\-–])"
_START = r"(?<![\p{L}\p{N}])"
_END = r"(?![\p{L}\p{N}])"
# Weekday and date, in the orders copy writes them.
_WEEKDAY_DATE_RES = [
    patterns.compile(p)
    for p in (
        rf"{_START}{_W},?\s+{_M}\s+{_D}(?:,?\s+{_Y})?{_END}",  # Sunday, June 30, 2019
        rf"{_START}{_W},?\s+(?:the\s+)?{_D}(?:\s+of)?\s+{_M}(?:,?\s+{_Y})?{_END}",  # Sunday 30 June 2019
        rf"{_START}{_W}\s+\({_M}\s+{_D}(?:,?\s+{_Y})?\)",  # Saturday (September 29)
        rf"{_START}{_W}\s+\({_D}\s+{_M}(?:,?\s+{_Y})?\)",  # Saturday (29 September)
        rf"{_START}{_M}\s+{_D}(?:,\s+{_Y})?\s+\({_W}\)",  # June 30 (Sunday)
        rf"{_START}{_M}\s+{_D}(?:,\s+{_Y})?,?\s+(?:which\s+(?:was|is|will\s+be|fell\s+on|falls\s+on)\s+)?a\s+{_W}{_END}",
        rf"{_START}{_D}\s+{_M}(?:\s+{_Y})?,?\s+(?:which\s+(?:was|is|will\s+be|fell\s+on|falls\s+on)\s+)?a\s+{_W}{_END}",
    )
]
# Every pattern above and below names a weekday: copy that names none has nothing to check.
_ANY_WEEKDAY_RE = patterns.compile(calendar.WEEKDAY_PATTERN)
# Months that are also words: "on Friday, May 8 people were hurt" gives a count, not a date.
_WORD_MONTHS = ("May", "March")
_DATE_FOLLOWERS = frozenset("and at in on to as after before with the when was is will from until or".split())
_NEXT_WORD_RE = patterns.compile(r"\s+(\p{Ll}+)")

_RELATIVE = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "tomorrow": 1,
}  # fmt: skip
_REL = r"(?P<rel>today|tonight|this\s+morning|this\s+afternoon|this\s+evening|yesterday|last\s+night|tomorrow)"
_RELATIVE_RES = [
    patterns.compile(
        rf"{_START}(?i:{_REL})\s*(?:,|\()\s*{_W}(?![\p{{L}}'’])(?!\s*(?:and|or|,\s*{calendar.WEEKDAY_PATTERN}))"
    ),
    patterns.compile(rf"{_START}{_W}\s*\((?i:{_REL})\)"),
]


class WeekdayCheck:
    """Weekdays named with a date, or with today/yesterday/tomorrow, checked against the calendar."""

    rules = (WEEKDAY_DATE, WEEKDAY_RELATIVE)

    def run(self, story: Story) -> Iterator[Finding]:
        if not _ANY_WEEKDAY_RE.search(story.doc.prose):
            return
        checked: set[int] = set()
        for pattern in _WEEKDAY_DATE_RES:
            for m in pattern.finditer(story.doc.prose):
                if m.start("weekday") in checked or self._counts_not_date(story.doc.prose, m):
                    continue
                checked.add(m.start("weekday"))
                found = self._against_date(story, m)
                if found:
                    yield found
        if not story.dates:
            return
        for pattern in _RELATIVE_RES:
            for m in pattern.finditer(story.doc.prose):
                if m.start("weekday") in checked or story.doc.in_quotation(m.start(), m.end()):
                    continue
                if story.in_headline(m.start()):
                    continue
                checked.add(m.start("weekday"))
                found = self._against_story_date(story, m)
                if found:
                    yield found

    @staticmethod
    def _counts_not_date(prose: str, m: regex.Match[str]) -> bool:
        """'Friday, May 8 people...': a word-month and a day followed by a noun is no date."""
        if m["month"] not in _WORD_MONTHS or m["year"] or m.end("day") != m.end():
            return False
        after = _NEXT_WORD_RE.match(prose, m.end())
        return after is not None and after.group(1) not in _DATE_FOLLOWERS

    @staticmethod
    def _against_date(story: Story, m: regex.Match[str]) -> Finding | None:
        month, day = calendar.month_number(m["month"]), calendar.day_number(m["day"])
        named = calendar.weekday_number(m["weekday"])
        if m["year"]:
            one = calendar.make_date(int(m["year"]), month, day)
            readings = [one] if one else []
        else:
            readings = [d for anchor in story.dates for d in calendar.readings(month, day, anchor)]
        if not readings or any(d.weekday() == named for d in readings):
            return None
        right = readings[0]
        return finding(
            WEEKDAY_DATE,
            m.start("weekday"),
            m.end("weekday"),
            [keep_case(m["weekday"], calendar.WEEKDAYS[right.weekday()])],
            message=f"{_long(right)} is a {calendar.WEEKDAYS[right.weekday()]}, not a {m['weekday']}.",
        )

    @staticmethod
    def _against_story_date(story: Story, m: regex.Match[str]) -> Finding | None:
        offset = _RELATIVE[" ".join(m["rel"].lower().split())]
        named = calendar.weekday_number(m["weekday"])
        days = [anchor + timedelta(days=offset) for anchor in story.dates]
        if any(d.weekday() == named for d in days):
            return None
        right = calendar.WEEKDAYS[days[0].weekday()]
        return finding(
            WEEKDAY_RELATIVE,
            m.start("weekday"),
            m.end("weekday"),
            [right],
            message=f"'{m['rel']}' is {right}, {_long(days[0])}, in a story dated {_long(story.dates[0])}.",
        )


def _long(day: date) -> str:
    return f"{calendar.MONTHS[day.month - 1]} {day.day}, {day.year}"
