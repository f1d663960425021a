"""How well a word fits between its neighbours, and whether another word fits far better.

The model is a bigram language model read off symspellpy's web counts (`ngrams`), with a
house model's counts added when there is one. For a word x between a left neighbour l and a
right neighbour r it scores

    log10 P(x | l) + log10 P(r | x)  (+ the house's trigram, when it has seen l x)

which is log10 P(l x r) less a term that is the same for every x, with one change: the
frequency of x that this implies (web counts, which names inflate: "inn" is ten times as
common there as in wordfreq's balanced lists) is traded for wordfreq's.

Pairs missing from the web list are not unseen, only rarer than its floor (100,000 in a
trillion words): a missing pair is estimated as its two words' chance co-occurrence
(`UNSEEN_SHARE`), but never above `FLOOR_SHARE` of the floor, so "the in" (two very common
words that the list lacks) scores as the oddity it is, while a missing pair of rarer words
scores as chance.

A house model's counts are scaled to the web corpus's size and added, weighted by
`HOUSE_WEIGHT` (so a house model counts for about a tenth of the evidence): a pair the
newsroom writes is a pair that fits, once it has written it twice (a pair written once is as
likely chance: `PAIR_DISCOUNT`). Where the house has seen "l x", its counts of "l x r"
refine P(r | x) into P(r | l x), smoothed towards the bigram by Witten-Bell's rule: the more
different words the house wrote after "l x", the likelier a word it never wrote there. (A fixed
prior instead held every unseen continuation of a pair the house writes often to a small share
of its bigram estimate: a story's slip "things inn" then scored against "things in" at a
discount, for no better reason than that the archive never wrote the rest of the sentence.)

A written word w is taken for a slip of x (`Verdict`) when x's score beats w's by more than the
price of the slip itself: `SLIP_WEIGHT` powers of ten per edit of the error model, plus
`MARGIN`, plus `UNCOMMON_MARGIN` when x is not among the commonest words (below Zipf
`COMMON_ZIPF`): only for those is the web list's profile of neighbours complete enough that a
missing pair means much. An alternative whose static handicap (slip price and margins, less
how much more common it is than the written word) exceeds `MAX_EVIDENCE` is never tried: the
neighbours are not trusted to overturn more than that. The constants were tuned on the
development sets for precision first.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from copydesk.realword.candidates import Confusables, cheapest_cost
from copydesk.realword.ngrams import Counts

UNSEEN_SHARE = 1.0
FLOOR_SHARE = 0.5
# Zipf frequency given to a dictionary word that wordfreq lacks.
FLOOR_ZIPF = 1.0
# How much a house count weighs against a web count of the same share of its corpus.
HOUSE_WEIGHT = 0.1
# A pair the house wrote once is as likely chance as usage: house pairs count this much less.
PAIR_DISCOUNT = 1
# The decision, in log10 units.
SLIP_WEIGHT = 2.5
MARGIN = 0.3
COMMON_ZIPF = 6.0
UNCOMMON_MARGIN = 1.0
MAX_EVIDENCE = 3.0


@dataclass(frozen=True)
class Verdict:
    """An alternative that fits the context far better than the written word, with its lead."""

    word: str
    lead: float  # log10 units by which it wins, after the price of the slip and the margins


@dataclass(frozen=True)
class HouseCounts:
    """A newsroom's own counts (lower case), as the context model reads them."""

    unigrams: dict[str, int]
    bigrams: dict[str, int]
    trigrams: dict[str, int]
    total: int
    # pair -> (distinct words the house wrote after it, times it wrote a word after it)
    continuations: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Contender:
    """A word in the running (the written one or an alternative), with what scoring it needs."""

    word: str
    count: float  # in the web corpus (plus the house's, scaled)
    shift: float  # log10 of wordfreq's frequency over the web's
    handicap: float  # margins plus the cheapest slip of its kind, in log10 units (0 for the written word)
    kind: str = ""  # how the slip was found ("edit", "homophone", ...), for pricing it
    commoner_by: float = 0.0  # Zipf frequency over the written word's (the prior in its favour)


@dataclass
class Plan:
    """A written word and the alternatives worth trying against it, worked out once per word.

    The exact price of a slip (the error model's weighted edit distance) is worked out only
    for an alternative that the context lets through at the cheapest price, and remembered.
    """

    written: Contender
    alternatives: tuple[Contender, ...]
    _handicaps: dict[str, float | None] = field(default_factory=dict)

    def handicap(self, alt: Contender) -> float | None:
        """The alternative's full handicap (slip price and margins); None if it can never win."""
        if alt.word in self._handicaps:
            return self._handicaps[alt.word]
        priced = Confusables.price(self.written.word, alt.word, alt.kind)
        value: float | None = None
        if priced is not None:
            value = alt.handicap + SLIP_WEIGHT * (priced.cost - cheapest_cost(alt.kind))
            if value - alt.commoner_by > MAX_EVIDENCE:
                value = None
        self._handicaps[alt.word] = value
        return value


class ContextModel:
    """Scores words between neighbours with the web counts, plus a house model's if given.

    `zipf(word)` gives wordfreq's frequency of a lower-case word (0 when unknown).
    """

    def __init__(self, web: Counts, zipf: Callable[[str], float], house: HouseCounts | None = None) -> None:
        self._web_unigrams = web.unigrams
        self._web_bigrams = web.bigrams
        self._total = float(web.total)
        self._log_total = math.log10(web.total)
        self._cap = FLOOR_SHARE * web.floor
        self._zipf = zipf
        self._house = house
        self._scale = HOUSE_WEIGHT * web.total / house.total if house is not None and house.total else 0.0
        self._counts: dict[str, float] = {}

    def count(self, word: str) -> float:
        """How often `word` occurs in the web corpus (plus the scaled house count); 0 if never."""
        c = self._counts.get(word)
        if c is None:
            c = float(self._web_unigrams.get(word, 0))
            if self._scale:
                c += self._scale * self._house.unigrams.get(word, 0)  # type: ignore[union-attr]
            self._counts[word] = c
        return c

    def plan(self, written: str, count: float, candidates: Iterable[tuple[str, str]]) -> Plan | None:
        """The written word and the alternatives that could beat it; None when none could.

        `candidates`: (word, kind) as `Confusables` finds them; each is priced only when its
        frequency leaves it a chance even at the cheapest slip.
        """
        zipf_w = self._zipf(written) or FLOOR_ZIPF
        contenders = []
        for word, kind in candidates:
            zipf = self._zipf(word) or FLOOR_ZIPF
            margin = MARGIN + (UNCOMMON_MARGIN if zipf < COMMON_ZIPF else 0.0)
            handicap = SLIP_WEIGHT * cheapest_cost(kind) + margin
            if handicap - (zipf - zipf_w) > MAX_EVIDENCE:
                continue
            c_alt = self.count(word)
            if c_alt > 0:
                contenders.append(Contender(word, c_alt, self._shift(zipf, c_alt), handicap, kind, zipf - zipf_w))
        if not contenders:
            return None
        return Plan(Contender(written, count, self._shift(zipf_w, count), 0.0), tuple(contenders))

    def _shift(self, zipf: float, count: float) -> float:
        """log10 of wordfreq's frequency over the web's."""
        return zipf - 9.0 - math.log10(count) + self._log_total

    def _unseen(self, first: str, second: str, c_first: float, c_second: float) -> float:
        """The estimated web count of a pair the web list lacks (see the module's docstring)."""
        c = UNSEEN_SHARE * c_first * c_second / self._total
        if c > self._cap and first in self._web_unigrams and second in self._web_unigrams:
            c = self._cap
        return c

    def _house_pair(self, first: str, second: str) -> float:
        """The house's count of "first second", scaled to the web's, less the discount."""
        house = self._house.bigrams.get(f"{first} {second}", 0)  # type: ignore[union-attr]
        return self._scale * (house - PAIR_DISCOUNT) if house > PAIR_DISCOUNT else 0.0

    def _score(
        self,
        before: str | None,
        c_before: float,
        left: dict[str, int],
        who: Contender,
        after: str | None,
        c_after: float,
    ) -> float:
        """log10 P(before word after), up to a constant shared by every contender, given the
        neighbours' counts and the web pairs that start with `before` (`left`).

        It runs for every contender at every site: a listed pair costs a lookup and no call."""
        word, c_word = who.word, who.count
        if c_before > 0:
            c = float(left.get(word, 0)) or self._unseen(before, word, c_before, c_word)  # type: ignore[arg-type]
            if self._scale:
                c += self._house_pair(before, word)  # type: ignore[arg-type]
            p = c / c_before
        else:
            p = c_word / self._total
        if c_after > 0:
            c = float(self._web_bigrams.group(word).get(after, 0)) or self._unseen(word, after, c_word, c_after)  # type: ignore[arg-type]
            if self._scale:
                c += self._house_pair(word, after)  # type: ignore[arg-type]
            p_next = c / c_word
            if before is not None and self._house is not None:
                p_next = self._house_trigram(before, word, after, p_next)  # type: ignore[arg-type]
            p *= p_next
        return who.shift + math.log10(p)

    def _house_trigram(self, before: str, word: str, after: str, p_next: float) -> float:
        """P(after | before word): the house's counts of the triple, smoothed towards P(after | word)
        (Witten-Bell: the pair's distinct continuations weigh the bigram estimate)."""
        house = self._house
        assert house is not None
        pair = f"{before} {word}"
        kinds, followed = house.continuations.get(pair, (0, 0))
        if not kinds:
            return p_next
        triple = house.trigrams.get(f"{pair} {after}", 0)
        return (triple + kinds * p_next) / (followed + kinds)

    def judge(self, before: str | None, plan: Plan, after: str | None) -> list[Verdict]:
        """The alternatives that beat the written word, best first (empty: the word stands)."""
        c_before = self.count(before) if before is not None else 0.0
        c_after = self.count(after) if after is not None else 0.0
        left = self._web_bigrams.group(before) if c_before > 0 else {}  # type: ignore[arg-type]
        own = self._score(before, c_before, left, plan.written, after, c_after)
        found = []
        for alt in plan.alternatives:
            gain = self._score(before, c_before, left, alt, after, c_after) - own
            if gain <= alt.handicap:
                continue
            handicap = plan.handicap(alt)
            if handicap is not None and gain > handicap:
                found.append(Verdict(alt.word, gain - handicap))
        found.sort(key=lambda v: -v.lead)
        return found
