"""The data every reporter reads: the results of one run, in command-line order."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field

from copydesk.engine import FileResult
from copydesk.rule import Rule


@dataclass
class RunReport:
    """Results of one `copydesk check`, plus the rules that produced its findings."""

    results: list[FileResult]
    rules: dict[str, Rule] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Every report is UTF-8 text; a file name that is not (an old share, a zip) is shown with U+FFFD.
        self.results = [dataclasses.replace(r, path=display_path(r.path)) for r in self.results]

    @property
    def findings_count(self) -> int:
        return sum(len(r.findings) for r in self.results)

    @property
    def errors_count(self) -> int:
        return sum(1 for r in self.results if r.error)

    @property
    def error_summary(self) -> str:
        """ "2 files could not be checked", "1 file could not be fixed", both, or ""."""
        unread = sum(1 for r in self.results if r.error and r.source is None)
        unwritten = self.errors_count - unread
        parts = [
            f"{n} file{'s' * (n != 1)} could not be {what}"
            for n, what in ((unread, "checked"), (unwritten, "fixed"))
            if n
        ]
        return "; ".join(parts)


def error_text(result: FileResult) -> str:
    """What went wrong with a file: unreadable, or read and checked but its fixes not written."""
    if result.source is None:
        return f"could not be checked: {result.error}"
    return f"was checked, but {result.error}"


def display_path(path: str) -> str:
    """The path as valid Unicode: undecodable bytes (kept as surrogates by Python) become U+FFFD."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "replace")
    return path
