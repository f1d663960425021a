"""GitLab's Code Quality report: a JSON array of issues for a merge request's Code Quality widget.

GitLab tells new findings from old ones by `fingerprint`, so it must survive edits elsewhere in
the story: it comes from copydesk.report.fingerprint, never from line numbers.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from copydesk.findings import Finding, Severity
from copydesk.report.fingerprint import fingerprints, normalise_path
from copydesk.report.model import RunReport, error_text
from copydesk.report.positions import LineIndex

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
INPUT_ERROR_CHECK = "copydesk.input-error"


def issue(path: str, f: Finding, index: LineIndex, fp: str) -> dict[str, Any]:
    """One Code Quality issue for a finding; `fp` is its fingerprint."""
    line, _ = index.line_col(f.start)
    description = f.message
    if f.suggestions:
        description += f" → {', '.join(f.suggestions[:3])}"
    return {
        "description": description,
        "check_name": f.rule,
        "fingerprint": fp,
        "severity": SEVERITIES[f.severity],
        "location": {"path": normalise_path(path), "lines": {"begin": line}},
    }


def input_error_issue(path: str, description: str) -> dict[str, Any]:
    """The issue for a file that could not be checked at all, or whose fixes could not be written."""
    fp = hashlib.sha256(f"{INPUT_ERROR_CHECK}\x1f{normalise_path(path)}".encode()).hexdigest()
    return {
        "description": description,
        "check_name": INPUT_ERROR_CHECK,
        "fingerprint": fp,
        "severity": "major",
        "location": {"path": normalise_path(path), "lines": {"begin": 1}},
    }


def render(report: RunReport) -> str:
    """The report as GitLab Code Quality JSON (severity: error → major, warning → minor, info → info)."""
    issues: list[dict[str, Any]] = []
    for result in report.results:
        if result.error:
            issues.append(input_error_issue(result.path, f"File {error_text(result)}"))
        text = result.source.text if result.source else ""
        index = LineIndex(text)
        fps = fingerprints(result.path, result.findings, text)
        issues.extend(issue(result.path, f, index, fp) for f, fp in zip(result.findings, fps, strict=True))
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
