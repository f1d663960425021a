"""GitLab Code Quality: exact issues, fingerprints stable under edits above and distinct for duplicates."""

from __future__ import annotations

import json
from collections.abc import Callable

from copydesk.checks.core import DOUBLED_WORD, REPEATED_PUNCTUATION
from copydesk.findings import Severity
from copydesk.report import gitlab
from copydesk.report.model import RunReport

BuildReport = Callable[..., RunReport]  # the conftest fixture

STORY = "We saw the the cat.\n\nThey said so,, twice.\n"


def issues(report: RunReport) -> list[dict]:
    data = json.loads(gitlab.render(report))
    assert isinstance(data, list)
    return data


def test_issues_have_the_code_quality_fields(build_report: BuildReport) -> None:
    found = issues(build_report(("./news/story.md", STORY)))
    for issue in found:
        assert len(issue.pop("fingerprint")) == 64
    assert found == [
        {
            "description": f"{DOUBLED_WORD.message} → the",
            "check_name": "core.doubled-word",
            "severity": "major",
            "location": {"path": "news/story.md", "lines": {"begin": 1}},
        },
        {
            "description": f"{REPEATED_PUNCTUATION.message} → ,",
            "check_name": "core.repeated-punctuation",
            "severity": "minor",
            "location": {"path": "news/story.md", "lines": {"begin": 3}},
        },
    ]


def test_info_maps_to_info(build_report: BuildReport) -> None:
    found = issues(build_report(("s.txt", "We saw the the cat.\n"), severity={"core.doubled-word": Severity.INFO}))
    assert [i["severity"] for i in found] == ["info"]


def test_fingerprints_survive_a_paragraph_inserted_above(build_report: BuildReport) -> None:
    before = issues(build_report(("story.md", STORY)))
    after = issues(build_report(("story.md", "A new top paragraph, added later.\n\n" + STORY)))
    assert [i["location"]["lines"]["begin"] for i in before] == [1, 3]
    assert [i["location"]["lines"]["begin"] for i in after] == [3, 5]
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]


def test_fingerprints_survive_a_rewrap_and_an_edit_earlier_in_the_sentence(build_report: BuildReport) -> None:
    long_start = "The council met for six hours on Tuesday evening and in the end, "
    before = issues(build_report(("s.txt", long_start + "we saw the the cat.\n")))
    after = issues(build_report(("s.txt", long_start.replace("six", "seven") + "we\nsaw   the the cat.\n")))
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]


def test_fingerprints_change_with_the_nearby_words(build_report: BuildReport) -> None:
    cat = issues(build_report(("s.txt", "We saw the the cat.\n")))
    dog = issues(build_report(("s.txt", "We saw the the dog.\n")))
    assert cat[0]["fingerprint"] != dog[0]["fingerprint"]


def test_duplicates_get_distinct_fingerprints(build_report: BuildReport) -> None:
    twice = "We saw the the cat.\n\nWe saw the the cat.\n"
    found = issues(build_report(("story.md", twice)))
    assert [i["check_name"] for i in found] == ["core.doubled-word"] * 2
    assert found[0]["fingerprint"] != found[1]["fingerprint"]
    # ...and each keeps its fingerprint when a paragraph is added above both.
    moved = issues(build_report(("story.md", "New lede.\n\n" + twice)))
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in found]


def test_same_slip_in_two_files_differs(build_report: BuildReport) -> None:
    found = issues(build_report(("a.txt", "We saw the the cat.\n"), ("b.txt", "We saw the the cat.\n")))
    assert found[0]["fingerprint"] != found[1]["fingerprint"]


def test_unreadable_file_is_a_major_issue(build_report: BuildReport) -> None:
    found = issues(build_report(errors={"bad.txt": "no such file"}))
    assert len(found[0].pop("fingerprint")) == 64
    assert found == [
        {
            "description": "File could not be checked: no such file",
            "check_name": "copydesk.input-error",
            "severity": "major",
            "location": {"path": "bad.txt", "lines": {"begin": 1}},
        }
    ]
