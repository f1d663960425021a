"""The `copydesk` command line (typer). Heavy modules are imported inside the commands."""

from __future__ import annotations

import contextlib
import os
import sys
from enum import StrEnum
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


class OutputFormat(StrEnum):
    full = "full"
    concise = "concise"
    json = "json"
    sarif = "sarif"
    github = "github"
    rdjsonl = "rdjsonl"
    gitlab = "gitlab"
    junit = "junit"
    html = "html"


class FailOn(StrEnum):
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
    output_format: Annotated[
        OutputFormat, typer.Option("--output-format", "--format", help="Report format.")
    ] = OutputFormat.full,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write the report to this file.")] = None,
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes in place.")] = False,
    unsafe_fixes: Annotated[
        bool, typer.Option("--unsafe-fixes", help="Also apply fixes that may change meaning.")
    ] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Show the fixes as a unified diff; write nothing.")] = False,
    select: Annotated[
        Optional[list[str]], typer.Option("--select", help="Only these rules (id, prefix or category).")
    ] = None,
    ignore: Annotated[
        Optional[list[str]], typer.Option("--ignore", help="Skip these rules (id, prefix or category).")
    ] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option("--fail-on", help="Lowest severity that fails the run.")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")] = False,
    statistics: Annotated[bool, typer.Option("--statistics", help="Count findings per rule.")] = False,
    config_file: Annotated[
        Optional[Path], typer.Option("--config", help="Use this config file, not the nearest one.")
    ] = None,
    stdin_filename: Annotated[
        Optional[str], typer.Option("--stdin-filename", help="Name (and format) for text read from stdin.")
    ] = None,
    color: Annotated[Optional[bool], typer.Option("--color/--no-color", help="Colour the terminal report.")] = None,
    story_date: Annotated[
        Optional[str], typer.Option("--date", help="The story's date (YYYY-MM-DD) for weekday checks.")
    ] = None,
    jobs: Annotated[
        Optional[int], typer.Option("--jobs", "-j", help="Check files in this many processes (default: all cores).")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Check every file again, ignoring the findings kept for unchanged copy.")
    ] = False,
    languagetool: Annotated[
        Optional[bool], typer.Option("--languagetool/--no-languagetool", help="Use LanguageTool (default: on).")
    ] = None,
    languagetool_url: Annotated[
        Optional[str], typer.Option("--languagetool-url", help="Use this LanguageTool server.")
    ] = None,
    require_languagetool: Annotated[
        bool, typer.Option("--require-languagetool", help="Exit 2 when LanguageTool cannot be used.")
    ] = False,
    baseline: Annotated[
        Optional[Path], typer.Option("--baseline", help="Report only findings not in this baseline.")
    ] = None,
    write_baseline: Annotated[
        Optional[Path], typer.Option("--write-baseline", help="Record today's findings here.")
    ] = None,
) -> None:
    """Check copy and report findings; with --fix, correct what is safe to correct."""
    from copydesk.config import ConfigError
    from copydesk.findings import Severity
    from copydesk.output import emit, rules_used
    from copydesk.report.model import RunReport, display_path
    from copydesk.rulepack import PackError
    from copydesk.run import Run, RunOptions, exit_code, one_note_per_service

    overrides: dict[str, object] = {}
    if select:
        overrides["select"] = tuple(select)
    if ignore:
        overrides["extend_ignore"] = tuple(ignore)
    if story_date:
        from datetime import date

        try:
            overrides["story_date"] = date.fromisoformat(story_date)
        except ValueError:
            _fail(f"--date must be YYYY-MM-DD, not {story_date!r}")
    lt_changes: dict[str, object] = {}
    if languagetool is not None:
        lt_changes["enabled"] = languagetool
    if languagetool_url:
        lt_changes["url"] = languagetool_url
    if require_languagetool:
        lt_changes["required"] = True
    if lt_changes:
        overrides["languagetool"] = lt_changes
    try:
        run = Run(
            RunOptions(
                paths,
                config_file,
                overrides,
                fix=fix or unsafe_fixes,
                unsafe_fixes=unsafe_fixes,
                diff=diff,
                stdin_filename=stdin_filename,
                jobs=jobs or os.cpu_count() or 1,
                cache=not no_cache and not os.environ.get("COPYDESK_NO_CACHE"),
            )
        )
        results = run.check_all()
        threshold = Severity(fail_on.value) if fail_on else run.settings_for(str(Path.cwd() / "x")).fail_on
    except (ConfigError, PackError) as e:
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
            typer.echo(f"copydesk: {display_path(result.path)}: {result.error}", err=True)
    # Only SARIF and HTML describe rules; the others skip building every check to find them.
    described = rules_used(run, results) if output_format.value in ("sarif", "html") else {}
    report = RunReport(results, described, notes)
    unavailable = one_note_per_service(note for r in results for note in r.notes)
    for note in unavailable:
        typer.echo(f"copydesk: {note}", err=True)
    required = run.settings_for(str(Path.cwd() / "x")).languagetool.required
    emit(report, output_format.value, output, color, statistics)
    global _report_done
    _report_done = True
    raise typer.Exit(2 if unavailable and required else exit_code(results, threshold, exit_zero))


@app.command()
def rules(
    rule_id: Annotated[Optional[str], typer.Argument(help="Show this rule's docs and examples.")] = None,
    test: Annotated[Optional[list[Path]], typer.Option("--test", help="Run the examples of these rule packs.")] = None,
    config_file: Annotated[Optional[Path], typer.Option("--config", help="Config file with extra packs.")] = None,
) -> None:
    """List every rule, show one rule's docs, or test a rule pack's examples."""
    from copydesk import rulesdoc
    from copydesk.config import ConfigError
    from copydesk.rulepack import PackError

    try:
        code, text = rulesdoc.command(rule_id, test or [], config_file)
    except (ConfigError, PackError) as e:
        _fail(str(e))
        return
    typer.echo(text, nl=False)
    raise typer.Exit(code)


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Repository folder to set up.")] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing copydesk.toml.")] = False,
) -> None:
    """Write a starter copydesk.toml and print the pre-commit snippet."""
    from copydesk.init import init as write_init

    code, text = write_init(folder, force)
    typer.echo(text, nl=False, err=code != 0)
    raise typer.Exit(code)


@app.command()
def learn(
    archives: Annotated[list[Path], typer.Argument(help="Folders or files of published copy (.txt .md .html .jsonl).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the house model (SQLite).")],
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="Processes to use (default: all cores).")] = None,
    update: Annotated[bool, typer.Option("--update", help="Add to an existing model instead of replacing it.")] = False,
) -> None:
    """Learn a house model from the archive: vocabulary, preferred variants and n-gram counts."""
    from copydesk.learn import learn as learn_model

    def progress(done: int, total: int) -> None:
        typer.echo(f"\rcopydesk learn: {done}/{total} files", nl=False, err=True)

    code, message = learn_model(archives, out, jobs=jobs or os.cpu_count() or 1, update=update, progress=progress)
    typer.echo("", err=True)
    typer.echo(message, err=code != 0)
    raise typer.Exit(code)


languagetool_app = typer.Typer(help="Install and run the LanguageTool server copydesk uses.", no_args_is_help=True)
app.add_typer(languagetool_app, name="languagetool")


def _lt_result(result: tuple[int, str]) -> None:
    code, message = result
    typer.echo(message, err=code != 0)
    raise typer.Exit(code)


@languagetool_app.command("install")
def languagetool_install() -> None:
    """Build LanguageTool from Maven Central (needs Java 17 and Maven); once per machine."""
    from copydesk.languagetool.commands import cmd_install

    _lt_result(cmd_install())


@languagetool_app.command("start")
def languagetool_start(
    port: Annotated[Optional[int], typer.Option("--port", help="Port on 127.0.0.1 (default: a free one).")] = None,
    idle_timeout: Annotated[float, typer.Option("--idle-timeout", help="Stop after this many idle seconds.")] = 1800,
) -> None:
    """Start the shared background server (installs first if needed)."""
    from copydesk.languagetool.commands import cmd_start

    _lt_result(cmd_start(port, idle_timeout))


@languagetool_app.command("stop")
def languagetool_stop() -> None:
    """Stop the background server."""
    from copydesk.languagetool.commands import cmd_stop

    _lt_result(cmd_stop())


@languagetool_app.command("status")
def languagetool_status() -> None:
    """Say whether the background server is running, and where."""
    from copydesk.languagetool.commands import cmd_status

    _lt_result(cmd_status())


# Set by `check` once its report is out and every file it wrote is closed (fixes, reports and
# cache entries are each closed or committed as they are written).
_report_done = False


def _exit_now(code: object) -> None:
    """End the process without the interpreter's teardown, which frees the word lists' millions
    of objects one by one: 40 to 60 ms, a tenth of checking a short story. Exit handlers
    (the compiled-pattern cache) still run, and the standard streams are flushed."""
    import atexit

    atexit._run_exitfuncs()
    status = code if isinstance(code, int) else 0 if code is None else 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):
            pass  # a reader that went away (`| head`), or a stream already closed
        except OSError as e:  # a full disk: the report is not whole, so the run failed
            with contextlib.suppress(OSError):
                os.write(2, f"copydesk: could not write the report ({e.strerror or e})\n".encode())
            status = 2
    os._exit(status)


def entry() -> None:
    """The `copydesk` command: a crash is one line and exit 2, never a traceback CI reads as findings."""
    try:
        app()
    except SystemExit as e:
        # Not under a profiler or tracer (cProfile, pyinstrument, coverage): they report after this.
        if _report_done and sys.getprofile() is None and sys.gettrace() is None:
            _exit_now(e.code)
        raise
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except Exception as e:  # a bug in copydesk; the file-level guard in run.py catches most
        if os.environ.get("COPYDESK_DEBUG"):
            raise
        typer.echo(f"copydesk: internal error ({type(e).__name__}: {e}); please report it", err=True)
        raise SystemExit(2) from None


if __name__ == "__main__":
    entry()
