"""One place that turns the checks' raw findings into the findings a user sees.

Maps prose spans to source spans, keeps fixes only where the source says exactly what the
prose says, merges overlapping findings (the more specific check wins), and applies the
selection, per-file ignores, inline suppressions and severity overrides.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from pathlib import Path

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


def _to_source(doc: Document, f: Finding) -> Finding:
    start, end = doc.source_span(f.start, f.end)
    mapped = f.with_span(start, end, doc.source[start:end])
    if f.fix in (Applicability.SAFE, Applicability.UNSAFE) and not doc.is_verbatim(f.start, f.end):
        mapped = mapped.with_fix(Applicability.DISPLAY)  # markup inside the span: show, never apply
    return mapped


def _drop_overlapped(findings: list[Finding]) -> list[Finding]:
    """Of overlapping findings keep the most specific; of equal ones, the first."""
    ranked = sorted(enumerate(findings), key=lambda item: (-specificity(item[1].rule), item[0]))
    kept: list[Finding] = []
    for _, f in ranked:
        clash = False
        for k in kept:
            overlap = (f.start < k.end and k.start < f.end) or (f.start == f.end == k.start)
            if overlap and (specificity(k.rule) > specificity(f.rule) or (k.start, k.end) == (f.start, f.end)):
                clash = True
                break
        if not clash:
            kept.append(f)
    return kept


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
