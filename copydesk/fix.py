"""Apply fixes as data: non-overlapping edits, back to front, in source offsets."""

from __future__ import annotations

from collections.abc import Iterable

from copydesk.findings import Applicability, Finding


def fixable(f: Finding, unsafe: bool) -> bool:
    """True when `--fix` (with `--unsafe-fixes` if `unsafe`) may apply this finding."""
    if not f.suggestions:
        return False
    return f.fix is Applicability.SAFE or (unsafe and f.fix is Applicability.UNSAFE)


def apply_fixes(text: str, findings: Iterable[Finding], unsafe: bool = False) -> tuple[str, int]:
    """The text with every applicable fix made, skipping any that overlaps one already made."""
    chosen = sorted((f for f in findings if fixable(f, unsafe)), key=lambda f: (f.start, f.end))
    edits: list[Finding] = []
    last_end = -1
    for f in chosen:
        if f.start >= last_end and text[f.start : f.end] == f.matched:
            edits.append(f)
            last_end = max(f.end, f.start + 1)
    for f in reversed(edits):
        text = text[: f.start] + f.suggestions[0] + text[f.end :]
    return text, len(edits)
