"""Write a run's report where it belongs: stdout, `-o FILE`, the GitHub step summary."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from copydesk.checks.registry import checks_for
from copydesk.engine import FileResult
from copydesk.report.model import RunReport
from copydesk.rule import Rule
from copydesk.run import Run


def rules_used(run: Run, results: list[FileResult]) -> dict[str, Rule]:
    """The rules behind the run's findings, for reporters that describe them (SARIF)."""
    wanted = {f.rule for r in results for f in r.findings}
    found: dict[str, Rule] = {}
    for result in results:
        if not result.findings:
            continue
        for check in checks_for(run.settings_for(result.path)):
            for rule in check.rules:
                if rule.id in wanted:
                    found[rule.id] = rule
    return found


def render(report: RunReport, fmt: str, *, color: bool, statistics: bool) -> str:
    """The report in one output format."""
    if fmt in ("full", "concise"):
        from copydesk.report import text

        return text.render(report, concise=fmt == "concise", color=color, statistics=statistics)
    from copydesk.report.formats import FORMATS

    return FORMATS[fmt](report)


def emit(report: RunReport, fmt: str, output: Path | None, color: bool | None, statistics: bool) -> None:
    """Print diffs and the report; with --fix on stdin, the fixed text goes to stdout instead."""
    fixed_stdin = next((r.fixed_text for r in report.results if r.fixed_text is not None), None)
    use_color = color if color is not None else (output is None and fmt == "full" and sys.stdout.isatty())
    rendered = render(report, fmt, color=use_color and fmt in ("full", "concise"), statistics=statistics)
    diffs = "".join(r.diff for r in report.results)
    if diffs:
        sys.stdout.write(diffs)
    if fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        from copydesk.report import github

        github.write_step_summary(report, os.environ["GITHUB_STEP_SUMMARY"])
    if output is not None:
        output.write_text(rendered, encoding="utf-8")
    elif fixed_stdin is not None:
        sys.stdout.write(fixed_stdin)
        sys.stderr.write(rendered)
    elif use_color and fmt in ("full", "concise"):
        from rich.console import Console

        Console(highlight=False, soft_wrap=True).print(rendered, end="")
    else:
        sys.stdout.write(rendered)
