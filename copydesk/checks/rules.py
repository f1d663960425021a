"""The engine behind YAML rule packs: one matcher per rule kind, compiled once per Settings.

Kinds and their fields (besides the common ones in copydesk.rulepack):
- existence:      tokens: [words or phrases] or pattern: regex; suggest: optional replacement
- substitution:   swap: {wrong: right}; whole words; the case of the written word is kept
- pattern:        pattern: regex; replace: template (\\1, \\g<name>) and/or map: {text: replacement}
                  applied to the group named `target`; unless: regex that vetoes a match
- confusion:      word: a word (or list) that is wrong in context; suggest: the right one;
                  when: [{before: regex, after: regex}] (any entry; both parts of an entry);
                  unless: [{before, after}] vetoes
- capitalization: terms: [words or names in their only right case]
- consistency:    variants: [[form, form, ...]]: the first form used in a story is kept
- names:          names: [official multiword names]; plural-ok: [names whose plural is fine]
                  flags a span one edit away from a name (a letter, a plural s, two words swapped)
Every regex search runs with a timeout, so a pattern that backtracks without end stops the file
with an error naming the rule instead of hanging the run.
"""

from __future__ import annotations

import glob
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import regex

from copydesk import patterns
from copydesk.checks.base import finding, keep_case
from copydesk.config import Settings
from copydesk.document import Document
from copydesk.findings import Finding
from copydesk.rule import Rule
from copydesk.rulepack import PackError, PackRule, builtin_pack_path, load_pack
from copydesk.sourcefile import InputError

TIMEOUT_SECONDS_PER_MB = 2.0
CONTEXT_CHARS = 80  # how far a confusion rule looks for its context


class RuleTimeout(InputError):
    """A rule's pattern ran too long on a file."""


def _timeout(doc: Document) -> float:
    return 0.5 + TIMEOUT_SECONDS_PER_MB * len(doc.prose) / 1_000_000


def _compile(pattern: str, where: str, flags: int = 0) -> regex.Pattern[str]:
    try:
        return patterns.compile(pattern, flags | regex.V0)
    except regex.error as e:
        raise PackError(f"{where}: invalid pattern ({e})") from None


def finditer(pattern: regex.Pattern[str], text: str, timeout: float) -> Iterator[regex.Match[str]]:
    """`pattern.finditer(text)`, each search with its own `timeout`.

    `regex`'s finditer counts its timeout from the first search and includes the time the caller
    spends between matches, so a file with a great many matches (400 KB of "it's") would time out
    although no single search is slow.
    """
    pos, end = 0, len(text)
    while pos <= end:
        m = pattern.search(text, pos, timeout=timeout)
        if m is None:
            return
        yield m
        pos = m.end() if m.end() > m.start() else m.end() + 1


def _words_pattern(words: Sequence[str]) -> str:
    alternatives = sorted({regex.escape(w) for w in words}, key=len, reverse=True)
    return r"(?<![\p{L}\p{N}_])(?:" + "|".join(alternatives) + r")(?![\p{L}\p{N}_])"


class WordList:
    """Whole words or phrases from a list, found by one pattern; copy that holds none of a
    short list is passed over by plain substring tests, far faster than the pattern's scan."""

    MAX_QUICK = 16  # past this many words, the substring tests cost more than the scan

    def __init__(self, words: Sequence[str], where: str, ignorecase: bool = True) -> None:
        self.regex = _compile(_words_pattern(words), where, regex.I if ignorecase else 0)
        self.ignorecase = ignorecase
        needles = {w.lower() if ignorecase else w for w in words}
        quick = len(needles) <= self.MAX_QUICK and all(w.isascii() for w in needles)
        self.needles = tuple(needles) if quick else None

    def finditer(self, doc: Document, timeout: float) -> Iterator[regex.Match[str]]:
        if self.needles is not None:
            text = doc.folded if self.ignorecase else doc.prose
            if text is not None and not any(needle in text for needle in self.needles):
                return iter(())
        return finditer(self.regex, doc.prose, timeout)


class Matcher:
    """Finds one rule's slips; subclasses implement `matches` with prose spans."""

    def __init__(self, pack_rule: PackRule) -> None:
        self.rule: Rule = pack_rule.rule
        self.data: dict[str, Any] = pack_rule.data
        self.where = f"{self.rule.origin}: rule {self.rule.id}"

    def matches(self, doc: Document, timeout: float) -> Iterator[Finding]:
        raise NotImplementedError

    def in_scope(self, doc: Document, start: int, end: int) -> bool:
        scope = self.rule.scope
        if doc.in_quotation(start, end):
            return "quotation" in scope
        return doc.region_kind(start) in scope

    def run(self, doc: Document) -> Iterator[Finding]:
        timeout = _timeout(doc)
        try:
            for f in self.matches(doc, timeout):
                if self.in_scope(doc, f.start, f.end):
                    yield f
        except TimeoutError:
            raise RuleTimeout(
                f"rule {self.rule.id} timed out (one search ran too long: its pattern backtracks too much)"
            ) from None


class Existence(Matcher):
    def __init__(self, pack_rule: PackRule) -> None:
        super().__init__(pack_rule)
        pattern: str = self.data.get("pattern") or ""
        tokens: list[str] = self.data.get("tokens") or []
        if not pattern and not tokens:
            raise PackError(f"{self.where}: an existence rule needs 'tokens' or 'pattern'")
        ignorecase = bool(self.data.get("ignorecase", True))
        self.words = WordList(tokens, self.where, ignorecase) if not pattern else None
        self.regex = self.words.regex if self.words else _compile(pattern, self.where, regex.I if ignorecase else 0)
        self.suggest = self.data.get("suggest")

    def matches(self, doc: Document, timeout: float) -> Iterator[Finding]:
        found = self.words.finditer(doc, timeout) if self.words else finditer(self.regex, doc.prose, timeout)
        for m in found:
            suggestions = [keep_case(m.group(), self.suggest)] if self.suggest is not None else []
            yield finding(self.rule, m.start(), m.end(), suggestions)


class Substitution(Matcher):
    def __init__(self, pack_rule: PackRule) -> None:
        super().__init__(pack_rule)
        swap = self.data.get("swap")
        if not isinstance(swap, dict) or not swap:
            raise PackError(f"{self.where}: field 'swap' must map wrong forms to right ones")
        self.ignorecase = bool(self.data.get("ignorecase", True))
        self.swap = {(k.lower() if self.ignorecase else k): str(v) for k, v in swap.items()}
        self.words = WordList(list(swap), self.where, self.ignorecase)

    def matches(self, doc: Document, timeout: float) -> Iterator[Finding]:
        for m in self.words.finditer(doc, timeout):
            written = m.group()
            right = self.swap[written.lower() if self.ignorecase else written]
            yield finding(self.rule, m.start(), m.end(), [keep_case(written, right)])


class Pattern(Matcher):
    def __init__(self, pack_rule: PackRule) -> None:
        super().__init__(pack_rule)
        flags = regex.I if self.data.get("ignorecase", False) else 0
        self.regex = _compile(str(self.data.get("pattern", "")), self.where, flags)
        self.replace: str | None = self.data.get("replace")
        self.map: dict[str, str] = {str(k): str(v) for k, v in (self.data.get("map") or {}).items()}
        unless = self.data.get("unless")
        self.unless = _compile(unless, self.where) if unless else None
        if self.map and "target" not in self.regex.groupindex:
            raise PackError(f"{self.where}: a 'map' needs a group named 'target' in the pattern")

    def _suggestion(self, m: regex.Match[str]) -> list[str]:
        if self.map:
            target = m.group("target")
            if target in self.map:  # an exact key gives the exact replacement
                right = self.map[target]
            elif target.lower() in self.map:
                right = keep_case(target, self.map[target.lower()])
            else:
                return []
            whole = m.group()
            t_start, t_end = m.start("target") - m.start(), m.end("target") - m.start()
            return [whole[:t_start] + right + whole[t_end:]]
        if self.replace is not None:
            return [m.expand(self.replace)]
        return []

    def matches(self, doc: Document, timeout: float) -> Iterator[Finding]:
        for m in finditer(self.regex, doc.prose, timeout):
            if self.unless and self.unless.fullmatch(m.group(), timeout=timeout):
                continue
            yield finding(self.rule, m.start(), m.end(), self._suggestion(m))


def _context_pairs(
    raw: Any, where: str, field: str
) -> list[tuple[regex.Pattern[str] | None, regex.Pattern[str] | None]]:
    pairs = []
    for entry in raw or []:
        if not isinstance(entry, dict) or not set(entry) <= {"before", "after"} or not entry:
            raise PackError(f"{where}: each '{field}' entry must have 'before' and/or 'after'")
        before = (
            _compile(r"(?<![\p{L}\p{N}])(?:" + entry["before"] + r")\s*$", where, regex.I)
            if "before" in entry
            else None
        )
        after = (
            _compile(r"^\s*(?:" + entry["after"] + r")(?![\p{L}\p{N}])", where, regex.I) if "after" in entry else None
        )
        pairs.append((before, after))
    return pairs


class Confusion(Matcher):
    def __init__(self, pack_rule: PackRule) -> None:
        super().__init__(pack_rule)
        words = self.data.get("word")
        words = [words] if isinstance(words, str) else words
        if not words or not isinstance(self.data.get("suggest"), str):
            raise PackError(f"{self.where}: a confusion rule needs 'word' and 'suggest'")
        self.words = WordList(words, self.where)
        self.suggest: str = self.data["suggest"]
        self.when = _context_pairs(self.data.get("when"), self.where, "when")
        self.unless = _context_pairs(self.data.get("unless"), self.where, "unless")
        if not self.when:
            raise PackError(f"{self.where}: a confusion rule needs at least one 'when' context")

    @staticmethod
    def _fits(pairs: Sequence[tuple[Any, Any]], left: str, right: str, timeout: float) -> bool:
        for before, after in pairs:
            if (before is None or before.search(left, timeout=timeout)) and (
                after is None or after.match(right, timeout=timeout)
            ):
                return True
        return False

    def matches(self, doc: Document, timeout: float) -> Iterator[Finding]:
        prose = doc.prose
        for m in self.words.finditer(doc, timeout):
            left = prose[max(0, m.start() - CONTEXT_CHARS) : m.start()]
            left = left[left.rfind("\n\n") + 1 :]  # stay within the paragraph
            right = prose[m.end() : m.end() + CONTEXT_CHARS]
            right = right.split("\n\n", 1)[0]
            if self._fits(self.when, left, right, timeout) and not self._fits(self.unless, left, right, timeout):
                yield finding(self.rule, m.start(), m.end(), [keep_case(m.group(), self.suggest)])


class Capitalization(Matcher):
    def __init__(self, pack_rule: PackRule) -> None:
        super().__init__(pack_rule)
        terms = self.data.get("terms") or []
        self.terms = {t.lower(): t for t in terms}
        self.words = WordList(terms, self.where)

    def matches(self, doc: Document, timeout: float) -> Iterator[Finding]:
        starts = doc.sentence_starts
        for m in self.words.finditer(doc, timeout):
            written, right = m.group(), self.terms[m.group().lower()]
            if written == right:
                continue
            if m.start() in starts and written == right[:1].upper() + right[1:]:
                continue  # a lower-case term capitalised to start a sentence
            yield finding(self.rule, m.start(), m.end(), [right])


class Consistency(Matcher):
    def __init__(self, pack_rule: PackRule) -> None:
        super().__init__(pack_rule)
        groups = self.data.get("variants") or []
        self.groups: list[tuple[WordList, dict[str, str]]] = []
        for group in groups:
            if not isinstance(group, list) or len(group) < 2:
                raise PackError(f"{self.where}: each 'variants' entry must list two or more forms")
            forms = {g.lower(): g for g in group}
            self.groups.append((WordList(group, self.where), forms))

    def matches(self, doc: Document, timeout: float) -> Iterator[Finding]:
        for words, forms in self.groups:
            found = list(words.finditer(doc, timeout))
            used = {m.group().lower() for m in found}
            if len(used) < 2:
                continue
            first = forms[found[0].group().lower()]
            for m in found:
                if m.group().lower() != first.lower():
                    yield finding(self.rule, m.start(), m.end(), [keep_case(m.group(), first)])


MATCHERS: dict[str, type[Matcher]] = {
    "existence": Existence,
    "substitution": Substitution,
    "pattern": Pattern,
    "confusion": Confusion,
    "capitalization": Capitalization,
    "consistency": Consistency,
}


def _matcher(pack_rule: PackRule) -> Matcher:
    if pack_rule.kind == "names":
        from copydesk.checks.names import NearMissNames

        return NearMissNames(pack_rule)
    return MATCHERS[pack_rule.kind](pack_rule)


def pack_files(settings: Settings) -> list[Path]:
    """The built-in packs the settings enable, then the newsroom's own (globs allowed)."""
    files = [builtin_pack_path(name) for name in settings.packs]
    for pattern in settings.rules:
        matched = sorted(glob.glob(str(pattern)))
        if not matched and not any(ch in str(pattern) for ch in "*?["):
            raise PackError(f"{pattern}: rule pack not found")
        files.extend(Path(p) for p in matched)
    return files


class RulePackCheck:
    """Runs every rule of every enabled pack."""

    def __init__(self, settings: Settings) -> None:
        self.matchers = [_matcher(r) for path in pack_files(settings) for r in load_pack(path.resolve())]
        self.rules = [m.rule for m in self.matchers]
        self.settings = settings

    def run(self, doc: Document) -> Iterator[Finding]:
        from copydesk.selection import selected

        for matcher in self.matchers:
            rule = matcher.rule
            if selected(rule.id, rule.category.value, self.settings.select, self.settings.ignore):
                yield from matcher.run(doc)
