"""Hostile files in a checked folder: each gives one clear line and exit 2; every other file is still checked.

Every case runs the real CLI on a folder holding the hostile file next to two ordinary
stories, one with a doubled word. The run must finish in time (no hang), exit 2, say what is
wrong with the hostile file in exactly one stderr line that names it (no traceback), and
still report the ordinary stories' findings in valid JSON.

Design choices these tests pin down (proposed in issue #11):
- Files over 10 MB are refused before they are read: "too large to check (52 MB; the limit
  is 10 MB)". A 52 MB file takes 70 s to check with LanguageTool off, and is never copy.
- A 5 MB single line is copy (a minified export) and is checked, in seconds.
- Only regular files are read: a named pipe or a device found in a folder is refused
  ("not a regular file") instead of blocking the run or reading without end.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hostile_files import (
    HOSTILE,
    LIMIT_MB,
    assert_one_clear_line,
    assert_others_checked,
    make_folder,
    report,
    write_repeated,
)
from robustness_helpers import copydesk

from copydesk import engine
from copydesk.run import Run, RunOptions


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_file_gives_one_line_and_the_rest_is_checked(tmp_path: Path, case: str) -> None:
    folder = make_folder(tmp_path)
    name, make, reason = HOSTILE[case]
    make(folder / name)
    run = copydesk("check", "--output-format", "json", folder, timeout=15, memory_cap=True)
    assert_one_clear_line(run, name, reason)
    assert report(run)[name]["error"]
    assert_others_checked(run)


def test_unreadable_file(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    secret = folder / "secret.txt"
    secret.write_text("Embargoed the the copy.\n")
    secret.chmod(0)
    run = copydesk("check", "--output-format", "json", folder, unprivileged=True)
    assert_one_clear_line(run, "secret.txt", "permission denied")
    assert_others_checked(run)


def test_symlinked_folder_loop_is_not_followed(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    (folder / "sub").mkdir()
    (folder / "sub" / "back").symlink_to(folder, target_is_directory=True)
    (folder / "sub" / "self").symlink_to(folder / "sub", target_is_directory=True)
    run = copydesk("check", "--output-format", "json", folder, timeout=30)
    assert run.code == 1 and not run.err, run.err
    assert sorted(report(run)) == ["clean.md", "good.txt"]


def test_file_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    write_repeated(folder / "huge.txt", "The council met in the the capital on Monday. ", 50 * 1024 * 1024)
    run = copydesk("check", "--output-format", "json", folder, timeout=60, memory_cap=True)
    assert_one_clear_line(run, "huge.txt", "too large to check (")
    assert f"MB; the limit is {LIMIT_MB} MB)" in run.err
    assert_others_checked(run)


def test_file_over_the_size_limit_is_never_fixed(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    huge = folder / "huge.txt"
    write_repeated(huge, "The council met in the the capital on Monday. ", 12 * 1024 * 1024)
    before = huge.stat()
    run = copydesk("check", "--fix", folder, timeout=60, memory_cap=True)
    assert_one_clear_line(run, "huge.txt", "too large to check (")
    assert huge.stat().st_mtime_ns == before.st_mtime_ns
    assert (folder / "good.txt").read_text() == "They met in the capital on Monday.\n"


def test_five_megabyte_single_line_is_checked(tmp_path: Path) -> None:
    """A minified export: one 5 MB line with a slip every 100 characters (50,000 findings).

    The timeout only guards against a hang (the run should take seconds; timings belong to
    benchmarks/soak.py). The current code needs 90 s with --select core (105 s with every
    check), nearly all in resolve._drop_overlapped, which compares each finding with every
    finding kept before it.
    """
    folder = make_folder(tmp_path)
    unit = "They met in the the capital on Monday and the talks went on until late at night, aides said. "
    line = unit * (5_000_000 // len(unit))
    (folder / "export.txt").write_text(line, encoding="utf-8")
    run = copydesk("check", "--select", "core", "--output-format", "json", folder, timeout=60, memory_cap=True)
    assert run.code == 1 and not run.err, run.err
    files = report(run)
    assert len(files["export.txt"]["findings"]) == line.count("the the")
    assert_others_checked(run)


@pytest.mark.parametrize(
    "run_of",
    [
        "a" * 1_000_000,  # one 1 MB word
        "x_" * 500_000,  # 1 MB of letters joined by underscores (a machine identifier)
        "snake_case_name " * 60_000,  # identifiers, spaced
        "Abc " * 50_000,  # one run of 50,000 capitalised words (10,000 took 15 s and 1.2 GB)
        "President " * 30_000 + "Smith",  # 30,000 titles in one sentence
        "It's over. " * 40_000,  # 40,000 matches of one rule's word (regex's finditer timed out)
    ],
    ids=["1 MB word", "1 MB identifier", "identifiers", "capitalised run", "titles", "one rule's word"],
)
def test_machine_made_runs_of_letters_are_checked_once(tmp_path: Path, run_of: str) -> None:
    """Runs that no person types: every local check sees them, and each step costs a constant
    per letter or word (a scan from every letter to the end of the run would take hours; a
    lookup remembered for every substring of a 1 MB word took 15 GB; every tail of a run of
    capitalised words, or every sentence prefix before a title, grows as the square). The
    timeout only guards against such a hang; timings belong to benchmarks/soak.py."""
    folder = make_folder(tmp_path)
    text = run_of + " and and done.\n"
    (folder / "machine.txt").write_text(text, encoding="utf-8")
    run = copydesk("check", "--no-languagetool", "--output-format", "json", folder, timeout=60, memory_cap=True)
    assert run.code == 1 and not run.err, run.err
    found = [(f["rule"], f["start"], f["end"]) for f in report(run)["machine.txt"]["findings"]]
    start = text.index("and and")
    assert ("core.doubled-word", start, start + 7) in found
    assert_others_checked(run)


def test_thirty_thousand_headings_are_checked(tmp_path: Path) -> None:
    """Each paragraph asks which region it is in: a scan of every region each time grew as the
    square (14 s for 30,000 headings). The timeout only guards against such a hang."""
    folder = make_folder(tmp_path)
    (folder / "headings.md").write_text("# Heading\n\n" * 30_000 + "They met in in May.\n", encoding="utf-8")
    run = copydesk("check", "--no-languagetool", "--output-format", "json", folder, timeout=60, memory_cap=True)
    assert run.code == 1 and not run.err, run.err
    assert [f["rule"] for f in report(run)["headings.md"]["findings"]] == ["core.doubled-word"]
    assert_others_checked(run)


def test_paths_with_spaces_quotes_and_non_ascii_letters(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    odd = folder / 'Zoë\'s "final" draft' / "stö ry 'one' — 東京.md"
    odd.parent.mkdir()
    odd.write_text("They met in the the capital.\n", encoding="utf-8")
    run = copydesk("check", "--output-format", "json", folder)
    assert run.code == 1 and not run.err, run.err
    files = report(run)
    assert files[odd.name]["path"] == str(odd)
    fixed = copydesk("check", "--fix", odd)
    assert fixed.code == 0, fixed.err
    assert odd.read_text(encoding="utf-8") == "They met in the capital.\n"


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab", "rdjsonl", "github", "junit", "full"])
def test_file_name_that_is_not_utf8(tmp_path: Path, fmt: str) -> None:
    """A Latin-1 file name (an old Windows share, a zip): checked, and every report stays valid UTF-8."""
    folder = make_folder(tmp_path)
    name = os.fsencode(folder) + b"/caf\xe9 story.txt"
    with open(name, "wb") as f:
        f.write(b"They met in the the capital.\n")
    run = copydesk("check", "--output-format", fmt, folder)
    run.assert_no_crash()
    assert run.code == 1, (run.code, run.err)
    try:
        report = run.out.decode("utf-8")
    except UnicodeDecodeError as e:
        raise AssertionError(f"the {fmt} report is not valid UTF-8: {e}") from None
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(report)
    assert "caf" in report


def test_rule_that_backtracks_catastrophically(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    (folder / "house.yaml").write_text(
        """pack: house
rules:
  - id: house.runaway
    kind: existence
    category: style
    severity: warning
    message: Runaway pattern.
    why: It backtracks.
    pattern: '(a|aa)+c'
    examples: {bad: ["[[aac]]"], good: ["b"]}
""",
        encoding="utf-8",
    )
    (folder / "copydesk.toml").write_text('rules = ["house.yaml"]\n', encoding="utf-8")
    (folder / "screams.txt").write_text("She screamed " + "a" * 80 + " at them.\n", encoding="utf-8")
    run = copydesk("check", "--output-format", "json", folder, timeout=30)
    assert_one_clear_line(run, "screams.txt", "rule house.runaway timed out")
    assert_others_checked(run)
    summary = copydesk("check", "--no-languagetool", folder, timeout=30).text.splitlines()[-1]
    assert summary.endswith("1 file could not be checked."), summary


def test_every_hostile_file_at_once(tmp_path: Path) -> None:
    """All the cheap hostile files in one folder: one line each, the stories still checked."""
    folder = make_folder(tmp_path)
    for name, make, _ in HOSTILE.values():
        make(folder / name)
    run = copydesk("check", "--output-format", "json", folder, timeout=30, memory_cap=True)
    run.assert_no_crash()
    assert run.code == 2
    for name, _, reason in HOSTILE.values():
        (line,) = [line for line in run.err_lines if name in line]
        assert reason in line
    assert len(run.err_lines) == len(HOSTILE)
    assert_others_checked(run)


def test_an_unexpected_error_in_one_file_does_not_stop_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in a format or a check (like the Markdown crash on CR line endings) costs one file, not the run.

    The file gets a one-line error naming the exception (exit 2); every other file is checked.
    """
    folder = make_folder(tmp_path)
    (folder / "boom.md").write_text("Any copy.\n")
    real_build = engine.build_document

    def build(path: str, source: str, fmt: str | None = None) -> object:
        if path.endswith("boom.md"):
            raise IndexError("list index out of range")
        return real_build(path, source, fmt)

    monkeypatch.setattr(engine, "build_document", build)
    options = RunOptions([str(folder)], overrides={"languagetool": {"enabled": False}})
    results = {Path(r.path).name: r for r in Run(options).check_all()}
    assert results["boom.md"].error is not None and "IndexError" in results["boom.md"].error
    assert "\n" not in results["boom.md"].error
    assert [f.rule for f in results["good.txt"].findings] == ["core.doubled-word"]
    assert results["clean.md"].error is None
