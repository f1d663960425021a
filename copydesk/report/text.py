"""Terminal reports: `full` (compiler-style, with the line and the span underlined) and `concise`."""

from __future__ import annotations

from collections import Counter

from copydesk.findings import Finding
from copydesk.fix import fixable
from copydesk.report.model import RunReport
from copydesk.report.positions import LineIndex

WINDOW = 60  # characters of context shown each side of a span on long lines
STYLES = {"error": "bold red", "warning": "bold yellow", "info": "bold blue"}


def _style(text: str, style: str, color: bool) -> str:
    if not color:
        return text
    from rich.markup import escape

    return f"[{style}]{escape(text)}[/]"


def _plain(text: str, color: bool) -> str:
    if not color:
        return text
    from rich.markup import escape

    return escape(text)


def _header(path: str, f: Finding, index: LineIndex, color: bool) -> str:
    line, col = index.line_col(f.start)
    where = _style(f"{path}:{line}:{col}:", "bold", color)
    sev = _style(f.severity.value, STYLES[f.severity.value], color)
    rule = _style(f"[{f.rule}]", "cyan", color)
    return f"{where} {sev} {rule} {_plain(f.message, color)}"


def _excerpt(f: Finding, index: LineIndex, color: bool) -> list[str]:
    line, col = index.line_col(f.start)
    text = index.line_text(line)
    start = col - 1
    end = min(len(text), start + max(1, f.end - f.start))
    lo = max(0, start - WINDOW)
    hi = min(len(text), end + WINDOW)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    shown = prefix + text[lo:hi].replace("\t", " ") + suffix
    caret_at = len(prefix) + start - lo
    gutter = f"{line:>5} | "
    underline = " " * caret_at + "^" * max(1, end - start)
    hint = f" → {f.suggestions[0]}" if f.suggestions else ""
    if len(f.suggestions) > 1:
        hint += " (or " + ", ".join(f.suggestions[1:4]) + ")"
    return [
        _plain(gutter + shown, color),
        _plain(" " * (len(gutter) - 2) + "| ", color)
        + _style(underline, STYLES[f.severity.value], color)
        + _style(hint, "green", color),
    ]


def render(report: RunReport, *, concise: bool = False, color: bool = False, statistics: bool = False) -> str:
    """The report as terminal text; rich markup when `color`, plain text otherwise."""
    out: list[str] = []
    fixable_count = 0
    for result in report.results:
        if result.error:
            out.append(_style(f"{result.path}: error: {result.error}", "bold red", color))
        index = LineIndex(result.source.text if result.source else "")
        for f in result.findings:
            fixable_count += fixable(f, unsafe=False)
            out.append(_header(result.path, f, index, color))
            if not concise:
                out.extend(_excerpt(f, index, color))
                out.append("")
    if statistics:
        out.extend(_statistics(report))
    out.extend(report.notes)
    out.append(_summary(report, fixable_count))
    return "\n".join(out) + "\n"


def _statistics(report: RunReport) -> list[str]:
    counts = Counter((f.rule, f.category.value) for r in report.results for f in r.findings)
    return [f"{n:>5}  {rule:<36} {category}" for (rule, category), n in counts.most_common()]


def _summary(report: RunReport, fixable_count: int) -> str:
    files = len(report.results)
    n = report.findings_count
    fixed = sum(r.fixed for r in report.results)
    parts = []
    if fixed:
        parts.append(f"Fixed {fixed} finding{'s' * (fixed != 1)}.")
    if n:
        line = f"Found {n} finding{'s' * (n != 1)} in {files} file{'s' * (files != 1)}"
        if fixable_count:
            line += f" ({fixable_count} fixable with --fix)"
        parts.append(line + ".")
    else:
        parts.append(f"All clear: {files} file{'s' * (files != 1)} checked, no findings.")
    if report.errors_count:
        parts.append(report.error_summary[:1].upper() + report.error_summary[1:] + ".")
    return " ".join(parts)
