"""The SARIF 2.1.0 report, as GitHub code scanning and other SARIF viewers read it.

Columns and character offsets are counted in UTF-16 code units (`columnKind: utf16CodeUnits`),
SARIF's default and what GitHub, VS Code's SARIF viewer and other JavaScript and .NET consumers
count in. Findings carry code-point offsets, so every position is converted here, at the edge:
an emoji before a finding moves its column by two, not one. Line and column pairs and
charOffset/charLength describe the same region in the same unit, as SARIF requires.
"""

from __future__ import annotations

import bisect
import json
import re
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from copydesk import __version__
from copydesk.findings import Applicability, Finding, Severity
from copydesk.report.fingerprint import fingerprints, normalise_path
from copydesk.report.model import RunReport, error_text
from copydesk.report.positions import LineIndex
from copydesk.rule import Rule

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/copydesk/"
FINGERPRINT_KEY = "copydesk/v1"
SRCROOT = "%SRCROOT%"  # relative URIs are relative to the checkout (GitHub code scanning's convention)

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

_WINDOWS_ABSOLUTE_RE = re.compile(r"^[A-Za-z]:[\\/]")


class Utf16Positions:
    """SARIF positions of code-point offsets in one text: UTF-16 columns and character offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = LineIndex(text)
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]  # two UTF-16 units each

    def offset(self, offset: int) -> int:
        """The 0-based UTF-16 offset of a code-point offset."""
        return offset + bisect.bisect_left(self._astral, offset)

    def region(self, start: int, end: int) -> dict[str, Any]:
        """A SARIF region for the half-open code-point span [start, end)."""
        start_line, _ = self.lines.line_col(start)
        end_line, _ = self.lines.line_col(end)
        char_offset = self.offset(start)
        return {
            "startLine": start_line,
            "startColumn": self.lines.utf16_column(start),
            "endLine": end_line,
            "endColumn": self.lines.utf16_column(end),
            "charOffset": char_offset,
            "charLength": self.offset(end) - char_offset,
        }


def artifact_location(path: str) -> dict[str, Any]:
    """A SARIF artifactLocation for a path as given: relative to the checkout, or an absolute file URI."""
    if _WINDOWS_ABSOLUTE_RE.match(path):
        return {"uri": PureWindowsPath(path).as_uri()}
    if path.startswith("/"):
        return {"uri": PurePosixPath(path).as_uri()}
    return {"uri": quote(normalise_path(path), safe="/"), "uriBaseId": SRCROOT}


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """A reportingDescriptor for `tool.driver.rules` from a rule's own metadata."""
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.id.rsplit(".", 1)[-1],
        "shortDescription": {"text": rule.message},
    }
    if rule.why:
        descriptor["fullDescription"] = {"text": rule.why}
        descriptor["help"] = {"text": rule.why}
    descriptor["defaultConfiguration"] = {"level": LEVELS[rule.severity]}
    descriptor["properties"] = {"category": rule.category.value, "tags": [rule.category.value]}
    return descriptor


def finding_descriptor(finding: Finding) -> dict[str, Any]:
    """A reportingDescriptor made from a finding alone, for a rule the report has no metadata for."""
    return {
        "id": finding.rule,
        "name": finding.rule.rsplit(".", 1)[-1],
        "shortDescription": {"text": finding.message},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": {"category": finding.category.value, "tags": [finding.category.value]},
    }


def _descriptors(report: RunReport) -> list[dict[str, Any]]:
    by_id: dict[str, dict[str, Any]] = {}
    for result in report.results:
        for f in result.findings:
            if f.rule not in by_id:
                rule = report.rules.get(f.rule)
                by_id[f.rule] = rule_descriptor(rule) if rule else finding_descriptor(f)
    return [by_id[rule_id] for rule_id in sorted(by_id)]


def _fix(f: Finding, location: dict[str, Any], positions: Utf16Positions) -> dict[str, Any]:
    replacement = f.suggestions[0]
    return {
        "description": {"text": f"Replace with '{replacement}'" if replacement else "Delete"},
        "artifactChanges": [
            {
                "artifactLocation": location,
                "replacements": [
                    {"deletedRegion": positions.region(f.start, f.end), "insertedContent": {"text": replacement}}
                ],
            }
        ],
        "properties": {"applicability": f.fix.value},
    }


def _offers_fix(f: Finding) -> bool:
    return bool(f.suggestions) and f.fix in (Applicability.SAFE, Applicability.UNSAFE)


def _message(f: Finding) -> str:
    """The finding's message; display-only candidates, which no fix carries, are named in it."""
    if f.suggestions and not _offers_fix(f):
        return f"{f.message} → {', '.join(f.suggestions)}"
    return f.message


def _result(
    f: Finding, rule_index: int, location: dict[str, Any], positions: Utf16Positions, fp: str
) -> dict[str, Any]:
    region = positions.region(f.start, f.end)
    region["snippet"] = {"text": positions.text[f.start : f.end]}
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": _message(f)},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: fp},
        "properties": {"category": f.category.value, "suggestions": list(f.suggestions), "fix": f.fix.value},
    }
    if _offers_fix(f):
        result["fixes"] = [_fix(f, location, positions)]
    return result


def _invocation(report: RunReport) -> dict[str, Any]:
    notifications: list[dict[str, Any]] = [
        {
            "level": "error",
            "message": {"text": f"{r.path}: {error_text(r)}"},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(r.path)}}],
        }
        for r in report.results
        if r.error
    ]
    notifications.extend({"level": "note", "message": {"text": note}} for note in report.notes)
    invocation: dict[str, Any] = {"executionSuccessful": report.errors_count == 0}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


def sarif_log(report: RunReport) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log object with one run."""
    rules = _descriptors(report)
    index = {descriptor["id"]: i for i, descriptor in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for r in report.results:
        if not r.findings:
            continue
        text = r.source.text if r.source else ""
        positions = Utf16Positions(text)
        location = artifact_location(r.path)
        fps = fingerprints(r.path, r.findings, text)
        for f, fp in zip(r.findings, fps, strict=True):
            results.append(_result(f, index[f.rule], location, positions, fp))
    driver = {"name": "copydesk", "version": __version__, "informationUri": INFORMATION_URI, "rules": rules}
    run = {
        "tool": {"driver": driver},
        "invocations": [_invocation(report)],
        "columnKind": "utf16CodeUnits",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report: RunReport) -> str:
    """The report as SARIF 2.1.0 JSON (UTF-16 columns), for GitHub code scanning and SARIF viewers."""
    return json.dumps(sarif_log(report), ensure_ascii=False, indent=2) + "\n"
