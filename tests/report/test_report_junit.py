"""JUnit XML: parses, one suite per file, a failing case per finding, errors for unreadable files."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

from copydesk.checks.core import DOUBLED_WORD
from copydesk.report import junit
from copydesk.report.model import RunReport

BuildReport = Callable[..., RunReport]  # the conftest fixture


def test_suites_cases_failures_and_errors(build_report: BuildReport) -> None:
    report = build_report(
        ("news/a&b <1>.txt", 'We saw the the cat,, "there".\n'),
        ("ok.txt", "All fine here.\n"),
        errors={"bad.txt": "not UTF-8 text (invalid byte 0xff at byte 3)"},
    )
    xml = junit.render(report)
    assert xml.startswith("<?xml version='1.0' encoding='utf-8'?>\n<testsuites ")
    root = ET.fromstring(xml)
    assert root.tag == "testsuites"
    assert root.attrib == {"name": "copydesk", "tests": "4", "failures": "2", "errors": "1"}

    story, ok, bad = root.findall("testsuite")
    assert story.attrib == {"name": "news/a&b <1>.txt", "tests": "2", "failures": "2", "errors": "0", "skipped": "0"}
    cases = story.findall("testcase")
    assert [c.attrib["name"] for c in cases] == ["core.doubled-word at 1:8", "core.repeated-punctuation at 1:19"]
    assert {c.attrib["classname"] for c in cases} == {"news/a&b <1>.txt"}
    assert [c.attrib["line"] for c in cases] == ["1", "1"]
    failure = cases[0].find("failure")
    assert failure is not None
    assert failure.attrib == {"message": DOUBLED_WORD.message, "type": "core.doubled-word"}
    assert failure.text == (
        f"news/a&b <1>.txt:1:8: error [core.doubled-word] {DOUBLED_WORD.message}\n"
        '    We saw the the cat,, "there".\n'
        "Suggestion: the"
    )

    assert ok.attrib == {"name": "ok.txt", "tests": "1", "failures": "0", "errors": "0", "skipped": "0"}
    (clean,) = ok.findall("testcase")
    assert clean.attrib == {"name": "copydesk", "classname": "ok.txt", "file": "ok.txt"}
    assert list(clean) == []

    assert bad.attrib == {"name": "bad.txt", "tests": "1", "failures": "0", "errors": "1", "skipped": "0"}
    error = bad.find("testcase/error")
    assert error is not None
    assert error.attrib == {"message": "not UTF-8 text (invalid byte 0xff at byte 3)", "type": "input-error"}


def test_control_characters_in_copy_still_parse(build_report: BuildReport) -> None:
    root = ET.fromstring(junit.render(build_report(("s.txt", "We saw the the\x0c cat.\x1b\n"))))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.text is not None
    assert "    We saw the the\\x0c cat.\\x1b\n" in failure.text


def test_empty_run_is_an_empty_testsuites(build_report: BuildReport) -> None:
    root = ET.fromstring(junit.render(build_report()))
    assert root.attrib == {"name": "copydesk", "tests": "0", "failures": "0", "errors": "0"}
    assert list(root) == []


def test_a_file_whose_fixes_were_not_written_keeps_its_failures(build_report: BuildReport) -> None:
    report = build_report(("s.txt", "We saw the the cat.\n"))
    report.results[0].error = "could not write fixes (No space left on device)"
    (suite,) = ET.fromstring(junit.render(report)).findall("testsuite")
    assert suite.attrib == {"name": "s.txt", "tests": "2", "failures": "1", "errors": "1", "skipped": "0"}
    failure, error = suite.find("testcase/failure"), suite.find("testcase/error")
    assert failure is not None and failure.attrib["type"] == "core.doubled-word"
    assert error is not None
    assert error.attrib == {"message": "could not write fixes (No space left on device)", "type": "fix-not-written"}
