"""One place that turns the checks' raw findings into the findings a user sees.

Maps prose spans to source spans, keeps fixes only where the source says exactly what the
prose says, merges overlapping findings (the more specific check wins), and applies the
selection, per-file ignores, inline suppressions and severity overrides.
"""

from __future__ import annotations

import bisect
import fnmatch
import itertools
from collections.abc import Iterable
from pathlib import Path

from copydesk import patterns
from copydesk.config import Settings
from copydesk.directives import Suppression
from copydesk.document import Document
from copydesk.findings import Applicability, Finding
from copydesk.selection import selected


def specificity(rule: str) -> int:
    """Hand-written rules beat statistical checks, which beat LanguageTool's generic rules."""
    if rule.startswith("lt."):
        return 0
    if rule.startswith(("spelling.", "realword.")):
        return 1
    return 2


_GRAPHEME_RE = patterns.compile(r"\X")


def on_grapheme_boundary(text: str, i: int) -> bool:
    """True unless `i` falls inside a user-perceived character (e + accent, an emoji with skin tone, CRLF)."""
    if i <= 0 or i >= len(text):
        return True
    before, after = text[i - 1], text[i]
    if before < "\x80" and after < "\x80":
        return not (before == "\r" and after == "\n")
    for m in _GRAPHEME_RE.finditer(text, max(0, i - 32), min(len(text), i + 32)):
        if m.end() >= i:
            return m.end() == i or m.start() == i
    return True


def _to_source(doc: Document, f: Finding) -> Finding:
    start, end = doc.source_span(f.start, f.end)
    mapped = f.with_span(start, end, doc.source[start:end])
    if f.fix in (Applicability.SAFE, Applicability.UNSAFE) and not (
        doc.is_verbatim(f.start, f.end)
        and on_grapheme_boundary(doc.source, start)
        and on_grapheme_boundary(doc.source, end)
    ):
        # Markup inside the span, or a fix that would split a character: show, never apply.
        mapped = mapped.with_fix(Applicability.DISPLAY)
    return mapped


class _Spans:
    """Kept spans, answering "does this span overlap any of them?" in O(log n)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.max_end: list[int] = list(itertools.accumulate((e for _, e in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        if start == end and self._starts_at(start):
            return True  # an insertion point where a kept span begins
        before = bisect.bisect_left(self.starts, end)  # kept spans starting before `end`
        return before > 0 and self.max_end[before - 1] > start

    def _starts_at(self, point: int) -> bool:
        i = bisect.bisect_left(self.starts, point)
        return i < len(self.starts) and self.starts[i] == point


def _drop_overlapped(findings: list[Finding]) -> list[Finding]:
    """Of overlapping findings keep the most specific; of equally specific ones with one span, the first.

    Tier by tier, most specific first: a finding is dropped when it overlaps a span kept from a
    more specific tier, or repeats the exact span of one kept from its own tier.
    """
    tiers: dict[int, list[tuple[int, Finding]]] = {}
    for index, f in enumerate(findings):
        tiers.setdefault(specificity(f.rule), []).append((index, f))
    kept: list[tuple[int, Finding]] = []
    for tier in sorted(tiers, reverse=True):
        stronger = _Spans((f.start, f.end) for _, f in kept)
        same_tier: set[tuple[int, int]] = set()
        for index, f in tiers[tier]:
            if (f.start, f.end) in same_tier or stronger.overlaps(f.start, f.end):
                continue
            same_tier.add((f.start, f.end))
            kept.append((index, f))
    return [f for _, f in sorted(kept, key=lambda item: item[0])]


def _suppressed(f: Finding, prose_start: int, suppressions: Iterable[Suppression]) -> bool:
    hit = False
    for s in suppressions:
        if s.covers(f.rule, prose_start):
            s.used = True
            hit = True
    return hit


def _file_ignores(path: str, settings: Settings) -> tuple[str, ...]:
    if not settings.per_file_ignores:
        return ()
    name = Path(path)
    try:
        relative = str(name.resolve().relative_to(settings.root)) if settings.root else str(name)
    except ValueError:
        relative = str(name)
    rules: list[str] = []
    for pattern, ignored in settings.per_file_ignores.items():
        if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(name.name, pattern):
            rules.extend(ignored)
    return tuple(rules)


def resolve(doc: Document, raw: Iterable[Finding], settings: Settings) -> list[Finding]:
    """The findings to report for `doc`, in source order with source spans."""
    if doc.ignore_file:
        return []
    ignore = settings.ignore + _file_ignores(doc.path, settings)
    kept = []
    for f in raw:
        if _suppressed(f, f.start, doc.suppressions):  # first, so every use of a suppression counts
            continue
        if selected(f.rule, f.category.value, settings.select, ignore):
            kept.append(f)
    mapped = [_to_source(doc, f) for f in kept]
    overrides = settings.severity
    if overrides:
        mapped = [f.with_severity(overrides[f.rule]) if f.rule in overrides else f for f in mapped]
    return sorted(_drop_overlapped(mapped), key=lambda f: (f.start, f.end, f.rule))
