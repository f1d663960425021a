"""GitHub Actions workflow commands (`::error file=…::message`), shown as annotations on the diff.

GitHub turns at most 10 errors, 10 warnings and 10 notices of one step into annotations (the
first ones; every command is still printed in the step's log), so `render` says how many were
cut and where the full report is. `write_step_summary` adds a Markdown summary to the job page.
"""

from __future__ import annotations

from collections import Counter

from copydesk.findings import Finding, Severity
from copydesk.report.fingerprint import normalise_path
from copydesk.report.model import RunReport, error_text
from copydesk.report.positions import LineIndex

ANNOTATION_LIMIT = 10  # per kind (error, warning, notice) and step
SUMMARY_FINDINGS = 20  # findings listed in the step summary
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
FULL_REPORT_HINT = "run `copydesk check` locally, or use --output-format sarif for the full report"


def escape_data(text: str) -> str:
    """A workflow command's message, escaped as the runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value (file, title), escaped as the runner unescapes it."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties: str | int) -> str:
    """One workflow command line: `::kind key=value,…::message`, everything escaped."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{kind}{' ' + props if props else ''}::{escape_data(message)}"


def _message(f: Finding) -> str:
    if not f.suggestions:
        return f.message
    return f"{f.message} → {', '.join(f.suggestions[:3])}"


def annotation(path: str, f: Finding, index: LineIndex) -> str:
    """The workflow command for one finding; columns in UTF-16 units, and only on a one-line span.

    GitHub ignores columns of an annotation that spans several lines, so they are left out there.
    """
    line, _ = index.line_col(f.start)
    end_line, _ = index.line_col(f.end)
    one_line = end_line == line
    properties: dict[str, str | int | None] = {
        "file": normalise_path(path),
        "line": line,
        "col": index.utf16_column(f.start) if one_line else None,
        "endLine": end_line,
        "endColumn": index.utf16_column(f.end) if one_line else None,
        "title": f"copydesk ({f.rule})",
    }
    return command(COMMANDS[f.severity], _message(f), **{k: v for k, v in properties.items() if v is not None})


def _cut_notice(counts: Counter[str], total: int) -> tuple[str | None, bool]:
    """The notice about annotations GitHub drops, and whether it must go first to be shown itself."""
    over = {kind: max(0, counts[kind] - ANNOTATION_LIMIT) for kind in ("error", "warning", "notice")}
    if not sum(over.values()):
        return None, False
    first = counts["notice"] >= ANNOTATION_LIMIT  # as the 11th notice it would be dropped too
    if first:
        over["notice"] = counts["notice"] - (ANNOTATION_LIMIT - 1)
    cut = sum(over.values())
    message = (
        f"copydesk: GitHub shows at most {ANNOTATION_LIMIT} errors, {ANNOTATION_LIMIT} warnings and "
        f"{ANNOTATION_LIMIT} notices per step, so {cut} of {total} annotations are not shown. "
        f"All are listed in this step's log; {FULL_REPORT_HINT}."
    )
    return command("notice", message), first


def render(report: RunReport) -> str:
    """The report as GitHub Actions workflow commands, one per finding or unreadable file."""
    lines: list[str] = []
    counts: Counter[str] = Counter()
    for result in report.results:
        if result.error:
            message = error_text(result)
            lines.append(command("error", message, file=normalise_path(result.path), title="copydesk"))
            counts["error"] += 1
        index = LineIndex(result.source.text if result.source else "")
        for f in result.findings:
            lines.append(annotation(result.path, f, index))
            counts[COMMANDS[f.severity]] += 1
    lines.extend(report.notes)
    notice, first = _cut_notice(counts, sum(counts.values()))
    if notice and first:
        lines.insert(0, notice)
    elif notice:
        lines.append(notice)
    return "".join(line + "\n" for line in lines)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|").replace("`", "'")


def summary_markdown(report: RunReport) -> str:
    """A Markdown summary of the run: counts per rule and the first findings."""
    files = len(report.results)
    out = ["## copydesk", ""]
    n = report.findings_count
    headline = f"{n or 'No'} finding{'s' * (n != 1)} in {files} file{'s' * (files != 1)}"
    if report.errors_count:
        headline += f"; {report.error_summary}"
    out += [headline + ".", ""]
    per_rule: Counter[str] = Counter()
    loudest: dict[str, Severity] = {}
    for r in report.results:
        for f in r.findings:
            per_rule[f.rule] += 1
            if f.rule not in loudest or f.severity.rank > loudest[f.rule].rank:
                loudest[f.rule] = f.severity
    if per_rule:
        out += ["| Rule | Severity | Findings |", "| --- | --- | ---: |"]
        out += [f"| `{_cell(rule)}` | {loudest[rule].value} | {count} |" for rule, count in per_rule.most_common()]
        out += ["", f"### First {min(n, SUMMARY_FINDINGS)} findings", ""]
        out += ["| Where | Rule | Message |", "| --- | --- | --- |"]
        shown = 0
        for r in report.results:
            index = LineIndex(r.source.text if r.source else "")
            for f in r.findings[: SUMMARY_FINDINGS - shown]:
                line, col = index.line_col(f.start)
                out.append(f"| {_cell(r.path)}:{line}:{col} | `{_cell(f.rule)}` | {_cell(_message(f))} |")
                shown += 1
        if n > shown:
            out += ["", f"{n - shown} more: {FULL_REPORT_HINT}."]
    errors = [r for r in report.results if r.error]
    if errors:
        out += ["", "### Could not be checked", ""]
        out += [f"- {_cell(r.path)}: {_cell(r.error or '')}" for r in errors]
    return "\n".join(out) + "\n"


def write_step_summary(report: RunReport, path: str) -> None:
    """Append the Markdown summary to the file GitHub names in $GITHUB_STEP_SUMMARY."""
    with open(path, "a", encoding="utf-8") as f:
        f.write(summary_markdown(report))
