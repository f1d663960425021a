"""Rank the corrections of a typed word: error model, word frequency and neighbouring words.

A noisy-channel score, in log10 units: how common the intended word is (wordfreq's Zipf
frequency, flattened above PRIOR_KNEE), minus `SLIP_WEIGHT` times the price of the slip that
would turn it into what was typed (`copydesk.spelling.errormodel`), plus how well it fits
between its neighbours (symspellpy's bigram counts, against what the two words' frequencies
predict). Candidates come from a symmetric-delete index (`copydesk.spelling.candidates`), plus
contractions typed without their apostrophe ("dont") and a function word run into its
neighbour ("alot", "validateyour"). Context-free rankings are cached per typed word.

Whether a word is a typo at all is the check's decision (`copydesk.checks.spelling`), made
from these candidates.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from copydesk.lexicon import DICTIONARY, Lexicon, cached_folder, lexicon
from copydesk.spelling import errormodel
from copydesk.spelling.candidates import MAX_DISTANCE, DeleteIndex

# One edit of slip costs this many powers of ten of frequency.
SLIP_WEIGHT = 3.5
# Above this Zipf frequency a word's prior grows at half the rate: "the" and "and" are not a
# hundred times likelier corrections than "cake" just because they are that much commoner.
PRIOR_KNEE = 5.5
PRIOR_SLOPE = 0.5
# For a word standing alone (a line or sentence of one word) the knee is lower: function words
# seldom stand alone.
ALONE_KNEE = 4.5
# The Zipf frequency given to dictionary words that wordfreq has never seen, and the least
# given to the house's own words.
FLOOR_ZIPF = 1.0
HOUSE_ZIPF = 3.0
# A missing space ("alot", "inbetween"): its slip price, and the least frequency of each part
# (of two letters or fewer: a function word such as "a", "of", "in").
SPLIT_COST = 0.4
SPLIT_MIN_ZIPF = 3.0
SPLIT_MIN_ZIPF_SHORT = 5.5
FUNCTION_MIN_ZIPF = 6.0  # a word of four letters or fewer this common is a function word: your, with
# Weight of the neighbouring words, and the bound on their evidence either way.
CONTEXT_WEIGHT = 1.0
CONTEXT_BOUND = 3.0
# log10 of the least count in symspellpy's bigram list (6.4 million), and of a typical pair's
# count less the Zipf frequencies of its two words.
BIGRAM_FLOOR = 6.8
BIGRAM_TYPICAL = -4.0
# log10 of the count two words reach by chance in the list's 540 billion words (11.7 plus their
# Zipf frequencies less 18), less the typical pair's: a pair the list lacks is no likelier than
# chance.
BIGRAM_CHANCE = -2.3
# log10 of a bigram count plus this is about the pair's Zipf frequency ("of the": 6.7).
BIGRAM_TO_ZIPF = -4.5
# An apostrophe left out of a contraction ("dont", "youre").
APOSTROPHE_COST = 0.3

INDEX_VERSION = 1
# How many corrections are kept per typed word.
KEPT = 12


@dataclass(frozen=True)
class Candidate:
    """A possible correction: the word, the price of the slip, and its score (higher: better)."""

    word: str
    cost: float  # the slip, in edits (`copydesk.spelling.errormodel`)
    zipf: float  # how common the word is
    score: float  # prior - SLIP_WEIGHT * cost + CONTEXT_WEIGHT * context
    context: float = 0.0  # how well it fits its neighbours


def is_suggestible(lex: Lexicon, i: int) -> bool:
    """Whether the word with id `i` may be offered as a correction.

    Dictionary words that wordfreq has seen (or both dictionaries list), and the words
    wordfreq finds common enough (Zipf 3: once in a million words) that they are not a
    misspelling. Possessives are left out: the check strips them before it looks.
    """
    word = lex.words[i]
    if len(word) < 2 or word.endswith("'s") or "." in word:
        return False
    flags, zipf = lex.flags_at(i), lex.zipf_at(i)
    if flags & DICTIONARY:
        return zipf >= 1.0 or flags == DICTIONARY
    return zipf >= 3.0


def _build_index(folder: Path) -> None:
    lex = lexicon()
    DeleteIndex.build(lex.words, (i for i in range(len(lex)) if is_suggestible(lex, i))).save(folder)


@cache
def delete_index() -> DeleteIndex:
    """The candidate index of this process, built into the cache on first use."""
    folder = cached_folder("deletes", _build_index, INDEX_VERSION)
    return DeleteIndex.load(folder, lexicon().words)


class Speller:
    """Ranked corrections for typed words, context-free ones cached."""

    def __init__(self, lex: Lexicon, index: DeleteIndex | None = None, extra_words: Iterable[str] = ()) -> None:
        self.lex = lex
        self._index = index  # loaded on first use when not given: clean copy may never need it
        self.costs = errormodel.DEFAULT
        # House words rank as common words whatever wordfreq says.
        self.extra_words = tuple(dict.fromkeys(w.lower() for w in extra_words))
        self._house = frozenset(self.extra_words)
        self._cache: dict[str, tuple[Candidate, ...]] = {}

    @property
    def index(self) -> DeleteIndex:
        if self._index is None:
            self._index = delete_index()
        return self._index

    def prior(self, word: str) -> float:
        """log10 of how common a word is (Zipf), with a floor for dictionary words wordfreq lacks.

        Two words ("a lot") score as a pair: by their bigram count, or as a rare pair when
        symspellpy's list lacks them.
        """
        if " " in word:
            first, second = word.split(" ")
            count = self.lex.bigram(first, second)
            return math.log10(count) + BIGRAM_TO_ZIPF if count else BIGRAM_FLOOR + BIGRAM_TO_ZIPF - 1.0
        i = self.lex.index(word)
        zipf = self.lex.zipf_at(i) if i >= 0 else 0.0
        if zipf == 0 and i >= 0 and self.lex.flags_at(i) & DICTIONARY:
            zipf = FLOOR_ZIPF
        return max(zipf, HOUSE_ZIPF) if word in self._house else zipf

    def candidates(self, typed: str) -> tuple[Candidate, ...]:
        """Corrections of a lower-case typed word, best first, without context."""
        found = self._cache.get(typed)
        if found is None:
            found = self._compute(typed)
            self._cache[typed] = found
        return found

    def _compute(self, typed: str) -> tuple[Candidate, ...]:
        """The best KEPT corrections of `typed`, without context.

        The error model is costly, so candidates are scored in order of the best score they
        could reach (its slip costs at least `errormodel.cost_floor`), scoring stops once no
        remaining candidate could enter the kept list, and a candidate whose letters alone rule
        it out (`CostFloor.letters`) is not scored.
        """
        words = self.lex.words
        found: dict[str, float] = {}  # word -> slip cost
        bounds: list[tuple[float, str, int, float]] = []
        floor = errormodel.cost_floor(typed, self.costs)
        for word_id, distance in self.index.lookup(typed, MAX_DISTANCE).items():
            word = words[word_id]
            if word != typed:
                prior = self._prior(self.prior(word))
                bounds.append((prior - SLIP_WEIGHT * floor(word, distance), word, distance, prior))
        for word in self._house_near(typed):
            found[word] = errormodel.slip_cost(typed, word, self.costs)
        for word, cost in (*self._apostrophes(typed), *self._splits(typed)):
            found[word] = min(found.get(word, 9.0), cost)
        ranked = [self._candidate(word, cost) for word, cost in found.items()]
        ranked.sort(key=lambda c: -c.score)
        bounds.sort(reverse=True)
        for bound, word, distance, prior in bounds:
            if len(ranked) >= KEPT:
                if bound < ranked[KEPT - 1].score:
                    break
                if prior - SLIP_WEIGHT * floor.letters(word, distance) < ranked[KEPT - 1].score:
                    continue  # its letters alone cost more than it could win
            if word in found:
                continue
            ranked.append(self._candidate(word, errormodel.slip_cost(typed, word, self.costs)))
            ranked.sort(key=lambda c: -c.score)
            del ranked[KEPT:]
        ranked.sort(key=lambda c: (-c.score, c.word))
        return tuple(ranked[:KEPT])

    def _house_near(self, typed: str) -> list[str]:
        """House words within MAX_DISTANCE edits of `typed`.

        rapidfuzz's C++ scan: a house model's vocabulary can run to thousands of names.
        """
        if not self.extra_words:
            return []
        near = process.extract(typed, self.extra_words, scorer=OSA.distance, score_cutoff=MAX_DISTANCE, limit=None)
        return [word for word, _, _ in near if word != typed]

    def _candidate(self, word: str, cost: float) -> Candidate:
        zipf = self.prior(word)
        return Candidate(word, cost, zipf, self._prior(zipf) - SLIP_WEIGHT * cost)

    @staticmethod
    def _prior(zipf: float, knee: float | None = None) -> float:
        """The frequency prior: Zipf, growing at half the rate above the knee (PRIOR_KNEE)."""
        knee = PRIOR_KNEE if knee is None else knee
        return zipf if zipf <= knee else knee + PRIOR_SLOPE * (zipf - knee)

    def _apostrophes(self, typed: str) -> Iterable[tuple[str, float]]:
        """Contractions typed without their apostrophe: dont → don't."""
        if len(typed) > 20 and len(typed) >= self._longest_with_apostrophe:
            return  # no known word with an apostrophe is that long (and a long run costs n² here)
        for i in range(1, len(typed)):
            word = f"{typed[:i]}'{typed[i:]}"
            if self.lex.flags(word) & DICTIONARY and self.lex.zipf(word) >= 3.0:
                yield word, APOSTROPHE_COST

    def _splits(self, typed: str) -> Iterable[tuple[str, float]]:
        """Two words run together: inbetween → in between, validateyour → validate your.

        Only a pair with a function word counts: two content words run together ("bikemaker",
        "musclehead") are more often a compound than a slip.
        """
        n = len(typed)
        # One part must be a function word (4 letters at most): only those splits are tried, so
        # a long run of letters costs nothing here.
        for i in sorted({*range(1, min(5, n)), *range(max(1, n - 4), n)}):
            first, second = typed[:i], typed[i:]
            if not (self._split_part(first) and self._split_part(second)):
                continue
            if self._function_word(first) or self._function_word(second):
                yield f"{first} {second}", SPLIT_COST

    @cached_property
    def _longest_with_apostrophe(self) -> int:
        """The length of the longest known word with an apostrophe (a scan of 60 ms: done only
        for a typed word longer than 20 letters)."""
        return max((len(w) for w in self.lex.words if "'" in w), default=0)

    def _function_word(self, word: str) -> bool:
        return len(word) <= 4 and self.lex.zipf(word) >= FUNCTION_MIN_ZIPF

    def _split_part(self, part: str) -> bool:
        if len(part) == 1 and part not in ("a", "i"):
            return False
        i = self.lex.index(part)
        least = SPLIT_MIN_ZIPF_SHORT if len(part) <= 2 else SPLIT_MIN_ZIPF
        return i >= 0 and bool(self.lex.flags_at(i) & DICTIONARY) and self.lex.zipf_at(i) >= least

    def context(self, word: str, before: str | None, after: str | None) -> float:
        """How much better `word` fits between its neighbours than its frequency alone says."""
        first, last = word.split(" ")[0], word.split(" ")[-1]
        evidence = 0.0
        if before:
            evidence += self._association(before, first)
        if after:
            evidence += self._association(last, after)
        return max(-CONTEXT_BOUND, min(CONTEXT_BOUND, evidence))

    def _association(self, first: str, second: str) -> float:
        """log10 of how much more often the pair occurs than chance, centred on a typical pair.

        symspellpy's list keeps only pairs seen more than BIGRAM_FLOOR times, so a missing
        pair of two common words ("the are") is itself evidence against it. A missing pair of
        rarer words is taken for a chance meeting (BIGRAM_CHANCE), never for a typical pair:
        else "running four president" would outscore "running for president", whose pairs
        are listed but, "for" being so common, below a typical pair's share.
        """
        expected = self.prior(first) + self.prior(second) + BIGRAM_TYPICAL
        count = self.lex.bigram(first, second)
        if count > 0:
            return math.log10(count) - expected
        return min(BIGRAM_CHANCE, BIGRAM_FLOOR - expected)

    def rank(
        self, typed: str, before: str | None = None, after: str | None = None, *, alone: bool = False
    ) -> list[Candidate]:
        """Corrections of a lower-case typed word between two neighbours, best first.

        `alone`: the word is a sentence (or line) of its own. Function words seldom stand
        alone, so the frequency prior is flattened further (ALONE_KNEE): "cak" on a line of its
        own is likelier "cake" than "can".
        """
        found = self.candidates(typed)
        if not found or (before is None and after is None and not alone):
            return list(found)
        rescored = []
        for c in found:
            context = self.context(c.word, before, after)
            score = c.score + CONTEXT_WEIGHT * context
            if alone:
                score += self._prior(c.zipf, ALONE_KNEE) - self._prior(c.zipf)
            rescored.append(Candidate(c.word, c.cost, c.zipf, score, context))
        rescored.sort(key=lambda c: (-c.score, c.word))
        return rescored
