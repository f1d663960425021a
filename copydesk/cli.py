"""The `copydesk` command line (typer). Heavy modules are imported inside the commands."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from copydesk import __version__

app = typer.Typer(
    help="Proofread news copy: typos, real-word slips, names, grammar and house style.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(str, Enum):
    full = "full"
    concise = "concise"
    json = "json"
    sarif = "sarif"
    github = "github"
    rdjsonl = "rdjsonl"
    gitlab = "gitlab"
    junit = "junit"
    html = "html"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"copydesk {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = None,
) -> None:
    """copydesk: catch what a tired editor misses."""


def _fail(message: str) -> None:
    typer.echo(f"copydesk: {message}", err=True)
    raise typer.Exit(2)


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to check; '-' reads stdin.")],
    output_format: Annotated[OutputFormat, typer.Option("--output-format", "--format", help="Report format.")] = OutputFormat.full,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write the report to this file.")] = None,
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes in place.")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="Also apply fixes that may change meaning.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Show the fixes as a unified diff; write nothing.")] = False,
    select: Annotated[Optional[list[str]], typer.Option("--select", help="Only these rules (id, prefix or category).")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rules (id, prefix or category).")] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option("--fail-on", help="Lowest severity that fails the run.")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")] = False,
    statistics: Annotated[bool, typer.Option("--statistics", help="Count findings per rule.")] = False,
    config_file: Annotated[Optional[Path], typer.Option("--config", help="Use this config file, not the nearest one.")] = None,
    stdin_filename: Annotated[Optional[str], typer.Option("--stdin-filename", help="Name (and format) for text read from stdin.")] = None,
    color: Annotated[Optional[bool], typer.Option("--color/--no-color", help="Colour the terminal report.")] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="Check files in this many processes (default: all cores).")] = None,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="Report only findings not in this baseline.")] = None,
    write_baseline: Annotated[Optional[Path], typer.Option("--write-baseline", help="Record today's findings here.")] = None,
) -> None:
    """Check copy and report findings; with --fix, correct what is safe to correct."""
    from copydesk.config import ConfigError
    from copydesk.findings import Severity
    from copydesk.output import emit, rules_used
    from copydesk.report.model import RunReport
    from copydesk.run import Run, RunOptions, exit_code

    overrides: dict[str, object] = {}
    if select:
        overrides["select"] = tuple(select)
    if ignore:
        overrides["extend_ignore"] = tuple(ignore)
    try:
        run = Run(
            RunOptions(
                paths, config_file, overrides, fix=fix or unsafe_fixes, unsafe_fixes=unsafe_fixes, diff=diff,
                stdin_filename=stdin_filename, jobs=jobs or os.cpu_count() or 1,
            )
        )
        results = run.check_all()
        threshold = Severity(fail_on.value) if fail_on else run.settings_for(str(Path.cwd() / "x")).fail_on
    except ConfigError as e:
        _fail(str(e))
        return

    if write_baseline:
        from copydesk import baseline as baselines

        count = baselines.write(results, write_baseline)
        typer.echo(f"copydesk: recorded {count} findings in {write_baseline}", err=True)
        raise typer.Exit(2 if any(r.error for r in results) else 0)
    notes = []
    if baseline:
        from copydesk import baseline as baselines
        from copydesk.sourcefile import InputError

        try:
            dropped = baselines.apply(results, baseline, baselines.load(baseline))
        except InputError as e:
            _fail(str(e))
            return
        notes.append(f"{dropped} findings already in the baseline {baseline} were left out.")
    for result in results:
        if result.error:
            typer.echo(f"copydesk: {result.path}: {result.error}", err=True)
    report = RunReport(results, rules_used(run, results), notes)
    emit(report, output_format.value, output, color, statistics)
    raise typer.Exit(exit_code(results, threshold, exit_zero))


@app.command()
def rules(
    rule_id: Annotated[Optional[str], typer.Argument(help="Show this rule's docs and examples.")] = None,
    test: Annotated[Optional[list[Path]], typer.Option("--test", help="Run the examples of these rule packs.")] = None,
    config_file: Annotated[Optional[Path], typer.Option("--config", help="Config file with extra packs.")] = None,
) -> None:
    """List every rule, show one rule's docs, or test a rule pack's examples."""
    from copydesk import rulesdoc
    from copydesk.config import ConfigError

    try:
        code, text = rulesdoc.command(rule_id, test or [], config_file)
    except ConfigError as e:
        _fail(str(e))
        return
    typer.echo(text, nl=False)
    raise typer.Exit(code)


if __name__ == "__main__":
    app()
