"""Candidate corrections: the known words within two edits of a typed word, found fast.

SymSpell's symmetric-delete idea (as in symspellpy), stored compactly: every candidate word
contributes the strings made by deleting up to two letters from its first `PREFIX` letters,
and a typed word's own deletes meet them. The index keeps only a 32-bit hash of each delete
string and the word's id, in two sorted arrays that load in milliseconds and are searched by
bisection; a hash collision only adds a candidate that the exact distance then rejects.
symspellpy itself keeps the deletes as Python strings: 150 MB in memory and 1.6 s to unpickle
for its 83k words, against 30 MB and a few milliseconds here.
"""

from __future__ import annotations

import bisect
import zlib
from array import array
from collections.abc import Iterable
from pathlib import Path

from rapidfuzz.distance import OSA

MAX_DISTANCE = 2
PREFIX = 7


def deletes(word: str, distance: int = MAX_DISTANCE) -> set[str]:
    """`word` and every string made by deleting up to `distance` of its letters."""
    found = {word}
    frontier = {word}
    for _ in range(distance):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def _hash(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def osa_distance(a: str, b: str, limit: int = MAX_DISTANCE) -> int:
    """Optimal string alignment distance (adjacent swaps count one), or `limit + 1` when larger.

    rapidfuzz's C++ implementation: this is the hottest call of suggestion ranking.
    """
    distance: int = OSA.distance(a, b, score_cutoff=limit)
    return distance


class DeleteIndex:
    """Find the words of a vocabulary within MAX_DISTANCE edits of a string."""

    def __init__(self, words: list[str], ids: array, hashes: array, owners: array) -> None:
        self.words = words  # the lexicon's words; ids index into it
        self.ids = ids  # the vocabulary: ids of the words that can be suggested
        self.hashes = hashes  # sorted delete hashes
        self.owners = owners  # owners[i]: id of the word that made hashes[i]

    @classmethod
    def build(cls, words: list[str], ids: Iterable[int]) -> DeleteIndex:
        """Index the words with these ids (positions in `words`)."""
        vocabulary = array("I", ids)
        entries: list[int] = []
        for word_id in vocabulary:
            entries.extend((_hash(d) << 32) | word_id for d in deletes(words[word_id][:PREFIX]))
        entries.sort()
        hashes = array("I", (e >> 32 for e in entries))
        owners = array("I", (e & 0xFFFFFFFF for e in entries))
        return cls(words, vocabulary, hashes, owners)

    def save(self, folder: Path) -> None:
        for name in ("ids", "hashes", "owners"):
            (folder / f"deletes-{name}.I").write_bytes(getattr(self, name).tobytes())

    @classmethod
    def load(cls, folder: Path, words: list[str]) -> DeleteIndex:
        parts = []
        for name in ("ids", "hashes", "owners"):
            values = array("I")
            values.frombytes((folder / f"deletes-{name}.I").read_bytes())
            parts.append(values)
        return cls(words, *parts)

    def lookup(self, typed: str, max_distance: int = MAX_DISTANCE) -> dict[int, int]:
        """Ids of the vocabulary words within `max_distance` of `typed`, with their distances."""
        hashes, owners, words = self.hashes, self.owners, self.words
        seen: set[int] = set()
        for d in deletes(typed[:PREFIX], max_distance):
            h = _hash(d)
            i = bisect.bisect_left(hashes, h)
            while i < len(hashes) and hashes[i] == h:
                seen.add(owners[i])
                i += 1
        found: dict[int, int] = {}
        n = len(typed)
        for word_id in seen:
            word = words[word_id]
            if abs(len(word) - n) > max_distance:
                continue
            distance = osa_distance(typed, word, max_distance)
            if distance <= max_distance:
                found[word_id] = distance
        return found
