"""reviewdog's rdjsonl: one Diagnostic JSON object per line, for `reviewdog -f=rdjsonl`.

reviewdog counts columns in UTF-8 bytes (1-based) and its ranges end exclusively, so a finding's
half-open code-point span converts directly; an `é` before a finding moves its column by two.
"""

from __future__ import annotations

import json
from typing import Any

from copydesk.findings import Applicability, Finding, Severity
from copydesk.report.model import RunReport, error_text
from copydesk.report.positions import LineIndex

SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}
SOURCE = {"name": "copydesk"}


def position(index: LineIndex, offset: int) -> dict[str, int]:
    """A reviewdog Position: 1-based line and UTF-8 byte column of a code-point offset."""
    line, _ = index.line_col(offset)
    return {"line": line, "column": index.utf8_column(offset)}


def diagnostic(path: str, f: Finding, index: LineIndex) -> dict[str, Any]:
    """The reviewdog Diagnostic for one finding; a safe or unsafe fix becomes its suggestion."""
    span = {"start": position(index, f.start), "end": position(index, f.end)}
    offers_fix = bool(f.suggestions) and f.fix in (Applicability.SAFE, Applicability.UNSAFE)
    message = f.message
    if f.suggestions and not offers_fix:  # display-only candidates: named, never suggested as an edit
        message += f" → {', '.join(f.suggestions)}"
    out: dict[str, Any] = {
        "message": message,
        "location": {"path": path, "range": span},
        "severity": SEVERITIES[f.severity],
        "source": SOURCE,
        "code": {"value": f.rule},
    }
    if offers_fix:
        out["suggestions"] = [{"range": span, "text": f.suggestions[0]}]
    return out


def render(report: RunReport) -> str:
    """The report as rdjsonl: one diagnostic per finding, and one per file that could not be checked."""
    lines: list[dict[str, Any]] = []
    for result in report.results:
        if result.error:
            lines.append(
                {
                    "message": error_text(result),
                    "location": {"path": result.path},
                    "severity": "ERROR",
                    "source": SOURCE,
                }
            )
        index = LineIndex(result.source.text if result.source else "")
        lines.extend(diagnostic(result.path, f, index) for f in result.findings)
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
