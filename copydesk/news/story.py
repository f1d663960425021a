"""What several news checks need to know about a story: its headlines, its dateline, its date."""

from __future__ import annotations

import bisect
from datetime import date
from functools import cached_property

from copydesk import patterns
from copydesk.config import Settings
from copydesk.document import Document
from copydesk.news import calendar
from copydesk.news.datelines import Dateline, find_dateline

_TERMINAL = '.!?:;"”’)…'
# A paragraph that is only a date: "Friday, July 21, 2017" (Wikinews style), "11 December 2019".
_DATE_LINE_RE = patterns.compile(
    rf"(?:{calendar.WEEKDAY_PATTERN},?\s+)?(?:(?P<month>{calendar.MONTH_PATTERN})\s+(?P<day>{calendar.DAY_PATTERN})"
    rf"|(?P<day>{calendar.DAY_PATTERN})\s+(?P<month>{calendar.MONTH_PATTERN})),?\s+(?P<year>{calendar.YEAR_PATTERN})\.?"
)
# A month with a year ("February 2019", "June 30, 2019"): evidence of the year a story was written in.
_MONTH_YEAR_RE = patterns.compile(
    rf"(?<![\p{{L}}])(?P<month>{calendar.MONTH_PATTERN})\s+(?:{calendar.DAY_PATTERN},?\s+)?(?P<year>{calendar.YEAR_PATTERN})(?![0-9])"
)
_LEAD_PARAGRAPHS = 6  # a dateline or date line stands within the first few paragraphs
# What may stand between a sentence start and its first word.
_OPENING_MARKS = frozenset("\"“‘'([ \t\n")


class Story:
    """A document seen as a news story; everything is worked out once, when first asked for."""

    def __init__(self, doc: Document, settings: Settings) -> None:
        self.doc = doc
        self.settings = settings

    @cached_property
    def headlines(self) -> list[tuple[int, int]]:
        """Paragraphs that are headlines, standfirsts or captions: marked so, or with no closing stop."""
        return [p for p in self.doc.paragraphs if self._is_headline(p)]

    def _is_headline(self, paragraph: tuple[int, int]) -> bool:
        start, end = paragraph
        text = self.doc.prose[start:end].rstrip()
        return self.doc.region_kind(start) == "heading" or not text or text[-1] not in _TERMINAL

    @cached_property
    def _headline_starts(self) -> list[int]:
        return [start for start, _ in self.headlines]

    def in_headline(self, offset: int) -> bool:
        """True when `offset` lies in a headline-like paragraph."""
        i = bisect.bisect_right(self._headline_starts, offset) - 1
        return i >= 0 and offset < self.headlines[i][1]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [start for start, _ in self.doc.sentences]

    def opens_sentence(self, offset: int) -> bool:
        """True when only quotation marks or brackets stand between a sentence start and `offset`."""
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        start = self._sentence_starts[i] if i >= 0 else 0
        # Walk back over those marks only, not the whole sentence (a 1 MB sentence is one).
        prose, j = self.doc.prose, offset
        while j > start and prose[j - 1] in _OPENING_MARKS:
            j -= 1
        return j <= start

    @cached_property
    def body(self) -> list[tuple[int, int]]:
        """The paragraphs of running copy."""
        heads = set(self.headlines)
        return [p for p in self.doc.paragraphs if p not in heads]

    @cached_property
    def dateline(self) -> Dateline | None:
        """The dateline opening the first paragraph of copy, if the story has one."""
        if not self.body or self.body[0] not in self.doc.paragraphs[:_LEAD_PARAGRAPHS]:
            return None
        start, end = self.body[0]
        return find_dateline(self.doc.prose, start, end)

    @cached_property
    def date_line(self) -> date | None:
        """A full date standing alone at the top of the story ("Friday, July 21, 2017")."""
        for start, end in self.doc.paragraphs[:_LEAD_PARAGRAPHS]:
            m = _DATE_LINE_RE.fullmatch(self.doc.prose, start, end)
            if m:
                month, day = calendar.month_number(m["month"]), calendar.day_number(m["day"])
                return calendar.make_date(int(m["year"]), month, day)
        return None

    @cached_property
    def dates(self) -> tuple[date, ...]:
        """The story's date, best guess first; several when its year is only inferred, none when unknown.

        `--date` or the config's `date` wins, then a full date at the top. A dateline gives a
        month and day; its year is the latest year the copy attaches to an earlier month
        ("February 2019" in a story datelined December 11), give or take one.
        """
        if self.settings.story_date:
            return (self.settings.story_date,)
        if self.date_line:
            return (self.date_line,)
        line = self.dateline
        if line is None or line.month is None or line.day is None:
            return ()
        year = self._inferred_year(line.month)
        if year is None:
            return ()
        guesses = (calendar.make_date(y, line.month, line.day) for y in (year, year + 1, year - 1))
        return tuple(d for d in guesses if d)

    def _inferred_year(self, month: int) -> int | None:
        """The latest year the copy attaches to a month, when no such month comes after `month`."""
        mentions = [
            (int(m["year"]), calendar.month_number(m["month"])) for m in _MONTH_YEAR_RE.finditer(self.doc.prose)
        ]
        if not mentions:
            return None
        latest = max(year for year, _ in mentions)
        if any(year == latest and m_month > month for year, m_month in mentions):
            return None  # the latest year's month is still to come: the story may be a year earlier
        return latest

    @property
    def date_is_certain(self) -> bool:
        """True when the story's year is known, not inferred."""
        return len(self.dates) == 1
