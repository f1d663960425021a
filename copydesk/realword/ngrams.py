"""Word and word-pair counts for the context model: the defaults that ship with symspellpy.

symspellpy's two lists come from Google's web corpus (Norvig's cut of it): 83k words with their
counts, and the 243k most frequent word pairs. The pair counts are the corpus's counts times
64 (every one is a multiple of 64, and "of the" would otherwise outnumber "of"), so they are
divided by their greatest common divisor to put them on the scale of the word counts. Every
listed pair was then seen at least 100,000 times in the trillion words (`floor`), so a pair
missing from the list is not unseen but *rarer than the floor*: "the in" is missing although
both words are among the commonest there are, which says that "in" after "the" is rare indeed,
while a missing pair of two rare words says nothing.

Parsing the text files takes half a second; the first use stores them as one marshal file
under `$COPYDESK_HOME` (beside the spelling caches, keyed the same way), which loads in about
a tenth of that.
"""

from __future__ import annotations

import marshal
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from copydesk.lexicon import cached_folder, load_marshal, package_file

VERSION = 2
_UNIGRAMS = ("symspellpy", "frequency_dictionary_en_82_765.txt")
_BIGRAMS = ("symspellpy", "frequency_bigramdictionary_en_243_342.txt")


@dataclass(frozen=True)
class Counts:
    """Counts of words and of word pairs ("first second") in one corpus of `total` words.

    `floor`: pairs rarer than this are left out of the list (0: the list is complete).
    """

    unigrams: dict[str, int]
    bigrams: dict[str, int]
    total: int
    floor: int = 0


def _build(folder: Path) -> None:
    unigrams: dict[str, int] = {}
    with package_file(*_UNIGRAMS).open(encoding="utf-8") as handle:
        for line in handle:
            word, count = line.split()
            unigrams[word] = int(count)
    bigrams: dict[str, int] = {}
    with package_file(*_BIGRAMS).open(encoding="utf-8") as handle:
        for line in handle:
            first, second, count = line.split()
            bigrams[f"{first} {second}"] = int(count)
    scale = math.gcd(*bigrams.values())
    bigrams = {pair: count // scale for pair, count in bigrams.items()}
    data = (unigrams, bigrams, sum(unigrams.values()), min(bigrams.values()))
    (folder / "counts.marshal").write_bytes(marshal.dumps(data))


@cache
def default_counts() -> Counts:
    """symspellpy's web counts, loaded once per process from the cache."""
    folder = cached_folder("realword-ngrams", _build, VERSION)
    unigrams, bigrams, total, floor = load_marshal(folder / "counts.marshal")
    return Counts(unigrams, bigrams, total, floor)
