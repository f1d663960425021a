"""A rule: the id, docs and examples that every finding points back to.

Python checks and YAML packs both describe their rules with this type, so `copydesk rules`,
the docs and the example tests treat them alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import regex

from copydesk import patterns
from copydesk.findings import Applicability, Category, Severity

_MARK_RE = patterns.compile(r"\[\[(.*?)\]\]", regex.S)


@dataclass(frozen=True)
class BadExample:
    """Text with the expected span marked [[like this]] and the expected first suggestion."""

    text: str
    fix: str | None = None

    def parts(self) -> tuple[str, int, int]:
        """The plain text and the marked span's offsets in it."""
        m = _MARK_RE.search(self.text)
        if not m:
            raise ValueError(f"bad example has no [[marked]] span: {self.text!r}")
        plain = self.text[: m.start()] + m.group(1) + self.text[m.end() :]
        if _MARK_RE.search(plain):
            raise ValueError(f"bad example marks more than one span: {self.text!r}")
        return plain, m.start(), m.start() + len(m.group(1))


@dataclass(frozen=True)
class Rule:
    """What a rule flags, why, how loudly, and the examples that prove it."""

    id: str
    category: Category
    severity: Severity
    message: str
    why: str
    fix: Applicability = Applicability.NONE
    scope: tuple[str, ...] = ("prose", "heading", "quotation")
    bad: tuple[BadExample, ...] = ()
    good: tuple[str, ...] = ()
    origin: str = ""  # the pack file or Python module that defines it
    example_config: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def pack(self) -> str:
        return self.id.split(".", 1)[0]
