"""News checks: datelines, weekdays against dates, names across a story, numbers, quotation marks.

The engines live in `copydesk.news` (one module per check); this is the one check the
registry knows, running them all over a `Story` worked out once per document.
"""

from __future__ import annotations

from collections.abc import Iterator

from copydesk.config import Settings
from copydesk.document import Document
from copydesk.findings import Finding
from copydesk.news.datelines import DatelineCheck
from copydesk.news.names import NameCheck
from copydesk.news.numbers import NumberCheck
from copydesk.news.quotes import QuotationCheck
from copydesk.news.story import Story
from copydesk.news.weekdays import WeekdayCheck
from copydesk.rule import Rule


class NewsCheck:
    """Datelines, weekdays, names, figures and quotation marks, checked across the whole story."""

    rules: tuple[Rule, ...] = (
        *DatelineCheck.rules,
        *WeekdayCheck.rules,
        *NameCheck.rules,
        *NumberCheck.rules,
        *QuotationCheck.rules,
    )

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.datelines = DatelineCheck(settings)
        self.weekdays = WeekdayCheck()
        self.names = NameCheck()
        self.numbers = NumberCheck(settings)
        self.quotes = QuotationCheck()

    def run(self, doc: Document) -> Iterator[Finding]:
        story = Story(doc, self.settings)
        yield from self.datelines.run(doc.prose, story.dateline)
        yield from self.weekdays.run(story)
        yield from self.names.run(story)
        yield from self.numbers.run(story)
        yield from self.quotes.run(doc)
