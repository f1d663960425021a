"""`copydesk rules`: the rule list, one rule's docs, and a pack's example test, from the rules themselves."""

from __future__ import annotations

from pathlib import Path

from copydesk import config, examples
from copydesk.checks.registry import all_rules
from copydesk.config import Settings
from copydesk.rule import Rule


def describe(rule: Rule) -> str:
    """A rule's docs: what it flags, why, and its examples (as `ruff rule` prints them)."""
    lines = [
        f"{rule.id}",
        "",
        f"  category: {rule.category.value}   severity: {rule.severity.value}   fix: {rule.fix.value}",
        f"  scope: {', '.join(rule.scope)}   defined in: {rule.origin}",
        "",
        "What it does",
        f"  {rule.message}",
        "",
        "Why",
        f"  {rule.why}",
        "",
        "Flags",
    ]
    for ex in rule.bad:
        lines.append(f"  ✗ {ex.text}" + (f"  →  {ex.fix}" if ex.fix is not None else ""))
    lines += ["", "Leaves alone"]
    lines += [f"  ✓ {good}" for good in rule.good]
    return "\n".join(lines) + "\n"


def listing(rules: list[Rule]) -> str:
    width = max((len(r.id) for r in rules), default=10)
    rows = [f"{r.id:<{width}}  {r.category.value:<11} {r.severity.value:<7}  {r.message}" for r in rules]
    return "\n".join(rows) + f"\n{len(rules)} rules.\n"


def _test_packs(packs: list[Path], settings: Settings) -> tuple[int, str]:
    from copydesk.rulepack import load_pack

    out, failed, total = [], 0, 0
    for pack in packs:
        pack_rules = [r.rule for r in load_pack(pack.resolve())]
        run_settings = config.Settings(rules=(pack.resolve(),), packs=settings.packs)
        for rule in pack_rules:
            total += 1
            problems = examples.failures(rule, run_settings)
            if problems:
                failed += 1
                out.append(f"FAIL {rule.id} ({pack})")
                out.extend(f"  - {p}" for p in problems)
            else:
                out.append(f"ok   {rule.id}")
    out.append(f"{total - failed} passed, {failed} failed")
    return (1 if failed else 0), "\n".join(out) + "\n"


def command(rule_id: str | None, packs: list[Path], config_file: Path | None) -> tuple[int, str]:
    """Exit code and text for `copydesk rules [ID] [--test PACK...]`."""
    settings = (
        config.load_file(config_file) if config_file else config.settings_for_config(config.find_config(Path.cwd()))
    )
    settings = config.Settings(**{**settings.__dict__, "packs": config.BUILTIN_PACKS})
    if packs:
        return _test_packs(packs, settings)
    rules = all_rules(settings)
    if rule_id is None:
        return 0, listing(rules)
    for rule in rules:
        if rule.id == rule_id:
            return 0, describe(rule)
    return 2, f"copydesk: no rule {rule_id!r}; `copydesk rules` lists them all\n"
