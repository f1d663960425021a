"""Word and word-pair counts for the context model: the defaults that ship with symspellpy.

symspellpy's two lists come from Google's web corpus (Norvig's cut of it): 83k words with their
counts, and the 243k most frequent word pairs. The pair counts are the corpus's counts times
64 (every one is a multiple of 64, and "of the" would otherwise outnumber "of"), so they are
divided by their greatest common divisor to put them on the scale of the word counts. Every
listed pair was then seen at least 100,000 times in the trillion words (`floor`), so a pair
missing from the list is not unseen but *rarer than the floor*: "the in" is missing although
both words are among the commonest there are, which says that "in" after "the" is rare indeed,
while a missing pair of two rare words says nothing.

Parsing the text files takes half a second; the first use stores them under `$COPYDESK_HOME`
(beside the spelling caches, keyed the same way): the word counts as one marshal file, and the
pair counts grouped by their first word, one marshal blob a group, with an index of where
each group lies. A process reads a group the first time it meets its first word, so a short
story reads a few hundred small groups instead of all 243k pairs (0.1 s at every start).
"""

from __future__ import annotations

import marshal
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from copydesk.lexicon import LazyGroups, cached_folder, load_marshal, package_file

VERSION = 4
_UNIGRAMS = ("symspellpy", "frequency_dictionary_en_82_765.txt")
_BIGRAMS = ("symspellpy", "frequency_bigramdictionary_en_243_342.txt")


class PairCounts(LazyGroups):
    """Counts of word pairs, read group by group (all pairs with one first word) as asked for."""

    def count(self, first: str, second: str) -> int:
        """How often "first second" occurs (0 when the list lacks it)."""
        return self.group(first).get(second, 0)


@dataclass(frozen=True)
class Counts:
    """Counts of words and of word pairs in one corpus of `total` words.

    `floor`: pairs rarer than this are left out of the list (0: the list is complete).
    `scale`: what the pair counts were divided by (the list's own counts are these times it).
    """

    unigrams: dict[str, int]
    bigrams: PairCounts
    total: int
    floor: int = 0
    scale: int = 1


def _build(folder: Path) -> None:
    unigrams: dict[str, int] = {}
    with package_file(*_UNIGRAMS).open(encoding="utf-8") as handle:
        for line in handle:
            word, count = line.split()
            unigrams[word] = int(count)
    groups: dict[str, dict[str, int]] = {}
    with package_file(*_BIGRAMS).open(encoding="utf-8") as handle:
        for line in handle:
            first, second, count = line.split()
            groups.setdefault(first, {})[second] = int(count)
    scale = math.gcd(*(count for group in groups.values() for count in group.values()))
    scaled = {first: {second: count // scale for second, count in group.items()} for first, group in groups.items()}
    index, data = LazyGroups.dump(scaled)
    floor = min(count for group in scaled.values() for count in group.values())
    (folder / "counts.marshal").write_bytes(marshal.dumps((unigrams, index, sum(unigrams.values()), floor, scale)))
    (folder / "pairs.data").write_bytes(data)


@cache
def default_counts() -> Counts:
    """symspellpy's web counts, loaded once per process from the cache (pairs as asked for)."""
    folder = cached_folder("realword-ngrams", _build, VERSION)
    unigrams, index, total, floor, scale = load_marshal(folder / "counts.marshal")
    return Counts(unigrams, PairCounts(index, (folder / "pairs.data").read_bytes()), total, floor, scale)
