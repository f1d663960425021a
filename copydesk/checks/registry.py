"""The checks copydesk runs, built once per Settings; newsrooms add theirs by entry point.

A plug-in registers a factory `(Settings) -> Check` in the `copydesk.checks` entry point group.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from importlib.metadata import entry_points

from copydesk.checks.base import Check, CheckFactory
from copydesk.config import Settings
from copydesk.rule import Rule

# name -> "module:factory"; imported only when used, so `copydesk --help` stays fast.
BUILTIN: dict[str, str] = {
    "core": "copydesk.checks.core:CoreCheck",
    "spelling": "copydesk.checks.spelling:SpellingCheck",
    "rules": "copydesk.checks.rules:RulePackCheck",
}


def _load(target: str) -> CheckFactory:
    module, _, attr = target.partition(":")
    factory: CheckFactory = getattr(importlib.import_module(module), attr)
    return factory


def factories() -> dict[str, CheckFactory]:
    """Every check factory: the built-in ones, then plug-ins."""
    found = {name: _load(target) for name, target in BUILTIN.items()}
    for ep in entry_points(group="copydesk.checks"):
        found[ep.name] = ep.load()
    return found


@lru_cache(maxsize=32)
def checks_for(settings: Settings, names: tuple[str, ...] | None = None) -> tuple[Check, ...]:
    """The checks for these settings (all, or the named ones), built once and reused."""
    available = factories()
    chosen = names if names is not None else tuple(available)
    return tuple(available[name](settings) for name in chosen)


def all_rules(settings: Settings) -> list[Rule]:
    """Every rule of every check, sorted by id."""
    return sorted((rule for check in checks_for(settings) for rule in check.rules), key=lambda r: r.id)
