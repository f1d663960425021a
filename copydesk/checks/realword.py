"""Real-word slips found by a context model (being written)."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk.config import Settings
from copydesk.document import Document
from copydesk.findings import Finding
from copydesk.rule import Rule


class RealWordCheck:
    """Placeholder until the context model lands: no rules, no findings."""

    rules: tuple[Rule, ...] = ()

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def run(self, doc: Document) -> Iterator[Finding]:
        return iter(())
