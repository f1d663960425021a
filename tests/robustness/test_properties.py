"""Property tests over strange copy: a few hundred random documents per property in the suite.

The long run (10,000+ examples, the CLI included) is `python benchmarks/soak.py`; it uses
the same strategies (copy_strategies) and properties (copy_properties). Set
COPYDESK_PROPERTY_EXAMPLES to scale the examples here.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from copy_properties import check_document, check_line_endings, fix_file, fix_passes
from copy_strategies import DOCUMENTS, stored_copy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from robustness_helpers import copydesk

from copydesk import sourcefile

SCALE = float(os.environ.get("COPYDESK_PROPERTY_EXAMPLES", "1"))


def prop(max_examples: int) -> settings:
    """Settings for a property: no deadline (the first example loads the word lists)."""
    return settings(
        max_examples=max(1, int(max_examples * SCALE)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@pytest.mark.parametrize("fmt", sorted(DOCUMENTS))
@prop(200)
@given(data=st.data())
def test_checking_never_crashes_and_spans_are_sound(fmt: str, data: st.DataObject) -> None:
    name, strategy = DOCUMENTS[fmt]
    check_document(name, data.draw(strategy))


@pytest.mark.parametrize("fmt", sorted(DOCUMENTS))
@prop(150)
@given(data=st.data())
def test_fixes_change_only_their_spans_and_settle(fmt: str, data: st.DataObject) -> None:
    name, strategy = DOCUMENTS[fmt]
    fix_passes(name, data.draw(strategy))


@pytest.mark.parametrize("fmt", sorted(DOCUMENTS))
@prop(150)
@given(data=st.data())
def test_line_endings_do_not_change_the_findings(fmt: str, data: st.DataObject) -> None:
    name, strategy = DOCUMENTS[fmt]
    check_line_endings(name, data.draw(strategy))


# Copy the properties and the soak have found breaking copydesk: each stays a regression test.
FOUND = {
    "decomposed accent after a doubled word": ("story.txt", "He drank the the\u0301 slowly."),
    "zero-width joiner after a doubled word": ("story.txt", "They met in the the\u200d capital."),
    "skin tone after a misspelling": ("story.txt", "Fans said teh\U0001f3fd team won."),
    "doubled word across a CRLF line break": ("story.txt", "He went to\r\nto the border.\r\n"),
    "paragraphs split by CRLF": ("story.txt", "(a\r\n\r\nb)\r\n"),
    "Markdown with CR line endings": ("story.md", "# Budget\r\rThey met in the the capital.\r"),
    "Markdown with CR CR LF line endings": ("story.md", "the the\r\r\nthe the "),
    "a digit newer than Python's Unicode tables": ("story.txt", "Prices rose by \U00011bf0 percent."),
    "eighteen doubled words": ("story.txt", "the " * 18),
}


@pytest.mark.parametrize("case", sorted(FOUND))
def test_copy_that_broke_copydesk_before(case: str) -> None:
    name, text = FOUND[case]
    check_document(name, text)
    check_line_endings(name, text)
    fix_passes(name, text)
    fix_file(name, text.encode())


@prop(150)
@given(stored_copy())
def test_fix_on_disk_keeps_the_encoding_and_is_idempotent(copy: tuple[str, bytes]) -> None:
    fix_file(*copy)


@prop(300)
@given(st.binary(max_size=200))
def test_any_bytes_are_decoded_or_refused_in_one_line(data: bytes) -> None:
    try:
        source = sourcefile.decode("x.txt", data)
    except sourcefile.InputError as e:
        assert str(e) and "\n" not in str(e)
        return
    assert source.encode(source.text) == data  # what is read is what would be written back


@prop(4)
@given(st.lists(stored_copy(), min_size=1, max_size=15))
def test_cli_json_report_is_valid_for_a_folder_of_strange_copy(copies: list[tuple[str, bytes]]) -> None:
    """The real CLI over a folder of random files: no crash, valid JSON, one entry per file."""
    with tempfile.TemporaryDirectory() as folder:
        for i, (name, data) in enumerate(copies):
            Path(folder, f"{i:02} {name}").write_bytes(data)
        run = copydesk("check", "--output-format", "json", folder, timeout=120)
        run.assert_no_crash()
        assert run.code in (0, 1, 2)
        report = json.loads(run.out.decode("utf-8"))
        assert len(report["files"]) == len(copies) == report["summary"]["files"]
        for entry in report["files"]:
            data = Path(entry["path"]).read_bytes()
            if "error" in entry:
                assert entry["error"] and "\n" not in entry["error"]
                continue
            text = sourcefile.decode(entry["path"], data).text
            for f in entry["findings"]:
                assert 0 <= f["start"] <= f["end"] <= len(text) and text[f["start"] : f["end"]] == f["matched"]
        assert len(run.err_lines) == report["summary"]["errors"]
