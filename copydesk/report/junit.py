"""JUnit XML: a test suite per file and a failing test case per finding, for CI test-report views.

A clean file gets one passing test case, so the report shows what was checked; a file that could
not be checked gets a test case with an <error>. Characters XML 1.0 cannot carry (control
characters in copy) are written as `\\xNN` so the report always parses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from copydesk.engine import FileResult
from copydesk.findings import Finding
from copydesk.report.model import RunReport
from copydesk.report.positions import LineIndex

CLEAN_CASE = "copydesk"  # name of the test case of a file with no findings, or one that failed to load

_NOT_XML_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """`text` with every character XML 1.0 forbids written as `\\xNN`."""
    return _NOT_XML_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _testcase(parent: ET.Element, name: str, path: str, line: int | None = None) -> ET.Element:
    attrs = {"name": xml_safe(name), "classname": xml_safe(path), "file": xml_safe(path)}
    if line is not None:
        attrs["line"] = str(line)
    return ET.SubElement(parent, "testcase", attrs)


def _failure(parent: ET.Element, path: str, f: Finding, index: LineIndex) -> None:
    line, col = index.line_col(f.start)
    case = _testcase(parent, f"{f.rule} at {line}:{col}", path, line)
    details = [f"{path}:{line}:{col}: {f.severity.value} [{f.rule}] {f.message}", f"    {index.line_text(line)}"]
    if f.suggestions:
        details.append(f"Suggestion: {', '.join(f.suggestions)}")
    failure = ET.SubElement(case, "failure", {"message": xml_safe(f.message), "type": xml_safe(f.rule)})
    failure.text = xml_safe("\n".join(details))


def _suite(parent: ET.Element, result: FileResult) -> tuple[int, int, int]:
    suite = ET.SubElement(parent, "testsuite", {"name": xml_safe(result.path)})
    if result.error and result.source is None:
        case = _testcase(suite, CLEAN_CASE, result.path)
        ET.SubElement(case, "error", {"message": xml_safe(result.error), "type": "input-error"})
        tests, failures, errors = 1, 0, 1
    elif result.findings:
        index = LineIndex(result.source.text if result.source else "")
        for f in result.findings:
            _failure(suite, result.path, f, index)
        tests, failures, errors = len(result.findings), len(result.findings), 0
        if result.error:  # checked, but its fixes could not be written
            case = _testcase(suite, "fixes written", result.path)
            ET.SubElement(case, "error", {"message": xml_safe(result.error), "type": "fix-not-written"})
            tests, errors = tests + 1, 1
    else:
        _testcase(suite, CLEAN_CASE, result.path)
        tests, failures, errors = 1, 0, 0
    suite.attrib |= {"tests": str(tests), "failures": str(failures), "errors": str(errors), "skipped": "0"}
    return tests, failures, errors


def render(report: RunReport) -> str:
    """The report as JUnit XML: <testsuites> with one <testsuite> per file."""
    root = ET.Element("testsuites", {"name": "copydesk"})
    totals = [0, 0, 0]
    for result in report.results:
        for i, n in enumerate(_suite(root, result)):
            totals[i] += n
    root.attrib |= {"tests": str(totals[0]), "failures": str(totals[1]), "errors": str(totals[2])}
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
