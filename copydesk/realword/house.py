"""The house model: what a newsroom's own published copy says about its words.

`copydesk learn` reads the archive (clean, edited copy) and stores, in one SQLite file:

- the house vocabulary: every word form as written (names, places, jargon) with its count;
- word pairs and triples (lower case) within runs of words that only spaces separate, the
  counts the context model adds to its web counts;
- preferred variants, where the archive spells one thing two ways and one way clearly wins
  (`PREFERRED_RATIO` times as often, at least `PREFERRED_MIN` times): a hyphen or none
  (e-mail/email), a hyphen or a space in a name (Kim Jong-un/Kim Jong Un), one letter in a long
  name (Panmunjom/Panmunjeom), or British and American spellings (colour/color).

Counts are what the model keeps, so a model can be updated with more copy (the counts add up)
and the variants worked out again. The file is plain SQLite: `sqlite3 MODEL .tables` shows it.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from copydesk import patterns
from copydesk.document import Document
from copydesk.realword.context import HouseCounts

SCHEMA = 1
PREFERRED_RATIO = 3
PREFERRED_MIN = 5
NAME_MIN_LENGTH = 7
NAME_KNOWN_ZIPF = 1.5
# A word the house writes this often is house vocabulary (for the spelling check).
VOCABULARY_MIN = 2

# What may stand between two words for them to count as a pair: spaces, one line break.
GAP_RE = patterns.compile(r"[ \t]*\n?[ \t]*")
_NAME_RE = patterns.compile(r"\p{Lu}[\p{Ll}\p{M}]+")
_DIGIT_RE = patterns.compile(r"\p{N}")


class HouseModelError(Exception):
    """A house model file that cannot be read or written; the message names the file."""


def lookup(text: str) -> str:
    """The lower-case form the counts are keyed by (straight apostrophes)."""
    return text.lower().replace("’", "'")


def runs(doc: Document) -> Iterator[list[str]]:
    """The document's words (as written) in runs that only spaces or one line break separate."""
    prose, words = doc.prose, doc.words
    run: list[str] = []
    previous_end = -1
    for token in words:
        if run and not GAP_RE.fullmatch(prose, previous_end, token.start):
            yield run
            run = []
        run.append(token.text.replace("’", "'"))
        previous_end = token.end
    if run:
        yield run


@dataclass
class Tally:
    """Counts from some documents, ready to be added to a model."""

    documents: int = 0
    words: int = 0
    forms: Counter[str] = field(default_factory=Counter)
    bigrams: Counter[str] = field(default_factory=Counter)
    trigrams: Counter[str] = field(default_factory=Counter)

    def add_document(self, doc: Document) -> None:
        self.documents += 1
        forms, bigrams, trigrams = self.forms, self.bigrams, self.trigrams
        for run in runs(doc):
            self.words += len(run)
            forms.update(run)
            low = [lookup(w) for w in run]
            for i in range(len(low) - 1):
                bigrams[f"{low[i]} {low[i + 1]}"] += 1
            for i in range(len(low) - 2):
                trigrams[f"{low[i]} {low[i + 1]} {low[i + 2]}"] += 1

    def merge(self, other: Tally) -> None:
        self.documents += other.documents
        self.words += other.words
        self.forms.update(other.forms)
        self.bigrams.update(other.bigrams)
        self.trigrams.update(other.trigrams)


@dataclass(frozen=True)
class Variant:
    """A spelling the house writes less often than `preferred`, with both counts."""

    form: str
    preferred: str
    count: int
    preferred_count: int


class HouseModel:
    """A learned house model: vocabulary, counts and preferred variants."""

    def __init__(self, tally: Tally, variants: dict[str, Variant]) -> None:
        self.tally = tally
        self.variants = variants  # keyed by the lower-case form ("e-mail", "jong un")

    @classmethod
    def from_tally(cls, tally: Tally) -> HouseModel:
        """A model of these counts, its variants worked out from them."""
        return cls(tally, find_variants(tally.forms, tally.bigrams))

    @cached_property
    def counts(self) -> HouseCounts:
        """The counts as the context model reads them (lower case)."""
        unigrams: Counter[str] = Counter()
        for form, count in self.tally.forms.items():
            unigrams[lookup(form)] += count
        continuations: dict[str, tuple[int, int]] = {}  # pair -> (distinct words after it, times followed)
        for triple, count in self.tally.trigrams.items():
            pair = triple[: triple.rfind(" ")]
            kinds, followed = continuations.get(pair, (0, 0))
            continuations[pair] = (kinds + 1, followed + count)
        return HouseCounts(
            dict(unigrams), dict(self.tally.bigrams), dict(self.tally.trigrams), self.tally.words, continuations
        )

    def vocabulary(self, least: int = VOCABULARY_MIN) -> frozenset[str]:
        """Word forms (as written) the house uses at least `least` times: trusted by the spelling check."""
        return frozenset(form for form, count in self.tally.forms.items() if count >= least)

    # -- storage

    def save(self, path: Path) -> None:
        """Write the model to `path` (replacing it) as one SQLite file."""
        tmp = path.with_name(path.name + ".tmp")
        tmp.unlink(missing_ok=True)
        try:
            db = sqlite3.connect(tmp)
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            with db:
                db.executescript(
                    """
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                    CREATE TABLE forms (form TEXT PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID;
                    CREATE TABLE bigrams (pair TEXT PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID;
                    CREATE TABLE trigrams (triple TEXT PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID;
                    CREATE TABLE variants (form TEXT PRIMARY KEY, preferred TEXT NOT NULL,
                                           count INTEGER NOT NULL, preferred_count INTEGER NOT NULL) WITHOUT ROWID;
                    """
                )
                t = self.tally
                db.executemany(
                    "INSERT INTO meta VALUES (?, ?)",
                    [("schema", str(SCHEMA)), ("documents", str(t.documents)), ("words", str(t.words))],
                )
                db.executemany("INSERT INTO forms VALUES (?, ?)", t.forms.items())
                db.executemany("INSERT INTO bigrams VALUES (?, ?)", t.bigrams.items())
                db.executemany("INSERT INTO trigrams VALUES (?, ?)", t.trigrams.items())
                db.executemany(
                    "INSERT INTO variants VALUES (?, ?, ?, ?)",
                    [(k, v.preferred, v.count, v.preferred_count) for k, v in self.variants.items()],
                )
            db.close()
            tmp.replace(path)
        except (OSError, sqlite3.Error) as e:
            tmp.unlink(missing_ok=True)
            raise HouseModelError(f"{path}: cannot write house model ({e})") from None

    @classmethod
    def load(cls, path: Path) -> HouseModel:
        """Read a model written by `save`."""
        if not path.is_file():
            raise HouseModelError(f"{path}: no such house model")
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                meta = dict(db.execute("SELECT key, value FROM meta"))
                if meta.get("schema") != str(SCHEMA):
                    raise HouseModelError(f"{path}: house model schema {meta.get('schema')!r}, expected {SCHEMA}")
                tally = Tally(
                    documents=int(meta["documents"]),
                    words=int(meta["words"]),
                    forms=Counter(dict(db.execute("SELECT form, count FROM forms"))),
                    bigrams=Counter(dict(db.execute("SELECT pair, count FROM bigrams"))),
                    trigrams=Counter(dict(db.execute("SELECT triple, count FROM trigrams"))),
                )
                variants = {
                    form: Variant(form, preferred, count, preferred_count)
                    for form, preferred, count, preferred_count in db.execute("SELECT * FROM variants")
                }
            finally:
                db.close()
        except (sqlite3.Error, KeyError, ValueError) as e:
            raise HouseModelError(f"{path}: not a copydesk house model ({e})") from None
        return cls(tally, variants)


@lru_cache(maxsize=8)
def _load_stamped(path: Path, mtime_ns: int, size: int) -> HouseModel:
    return HouseModel.load(path)


def load_cached(path: Path) -> HouseModel:
    """The model at `path`, read once per process (again when the file changes)."""
    try:
        st = path.stat()
    except OSError:
        raise HouseModelError(f"{path}: no such house model") from None
    return _load_stamped(path.resolve(), st.st_mtime_ns, st.st_size)


# -- variants


def _cased(forms: Counter[str], low: str) -> str:
    """The house's commonest capitalisation of a lower-case word (or phrase)."""
    parts = []
    for part in low.split(" "):
        best = max((f for f in _forms_of(forms, part)), key=lambda f: (forms[f], f), default=part)
        parts.append(best)
    return " ".join(parts)


def _forms_of(forms: Counter[str], low: str) -> Iterable[str]:
    for candidate in {low, low.capitalize(), low.upper(), low.title()}:
        if forms.get(candidate):
            yield candidate


def _prefer(counts: dict[str, int]) -> tuple[str, dict[str, int]] | None:
    """The spelling that clearly wins among competing ones, and the ones it beats."""
    if len(counts) < 2:
        return None
    best = max(counts, key=lambda k: (counts[k], k))
    top = counts[best]
    beaten = {k: c for k, c in counts.items() if k != best and top >= PREFERRED_RATIO * c}
    if top < PREFERRED_MIN or not beaten:
        return None
    return best, beaten


def hyphen_groups(low_counts: dict[str, int]) -> dict[str, dict[str, int]]:
    """Hyphenated words and the same written solid (e-mail/email), keyed by the solid spelling."""
    groups: dict[str, dict[str, int]] = {}
    for word, count in low_counts.items():
        if "-" in word:
            key = word.replace("-", "")
            groups.setdefault(key, {})[word] = count
    for key, group in groups.items():
        solid = low_counts.get(key, 0)
        if solid:
            group[key] = solid
    return groups


def find_variants(forms: Counter[str], bigrams: Counter[str]) -> dict[str, Variant]:
    """The spellings the archive writes less often than a competing one, keyed by lower case."""
    from copydesk.lexicon import lexicon
    from copydesk.spelling.candidates import osa_distance
    from copydesk.spelling.variants import variant_pairs

    lex = lexicon()
    low_counts: Counter[str] = Counter()
    for form, count in forms.items():
        if not _DIGIT_RE.search(form):
            low_counts[lookup(form)] += count
    found: dict[str, Variant] = {}

    def record(counts: dict[str, int], cased: bool = True) -> None:
        chosen = _prefer(counts)
        if chosen is None:
            return
        best, beaten = chosen
        for form, count in beaten.items():
            shown = (_cased(forms, form), _cased(forms, best)) if cased else (form, best)
            found.setdefault(form, Variant(shown[0], shown[1], count, counts[best]))

    # A hyphen or none (e-mail/email); a hyphen or a space in a name (Jong-un/Jong Un).
    for group in hyphen_groups(low_counts).values():
        for hyphenated in [w for w in group if "-" in w]:
            spaced = hyphenated.replace("-", " ")
            if spaced.count(" ") == 1 and bigrams.get(spaced) and _is_name(forms, hyphenated):
                group[spaced] = bigrams[spaced]
        record(group)
    # One letter in a long name (Panmunjom/Panmunjeom): the rarer spelling must be one that no
    # dictionary lists and wordfreq barely knows (not a name in its own right, as Viktoria is),
    # and the letter not the last (Gallagher/Gallaghers, Instituto/Institute). Names that share
    # a spelling with one letter (not the first) deleted are compared pairwise.
    buckets: dict[str, list[str]] = {}
    for name in forms:
        if len(name) >= NAME_MIN_LENGTH and _NAME_RE.fullmatch(name):
            for key in {name} | {name[:i] + name[i + 1 :] for i in range(1, len(name))}:
                buckets.setdefault(key, []).append(name)
    compared: set[tuple[str, str]] = set()
    for bucket in buckets.values():
        for i, name in enumerate(bucket):
            for other in bucket[i + 1 :]:
                pair = (name, other) if name < other else (other, name)
                if pair in compared or osa_distance(name, other, 1) != 1:
                    continue
                compared.add(pair)
                rare = min(pair, key=lambda f: (forms[f], f))
                low = lookup(rare)
                if lex.in_dictionary(low) or lex.zipf(low) >= NAME_KNOWN_ZIPF or _last_letter_only(name, other):
                    continue
                record({lookup(name): forms[name], lookup(other): forms[other]})
    # British and American spellings of one word (the spelling check's verified pairs), in lower case.
    to_us, _ = variant_pairs()
    for british, american in to_us.items():
        if forms.get(british) and forms.get(american):
            record({british: forms[british], american: forms[american]}, cased=False)
    return found


def _last_letter_only(a: str, b: str) -> bool:
    """True when two spellings differ only in their last letter (one more, or another)."""
    return a[:-1] == b[:-1] or a[:-1] == b or b[:-1] == a


def _is_name(forms: Counter[str], low: str) -> bool:
    """True when the house writes a hyphenated word and each of its parts only capitalised (Jong-un)."""
    if forms.get(low) or not any(True for _ in _forms_of(forms, low)):
        return False
    return not any(forms.get(part) for part in low.split("-"))
