"""The data every reporter reads: the results of one run, in command-line order."""

from __future__ import annotations

from dataclasses import dataclass, field

from copydesk.engine import FileResult
from copydesk.rule import Rule


@dataclass
class RunReport:
    """Results of one `copydesk check`, plus the rules that produced its findings."""

    results: list[FileResult]
    rules: dict[str, Rule] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def findings_count(self) -> int:
        return sum(len(r.findings) for r in self.results)

    @property
    def errors_count(self) -> int:
        return sum(1 for r in self.results if r.error)
