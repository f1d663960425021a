"""GitHub workflow commands: exact lines, escaping, the annotation cut-off notice and the step summary."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from copydesk.checks.core import DOUBLED_WORD, REPEATED_PUNCTUATION
from copydesk.findings import Severity
from copydesk.report import github
from copydesk.report.model import RunReport

BuildReport = Callable[..., RunReport]  # the conftest fixture

DOUBLED = DOUBLED_WORD.message
REPEATED = REPEATED_PUNCTUATION.message
CUT_HEAD = "::notice::copydesk: GitHub shows at most 10 errors, 10 warnings and 10 notices per step, so "
CUT_TAIL = (
    "annotations are not shown. All are listed in this step's log; "
    "run `copydesk check` locally, or use --output-format sarif for the full report."
)


def test_path_with_comma_and_colon_is_escaped_exactly(build_report: BuildReport) -> None:
    report = build_report(("news/a,b:c.txt", "We saw the the cat,, there.\n"))
    assert github.render(report).splitlines() == [
        "::error file=news/a%2Cb%3Ac.txt,line=1,col=8,endLine=1,endColumn=15,"
        f"title=copydesk (core.doubled-word)::{DOUBLED} → the",
        "::warning file=news/a%2Cb%3Ac.txt,line=1,col=19,endLine=1,endColumn=21,"
        f"title=copydesk (core.repeated-punctuation)::{REPEATED} → ,",
    ]


def test_message_percent_and_newlines_are_escaped(build_report: BuildReport) -> None:
    report = build_report(("story.txt", "We saw the the cat.\n"))
    f = report.results[0].findings[0]
    report.results[0].findings[0] = dataclasses.replace(f, message="100% sure:\r\nsecond line, really", suggestions=())
    assert github.render(report) == (
        "::error file=story.txt,line=1,col=8,endLine=1,endColumn=15,title=copydesk (core.doubled-word)::"
        "100%25 sure:%0D%0Asecond line, really\n"
    )


def test_escape_functions() -> None:
    assert github.escape_data("50%\r\n: ,") == "50%25%0D%0A: ,"
    assert github.escape_property("50%\r\n: ,") == "50%25%0D%0A%3A %2C"
    assert github.escape_property("%3A") == "%253A"  # escaped once, never twice


def test_columns_count_utf16_units(build_report: BuildReport) -> None:
    report = build_report(("story.txt", "Intro.\r\nCafé 😀 the the end.\r\n"))
    assert github.render(report) == (
        "::error file=story.txt,line=2,col=9,endLine=2,endColumn=16,"
        f"title=copydesk (core.doubled-word)::{DOUBLED} → the\n"
    )


def test_multiline_span_has_no_columns(build_report: BuildReport) -> None:
    report = build_report(("story.txt", "He went to\nto the border.\n"))
    assert github.render(report) == (
        f"::error file=story.txt,line=1,endLine=2,title=copydesk (core.doubled-word)::{DOUBLED} → to\n"
    )


def test_unreadable_file_is_an_error_annotation(build_report: BuildReport) -> None:
    report = build_report(errors={"./bin/x.txt": "binary file (contains NUL bytes)"})
    assert github.render(report) == (
        "::error file=bin/x.txt,title=copydesk::could not be checked: binary file (contains NUL bytes)\n"
    )


def test_ten_errors_fit_and_need_no_notice(build_report: BuildReport) -> None:
    report = build_report(("story.txt", "We saw the the cat.\n" * 10))
    lines = github.render(report).splitlines()
    assert len(lines) == 10
    assert all(line.startswith("::error ") for line in lines)


def test_cut_off_notice_follows_more_than_ten_errors(build_report: BuildReport) -> None:
    report = build_report(("story.txt", "We saw the the cat.\n" * 12 + "They left,, at once.\n"))
    lines = github.render(report).splitlines()
    assert len(lines) == 14
    assert [line.split(" ", 1)[0] for line in lines[:13]] == ["::error"] * 12 + ["::warning"]
    assert lines[11].startswith("::error file=story.txt,line=12,col=8,")
    assert lines[-1] == f"{CUT_HEAD}2 of 13 {CUT_TAIL}"


def test_cut_off_notice_goes_first_when_notices_are_full(build_report: BuildReport) -> None:
    report = build_report(("story.txt", "We saw the the cat.\n" * 11), severity={"core.doubled-word": Severity.INFO})
    lines = github.render(report).splitlines()
    assert len(lines) == 12
    # As the 12th notice it would itself be dropped; first, it takes a slot and leaves 9 for findings.
    assert lines[0] == f"{CUT_HEAD}2 of 11 {CUT_TAIL}"
    assert all(line.startswith("::notice file=story.txt,") for line in lines[1:])


def test_step_summary_is_appended_markdown(build_report: BuildReport, tmp_path: Path) -> None:
    report = build_report(
        ("news/a|b.txt", "We saw the the cat,, there.\nThe the end came.\n"),
        ("ok.txt", "All fine.\n"),
        errors={"gone.txt": "no such file"},
    )
    summary = tmp_path / "summary.md"
    summary.write_text("# Earlier step\n", encoding="utf-8")
    github.write_step_summary(report, str(summary))
    assert summary.read_text(encoding="utf-8") == (
        "# Earlier step\n"
        "## copydesk\n"
        "\n"
        "3 findings in 3 files; 1 file could not be checked.\n"
        "\n"
        "| Rule | Severity | Findings |\n"
        "| --- | --- | ---: |\n"
        "| `core.doubled-word` | error | 2 |\n"
        "| `core.repeated-punctuation` | warning | 1 |\n"
        "\n"
        "### First 3 findings\n"
        "\n"
        "| Where | Rule | Message |\n"
        "| --- | --- | --- |\n"
        f"| news/a\\|b.txt:1:8 | `core.doubled-word` | {DOUBLED} → the |\n"
        f"| news/a\\|b.txt:1:19 | `core.repeated-punctuation` | {REPEATED} → , |\n"
        f"| news/a\\|b.txt:2:1 | `core.doubled-word` | {DOUBLED} → The |\n"
        "\n"
        "### Could not be checked\n"
        "\n"
        "- gone.txt: no such file\n"
    )


def test_step_summary_lists_only_the_first_findings(build_report: BuildReport) -> None:
    report = build_report(("story.txt", "We saw the the cat.\n" * 25))
    markdown = github.summary_markdown(report)
    assert "### First 20 findings" in markdown
    assert markdown.count("| story.txt:") == 20
    assert markdown.endswith(
        "\n5 more: run `copydesk check` locally, or use --output-format sarif for the full report.\n"
    )
