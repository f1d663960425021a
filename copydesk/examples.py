"""Run a rule's own examples: each bad one must give exactly its marked finding, each good one none."""

from __future__ import annotations

from dataclasses import replace

from copydesk import config
from copydesk.config import Settings
from copydesk.engine import check_text
from copydesk.rule import Rule


def settings_for_rule(rule: Rule, base: Settings) -> Settings:
    """`base` narrowed to this one rule, with the config its examples need (packs, language, date)."""
    wanted = {k: v for k, v in rule.example_config.items() if k != "format"}
    settings = config.parse(wanted, base.root or config.Path("."), f"examples of {rule.id}")
    packs = tuple(dict.fromkeys(base.packs + settings.packs + (rule.pack,)))
    return replace(
        settings,
        select=(rule.id,),
        packs=tuple(p for p in packs if p in config.BUILTIN_PACKS),
        rules=base.rules,
        dictionaries=base.dictionaries,
        languagetool=replace(base.languagetool, enabled=rule.id.startswith("lt.")),
    )


def _example_path(rule: Rule) -> str:
    """Examples are plain text unless the rule asks for a format (a Markdown comment, say)."""
    extension = {"markdown": "md", "html": "html"}.get(str(rule.example_config.get("format", "")), "txt")
    return f"example.{extension}"


def failures(rule: Rule, base: Settings) -> list[str]:
    """What is wrong with the rule's examples; empty when all pass."""
    problems: list[str] = []
    if not rule.bad:
        problems.append("has no bad examples")
    if not rule.good:
        problems.append("has no good examples")
    settings = settings_for_rule(rule, base)
    for example in rule.bad:
        text, start, end = example.parts()
        _, found = check_text(_example_path(rule), text, settings)
        mine = [f for f in found if f.rule == rule.id]
        if len(mine) != 1 or (mine[0].start, mine[0].end) != (start, end):
            spans = [(f.start, f.end, text[f.start : f.end]) for f in mine]
            problems.append(f"bad example {example.text!r}: expected one finding at {text[start:end]!r}, got {spans}")
            continue
        if example.fix is not None and (mine[0].suggestions[:1] != (example.fix,)):
            problems.append(
                f"bad example {example.text!r}: expected fix {example.fix!r}, got {list(mine[0].suggestions)}"
            )
            continue
        if example.fix is not None:
            fixed = text[:start] + example.fix + text[end:]
            _, again = check_text(_example_path(rule), fixed, settings)
            if any(f.rule == rule.id for f in again):
                problems.append(f"bad example {example.text!r}: still flagged after the fix: {fixed!r}")
    for good in rule.good:
        _, found = check_text(_example_path(rule), good, settings)
        mine = [f for f in found if f.rule == rule.id]
        if mine:
            problems.append(f"good example {good!r}: unexpected finding at {[good[f.start : f.end] for f in mine]}")
    return problems
