"""reviewdog rdjsonl: one diagnostic per line, columns in UTF-8 bytes, exclusive ends, fix suggestions."""

from __future__ import annotations

import json
from collections.abc import Callable

from copydesk.checks.core import DOUBLED_WORD, REPEATED_PUNCTUATION, UNBALANCED
from copydesk.report import rdjsonl
from copydesk.report.model import RunReport

BuildReport = Callable[..., RunReport]  # the conftest fixture

DOUBLED = DOUBLED_WORD.message


def test_byte_columns_after_multibyte_characters(build_report: BuildReport) -> None:
    # “ and ” are 3 bytes each, é 2, 😀 4: "the the" starts at code point 9 but byte 17.
    text = "“Café” 😀 the the end.\nNaïve é,, ok.\n"
    lines = rdjsonl.render(build_report(("news/story.txt", text))).splitlines()
    assert [json.loads(line) for line in lines] == [
        {
            "message": DOUBLED,
            "location": {
                "path": "news/story.txt",
                "range": {"start": {"line": 1, "column": 18}, "end": {"line": 1, "column": 25}},
            },
            "severity": "ERROR",
            "source": {"name": "copydesk"},
            "code": {"value": "core.doubled-word"},
            "suggestions": [
                {"range": {"start": {"line": 1, "column": 18}, "end": {"line": 1, "column": 25}}, "text": "the"}
            ],
        },
        {
            # "Naïve é" is 7 code points and 9 bytes: ",," is at byte column 10 of line 2.
            "message": REPEATED_PUNCTUATION.message,
            "location": {
                "path": "news/story.txt",
                "range": {"start": {"line": 2, "column": 10}, "end": {"line": 2, "column": 12}},
            },
            "severity": "WARNING",
            "source": {"name": "copydesk"},
            "code": {"value": "core.repeated-punctuation"},
            "suggestions": [
                {"range": {"start": {"line": 2, "column": 10}, "end": {"line": 2, "column": 12}}, "text": ","}
            ],
        },
    ]


def test_byte_columns_address_the_span_in_utf8(build_report: BuildReport) -> None:
    text = "“Café” 😀 the the end.\nNaïve é,, ok.\n"
    lines = text.encode("utf-8").split(b"\n")
    for line in rdjsonl.render(build_report(("story.txt", text))).splitlines():
        span = json.loads(line)["location"]["range"]
        raw = lines[span["start"]["line"] - 1]
        assert raw[span["start"]["column"] - 1 : span["end"]["column"] - 1].decode("utf-8") in ("the the", ",,")


def test_fix_without_safe_applicability_has_no_suggestion(build_report: BuildReport) -> None:
    line = rdjsonl.render(build_report(("story.txt", '"We will not give up, he said.\n')))
    assert json.loads(line) == {
        "message": UNBALANCED.message,
        "location": {
            "path": "story.txt",
            "range": {"start": {"line": 1, "column": 1}, "end": {"line": 1, "column": 2}},
        },
        "severity": "WARNING",
        "source": {"name": "copydesk"},
        "code": {"value": "core.unbalanced-marks"},
    }


def test_unreadable_file_is_one_error_line(build_report: BuildReport) -> None:
    out = rdjsonl.render(build_report(("ok.txt", "Fine.\n"), errors={"bad.txt": "permission denied"}))
    assert out == (
        '{"message": "could not be checked: permission denied", "location": {"path": "bad.txt"}, '
        '"severity": "ERROR", "source": {"name": "copydesk"}}\n'
    )


def test_newlines_in_messages_stay_on_one_line(build_report: BuildReport) -> None:
    import dataclasses

    report = build_report(("a.txt", "We saw the the cat.\nAnd the the dog.\n"))
    findings = report.results[0].findings
    findings[0] = dataclasses.replace(findings[0], message="two\nlines")
    out = rdjsonl.render(report)
    assert out.count("\n") == 2
    assert json.loads(out.splitlines()[0])["message"] == "two\nlines"


def test_display_only_candidates_are_named_not_suggested(build_report: BuildReport) -> None:
    import dataclasses

    from copydesk.findings import Applicability

    report = build_report(("a.txt", "We saw the the cat.\n"))
    f = report.results[0].findings[0]
    report.results[0].findings[0] = dataclasses.replace(f, suggestions=("the", "then"), fix=Applicability.DISPLAY)
    diagnostic = json.loads(rdjsonl.render(report))
    assert diagnostic["message"] == f"{DOUBLED} → the, then"
    assert "suggestions" not in diagnostic
