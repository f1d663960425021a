"""Every rule proves itself: its bad examples give exactly the marked finding and fix, its good
examples give nothing, and applying the fix silences the rule (LanguageTool's <example> habit)."""

from __future__ import annotations

import pytest

from copydesk.checks.registry import all_rules
from copydesk.config import BUILTIN_PACKS, Settings
from copydesk.examples import failures
from copydesk.rule import Rule
from copydesk.rulepack import builtin_pack_path, lint, load_pack

SETTINGS = Settings(packs=BUILTIN_PACKS)
RULES = all_rules(SETTINGS)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule: Rule, request: pytest.FixtureRequest) -> None:
    if rule.origin == "copydesk.checks.grammar":
        request.getfixturevalue("lt_install")  # the check starts the tests' LanguageTool server
    assert failures(rule, SETTINGS) == []


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_every_rule_is_documented_with_examples(rule: Rule) -> None:
    assert rule.bad, f"{rule.id} has no bad examples"
    assert rule.good, f"{rule.id} has no good examples"
    assert rule.message.strip() and rule.why.strip()
    assert "." in rule.id


def test_builtin_packs_pass_the_data_lint() -> None:
    rules = [r for name in BUILTIN_PACKS for r in load_pack(builtin_pack_path(name))]
    assert lint(rules) == []


def test_rule_ids_are_unique() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
