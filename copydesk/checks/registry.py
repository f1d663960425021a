"""The checks copydesk runs, built once per Settings; newsrooms add theirs by entry point.

A plug-in registers a factory `(Settings) -> Check` in the `copydesk.checks` entry point group.
Built-in checks say which rule ids and categories they can produce, so a run narrowed with
`--select` never loads a check (and its word lists) that could not report anything.
"""

from __future__ import annotations

import contextlib
import importlib
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import entry_points

from copydesk.checks.base import Check, CheckFactory, CheckUnavailable
from copydesk.config import Settings
from copydesk.rule import Rule


@dataclass(frozen=True)
class CheckSpec:
    """Where a built-in check lives ("module:factory") and what it can report."""

    target: str
    prefixes: tuple[str, ...]
    categories: tuple[str, ...]

    def could_report(self, settings: Settings) -> bool:
        """False only when `--select` rules out every rule this check can produce."""
        if not settings.select:
            return True
        for pattern in settings.select:
            if pattern == "ALL" or pattern in self.categories:
                return True
            if any(pattern.startswith(prefix) or prefix.startswith(pattern) for prefix in self.prefixes):
                return True
        return False


# Imported only when used, so `copydesk --help` stays fast.
BUILTIN: dict[str, CheckSpec] = {
    "core": CheckSpec("copydesk.checks.core:CoreCheck", ("core.",), ("realword", "punctuation")),
    "spelling": CheckSpec("copydesk.checks.spelling:SpellingCheck", ("spelling.",), ("nonword", "style")),
    "grammar": CheckSpec(
        "copydesk.checks.grammar:GrammarCheck",
        ("lt.",),
        ("grammar", "nonword", "realword", "punctuation", "style", "consistency"),
    ),
    "realword": CheckSpec("copydesk.checks.realword:RealWordCheck", ("realword.",), ("realword", "consistency")),
    "news": CheckSpec("copydesk.checks.news:NewsCheck", ("news.",), ("news", "consistency")),
    "rules": CheckSpec(
        "copydesk.checks.rules:RulePackCheck",
        ("entities.", "confusions.", "ap.", "house.", ""),
        ("realword", "entity", "grammar", "style", "punctuation", "consistency", "news", "nonword"),
    ),
}


def _load(target: str) -> CheckFactory:
    module, _, attr = target.partition(":")
    factory: CheckFactory = getattr(importlib.import_module(module), attr)
    return factory


@lru_cache(maxsize=1)
def _plugins() -> tuple[CheckFactory, ...]:
    """Check factories that installed packages register in the `copydesk.checks` group."""
    return tuple(ep.load() for ep in entry_points(group="copydesk.checks"))


@lru_cache(maxsize=32)
def checks_for(settings: Settings) -> tuple[Check, ...]:
    """The checks that could report something under these settings, built once and reused."""
    checks = [_load(spec.target)(settings) for spec in BUILTIN.values() if spec.could_report(settings)]
    checks += [factory(settings) for factory in _plugins()]
    return tuple(checks)


def prepare_checks(settings: Settings) -> None:
    """Build the checks and load their data, for worker processes to inherit instead of loading it each."""
    for check in checks_for(settings):
        prepare = getattr(check, "prepare", None)
        if prepare is not None:
            with contextlib.suppress(CheckUnavailable):  # each worker meets it again: a note per file
                prepare()


def all_rules(settings: Settings) -> list[Rule]:
    """Every rule of every check, sorted by id."""
    return sorted((rule for check in checks_for(settings) for rule in check.rules), key=lambda r: r.id)
