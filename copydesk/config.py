"""Settings from `[tool.copydesk]` in pyproject.toml or from copydesk.toml, found like ruff does.

The nearest config file above a checked file wins; `--config FILE` overrides discovery.
Every key is validated: an unknown key or a bad value is a ConfigError naming file and key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from copydesk.findings import Severity

BUILTIN_PACKS = ("entities", "confusions", "ap")
DEFAULT_PACKS = ("entities", "confusions")
LANGUAGES = ("en-US", "en-GB", "en-AU")


class ConfigError(Exception):
    """A config file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class LanguageToolSettings:
    """How copydesk reaches LanguageTool: off, a local server it manages, or a URL."""

    enabled: bool = True
    url: str | None = None
    required: bool = False
    disabled_rules: tuple[str, ...] = ()
    enabled_rules: tuple[str, ...] = ()
    timeout: float = 60.0


# House forms the news checks know; a point left out of `[tool.copydesk.news]` is not enforced.
DATELINE_CITY = ("upper", "title")
DATELINE_DATE = ("ap", "full", "none")
DATELINE_DASH = ("—", "–", "-", "--")
PERCENT_FORMS = ("%", "percent", "per cent")
MILLIONS_FORMS = ("million", "m", "mn")


@dataclass(frozen=True)
class NewsSettings:
    """House style for the news checks (`[tool.copydesk.news]`); None means not configured."""

    dateline_city: str | None = None
    dateline_date: str | None = None
    dateline_agency: str | None = None  # "(Reuters)", "/TASS/"; "" means no agency marker
    dateline_dash: str | None = None
    percent: str | None = None
    millions: str | None = None


@dataclass(frozen=True, eq=False)  # hashed by identity: one instance per config file
class Settings:
    """Everything a run needs to know; one instance per config file."""

    root: Path | None = None  # folder of the config file these settings came from
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    language: str = "en-US"
    enforce_variant: bool = False
    dictionaries: tuple[Path, ...] = ()
    packs: tuple[str, ...] = DEFAULT_PACKS
    rules: tuple[Path, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    extensions: tuple[str, ...] = (".txt", ".md", ".markdown", ".html", ".htm")
    exclude: tuple[str, ...] = ()
    report_unused_suppressions: bool = False
    story_date: date | None = None
    house_model: Path | None = None
    languagetool: LanguageToolSettings = field(default_factory=LanguageToolSettings)
    news: NewsSettings = field(default_factory=NewsSettings)

    def with_overrides(self, **changes: Any) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _expect(kind: type | tuple[type, ...], value: Any, where: str, key: str) -> Any:
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ConfigError(f"{where}: '{key}' must be a {names}, not {value!r}")
    return value


def _str_list(value: Any, where: str, key: str) -> tuple[str, ...]:
    items = _expect(list, value, where, key)
    for item in items:
        _expect(str, item, where, key)
    return tuple(items)


def _severity(value: Any, where: str, key: str) -> Severity:
    try:
        return Severity(_expect(str, value, where, key))
    except ValueError:
        raise ConfigError(f"{where}: '{key}' must be error, warning or info, not {value!r}") from None


def _languagetool(table: Any, where: str) -> LanguageToolSettings:
    table = _expect(dict, table, where, "languagetool")
    known = {"enabled", "url", "required", "disabled-rules", "enabled-rules", "timeout"}
    for key in table:
        if key not in known:
            raise ConfigError(f"{where}: unknown key 'languagetool.{key}'")
    return LanguageToolSettings(
        enabled=_expect(bool, table.get("enabled", True), where, "languagetool.enabled"),
        url=_expect(str, table["url"], where, "languagetool.url") if "url" in table else None,
        required=_expect(bool, table.get("required", False), where, "languagetool.required"),
        disabled_rules=_str_list(table.get("disabled-rules", []), where, "languagetool.disabled-rules"),
        enabled_rules=_str_list(table.get("enabled-rules", []), where, "languagetool.enabled-rules"),
        timeout=float(_expect((int, float), table.get("timeout", 60.0), where, "languagetool.timeout")),
    )


def _one_of(value: Any, choices: tuple[str, ...], where: str, key: str) -> str:
    if _expect(str, value, where, key) not in choices:
        raise ConfigError(f"{where}: '{key}' must be one of {', '.join(map(repr, choices))}, not {value!r}")
    return str(value)


def _news(table: Any, where: str) -> NewsSettings:
    table = _expect(dict, table, where, "news")
    for key in table:
        if key not in ("dateline", "percent", "millions"):
            raise ConfigError(f"{where}: unknown key 'news.{key}'")
    dateline = _expect(dict, table.get("dateline", {}), where, "news.dateline")
    for key in dateline:
        if key not in ("city", "date", "agency", "dash"):
            raise ConfigError(f"{where}: unknown key 'news.dateline.{key}'")

    def pick(tbl: dict[str, Any], key: str, choices: tuple[str, ...], name: str) -> str | None:
        return _one_of(tbl[key], choices, where, name) if key in tbl else None

    agency = dateline.get("agency")
    return NewsSettings(
        dateline_city=pick(dateline, "city", DATELINE_CITY, "news.dateline.city"),
        dateline_date=pick(dateline, "date", DATELINE_DATE, "news.dateline.date"),
        dateline_agency=None if agency is None else _expect(str, agency, where, "news.dateline.agency"),
        dateline_dash=pick(dateline, "dash", DATELINE_DASH, "news.dateline.dash"),
        percent=pick(table, "percent", PERCENT_FORMS, "news.percent"),
        millions=pick(table, "millions", MILLIONS_FORMS, "news.millions"),
    )


def parse(table: dict[str, Any], root: Path, where: str) -> Settings:
    """Settings from one `[tool.copydesk]` table; paths resolve against the file's folder."""
    s = Settings(root=root)
    changes: dict[str, Any] = {}
    for key, value in table.items():
        k = key.replace("-", "_")
        if key == "languagetool":
            changes["languagetool"] = _languagetool(value, where)
        elif key == "news":
            changes["news"] = _news(value, where)
        elif k in ("select", "ignore", "exclude"):
            changes[k] = _str_list(value, where, key)
        elif k == "extensions":
            changes[k] = tuple(e if e.startswith(".") else "." + e for e in _str_list(value, where, key))
        elif k in ("dictionaries", "rules"):
            changes[k] = tuple(root / p for p in _str_list(value, where, key))
        elif k == "packs":
            packs = _str_list(value, where, key)
            for p in packs:
                if p not in BUILTIN_PACKS:
                    raise ConfigError(f"{where}: 'packs' has unknown pack {p!r} (known: {', '.join(BUILTIN_PACKS)})")
            changes[k] = packs
        elif k == "extend_packs":
            extra = _str_list(value, where, key)
            for p in extra:
                if p not in BUILTIN_PACKS:
                    raise ConfigError(f"{where}: 'extend-packs' has unknown pack {p!r}")
            changes["packs"] = tuple(dict.fromkeys(changes.get("packs", s.packs) + extra))
        elif k == "severity":
            table_ = _expect(dict, value, where, key)
            changes[k] = {rule: _severity(sev, where, f"severity.{rule}") for rule, sev in table_.items()}
        elif k == "fail_on":
            changes[k] = _severity(value, where, key)
        elif k == "language":
            if value not in LANGUAGES:
                raise ConfigError(f"{where}: 'language' must be one of {', '.join(LANGUAGES)}, not {value!r}")
            changes[k] = value
        elif k == "report_unused_suppressions" or k == "enforce_variant":
            changes[k] = _expect(bool, value, where, key)
        elif k == "per_file_ignores":
            table_ = _expect(dict, value, where, key)
            changes[k] = {glob: _str_list(rules, where, f"per-file-ignores.{glob}") for glob, rules in table_.items()}
        elif k == "date":
            changes["story_date"] = _date(value, where)
        elif k == "house_model":
            changes[k] = root / _expect(str, value, where, key)
        else:
            raise ConfigError(f"{where}: unknown key '{key}' in [tool.copydesk]")
    return replace(s, **changes)


def _date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(_expect(str, value, where, "date"))
    except ValueError:
        raise ConfigError(f"{where}: 'date' must be YYYY-MM-DD, not {value!r}") from None


def load_file(path: Path) -> Settings:
    """Settings from an explicit config file (copydesk.toml or a pyproject.toml)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(f"{path}: cannot read config ({e.strerror or e})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: not valid TOML ({e})") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("copydesk", {})
        where = f"{path} [tool.copydesk]"
    else:
        table = data.get("tool", {}).get("copydesk", data)
        where = str(path)
    return parse(table, path.parent.resolve(), where)


@lru_cache(maxsize=256)
def find_config(folder: Path) -> Path | None:
    """The nearest copydesk.toml, or pyproject.toml with [tool.copydesk], at or above `folder`."""
    for candidate_dir in (folder, *folder.parents):
        own = candidate_dir / "copydesk.toml"
        if own.is_file():
            return own
        pyproject = candidate_dir / "pyproject.toml"
        if pyproject.is_file():
            try:
                if "copydesk" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}):
                    return pyproject
            except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
                continue
    return None


@lru_cache(maxsize=64)
def settings_for_config(path: Path | None) -> Settings:
    """Settings for a discovered config file (defaults when there is none), loaded once."""
    return load_file(path) if path is not None else Settings()
