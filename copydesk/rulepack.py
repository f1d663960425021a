"""Load YAML rule packs: data only (safe loading), every field validated, errors name file and rule.

A pack is a mapping:

    pack: ap                      # the id prefix of its rules
    description: ...
    follows: ...                  # optional: the stylebook edition it follows
    rules:
      - id: ap.month-abbrev       # must start with the pack name
        kind: pattern             # existence | substitution | pattern | confusion | capitalization
                                  # | consistency | names
        category: style
        severity: warning
        message: ...              # what to do, one line
        why: ...                  # why, for the docs
        fix: safe                 # safe | unsafe | display-only | none
        scope: [prose, heading]   # where it applies; add `quotation` to reach inside quotes
        examples:
          bad: [{text: "On [[December 11]] they met.", fix: "Dec. 11"}]
          good: ["On Dec. 11 they met."]
        ...kind-specific fields (see copydesk.checks.rules)
"""

from __future__ import annotations

import hashlib
import marshal
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from copydesk.findings import Applicability, Category, Severity
from copydesk.home import copydesk_home, write_atomically
from copydesk.rule import BadExample, Rule

KINDS = ("existence", "substitution", "pattern", "confusion", "capitalization", "consistency", "names")
SCOPES = ("prose", "heading", "quotation")
COMMON_FIELDS = {"id", "kind", "category", "severity", "message", "why", "fix", "scope", "examples", "example-config"}
KIND_FIELDS: dict[str, set[str]] = {
    "existence": {"tokens", "pattern", "ignorecase", "suggest"},
    "substitution": {"swap", "ignorecase"},
    "pattern": {"pattern", "replace", "map", "ignorecase", "unless"},
    "confusion": {"word", "suggest", "when", "unless"},
    "capitalization": {"terms", "at-sentence-start"},
    "consistency": {"variants"},
    "names": {"names", "plural-ok"},
}


def _text(v: Any) -> bool:
    return isinstance(v, str)


def _texts(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _text_map(v: Any) -> bool:
    return isinstance(v, dict) and all(isinstance(k, str) and isinstance(x, str) for k, x in v.items())


def _contexts(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(e, dict) and all(isinstance(x, str) for x in e.values()) for e in v)


def _groups(v: Any) -> bool:
    return isinstance(v, list) and all(_texts(g) for g in v)


# What each kind-specific field must hold: a check, and its name for the error message.
# Checked when the pack loads, so a wrong type never reaches a rule engine as a crash or as
# a quietly wrong rule (a replacement `[the]` turned into the text "['the']").
FIELD_TYPES: dict[str, tuple[Any, str]] = {
    "tokens": (_texts, "list of text"),
    "pattern": (_text, "text (a regular expression)"),
    "ignorecase": (lambda v: isinstance(v, bool), "true or false"),
    "suggest": (_text, "text"),
    "swap": (_text_map, "mapping of text to text"),
    "replace": (_text, "text"),
    "map": (_text_map, "mapping of text to text"),
    "word": (lambda v: _text(v) or _texts(v), "text or list of text"),
    "when": (_contexts, "list of {before, after} text"),
    "terms": (_texts, "list of text"),
    "at-sentence-start": (lambda v: isinstance(v, bool), "true or false"),
    "variants": (_groups, "list of lists of text"),
    "names": (_texts, "list of text"),
    "plural-ok": (_texts, "list of text"),
}
# `unless` is a regular expression for pattern rules and a list of contexts for confusion rules.
UNLESS_TYPES: dict[str, tuple[Any, str]] = {
    "pattern": (_text, "text (a regular expression)"),
    "confusion": (_contexts, "list of {before, after} text"),
}


def _check_kind_fields(raw: dict[str, Any], kind: str, where: str) -> None:
    for key in sorted(KIND_FIELDS[kind] & set(raw)):
        valid, name = UNLESS_TYPES[kind] if key == "unless" else FIELD_TYPES[key]
        if not valid(raw[key]):
            raise PackError(f"{where}: field '{key}' must be a {name}, not {_shape(raw[key])}")


def _shape(value: Any) -> str:
    """How a wrong value looks, short: `5`, `['the']`, `{5: 'five'}`."""
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


class PackError(Exception):
    """A malformed pack; the message names the file, the rule and the field."""


@dataclass(frozen=True)
class PackRule:
    """A rule's docs (Rule) plus the kind-specific data its engine needs."""

    rule: Rule
    kind: str
    data: dict[str, Any]


def _field(raw: dict[str, Any], key: str, kind: type, where: str, default: Any = None) -> Any:
    if key not in raw:
        if default is None:
            raise PackError(f"{where}: missing field '{key}'")
        return default
    value = raw[key]
    if not isinstance(value, kind):
        raise PackError(f"{where}: field '{key}' must be a {kind.__name__}, not {type(value).__name__}")
    return value


def _enum(enum: Any, raw: dict[str, Any], key: str, where: str, default: Any = None) -> Any:
    value = _field(raw, key, str, where, default.value if default is not None else None)
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(e.value for e in enum)
        raise PackError(f"{where}: field '{key}' must be one of {choices}, not {value!r}") from None


def _examples(raw: dict[str, Any], where: str) -> tuple[tuple[BadExample, ...], tuple[str, ...]]:
    examples = _field(raw, "examples", dict, where)
    bad_raw = _field(examples, "bad", list, f"{where}: examples")
    good_raw = _field(examples, "good", list, f"{where}: examples")
    bad = []
    for item in bad_raw:
        if isinstance(item, str):
            bad.append(BadExample(item))
        elif isinstance(item, dict) and isinstance(item.get("text"), str):
            fix = item.get("fix")
            bad.append(BadExample(item["text"], None if fix is None else str(fix)))
        else:
            raise PackError(f"{where}: examples.bad entries must be text or {{text, fix}}, not {item!r}")
        try:
            bad[-1].parts()
        except ValueError as e:
            raise PackError(f"{where}: {e}") from None
    for item in good_raw:
        if not isinstance(item, str):
            raise PackError(f"{where}: examples.good entries must be text, not {item!r}")
    return tuple(bad), tuple(good_raw)


def parse_rule(raw: Any, pack: str, origin: str) -> PackRule:
    """One rule entry of a pack, validated."""
    if not isinstance(raw, dict):
        raise PackError(f"{origin}: each rule must be a mapping, not {raw!r}")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not rule_id.startswith(pack + "."):
        raise PackError(f"{origin}: rule id {rule_id!r} must be a string starting with '{pack}.'")
    where = f"{origin}: rule {rule_id}"
    kind = _field(raw, "kind", str, where)
    if kind not in KINDS:
        raise PackError(f"{where}: field 'kind' must be one of {', '.join(KINDS)}, not {kind!r}")
    unknown = set(raw) - COMMON_FIELDS - KIND_FIELDS[kind]
    if unknown:
        raise PackError(f"{where}: unknown field '{sorted(unknown)[0]}' for kind {kind}")
    _check_kind_fields(raw, kind, where)
    scope = tuple(_field(raw, "scope", list, where, list(SCOPES)))
    for s in scope:
        if s not in SCOPES:
            raise PackError(f"{where}: field 'scope' has {s!r}; use {', '.join(SCOPES)}")
    bad, good = _examples(raw, where)
    rule = Rule(
        id=rule_id,
        category=_enum(Category, raw, "category", where),
        severity=_enum(Severity, raw, "severity", where),
        message=_field(raw, "message", str, where),
        why=_field(raw, "why", str, where),
        fix=_enum(Applicability, raw, "fix", where, Applicability.NONE),
        scope=scope,
        bad=bad,
        good=good,
        origin=origin,
        example_config=_field(raw, "example-config", dict, where, {}),
    )
    data = {k: v for k, v in raw.items() if k in KIND_FIELDS[kind]}
    return PackRule(rule, kind, data)


@lru_cache(maxsize=64)
def load_pack(path: Path) -> tuple[PackRule, ...]:
    """All rules of one pack file, validated; PackError names what is wrong."""
    origin = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise PackError(f"{origin}: cannot read rule pack ({e.strerror or e})") from None
    raw = _pack_data(text, origin)
    if not isinstance(raw, dict):
        raise PackError(f"{origin}: a rule pack must be a mapping with 'pack' and 'rules'")
    unknown = set(raw) - {"pack", "description", "follows", "rules"}
    if unknown:
        raise PackError(f"{origin}: unknown top-level field '{sorted(unknown)[0]}'")
    pack = _field(raw, "pack", str, origin)
    rules = _field(raw, "rules", list, origin)
    parsed = tuple(parse_rule(r, pack, origin) for r in rules)
    seen: set[str] = set()
    for r in parsed:
        if r.rule.id in seen:
            raise PackError(f"{origin}: rule {r.rule.id} is defined twice")
        seen.add(r.rule.id)
    return parsed


def _pack_data(text: str, origin: str) -> Any:
    """The YAML data of a pack's text, kept under the cache as marshal (keyed by the text), so
    that a start with unchanged packs neither imports nor runs a YAML parser (about 25 ms)."""
    stored = copydesk_home() / "cache" / "packs" / f"{hashlib.sha1(text.encode('utf-8')).hexdigest()}.marshal"
    try:
        return marshal.loads(stored.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass  # not kept yet, or unreadable: parse it
    import yaml

    try:
        # libyaml's safe loader when PyYAML was built with it (ten times faster); data only, never code.
        raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as e:
        raise PackError(f"{origin}: not valid YAML ({str(e).splitlines()[0]})") from None
    try:
        data = marshal.dumps(raw)
    except ValueError:
        return raw  # a value marshal cannot keep (a date): parsed each time
    write_atomically(stored, data)
    return raw


def builtin_pack_path(name: str) -> Path:
    """The file of a pack shipped with copydesk."""
    return Path(str(resources.files("copydesk") / "rules" / f"{name}.yaml"))


def _corrections(rules: tuple[PackRule, ...] | list[PackRule]) -> list[tuple[str, str, str]]:
    """Every (wrong, right, rule id) a pack states unconditionally: substitution swaps."""
    return [(str(k), str(v), r.rule.id) for r in rules if r.kind == "substitution" for k, v in r.data["swap"].items()]


def _contextual(rules: tuple[PackRule, ...] | list[PackRule]) -> list[tuple[str, str, str]]:
    """Corrections that apply only in context: confusions and pattern maps."""
    pairs: list[tuple[str, str, str]] = []
    for r in rules:
        if r.kind == "confusion":
            words = r.data["word"] if isinstance(r.data["word"], list) else [r.data["word"]]
            pairs += [(w, r.data["suggest"], r.rule.id) for w in words]
        elif r.kind == "pattern" and r.data.get("map"):
            pairs += [(str(k), str(v), r.rule.id) for k, v in r.data["map"].items()]
    return pairs


def lint(rules: tuple[PackRule, ...] | list[PackRule]) -> list[str]:
    """Problems in rule data (as codespell lints its dictionaries).

    Any word that corrects to itself; and among substitutions, which apply everywhere, the
    same word corrected two ways or A → B → A loops. Context rules may pair both ways
    (then/than) because their contexts differ; the example tests check those.
    """
    problems = [
        f"{rule_id}: {wrong!r} corrects to itself"
        for wrong, right, rule_id in _corrections(rules) + _contextual(rules)
        if wrong == right
    ]
    swaps: dict[str, tuple[str, str]] = {}
    for wrong, right, rule_id in _corrections(rules):
        key = wrong.lower()
        if key in swaps and swaps[key][0] != right:
            problems.append(f"{rule_id}: {wrong!r} → {right!r} disagrees with {swaps[key][1]} (→ {swaps[key][0]!r})")
        swaps.setdefault(key, (right, rule_id))
    for wrong, (right, rule_id) in swaps.items():
        back = swaps.get(right.lower())
        if back and back[0].lower() == wrong and wrong != right.lower():
            problems.append(f"{rule_id}: {wrong!r} → {right!r} and {back[1]}: {right!r} → {back[0]!r} undo each other")
    return problems
