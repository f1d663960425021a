"""Reports built from real engine results, with only the core checks so the findings are exact."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from copydesk.checks import registry
from copydesk.checks.core import CoreCheck
from copydesk.config import Settings
from copydesk.engine import FileResult, check_source
from copydesk.report.model import RunReport
from copydesk.sourcefile import SourceFile

BuildReport = Callable[..., RunReport]


@pytest.fixture
def build_report(monkeypatch: pytest.MonkeyPatch) -> Iterator[BuildReport]:
    """`build_report((path, text), …, errors={path: reason}, with_rules=True, **settings)`.

    Runs the real engine (core checks only, so other checks cannot add findings) on each text and
    fills `rules` the way the CLI does: every rule that produced a finding.
    """
    monkeypatch.setattr(registry, "BUILTIN", {"core": registry.BUILTIN["core"]})
    monkeypatch.setattr(registry, "_plugins", lambda: ())

    def build(
        *files: tuple[str, str], errors: dict[str, str] | None = None, with_rules: bool = True, **settings: Any
    ) -> RunReport:
        config = Settings(**settings)
        results = [check_source(SourceFile(path, text), config) for path, text in files]
        results += [FileResult(path, error=reason) for path, reason in (errors or {}).items()]
        used = {f.rule for r in results for f in r.findings}
        rules = {rule.id: rule for rule in CoreCheck.rules if rule.id in used} if with_rules else {}
        return RunReport(results, rules)

    yield build
