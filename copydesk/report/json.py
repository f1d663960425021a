"""The JSON report (schema version 1, as the benchmark scorer reads it)."""

from __future__ import annotations

import json
from typing import Any

from copydesk.engine import FileResult
from copydesk.findings import Finding
from copydesk.report.model import RunReport
from copydesk.report.positions import LineIndex


def finding_dict(f: Finding, index: LineIndex) -> dict[str, Any]:
    line, column = index.line_col(f.start)
    end_line, end_column = index.line_col(f.end)
    return {
        "rule": f.rule,
        "category": f.category.value,
        "severity": f.severity.value,
        "start": f.start,
        "end": f.end,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "message": f.message,
        "suggestions": list(f.suggestions),
        "fix": f.fix.value,
        "matched": f.matched,
    }


def file_dict(result: FileResult) -> dict[str, Any]:
    if result.error and result.source is None:
        return {"path": result.path, "error": result.error}
    index = LineIndex(result.source.text if result.source else "")
    entry: dict[str, Any] = {"path": result.path}
    if result.error:  # read and checked, but its fixes could not be written
        entry["error"] = result.error
    entry["findings"] = [finding_dict(f, index) for f in result.findings]
    return entry


def render(report: RunReport) -> str:
    data = {
        "version": 1,
        "files": [file_dict(r) for r in report.results],
        "summary": {"files": len(report.results), "findings": report.findings_count, "errors": report.errors_count},
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
