"""SARIF 2.1.0: valid against the official schema, with exact UTF-16 positions, fixes and rule metadata."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from copydesk import __version__
from copydesk.checks.core import DOUBLED_WORD, REPEATED_PUNCTUATION
from copydesk.fix import apply_fixes
from copydesk.report import sarif
from copydesk.report.fingerprint import fingerprints
from copydesk.report.model import RunReport

BuildReport = Callable[..., RunReport]  # the conftest fixture

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

# An emoji (two UTF-16 units) on the line before, CRLF line endings, then an é and another emoji
# on the finding's own line: code-point, UTF-16 and byte counts all differ from here on.
STORY = "Intro 😀 line.\r\nCafé 😀 — we saw the the cat,, there.\r\n"


def validate(log: dict[str, Any]) -> None:
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_schema_fixture_is_the_official_sarif_2_1_0_schema() -> None:
    assert SCHEMA["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]


def test_validator_rejects_a_broken_log() -> None:
    with pytest.raises(AssertionError):
        validate({"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "columnKind": "bytes"}]})


def test_emoji_and_crlf_log_validates_with_utf16_positions(build_report: BuildReport) -> None:
    report = build_report(("copy/story.txt", STORY))
    log = json.loads(sarif.render(report))
    validate(log)

    run = log["runs"][0]
    assert log["$schema"] == sarif.SCHEMA_URI
    assert log["version"] == "2.1.0"
    assert run["columnKind"] == "utf16CodeUnits"
    assert [r["ruleId"] for r in run["results"]] == ["core.doubled-word", "core.repeated-punctuation"]
    doubled, commas = (r["locations"][0]["physicalLocation"] for r in run["results"])
    assert doubled["artifactLocation"] == {"uri": "copy/story.txt", "uriBaseId": "%SRCROOT%"}
    # Line 2 starts at code point 15 (UTF-16 unit 16); "Café 😀 — we saw " is 16 code points, 17 units.
    assert doubled["region"] == {
        "startLine": 2,
        "startColumn": 18,
        "endLine": 2,
        "endColumn": 25,
        "charOffset": 33,
        "charLength": 7,
        "snippet": {"text": "the the"},
    }
    assert commas["region"] == {
        "startLine": 2,
        "startColumn": 29,
        "endLine": 2,
        "endColumn": 31,
        "charOffset": 44,
        "charLength": 2,
        "snippet": {"text": ",,"},
    }


def test_char_offsets_address_the_span_in_utf16_text(build_report: BuildReport) -> None:
    report = build_report(("story.txt", STORY))
    units = STORY.encode("utf-16-le")
    for result in json.loads(sarif.render(report))["runs"][0]["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        start, length = region["charOffset"], region["charLength"]
        assert units[2 * start : 2 * (start + length)].decode("utf-16-le") == region["snippet"]["text"]


def test_fixes_replace_the_span_and_agree_with_copydesk_fix(build_report: BuildReport) -> None:
    report = build_report(("story.txt", STORY))
    results = json.loads(sarif.render(report))["runs"][0]["results"]
    assert results[0]["fixes"] == [
        {
            "description": {"text": "Replace with 'the'"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": "story.txt", "uriBaseId": "%SRCROOT%"},
                    "replacements": [
                        {
                            "deletedRegion": {
                                "startLine": 2,
                                "startColumn": 18,
                                "endLine": 2,
                                "endColumn": 25,
                                "charOffset": 33,
                                "charLength": 7,
                            },
                            "insertedContent": {"text": "the"},
                        }
                    ],
                }
            ],
            "properties": {"applicability": "safe"},
        }
    ]
    # Apply the SARIF replacements in UTF-16 units, back to front: the same text as copydesk's own fixer.
    units = STORY.encode("utf-16-le")
    replacements = [rep for r in results for rep in r["fixes"][0]["artifactChanges"][0]["replacements"]]
    for rep in sorted(replacements, key=lambda rep: -rep["deletedRegion"]["charOffset"]):
        start = 2 * rep["deletedRegion"]["charOffset"]
        end = start + 2 * rep["deletedRegion"]["charLength"]
        units = units[:start] + rep["insertedContent"]["text"].encode("utf-16-le") + units[end:]
    fixed, count = apply_fixes(STORY, report.results[0].findings)
    assert count == 2
    assert units.decode("utf-16-le") == fixed == "Intro 😀 line.\r\nCafé 😀 — we saw the cat, there.\r\n"


def test_driver_rules_come_from_rule_metadata(build_report: BuildReport) -> None:
    report = build_report(("story.txt", STORY))
    driver = json.loads(sarif.render(report))["runs"][0]["tool"]["driver"]
    assert driver["name"] == "copydesk"
    assert driver["version"] == __version__
    assert driver["informationUri"] == sarif.INFORMATION_URI
    assert driver["rules"] == [
        {
            "id": "core.doubled-word",
            "name": "doubled-word",
            "shortDescription": {"text": DOUBLED_WORD.message},
            "fullDescription": {"text": DOUBLED_WORD.why},
            "help": {"text": DOUBLED_WORD.why},
            "defaultConfiguration": {"level": "error"},
            "properties": {"category": "realword", "tags": ["realword"]},
        },
        {
            "id": "core.repeated-punctuation",
            "name": "repeated-punctuation",
            "shortDescription": {"text": REPEATED_PUNCTUATION.message},
            "fullDescription": {"text": REPEATED_PUNCTUATION.why},
            "help": {"text": REPEATED_PUNCTUATION.why},
            "defaultConfiguration": {"level": "warning"},
            "properties": {"category": "punctuation", "tags": ["punctuation"]},
        },
    ]
    results = json.loads(sarif.render(report))["runs"][0]["results"]
    assert [(r["ruleIndex"], r["level"]) for r in results] == [(0, "error"), (1, "warning")]


def test_rules_missing_from_the_report_fall_back_to_the_finding(build_report: BuildReport) -> None:
    report = build_report(("story.txt", "They said so,, twice.\n"), with_rules=False)
    log = json.loads(sarif.render(report))
    validate(log)
    assert log["runs"][0]["tool"]["driver"]["rules"] == [
        {
            "id": "core.repeated-punctuation",
            "name": "repeated-punctuation",
            "shortDescription": {"text": REPEATED_PUNCTUATION.message},
            "defaultConfiguration": {"level": "warning"},
            "properties": {"category": "punctuation", "tags": ["punctuation"]},
        }
    ]


def test_overridden_severity_sets_the_result_level_not_the_default(build_report: BuildReport) -> None:
    from copydesk.findings import Severity

    report = build_report(("story.txt", "We saw the the cat.\n"), severity={"core.doubled-word": Severity.INFO})
    run = json.loads(sarif.render(report))["runs"][0]
    assert run["results"][0]["level"] == "note"
    assert run["tool"]["driver"]["rules"][0]["defaultConfiguration"] == {"level": "error"}


def test_partial_fingerprints_come_from_the_fingerprint_module(build_report: BuildReport) -> None:
    report = build_report(("story.txt", STORY))
    results = json.loads(sarif.render(report))["runs"][0]["results"]
    expected = fingerprints("story.txt", report.results[0].findings, STORY)
    assert [r["partialFingerprints"] for r in results] == [{"copydesk/v1": fp} for fp in expected]


def test_unreadable_files_become_notifications_and_an_unsuccessful_run(build_report: BuildReport) -> None:
    report = build_report(
        ("ok.txt", "All fine here.\n"), errors={"bad.txt": "not UTF-8 text (invalid byte 0xff at byte 3)"}
    )
    report.notes.append("LanguageTool was not reachable; grammar checks were skipped.")
    log = json.loads(sarif.render(report))
    validate(log)
    run = log["runs"][0]
    assert run["results"] == []
    assert run["tool"]["driver"]["rules"] == []
    assert run["invocations"] == [
        {
            "executionSuccessful": False,
            "toolExecutionNotifications": [
                {
                    "level": "error",
                    "message": {"text": "bad.txt: could not be checked: not UTF-8 text (invalid byte 0xff at byte 3)"},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": {"uri": "bad.txt", "uriBaseId": "%SRCROOT%"}}}
                    ],
                },
                {"level": "note", "message": {"text": "LanguageTool was not reachable; grammar checks were skipped."}},
            ],
        }
    ]


def test_clean_run_is_successful_and_valid(build_report: BuildReport) -> None:
    log = json.loads(sarif.render(build_report(("ok.txt", "All fine here.\n"))))
    validate(log)
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True}]


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("./news/story one.md", {"uri": "news/story%20one.md", "uriBaseId": "%SRCROOT%"}),
        ("a,b:c.txt", {"uri": "a%2Cb%3Ac.txt", "uriBaseId": "%SRCROOT%"}),
        ("news\\café.txt", {"uri": "news/caf%C3%A9.txt", "uriBaseId": "%SRCROOT%"}),
        ("/srv/copy/story #1.txt", {"uri": "file:///srv/copy/story%20%231.txt"}),
        ("C:\\copy\\story.txt", {"uri": "file:///C:/copy/story.txt"}),
    ],
)
def test_artifact_locations_are_uri_references(path: str, location: dict[str, str]) -> None:
    assert sarif.artifact_location(path) == location


def test_paths_needing_percent_encoding_validate(build_report: BuildReport) -> None:
    log = json.loads(sarif.render(build_report(("news/a,b:c #1.txt", "We saw the the cat.\n"))))
    validate(log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "news/a%2Cb%3Ac%20%231.txt"


def test_display_only_candidates_are_named_in_the_message_and_never_a_fix(build_report: BuildReport) -> None:
    import dataclasses

    from copydesk.findings import Applicability

    report = build_report(("s.txt", "We saw the the cat.\n"))
    f = report.results[0].findings[0]
    report.results[0].findings[0] = dataclasses.replace(f, suggestions=("the", "then"), fix=Applicability.DISPLAY)
    log = json.loads(sarif.render(report))
    validate(log)
    (result,) = log["runs"][0]["results"]
    assert result["message"] == {"text": f"{DOUBLED_WORD.message} → the, then"}
    assert result["properties"] == {"category": "realword", "suggestions": ["the", "then"], "fix": "display-only"}
    assert "fixes" not in result


def test_unsafe_fix_is_offered_and_marked_unsafe(build_report: BuildReport) -> None:
    import dataclasses

    from copydesk.findings import Applicability

    report = build_report(("s.txt", "We saw the the cat.\n"))
    f = report.results[0].findings[0]
    report.results[0].findings[0] = dataclasses.replace(f, fix=Applicability.UNSAFE)
    (result,) = json.loads(sarif.render(report))["runs"][0]["results"]
    assert result["message"] == {"text": DOUBLED_WORD.message}
    assert result["fixes"][0]["properties"] == {"applicability": "unsafe"}
