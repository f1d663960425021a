"""Inline suppressions written in the copy: `<!-- copydesk: ignore RULE -->` and friends.

- `copydesk: ignore [RULE ...]`   the next block (paragraph, heading, list item, cell)
- `copydesk: disable [RULE ...]`  from here until `copydesk: enable` (or the end)
- `copydesk: ignore-file`         the whole file
RULE may be a rule id or a prefix (`house.`, `lt.`); no rule means every rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import regex

from copydesk import patterns

if TYPE_CHECKING:
    from copydesk.document import Document

_DIRECTIVE_RE = patterns.compile(r"^\s*copydesk:\s*(ignore-file|ignore|disable|enable)\b\s*(.*?)\s*$", regex.S)


@dataclass
class Suppression:
    """Rules silenced over a prose range; `used` is set when it silences a finding."""

    start: int
    end: int
    rules: frozenset[str] | None
    source_offset: int
    used: bool = False

    def covers(self, rule: str, start: int) -> bool:
        if not self.start <= start < self.end:
            return False
        return self.rules is None or any(rule == r or rule.startswith(r) for r in self.rules)


@dataclass
class Directives:
    """Collects directives while a format builds prose, then resolves their ranges."""

    pending_ignores: list[tuple[int, frozenset[str] | None, int]] = field(default_factory=list)
    open_disables: list[tuple[int, frozenset[str] | None, int]] = field(default_factory=list)
    done: list[Suppression] = field(default_factory=list)
    ignore_file: bool = False

    def feed(self, comment: str, prose_offset: int, src_offset: int, path: str) -> None:
        m = _DIRECTIVE_RE.match(comment)
        if not m:
            return
        verb, arg = m.group(1), m.group(2)
        rules = frozenset(regex.split(r"[\s,]+", arg)) if arg else None
        if verb == "ignore-file":
            self.ignore_file = True
        elif verb == "ignore":
            self.pending_ignores.append((prose_offset, rules, src_offset))
        elif verb == "disable":
            self.open_disables.append((prose_offset, rules, src_offset))
        elif verb == "enable":
            for start, r, src in self.open_disables:
                self.done.append(Suppression(start, prose_offset, r, src))
            self.open_disables = []

    def apply_to(self, doc: Document) -> None:
        """Give the document its suppression ranges (ignore covers the next block)."""
        for start, rules, src in self.pending_ignores:
            end = _end_of_next_block(doc.prose, start)
            self.done.append(Suppression(start, end, rules, src))
        for start, rules, src in self.open_disables:
            self.done.append(Suppression(start, len(doc.prose), rules, src))
        doc.suppressions = sorted(self.done, key=lambda s: s.start)
        doc.ignore_file = self.ignore_file


def _end_of_next_block(prose: str, start: int) -> int:
    pos = start
    while pos < len(prose) and prose[pos] in "\n \t":
        pos += 1
    brk = prose.find("\n\n", pos)
    return len(prose) if brk < 0 else brk
