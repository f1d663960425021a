"""British and American spellings of the same word, generated from the word lists, not typed in.

A handful of systematic patterns turn a British spelling into its American one: -our/-or,
-ise/-ize (and -isation), -yse/-yze, -re/-er, -ogue/-og, -ence/-ense, a doubled l before a
suffix (travelled/traveled), ae/oe/e (paediatric/pediatric). A pattern only proposes a pair; the
word lists decide:

- both spellings are in use (wordfreq, Zipf >= 2, or 2.5 for short words) with frequencies
  within a factor of 100,
- the British one is in symspellpy's dictionary (SCOWL, which lists British spellings), the
  American one in pyspellchecker's (US); and either the US dictionary lacks the British one
  (colour) or symspellpy's lacks the American one (traveled, theater),
- for a doubled l, the base word (travel) is a dictionary word of two or more syllables.

So "colour"/"color" and "centre"/"center" pair up, while "flour"/"flor" and "timbre"/"timber"
do not (both words of each pair are in both dictionaries). Under en-US only a British spelling
the US dictionary lacks is flagged, so spellings American English also accepts ("dialogue",
"theatre", "travelled") stand; under en-GB and en-AU every American spelling of a pair is.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import regex

from copydesk import patterns
from copydesk.lexicon import PYSPELL, SYMSPELL, Lexicon, cached_folder, lexicon

VERSION = 3
MIN_ZIPF = 2.0
MIN_ZIPF_SHORT = 2.5  # for words of five letters or fewer, where chance pairs are likelier
MAX_ZIPF_GAP = 2.0

_SYLLABLE = patterns.compile(r"[aeiouy]+")

# (name, British form, American form built from the match)
_PATTERNS: tuple[tuple[str, regex.Pattern[str], Callable[[regex.Match[str]], str]], ...] = (
    ("our", patterns.compile(r"(?P<s>[a-z]{2,})our(?P<t>[a-z]*)"), lambda m: f"{m['s']}or{m['t']}"),
    (
        "ise",
        patterns.compile(r"(?P<s>[a-z]{3,})is(?P<t>e|es|ed|ing|er|ers|ation|ations|ational|able)"),
        lambda m: f"{m['s']}iz{m['t']}",
    ),
    ("yse", patterns.compile(r"(?P<s>[a-z]{2,})ys(?P<t>e|es|ed|ing|er|ers)"), lambda m: f"{m['s']}yz{m['t']}"),
    ("re", patterns.compile(r"(?P<s>[a-z]{2,}[^aeiou])re(?P<t>|s|d)"), lambda m: f"{m['s']}er{m['t']}"),
    ("ogue", patterns.compile(r"(?P<s>[a-z]{3,})ogue(?P<t>s?)"), lambda m: f"{m['s']}og{m['t']}"),
    ("ence", patterns.compile(r"(?P<s>[a-z]{2,})ence(?P<t>s|less)?"), lambda m: f"{m['s']}ense{m['t'] or ''}"),
    (
        "ll",
        patterns.compile(r"(?P<s>[a-z]*[aeiou])ll(?P<t>ed|ing|er|ers|or|ors|ation)"),
        lambda m: f"{m['s']}l{m['t']}",
    ),
    ("ae", patterns.compile(r"(?P<s>[a-z]*)(?P<v>ae|oe)(?P<t>[a-z]+)"), lambda m: f"{m['s']}e{m['t']}"),
)


# American → British: the patterns run backwards, for words the forward patterns produce.
_BACKWARDS: tuple[tuple[str, regex.Pattern[str], Callable[[regex.Match[str]], str]], ...] = (
    ("or", patterns.compile(r"(?P<s>[a-z]{2,})or(?P<t>[a-z]*)"), lambda m: f"{m['s']}our{m['t']}"),
    (
        "ize",
        patterns.compile(r"(?P<s>[a-z]{3,})iz(?P<t>e|es|ed|ing|er|ers|ation|ations|ational|able)"),
        lambda m: f"{m['s']}is{m['t']}",
    ),
    ("yze", patterns.compile(r"(?P<s>[a-z]{2,})yz(?P<t>e|es|ed|ing|er|ers)"), lambda m: f"{m['s']}ys{m['t']}"),
    ("er", patterns.compile(r"(?P<s>[a-z]{2,}[^aeiou])er(?P<t>|s|d)"), lambda m: f"{m['s']}re{m['t']}"),
)
_BOTH_WAYS = _PATTERNS + _BACKWARDS
_VOWEL_LETTERS = frozenset("aeiou")


def counterparts(word: str, unlisted: bool = False) -> list[str]:
    """The spellings the patterns make of `word` in the other variety, unverified.

    `unlisted`: `word` is one no dictionary lists, and a counterpart that is a dictionary word
    will vouch for it ("sanitisers" and "iodisation" are right when "sanitizers" and
    "iodization" are); only patterns that tell a variant from a slip count then (`_vouches`).
    """
    found: list[str] = []
    if len(word) < 6:
        return found  # too short for a pattern to mean anything (dael is no variant of del)
    for name, pattern, other_of in _BOTH_WAYS:
        m = pattern.fullmatch(word)
        if m and (not unlisted or _vouches(name, m)):
            found.append(other_of(m))
    return found


def _vouches(name: str, m: regex.Match[str]) -> bool:
    """Whether pattern `name`'s fit says an unlisted word is a variant rather than a misspelling.

    Two fit a misspelling better: a doubled l after two vowel letters (British English doubles
    it after one: travelled, but revealed, so "revealled" is a slip), and an -ize that no
    dictionary lists where the -ise is (the US dictionary lists American spellings, so
    "advertized" is a slip of a word spelt -ise in both).
    """
    if name == "ll":
        return m["s"][-2:-1] not in _VOWEL_LETTERS
    return name != "ize"


def _zipf_and_flags(lex: Lexicon, word: str) -> tuple[float, int]:
    i = lex.index(word)
    return (lex.zipf_at(i), lex.flags_at(i)) if i >= 0 else (0.0, 0)


def generate(lex: Lexicon) -> list[tuple[str, str, str]]:
    """Every (British, American, which) the patterns propose and the word lists confirm.

    `which` says which spelling is foreign to the other variety: "british" when the US
    dictionary lacks the British form (colour), "american" when only the US dictionary has the
    American form (traveled, theater), "both" when both hold.
    """
    pairs: list[tuple[str, str, str]] = []
    for i, british in enumerate(lex.words):
        zipf, flags = lex.zipf_at(i), lex.flags_at(i)
        least = MIN_ZIPF_SHORT if len(british) <= 5 else MIN_ZIPF
        if zipf < least or not flags & SYMSPELL or not british.isalpha():
            continue
        for name, pattern, american_of in _PATTERNS:
            m = pattern.fullmatch(british)
            if not m:
                continue
            american = american_of(m)
            us_zipf, us_flags = _zipf_and_flags(lex, american)
            if not us_flags & PYSPELL or us_zipf < least or abs(us_zipf - zipf) > MAX_ZIPF_GAP:
                continue
            if name == "ll" and not _is_travel_like(lex, m["s"] + "l"):
                continue
            british_only = not flags & PYSPELL
            american_only = not us_flags & SYMSPELL
            if british_only or american_only:
                which = "both" if british_only and american_only else "british" if british_only else "american"
                pairs.append((british, american, which))
            break
    return pairs


def _is_travel_like(lex: Lexicon, base: str) -> bool:
    """A base word whose final l British English doubles: two syllables or more (travel, model)."""
    return bool(lex.flags(base) & (PYSPELL | SYMSPELL)) and len(_SYLLABLE.findall(base)) >= 2


def _build(folder: Path) -> None:
    lines = ["\t".join(pair) for pair in generate(lexicon())]
    (folder / "variants.tsv").write_text("\n".join(lines), encoding="utf-8")


@cache
def variant_pairs() -> tuple[dict[str, str], dict[str, str]]:
    """(British → American, American → British), from the cache, built on first use."""
    folder = cached_folder("variants", _build, VERSION)
    to_us: dict[str, str] = {}
    to_uk: dict[str, str] = {}
    for line in (folder / "variants.tsv").read_text(encoding="utf-8").splitlines():
        british, american, which = line.split("\t")
        if which != "american":
            to_us[british] = american  # colour is not American; travelled is (too)
        to_uk.setdefault(american, british)  # and neither color nor traveled is British
    return to_us, to_uk


def preferred(word: str, language: str) -> str | None:
    """The spelling of lower-case `word` that `language` prefers, when it is the other variant's."""
    to_us, to_uk = variant_pairs()
    return to_us.get(word) if language == "en-US" else to_uk.get(word)
