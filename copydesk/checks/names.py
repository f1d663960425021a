"""Near misses of official names: "Department of States", "World Heath Organization".

A span of capitalised words that is one slip away from a known multiword name is almost
always that name mistyped: one word off by one letter (dropped, added, changed, swapped
letters, or a plural s), or two neighbouring words swapped. A span that is itself a known
name (Labor Party beside Labour Party) is never flagged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from symspellpy.editdistance import DistanceAlgorithm, EditDistance

from copydesk import patterns
from copydesk.checks.base import finding
from copydesk.checks.rules import Matcher
from copydesk.document import Document
from copydesk.findings import Finding
from copydesk.rulepack import PackError, PackRule
from copydesk.textunits import without_possessive

_GAP_RE = patterns.compile(r"[ \t]+")
_EDIT = EditDistance(DistanceAlgorithm.DAMERAU_OSA)
DERIVED_ENDINGS = frozenset({"n", "an", "ian", "ese", "i", "ish"})
_VARIANT_RE = patterns.compile(r"isation|ise|isi|our|tre|ence|yse")
_VARIANTS = {"isation": "ization", "ise": "ize", "isi": "izi", "our": "or", "tre": "ter", "ence": "ense", "yse": "yze"}


def _spelling_key(word: str) -> str:
    """The word with British spellings made American, so variants compare equal."""
    return _VARIANT_RE.sub(lambda m: _VARIANTS[m.group()], word)


def _one_slip(written: str, name_word: str, plural_ok: bool) -> bool:
    """True when `written` is `name_word` with one slip that a reader would call a typo."""
    if _spelling_key(written) == _spelling_key(name_word):
        return False  # British or American spelling of the same name (Organisation)
    if written[:1] != name_word[:1] and written[:1].lower() == name_word[:1].lower():
        return False  # a case difference is the capitalization rules' business
    if plural_ok and written in (name_word + "s", name_word + "es"):
        return False
    if written[len(name_word) :] in DERIVED_ENDINGS and written.startswith(name_word):
        return False  # North Korean, Sri Lankan: an adjective made from the name
    if len(name_word) < 4:
        return written[:-1] == name_word and written[-1] == "s"  # short words: a plural s only
    return _EDIT.compare(written, name_word, 1) == 1


class NearMissNames(Matcher):
    """Flags spans one slip away from a listed name, with the name as the fix."""

    def __init__(self, pack_rule: PackRule) -> None:
        super().__init__(pack_rule)
        names = self.data.get("names")
        if not isinstance(names, list) or not all(isinstance(n, str) and " " in n for n in names):
            raise PackError(f"{self.where}: 'names' must list names of two or more words")
        plural_ok = set(self.data.get("plural-ok") or [])
        self.names = [(tuple(n.split()), n in plural_ok) for n in dict.fromkeys(names)]
        self.exact = {words for words, _ in self.names}
        self.by_word: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for index, (words, _) in enumerate(self.names):
            for position, word in enumerate(words):
                if word[:1].isupper():  # a near miss keeps at least one capitalised word intact
                    self.by_word[word].append((index, position))

    def _joined(self, doc: Document, first: int, count: int) -> bool:
        """True when `count` tokens from `first` are separated only by spaces (one phrase)."""
        words = doc.words
        for i in range(first, first + count - 1):
            if not _GAP_RE.fullmatch(doc.prose, words[i].end, words[i + 1].start):
                return False
        return True

    def _runs_on(self, doc: Document, after: int) -> bool:
        """True when a capitalised word follows on the same line: the span is part of a longer name."""
        words = doc.words
        if after >= len(words) or not words[after].text[:1].isupper():
            return False
        return bool(_GAP_RE.fullmatch(doc.prose, words[after - 1].end, words[after].start))

    def _candidate(self, texts: list[str], name: tuple[str, ...], plural_ok: bool) -> bool:
        mismatched = [i for i, (w, n) in enumerate(zip(texts, name, strict=True)) if w != n]
        if len(mismatched) == 1:
            i = mismatched[0]
            return _one_slip(texts[i], name[i], plural_ok and i == len(name) - 1)
        if len(mismatched) == 2 and mismatched[1] == mismatched[0] + 1:
            i = mismatched[0]
            return texts[i] == name[i + 1] and texts[i + 1] == name[i]
        return False

    def matches(self, doc: Document, timeout: float) -> Iterator[Finding]:
        words = doc.words
        bare = [without_possessive(t.text) if t.text[:1].isupper() else t.text for t in words]
        flagged: set[tuple[int, int]] = set()
        for i, word in enumerate(bare):
            if not word[:1].isupper():
                continue
            for index, position in self.by_word.get(word, ()):
                name, plural_ok = self.names[index]
                # The name may start where the word's position says, or one off if two words swapped.
                for first in (i - position, i - position - 1, i - position + 1):
                    if first < 0 or first + len(name) > len(words) or (first, index) in flagged:
                        continue
                    texts = bare[first : first + len(name)]
                    if tuple(texts) in self.exact or not self._candidate(texts, name, plural_ok):
                        continue
                    if not self._joined(doc, first, len(name)):
                        continue
                    if not plural_ok and self._runs_on(doc, first + len(name)):
                        continue  # part of a longer proper name (Metropolitan Policy Program)
                    flagged.add((first, index))
                    last = words[first + len(name) - 1]
                    end = last.start + len(texts[-1])
                    yield finding(self.rule, words[first].start, end, [" ".join(name)])
