"""LanguageTool in a real copydesk run: lt.* findings, exact spans, merging, and a server that is gone."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import TEST_HOME, run_cli

from copydesk.languagetool.server import ServerInfo


def lt_env() -> dict[str, str]:
    return {"COPYDESK_LANGUAGETOOL": "on", "COPYDESK_HOME": str(TEST_HOME)}


def test_grammar_findings_with_emoji_before_them(tmp_path: Path, lt_server: ServerInfo) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Fans cheered 🎉🎉 as she ate a apple.\n", encoding="utf-8")
    result = run_cli("check", "--output-format", "json", str(story), env=lt_env())
    findings = result.json()["files"][0]["findings"]
    (a_an,) = [f for f in findings if f["rule"] == "lt.EN_A_VS_AN"]
    assert (a_an["start"], a_an["end"], a_an["suggestions"][0]) == (27, 28, "an")  # code points, not UTF-16 (29)
    assert a_an["category"] == "grammar" and a_an["fix"] == "unsafe"


def test_no_two_findings_for_one_slip(tmp_path: Path, lt_server: ServerInfo) -> None:
    story = tmp_path / "story.txt"
    story.write_text("They met in the the capital and agreed to shoe restraint.\n", encoding="utf-8")
    findings = run_cli("check", "--output-format", "json", str(story), env=lt_env()).json()["files"][0]["findings"]
    spans = [(f["start"], f["end"]) for f in findings]
    for i, (s1, e1) in enumerate(spans):
        for s2, e2 in spans[i + 1 :]:
            assert e1 <= s2 or e2 <= s1, findings
    assert {f["rule"] for f in findings} >= {"core.doubled-word", "confusions.collocation-show"}


def test_unreachable_server_is_one_line_and_local_checks_still_run(tmp_path: Path, fresh_home: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("They met in the the capital.\n", encoding="utf-8")
    env = {**lt_env(), "COPYDESK_HOME": str(fresh_home)}
    dead = "http://127.0.0.1:9"  # the discard port: nothing answers there
    result = run_cli("check", "--languagetool-url", dead, "--output-format", "json", str(story), env=env)
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert result.err.startswith("copydesk: LanguageTool unavailable, grammar not checked: ")
    assert [f["rule"] for f in result.json()["files"][0]["findings"]] == ["core.doubled-word"]
    required = run_cli("check", "--languagetool-url", dead, "--require-languagetool", str(story), env=env)
    assert required.code == 2


def test_not_installed_says_how_to_install(tmp_path: Path, fresh_home: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Fine copy.\n", encoding="utf-8")
    env = {**lt_env(), "COPYDESK_HOME": str(fresh_home)}
    result = run_cli("check", str(story), env=env)
    assert result.code == 0
    assert result.err.strip() == (
        "copydesk: LanguageTool unavailable, grammar not checked: "
        "LanguageTool is not installed; run `copydesk languagetool install`"
    )


def test_enabled_rules_turn_a_default_off_rule_back_on(tmp_path: Path, lt_server: ServerInfo) -> None:
    """The comma before "but" between clauses is off by default; a house can ask for it."""
    story = tmp_path / "story.txt"
    story.write_text("He said the talks had failed but the two sides would meet again in March.\n")

    def lt_rules() -> list[str]:
        result = run_cli("check", "--output-format", "json", "story.txt", cwd=tmp_path, env=lt_env())
        return [f["rule"] for f in result.json()["files"][0]["findings"] if f["rule"].startswith("lt.")]

    assert lt_rules() == []
    (tmp_path / "copydesk.toml").write_text('[languagetool]\nenabled-rules = ["COMMA_COMPOUND_SENTENCE_2"]\n')
    assert lt_rules() == ["lt.COMMA_COMPOUND_SENTENCE_2"]


def test_stylebook_questions_are_house_style_and_famous_names_are_not_suggested(
    tmp_path: Path, lt_server: ServerInfo
) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "Britons may soon work a four day week, said Ann Francke, the chief executive.\n\n"
        "President Erdogan met the head of the ratings agency.\n",
        encoding="utf-8",
    )
    findings = run_cli("check", "--output-format", "json", str(story), env=lt_env()).json()["files"][0]["findings"]
    lt = {f["rule"]: f for f in findings if f["rule"].startswith("lt.")}
    hyphen = lt.pop("lt.MISSING_HYPHEN")
    assert (hyphen["start"], hyphen["end"], hyphen["suggestions"][0]) == (24, 32, "four-day")
    assert (hyphen["category"], hyphen["severity"]) == ("style", "info")
    # Off: EN_MULTITOKEN_SPELLING_TWO ("Anne Frank"), ERDOGAN ("Erdoğan"), POSSESSIVE_APOSTROPHE ("ratings'").
    assert lt == {}
