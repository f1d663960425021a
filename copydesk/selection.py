"""Which rules run: `--select`/`--ignore` by rule id, id prefix or category name."""

from __future__ import annotations

from collections.abc import Iterable


def matches(rule: str, category: str, patterns: Iterable[str]) -> bool:
    """True when a pattern names the rule, a prefix of its id (`house`, `lt.`), or its category."""
    for p in patterns:
        if p in ("ALL", rule, category):
            return True
        prefix = p if p.endswith(".") else p + "."
        if rule.startswith(prefix):
            return True
    return False


def selected(rule: str, category: str, select: Iterable[str], ignore: Iterable[str]) -> bool:
    """A rule runs when selected (everything is, by default) and not ignored."""
    select = tuple(select)
    if select and not matches(rule, category, select):
        return False
    return not matches(rule, category, ignore)
