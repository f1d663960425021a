"""The result cache: unchanged copy is not checked again, and nothing stale is ever served."""

from __future__ import annotations

import json
import socket
import sqlite3
from pathlib import Path

from cli_helpers import CliResult, run_cli

from copydesk.findings import Applicability, Category, Finding, Severity
from copydesk.resultcache import _finding_row

CORE_JSON = ("--select", "core", "--output-format", "json")


def cached(home: Path, *args: str | Path, cwd: Path | None = None) -> CliResult:
    """`copydesk ARGS` with the result cache on, in `home`."""
    return run_cli(*map(str, args), cwd=cwd, env={"COPYDESK_NO_CACHE": "", "COPYDESK_HOME": str(home)})


def stored(home: Path) -> list[str]:
    with sqlite3.connect(home / "cache" / "results.sqlite3") as db:
        return [row[0] for row in db.execute("SELECT value FROM results")]


def month_pack(pattern: str) -> str:
    """A one-rule house pack flagging `pattern` (a regular expression)."""
    return f"""pack: house
rules:
  - id: house.month
    kind: existence
    category: style
    severity: warning
    message: Spell out the month.
    why: House style.
    pattern: '{pattern}'
    examples: {{bad: ["On [[Dec.]] 11"], good: ["On December 11"]}}
"""


def matched(result: CliResult) -> list[str]:
    return [f["matched"] for entry in result.json()["files"] for f in entry.get("findings", [])]


def test_a_recheck_gives_the_same_report_from_the_cache(tmp_path: Path, fresh_home: Path) -> None:
    for i in range(3):
        (tmp_path / f"s{i}.txt").write_text(f"Story {i}: they met in the the capital.\n")
    first = cached(fresh_home, "check", *CORE_JSON, tmp_path)
    assert first.code == 1 and matched(first) == ["the the"] * 3
    assert len(stored(fresh_home)) == 3
    again = cached(fresh_home, "check", *CORE_JSON, tmp_path)
    assert (again.code, again.out) == (first.code, first.out)
    assert len(stored(fresh_home)) == 3


def test_a_stored_result_is_served_without_checking(tmp_path: Path, fresh_home: Path) -> None:
    """White-box proof that the second run reads the cache: a doctored entry comes back as stored."""
    story = tmp_path / "s.txt"
    story.write_text("They met in the the capital.\n")
    cached(fresh_home, "check", *CORE_JSON, story)
    doctored = Finding("core.doubled-word", Category.REALWORD, Severity.ERROR, 0, 4, "Doctored.", ("X",),
                       Applicability.NONE, "They")  # fmt: skip
    with sqlite3.connect(fresh_home / "cache" / "results.sqlite3") as db:
        db.execute("UPDATE results SET value = ?", (json.dumps([_finding_row(doctored)]),))
    served = cached(fresh_home, "check", *CORE_JSON, story)
    assert [f["message"] for f in served.json()["files"][0]["findings"]] == ["Doctored."]
    fresh = cached(fresh_home, "check", "--no-cache", *CORE_JSON, story)
    assert [f["matched"] for f in fresh.json()["files"][0]["findings"]] == ["the the"]


def test_an_edited_story_is_checked_again(tmp_path: Path, fresh_home: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text("They met in the the capital.\n")
    assert matched(cached(fresh_home, "check", *CORE_JSON, story)) == ["the the"]
    story.write_text("They met in in the capital.\n")
    assert matched(cached(fresh_home, "check", *CORE_JSON, story)) == ["in in"]


def test_a_changed_config_or_rule_pack_is_not_served_stale(tmp_path: Path, fresh_home: Path) -> None:
    (tmp_path / "s.txt").write_text("They met in the the capital on Dec. 11.\n")
    pack = tmp_path / "house.yaml"
    pack.write_text(month_pack("Dec\\."))
    (tmp_path / "copydesk.toml").write_text('rules = ["house.yaml"]\nselect = ["core", "house"]\n')
    args = ("check", "--output-format", "json", "s.txt")
    assert matched(cached(fresh_home, *args, cwd=tmp_path)) == ["the the", "Dec."]
    pack.write_text(month_pack("Nov\\."))  # the pack changed, the story did not
    assert matched(cached(fresh_home, *args, cwd=tmp_path)) == ["the the"]
    (tmp_path / "copydesk.toml").write_text('rules = ["house.yaml"]\nselect = ["house"]\n')
    assert matched(cached(fresh_home, *args, cwd=tmp_path)) == []


def test_a_languagetool_outage_is_not_cached(tmp_path: Path, fresh_home: Path) -> None:
    """A result without grammar is incomplete: the next run must ask LanguageTool again."""
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    story = tmp_path / "s.txt"
    story.write_text("They met in the the capital.\n")
    result = run_cli(
        "check", "--output-format", "json", "--languagetool-url", url, str(story),
        env={"COPYDESK_NO_CACHE": "", "COPYDESK_HOME": str(fresh_home), "COPYDESK_LANGUAGETOOL": "on"},
    )  # fmt: skip
    assert result.code == 1 and "LanguageTool" in result.err
    assert stored(fresh_home) == []


def test_a_damaged_cache_file_is_only_a_miss(tmp_path: Path, fresh_home: Path) -> None:
    (fresh_home / "cache").mkdir()
    (fresh_home / "cache" / "results.sqlite3").write_bytes(b"not a database" * 100)
    story = tmp_path / "s.txt"
    story.write_text("They met in the the capital.\n")
    result = cached(fresh_home, "check", *CORE_JSON, story)
    assert (result.code, result.err) == (1, "")
    assert matched(result) == ["the the"]


def test_fix_from_a_cached_result_writes_the_fix(tmp_path: Path, fresh_home: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text("They met in the the capital.\n")
    cached(fresh_home, "check", *CORE_JSON, story)
    fixed = cached(fresh_home, "check", "--select", "core", "--fix", story)
    assert fixed.code == 0
    assert story.read_text() == "They met in the capital.\n"


def test_a_new_pack_matching_a_rules_glob_is_not_served_stale(tmp_path: Path, fresh_home: Path) -> None:
    (tmp_path / "s.txt").write_text("They met on Dec. 11.\n")
    (tmp_path / "packs").mkdir()
    (tmp_path / "copydesk.toml").write_text('rules = ["packs/*.yaml"]\nselect = ["house"]\n')
    args = ("check", "--output-format", "json", "s.txt")
    assert matched(cached(fresh_home, *args, cwd=tmp_path)) == []
    (tmp_path / "packs" / "house.yaml").write_text(month_pack("Dec\\."))
    assert matched(cached(fresh_home, *args, cwd=tmp_path)) == ["Dec."]
