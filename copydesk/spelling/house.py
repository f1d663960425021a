"""The house dictionary: words a newsroom accepts, and forms it rejects in favour of others.

Files are named by `dictionaries` in the config (paths relative to the config file). Two
formats, chosen by the file's extension:

Plain text (any extension but .yaml/.yml), UTF-8, one entry a line::

    # Names and terms our copy uses
    Panmunjom          <- accepted: never flagged as a misspelling
    denuclearisation   <- a lower-case entry accepts any capitalisation
    e-mail -> email    <- rejected: flagged (spelling.rejected) with the preferred form

`#` starts a comment (to the end of the line); blank lines are skipped. An accepted entry
written with a capital letter is accepted only with that capital (or in capitals throughout),
as a name is. A rejected entry matches whole words (or a phrase of several) in any
capitalisation, and its replacement keeps the case of the text it replaces.

YAML (.yaml or .yml)::

    accept: [Panmunjom, denuclearisation]
    reject:
      e-mail: email
      web site: website

Accepted words are also offered as corrections: "Panmunjeom" → "Panmunjom" when the house
lists it. A word the house accepts is never rejected, so a house can keep a built-in
rejection (`BUILTIN_REJECTS`) from firing by accepting the word.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex

from copydesk import patterns
from copydesk.config import ConfigError

# Forms edited copy rejects whatever the house: non-standard spellings of standard words.
BUILTIN_REJECTS: dict[str, str] = {
    "irregardless": "regardless",
    "e-mail": "email",
}


class HouseDictionaryError(ConfigError):
    """A house dictionary file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class HouseDictionary:
    """Accepted words (exact and any-case) and rejected forms with their replacements."""

    exact: frozenset[str] = frozenset()
    any_case: frozenset[str] = frozenset()  # lower-cased
    rejects: dict[str, str] = field(default_factory=dict)  # lower-cased form -> preferred form

    def accepts(self, word: str) -> bool:
        """True when the house lists `word` (a name only in its own capitalisation, or in capitals)."""
        if word in self.exact or word.lower() in self.any_case:
            return True
        return word.isupper() and any(w.upper() == word for w in self.exact)

    @property
    def words(self) -> tuple[str, ...]:
        """Every accepted word, for suggestions."""
        return tuple(sorted(self.exact | self.any_case))

    def spelling(self, word: str) -> str:
        """The house's own spelling of a lower-case suggestion (mcavan → McAvan), else the word."""
        if self.exact:
            for accepted in self.exact:
                if accepted.lower() == word:
                    return accepted
        return word

    @property
    def reject_pattern(self) -> regex.Pattern[str] | None:
        """One pattern that finds every rejected form as a whole word or phrase."""
        return _reject_pattern(tuple(sorted(self.rejects, key=len, reverse=True)))


@lru_cache(maxsize=64)
def _reject_pattern(forms: tuple[str, ...]) -> regex.Pattern[str] | None:
    if not forms:
        return None
    alternatives = "|".join(r"\s+".join(regex.escape(part) for part in form.split()) for form in forms)
    return patterns.compile(rf"(?<![\p{{L}}\p{{N}}'’\-])(?:{alternatives})(?![\p{{L}}\p{{N}}\-]|['’]\p{{L}})", regex.I)


def _parse_text(path: Path, text: str) -> tuple[list[str], dict[str, str]]:
    accepted: list[str] = []
    rejects: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if "->" in line:
            wrong, _, right = (part.strip() for part in line.partition("->"))
            if not wrong or not right:
                raise HouseDictionaryError(f"{path}:{number}: a rejection needs a form on each side of '->'")
            rejects[" ".join(wrong.split()).lower()] = right
        elif len(line.split()) == 1:
            accepted.append(line)
        else:
            raise HouseDictionaryError(f"{path}:{number}: one word a line, or 'wrong -> right', not {line!r}")
    return accepted, rejects


def _parse_yaml(path: Path, text: str) -> tuple[list[str], dict[str, str]]:
    import yaml

    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as e:
        raise HouseDictionaryError(f"{path}: not valid YAML ({e})") from None
    if not isinstance(data, dict) or set(data) - {"accept", "reject"}:
        raise HouseDictionaryError(f"{path}: expected a mapping with 'accept' (a list) and 'reject' (a mapping)")
    accepted = data.get("accept") or []
    rejects = data.get("reject") or {}
    if not isinstance(accepted, list) or not all(isinstance(w, str) and w.strip() for w in accepted):
        raise HouseDictionaryError(f"{path}: 'accept' must be a list of words")
    if not isinstance(rejects, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in rejects.items()):
        raise HouseDictionaryError(f"{path}: 'reject' must map each rejected form to its preferred form")
    return [w.strip() for w in accepted], {" ".join(k.split()).lower(): v.strip() for k, v in rejects.items()}


def read_file(path: Path) -> tuple[list[str], dict[str, str]]:
    """The accepted words and rejections of one house dictionary file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as e:
        raise HouseDictionaryError(f"{path}: cannot read house dictionary ({e.strerror or e})") from None
    except UnicodeDecodeError:
        raise HouseDictionaryError(f"{path}: house dictionary is not UTF-8 text") from None
    if path.suffix.lower() in (".yaml", ".yml"):
        return _parse_yaml(path, text)
    return _parse_text(path, text)


def load(paths: Iterable[Path]) -> HouseDictionary:
    """The house dictionary made of these files, over the built-in rejections."""
    exact: set[str] = set()
    any_case: set[str] = set()
    rejects = dict(BUILTIN_REJECTS)
    for path in paths:
        accepted, rejected = read_file(path)
        for word in accepted:
            (exact if any(ch.isupper() for ch in word) else any_case).add(word)
        rejects.update(rejected)
    accepted_lower = {w.lower() for w in exact} | any_case
    rejects = {wrong: right for wrong, right in rejects.items() if wrong not in accepted_lower}
    return HouseDictionary(frozenset(exact), frozenset(any_case), rejects)
