"""Fixes are applied as data, back to front, without touching anything else."""

from __future__ import annotations

from copydesk.findings import Applicability, Category, Finding, Severity
from copydesk.fix import apply_fixes


def _finding(start: int, end: int, matched: str, fix: str, applicability: Applicability) -> Finding:
    return Finding("x.rule", Category.STYLE, Severity.WARNING, start, end, "m", (fix,), applicability, matched)


def test_applies_safe_fixes_and_skips_unsafe_and_overlaps() -> None:
    text = "aa bb cc dd"
    findings = [
        _finding(0, 2, "aa", "A", Applicability.SAFE),
        _finding(1, 5, "a bb", "X", Applicability.SAFE),  # overlaps the first: skipped
        _finding(6, 8, "cc", "C", Applicability.UNSAFE),
        _finding(9, 11, "dd", "D", Applicability.DISPLAY),
    ]
    assert apply_fixes(text, findings) == ("A bb cc dd", 1)
    assert apply_fixes(text, findings, unsafe=True) == ("A bb C dd", 2)


def test_a_fix_whose_text_changed_is_not_applied() -> None:
    assert apply_fixes("hello", [_finding(0, 5, "jello", "x", Applicability.SAFE)]) == ("hello", 0)
