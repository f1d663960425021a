"""Spelling: non-words with ranked corrections, names treated as names, house words and variants.

Which words are checked, and how:

- A word that a curated dictionary (pyspellchecker's or symspellpy's) or the house lists is
  right. So are numbers and words with digits, initialisms (U.S.), words in capitals of four
  letters or fewer (DMZ, NATO), camel-case brands (iPhone, McAvan), possessives and
  contractions of known words (Korea's, didn't), hyphenated compounds whose parts are words
  (anti-North, working-level), and anything inside a URL, an e-mail address, a @handle or a
  #hashtag. Code spans never reach the check: the formats take them out.
- A lower-case word that no dictionary lists is a typo when a likely slip turns a correction
  into it and, for a word wordfreq knows, when that correction is far more common than the slip
  is rare: "recieve" and "teh" are in wordfreq's list (people misspell them often enough), but
  "receive" and "the" win (see `copydesk.spelling.ranking`). Rule `spelling.unknown-word`, an
  error. Left alone: a word with no correction within two edits (teicoplanin); a foreign word
  beside another (Il faut bien) or before a name (von Neuhoff); a word in common use beside its
  neighbour (ad hoc); the other variety's spelling of a dictionary word; a regular inflection
  (corporates) or a coinage (reinjecting, bikemaker) that no cheap slip explains; a word the
  story repeats, unless a doubled or dropped letter explains it.
- A capitalised word mid-sentence is taken for a name. wordfreq knows most names in the news,
  and a name the document uses twice or more is taken as meant. An unknown name is flagged only
  when a close and much more common form exists ("Panmunjeom" → "Panmunjom"), or the document
  itself spells it that other way more often. Rule `spelling.unknown-name`, a warning.
- A capitalised word that opens a sentence (or stands in a title-case headline) may be either:
  it is a typo when its lower-case form would be one and the correction is a common word
  ("Htey" → "They"), else it is judged as a name.
- With `enforce-variant`, the spelling of the other variety of English is a `spelling.variant`
  style finding (colour → color under en-US; color → colour under en-GB and en-AU).
- A form the house dictionary rejects is a `spelling.rejected` style finding (see
  `copydesk.spelling.house` for the file formats).

Corrections keep the case of the word they replace. One clear best correction is a safe fix
(unsafe for a name or inside a quotation); several close ones are shown, never applied.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from copydesk import patterns
from copydesk.checks.base import finding, keep_case
from copydesk.config import Settings
from copydesk.document import Document
from copydesk.findings import Applicability, Category, Finding, Severity
from copydesk.lexicon import DICTIONARY, Lexicon
from copydesk.rule import BadExample, Rule
from copydesk.spelling.errormodel import slip_cost
from copydesk.spelling.house import HouseDictionary
from copydesk.spelling.ranking import Candidate
from copydesk.spelling.variants import counterparts as variant_counterparts
from copydesk.spelling.variants import preferred as preferred_variant

UNKNOWN_WORD = Rule(
    id="spelling.unknown-word",
    category=Category.NONWORD,
    severity=Severity.ERROR,
    message="Not a word: correct the spelling (or add the word to the house dictionary).",
    why="A misspelt word is the slip readers notice first and trust least. The word is in no "
    "dictionary, or it is a rare form that a common slip (a doubled, dropped, swapped or "
    "neighbouring letter, a sound-alike spelling) makes out of a far more common word. "
    "Suggestions are ranked by how likely that slip is, how common the word is and how well "
    "it fits its neighbours. Forms written on purpose are left alone: a dropped g marked with "
    "an apostrophe (singin'), a unit after a number (10 ml) and the -ly adverb of an adjective "
    "in the dictionary (anhydrously).",
    fix=Applicability.SAFE,
    bad=(
        BadExample("The ministers will [[recieve]] the delegation on Monday.", "receive"),
        BadExample("[[Htey]] said the talks would resume after a short break.", "They"),
        BadExample("Officials said [[taht]] the border would reopen.", "that"),
        BadExample("Negotiators met for the [[secnod]] time in Stockholm.", "second"),
        BadExample("THE [[GOVERNMNET]] SAID NOTHING.", "GOVERNMENT"),
        BadExample("They met in Hanoi for working-[[levle]] consultations.", "level"),
    ),
    good=(
        "Lavrov met Pompeo in Washington to discuss denuclearization.",
        "Korea's and Korea’s leaders didn't meet; they'll try again.",
        "The anti-North Korean sanctions and working-level talks continue.",
        "The DMZ, the U.S. and the 38th parallel, etc.",
        "Write to desk@example.com, see https://example.com/teh-page, follow @reutres and #pyongyangg.",
        "The 13-year-old won 2nd place in the 1990s.",
        "\"We were just singin' and dancin',\" she said of the 10 ml vials.",
    ),
    origin=__name__,
)

UNKNOWN_NAME = Rule(
    id="spelling.unknown-name",
    category=Category.NONWORD,
    severity=Severity.WARNING,
    message="Unknown name close to a well-known one: check the spelling.",
    why="News copy is full of names that no dictionary lists, so an unknown capitalised word "
    "is left alone unless a close and far more common form exists, or the story itself spells "
    "the name another way more often. It is a warning, not an error: the rarer form may be "
    "right.",
    fix=Applicability.UNSAFE,
    bad=(
        BadExample("Trump met Kim in the border village of [[Panmunjeom]] in June.", "Panmunjom"),
        BadExample("The talks were held in [[Pyongyanng]] last year.", "Pyongyang"),
        BadExample("Mr Szczerbiak spoke first. Later, Mr [[Szczerbaik]] and Mr Szczerbiak left.", "Szczerbiak"),
    ),
    good=(
        "Kim Jong-un and Kim Myong-Gil met Lavrov and Pompeo near Panmunjom.",
        "The Mysłajek study was cited by Mysłajek's colleagues.",
        "Officials from Pyongyang and Washington met in Stockholm.",
    ),
    origin=__name__,
)

VARIANT = Rule(
    id="spelling.variant",
    category=Category.STYLE,
    severity=Severity.WARNING,
    message="Spelling of the other variety of English: use the house variety's spelling.",
    why="A story should keep to one variety of English. With `enforce-variant` on, a British "
    'spelling under `language = "en-US"` (and an American one under en-GB or en-AU) is flagged. '
    "The pairs come from systematic patterns (-our/-or, -ise/-ize, -yse/-yze, -re/-er, "
    "-ogue/-og, -ence/-ense, doubled l, ae/oe) confirmed against the word lists; spellings both "
    "varieties accept (dialogue, theatre) are left alone, and so are capitalised names (the "
    "Labour Party).",
    fix=Applicability.SAFE,
    bad=(
        BadExample("The [[colour]] of the flag was discussed.", "color"),
        BadExample("[[Organisation]] of the talks took months.", "Organization"),
        BadExample("They met in the city [[centre]].", "center"),
    ),
    good=(
        "The color of the flag was discussed.",
        "Members of the Labour Party met in Harbour Street on Monday.",
        "The dialogue resumed in the theater.",
    ),
    origin=__name__,
    example_config={"enforce-variant": True},
)

REJECTED = Rule(
    id="spelling.rejected",
    category=Category.STYLE,
    severity=Severity.WARNING,
    message="The house spells this another way: use the preferred form.",
    why="A house dictionary can reject forms in favour of others (`e-mail -> email`), so that "
    "every story spells a word the same way. A few non-standard forms are rejected whatever "
    "the house (`irregardless`); a house that wants one of them accepts it in its dictionary.",
    fix=Applicability.SAFE,
    bad=(
        BadExample("Send an [[e-mail]] to the desk.", "email"),
        BadExample("[[E-mail]] the desk.", "Email"),
        BadExample("They went ahead [[irregardless]] of the warnings.", "regardless"),
    ),
    good=("Send an email to the desk.", "The e-mails-only policy ended.", "Regardless of the warnings, they went."),
    origin=__name__,
)

# Never words to check: whatever stands in a whitespace-delimited run with one of these marks of
# a URL, an e-mail address, a @handle, a #hashtag or a domain name. Searching for the marks and
# then widening to the run is many times faster than one pattern that tries every position
# (and a domain's dot found by a lookbehind, not by matching the letter before it, ten times so).
_MACHINE_MARK_RE = patterns.compile(
    r"://|www\.|@\w|(?<!\w)#\w|(?<=\w)\.(?:com|org|net|gov|edu|int|mil|info|biz|io|co|uk|us|eu|de|fr|ru|cn|jp|kr|au|ca"
    r"|in|tv|me|ly)\b"
)
_RUN_RE = patterns.compile(r"\S+")
_CLITICS = ("'s", "'d", "'ll", "'re", "'ve", "'m", "n't")
_DIGIT_RE = patterns.compile(r"\p{N}")

# Decisions, in the log10 units of `copydesk.spelling.ranking`.
# wordfreq lists misspellings too, at the frequency people make them ("recieve" 2.75, against
# 4.8 for "receive"), so a word no dictionary lists is a typo when its best correction is more
# common by WORD_MARGIN powers of ten, plus DETECT_WEIGHT per edit of the slip between them;
# by more for a word that opens a sentence or is in capitals, which may be a name.
WORD_MARGIN = 0.5
OPENER_MARGIN = 2.0
DETECT_WEIGHT = 1.5
# A regular inflection of a dictionary word (corporates, reposted) needs a wider margin: such
# forms are often right even when no dictionary lists them.
INFLECTION_MARGIN = 1.2
# The most a correction may cost, in edits, for a word wordfreq knows to be called a typo, and
# for a word it does not know.
WORD_MAX_COST = 2.0
UNKNOWN_MAX_COST = 3.0
# A word the story uses more than once: a typo only when a doubled or dropped letter makes it
# (unknown to wordfreq), or when the correction is far more common (known to it).
REPEATED_MAX_COST = 0.5
REPEATED_MARGIN = 2.0
# An unknown word that is a known word with a productive affix is a coinage unless a slip this
# cheap explains it.
COINAGE_MAX_COST = 0.6
COINAGE_ZIPF = 3.0  # the least frequency of the known word in a prefixed or suffixed coinage
COMPOUND_PART_LENGTH = 4  # and of each word of a compound (in both dictionaries), its least length
COMPOUND_PART_ZIPF = 3.5
# A capitalised word that opens a sentence, unknown to wordfreq, is a typo only when a cheap
# slip makes it out of a common word ("Wiht" → "With"), or a slip of about one edit out of a
# very common one ("Htey" → "They").
OPENER_MAX_COST = 0.75
OPENER_MIN_ZIPF = 4.0
OPENER_COMMON_MAX_COST = 1.2
OPENER_COMMON_ZIPF = 5.0
# An unknown name is flagged when one cheap slip (a doubled, dropped or swapped letter) makes it
# out of a known name at least this common, and it is long enough for that to be no chance.
NAME_MAX_COST = 0.7
NAME_MIN_ZIPF = 1.5
NAME_MIN_LENGTH = 7
# A hyphenated compound whose parts, written solid, wordfreq finds this common is a word.
COMPOUND_JOINED_ZIPF = 2.0
# A part of a compound that wordfreq knows is judged as strictly as a sentence opener, and one
# of three letters or fewer (neo-, co-op, sci-fi) not at all.
COMPOUND_SHORT = 3
# Suggestions within this score of the best are shown too (then none is applied by --fix).
CLEAR_LEAD = 1.0
MAX_SUGGESTIONS = 3


# Productive affixes: an unknown word made of a known word and one of these is a coinage
# ("reinjecting", "woundedness"), not a slip.
_PREFIXES = tuple(
    "re un non pre anti co de dis mis over under sub super inter multi micro macro neuro bio eco geo cyber mega post semi".split()
)
_SUFFIXES = ("ness", "less", "ful", "hood", "ship", "ism", "ists", "like", "wise", "worthy")
# Endings of adjectives whose adverb is the adjective plus -ly (curvaceously, unwaveringly);
# not -ic (basically, not basicly), -ible or -able (possibly), or -ent, which ends nouns too
# (accidentally, not accidently).
_ADJECTIVE_ENDINGS = ("ous", "ive", "ful", "less", "ish", "ing", "ed", "al", "ate")
_VOWEL_LETTERS = frozenset("aeiou")
_SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh", "o")


def _bases(low: str) -> list[str]:
    """The words `low` is a regular inflection of, by the spelling rules (-s/-es, -ies,
    -ed/-d, -ing, -er/-est, a final e dropped before a vowel)."""
    found = []
    if low.endswith("ies") or low.endswith("ied"):
        found.append(low[:-3] + "y")
    if low.endswith("es") and low[:-2].endswith(_SIBILANT_ENDINGS):
        found.append(low[:-2])
    elif low.endswith("s") and not low.endswith("ss"):
        found.append(low[:-1])
    for ending in ("ed", "ing", "er", "ers", "est"):
        if low.endswith(ending):
            stem = low[: -len(ending)]
            if not stem.endswith("e") or stem.endswith(("ee", "ye", "oe")):
                found.append(stem)  # reposted; a silent e drops before a vowel (voting, not voteing)
            found.append(stem + "e")  # vaped ← vape
    return [b for b in found if len(b) >= 3]


_LIGATURES = frozenset("\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06")


@dataclass(frozen=True)
class Part:
    """A piece of a word token to judge: a whole word, or one part of a hyphenated compound."""

    index: int  # the token's position in doc.words
    start: int
    end: int
    text: str  # as written (possessive and clitics stripped)
    low: str  # the lookup form: NFKC, lower case, straight apostrophe
    kind: str  # "lower", "capital", "upper", "name-part" (lower part of a name) or "variant"
    before: str | None = None  # the neighbouring words (lookup forms), when only a space separates them
    after: str | None = None
    name_follows: bool = False  # the next word, after a space, is capitalised


# The longest unit abbreviation that a number (or "per") vouches for: ml, yd, hr, mph.
UNIT_MAX_LENGTH = 3
_APOSTROPHES = ("'", "’")


def _lookup_form(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return text.lower().replace("’", "'")


def _strip_clitic(text: str) -> str:
    """Korea's → Korea, didn't → did; the text itself when no clitic ends it."""
    folded = text.replace("’", "'")
    lowered = folded.lower()
    for clitic in _CLITICS:
        if lowered.endswith(clitic) and len(folded) > len(clitic):
            return text[: len(text) - len(clitic)]
    return text


def _kind(text: str) -> str | None:
    """How a word is written: lower, Capital, UPPER; None for mixed case (iPhone, McAvan)."""
    if text.islower():
        return "lower"
    if text.isupper():
        return "upper"
    if text[:1].isupper() and (len(text) == 1 or text[1:].islower()):
        return "capital"
    return None


def _machine_text(prose: str) -> list[tuple[int, int]]:
    """Spans of URLs, e-mail addresses, handles, hashtags and domain names: never words."""
    spans: list[tuple[int, int]] = []
    for m in _MACHINE_MARK_RE.finditer(prose):
        if spans and m.start() < spans[-1][1]:
            continue
        start = m.start()
        while start > 0 and not prose[start - 1].isspace():
            start -= 1
        run = _RUN_RE.match(prose, start)
        if run:
            spans.append((run.start(), run.end()))
    return spans


class _Story:
    """What the check needs to know about the whole document, worked out when first asked."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.counts = Counter(t.text for t in doc.words)
        self._starts = [s for s, _ in doc.sentences]
        self._word_starts: list[int] | None = None
        self._title_case: dict[int, bool] = {}
        self._name_counts: Counter[str] | None = None

    def count(self, text: str) -> int:
        """How often the story uses a word, its possessive included (Tua, Tua's)."""
        counts = self.counts
        return counts[text] + counts[text + "'s"] + counts[text + "’s"]

    def name_counts(self) -> Counter[str]:
        """Uses of each capitalised word, possessives folded in."""
        if self._name_counts is None:
            self._name_counts = Counter()
            for text, n in self.counts.items():
                if text[:1].isupper():
                    self._name_counts[_strip_clitic(text)] += n
        return self._name_counts

    def opens_sentence(self, index: int) -> bool:
        """True for a word that opens a sentence, a quotation or a clause after a colon, or that
        stands in a heading or a title-case line (where capitals say nothing about names)."""
        words, doc = self.doc.words, self.doc
        start = words[index].start
        i = bisect.bisect_right(self._starts, start) - 1
        sentence_start = self._starts[i] if i >= 0 else 0
        if index == 0 or words[index - 1].start < sentence_start:
            return True
        gap = doc.prose[words[index - 1].end : start]
        return gap.endswith(("“", ' "', ": ", "‘")) or self.in_title(index)

    def alone(self, index: int) -> bool:
        """True for a word that is a sentence or a line on its own."""
        words, prose = self.doc.words, self.doc.prose
        start, end = words[index].start, words[index].end
        i = bisect.bisect_right(self._starts, start) - 1
        s_start, s_end = self.doc.sentences[i] if i >= 0 else (0, len(prose))
        before = index == 0 or words[index - 1].end <= s_start or "\n" in prose[words[index - 1].end : start]
        after = (
            index + 1 == len(words) or words[index + 1].start >= s_end or "\n" in prose[end : words[index + 1].start]
        )
        return before and after

    def in_title(self, index: int) -> bool:
        """True for a word in a heading or a title-case line, where every word has a capital."""
        start = self.doc.words[index].start
        if self.doc.regions and self.doc.region_kind(start) == "heading":
            return True
        return self._is_title_case(bisect.bisect_right(self._starts, start) - 1)

    def _is_title_case(self, sentence: int) -> bool:
        found = self._title_case.get(sentence)
        if found is None:
            s_start, s_end = self.doc.sentences[sentence] if sentence >= 0 else (0, 0)
            if self._word_starts is None:
                self._word_starts = [w.start for w in self.doc.words]
            first = bisect.bisect_left(self._word_starts, s_start)
            last = bisect.bisect_left(self._word_starts, s_end)
            initials = [w.text[0] for w in self.doc.words[first:last] if w.text[0].isalpha()]
            capitals = sum(1 for ch in initials if ch.isupper())
            found = len(initials) >= 3 and capitals * 4 >= len(initials) * 3
            self._title_case[sentence] = found
        return found


def _with_house_vocabulary(dictionary: HouseDictionary, model: Path, lex: Lexicon) -> HouseDictionary:
    """The house dictionary plus the words of the newsroom's learned model (names, places, jargon).

    Only the words the dictionaries lack are added: the rest are trusted already, and as house
    words they would be offered as corrections with a house word's frequency ("bight" as
    common as a name the archive uses).
    A missing or broken model is reported by the real-word check; spelling carries on without it.
    """
    from copydesk.realword.house import HouseModelError, load_cached

    try:
        vocabulary = load_cached(model).vocabulary()
    except HouseModelError:
        return dictionary
    new = frozenset(w for w in vocabulary if not lex.in_dictionary(_lookup_form(w)))
    return replace(dictionary, exact=dictionary.exact | new)


class SpellingCheck:
    """Non-words and unknown names, house rejections, and (on request) language variants."""

    rules = (UNKNOWN_WORD, UNKNOWN_NAME, VARIANT, REJECTED)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._loaded = False
        # token text -> (offset, text) of its parts that no dictionary knows; empty when all are known
        self._unknown_parts: dict[str, tuple[tuple[int, str], ...]] = {}

    def _load(self) -> None:
        """Word lists, index and house dictionary: loaded on first use, so building the check is cheap."""
        from copydesk.lexicon import lexicon
        from copydesk.spelling import house
        from copydesk.spelling.ranking import Speller

        self.house = house.load(self.settings.dictionaries)
        self.lex = lexicon()
        if self.settings.house_model is not None:
            self.house = _with_house_vocabulary(self.house, self.settings.house_model, self.lex)
        self.speller = Speller(self.lex, None, self.house.words)
        self._loaded = True

    def prepare(self) -> None:
        """Load the data now (before worker processes fork, so they share it)."""
        if not self._loaded:
            self._load()

    def run(self, doc: Document) -> Iterator[Finding]:
        if not self._loaded:
            self._load()
        skipped = _machine_text(doc.prose)
        rejected = self._rejected(doc, skipped)
        yield from rejected
        parts = self._parts_to_judge(doc, sorted(skipped + [(f.start, f.end) for f in rejected]))
        if not parts:
            return
        story = _Story(doc)
        for part in parts:
            opener = part.start == doc.words[part.index].start and story.opens_sentence(part.index)
            if part.kind == "variant":
                found = self._variant(part, opener)
            else:
                found = self._judge(doc, part, opener, story)
            if found is not None:
                yield found

    # -- which words need judging

    def _parts_to_judge(self, doc: Document, skipped: list[tuple[int, int]]) -> list[Part]:
        """Parts of tokens that no dictionary knows (and, with enforce-variant, variant spellings)."""
        cache = self._unknown_parts
        found: list[Part] = []
        variants = self.settings.enforce_variant
        words = doc.words
        skip_i = 0
        for index, token in enumerate(words):
            unknown = cache.get(token.text)
            if unknown is None:
                unknown = self._unknown_in(token.text)
                cache[token.text] = unknown
            if not unknown and not variants:
                continue
            while skip_i < len(skipped) and skipped[skip_i][1] <= token.start:
                skip_i += 1
            if skip_i < len(skipped) and skipped[skip_i][0] < token.end:
                continue
            if unknown and self._beside_ligature(doc, index):
                continue  # "bene ﬁts": a word broken around a ligature by the text's extraction
            found.extend(self._part(doc, index, offset, text) for offset, text in unknown)
            if variants:
                found.extend(self._variant_parts(index, token.start, token.text, unknown))
        return found

    def _unknown_in(self, text: str) -> tuple[tuple[int, str], ...]:
        """(offset, text) of each part of a token that neither dictionary nor house knows.

        A part of a hyphenated compound is marked with a leading "-", of a hyphenated name
        (Jong-un) with a leading "~".
        """
        if "." in text or len(text) < 2 or self._known(text):
            return ()
        stem = _strip_clitic(text)
        if stem != text and self._known(stem):
            return ()
        if "'" in stem.replace("’", "'"):
            return ()  # O'Brien, d'Investissements, t'ai: names and foreign words
        pieces = stem.split("-")
        if len(pieces) == 1:
            return ((0, stem),) if self._checkable(stem) else ()
        joined = _lookup_form("".join(pieces))
        if self.lex.in_dictionary(joined) or self.lex.zipf(joined) >= COMPOUND_JOINED_ZIPF:
            return ()  # wi-fi, criss-cross: the compound is a word written solid too
        mark = "~" if any(_kind(p) == "capital" for p in pieces) else "-"
        unknown = []
        offset = 0
        for piece in pieces:
            if self._checkable(piece) and not self._known(piece):
                unknown.append((offset, mark + piece))
            offset += len(piece) + 1
        return tuple(unknown)

    @staticmethod
    def _checkable(piece: str) -> bool:
        """Not a number, an acronym of four capitals or fewer (DMZ), or a camel-case brand (iPhone)."""
        kind = _kind(piece)
        return (
            len(piece) >= 2
            and kind is not None
            and not (kind == "upper" and len(piece) <= 4)
            and not _DIGIT_RE.search(piece)
        )

    def _known(self, text: str) -> bool:
        return self.house.accepts(text) or self.lex.in_dictionary(_lookup_form(text))

    def _part(self, doc: Document, index: int, offset: int, text: str) -> Part:
        token = doc.words[index]
        mark = text[:1] if text[:1] in "-~" else ""
        text = text[len(mark) :]
        kind = _kind(text) or "capital"
        if mark == "~" and kind == "lower":
            kind = "name-part"
        elif mark == "-" and kind == "lower":
            kind = "compound-part"
        start = token.start + offset
        end = start + len(text)
        pieces = _strip_clitic(token.text).split("-")
        if len(pieces) > 1:  # a part of a compound: its neighbours are the other parts
            at = token.text[:offset].count("-")
            before = _lookup_form(pieces[at - 1]) if at > 0 else None
            after = _lookup_form(pieces[at + 1]) if at + 1 < len(pieces) else None
        else:
            before, after = self._neighbours(doc, index)
        follows = after is not None and len(pieces) == 1 and _kind(doc.words[index + 1].text) == "capital"
        return Part(index, start, end, text, _lookup_form(text), kind, before, after, follows)

    @staticmethod
    def _neighbours(doc: Document, index: int) -> tuple[str | None, str | None]:
        """The words either side (lookup forms) when only a space separates them."""
        words, prose = doc.words, doc.prose
        token = words[index]
        before = after = None
        if index > 0 and prose[words[index - 1].end : token.start] == " ":
            before = _lookup_form(words[index - 1].text)
        if index + 1 < len(words) and prose[token.end : words[index + 1].start] == " ":
            after = _lookup_form(words[index + 1].text)
        return before, after

    @staticmethod
    def _beside_ligature(doc: Document, index: int) -> bool:
        words = doc.words
        return any(
            0 <= i < len(words) and not _LIGATURES.isdisjoint(words[i].text) for i in (index - 1, index, index + 1)
        )

    # -- judging one part

    def _judge(self, doc: Document, part: Part, opener: bool, story: _Story) -> Finding | None:
        zipf = self.lex.zipf(part.low)
        if self._attested(part) or self._dropped_g(doc, part) or (zipf > 0 and self._unit(part)):
            return None
        if part.kind == "lower":
            return self._judge_word(doc, part, zipf, story)
        if part.kind == "compound-part":
            if zipf > 0 and len(part.low) <= COMPOUND_SHORT:
                return None
            return self._judge_word(doc, part, zipf, story, strict=True)
        if part.kind == "name-part" or not (opener or part.kind == "upper"):
            return self._judge_name(doc, part, zipf, story)
        # Opens a sentence, or in capitals: a common word mistyped, or a name. A name it is when
        # the story uses it elsewhere, or another capitalised word follows (Tua Pittman).
        if story.count(part.text) == 1 and not (part.name_follows and not story.in_title(part.index)):
            typo = self._judge_word(doc, part, zipf, story, opener=True, strict=True)
            if typo is not None:
                return typo
        return self._judge_name(doc, part, zipf, story)

    def _attested(self, part: Part) -> bool:
        """True when the word is right after all: foreign, beside its usual neighbour, a variant.

        - a diacritic: typos seldom add one (grâce, łajek);
        - a foreign word beside another (Il faut bien, halb drei, au naturel);
        - in common use beside its neighbour (ad hoc), per the bigram list;
        - the other variety's spelling of a dictionary word (sanitisers, iodisation).
        """
        low, before, after = part.low, part.before, part.after
        if not low.isascii():
            return True
        lex = self.lex
        if lex.is_foreign(low) and (self._not_english(before) or self._not_english(after) or part.name_follows):
            return True  # a foreign phrase, or a name's particle (Holger von Neuhoff)
        if (before and lex.bigram(before, low)) or (after and lex.bigram(low, after)):
            return True
        return any(lex.in_dictionary(other) for other in variant_counterparts(low, unlisted=True))

    def _dropped_g(self, doc: Document, part: Part) -> bool:
        """A final g dropped on purpose and marked with an apostrophe: singin', nothin'."""
        return (
            part.low.endswith("in")
            and doc.prose[part.end : part.end + 1] in _APOSTROPHES
            and self.lex.in_dictionary(part.low + "g")
        )

    @staticmethod
    def _unit(part: Part) -> bool:
        """A short word after a number or "per" is a unit (10 ml, 300 yd, per hr), when
        wordfreq knows it: no dictionary lists most unit abbreviations."""
        before = part.before
        return (
            len(part.low) <= UNIT_MAX_LENGTH
            and before is not None
            and (before == "per" or before[:1].isdigit())  # 10, 1,500, 2.5
        )

    def _not_english(self, word: str | None) -> bool:
        """A neighbour that marks a foreign phrase: a foreign word, one with a diacritic, or one
        English does not know at all (Show das Poderosas, raison d'être, von Neuhoff)."""
        if not word:
            return False
        lex = self.lex
        return lex.is_foreign(word) or not word.isascii() or (lex.zipf(word) == 0 and not lex.in_dictionary(word))

    def _judge_word(
        self, doc: Document, part: Part, zipf: float, story: _Story, opener: bool = False, strict: bool = False
    ) -> Finding | None:
        """A common word mistyped: the best correction clearly beats what was typed.

        `opener`: the word opens a sentence (or is in capitals), so it may be a name; only a
        common word counts as its correction. `strict`: it may be a name or part of a compound,
        so the correction must lead by more.
        """
        limit = WORD_MAX_COST if zipf > 0 else UNKNOWN_MAX_COST
        alone = story.alone(part.index)
        ranked = [c for c in self.speller.rank(part.low, part.before, part.after, alone=alone) if c.cost <= limit]
        if opener:
            ranked = [c for c in ranked if c.zipf >= OPENER_MIN_ZIPF and " " not in c.word]
        if not ranked:
            return None  # no word within two slips: a term the dictionaries lack (teicoplanin)
        best = ranked[0]
        repeated = story.count(part.text) > 1
        if zipf > 0:
            # wordfreq knows it: a typo only when a correction is far more common than the slip is rare
            margin = REPEATED_MARGIN if repeated else OPENER_MARGIN if strict else WORD_MARGIN
            lead = max(c.zipf - DETECT_WEIGHT * c.cost for c in ranked) - zipf
            if lead < margin:
                return None
            if lead < INFLECTION_MARGIN and (self._inflection(part.low) or self._prefixed(part.low)):
                return None
        elif repeated and (best.cost > REPEATED_MAX_COST or " " in best.word):
            return None  # used consistently, and no single slip away from a word: a term (fourballs)
        elif (
            opener
            and not (
                best.cost <= OPENER_MAX_COST
                or (best.cost <= OPENER_COMMON_MAX_COST and best.zipf >= OPENER_COMMON_ZIPF)
            )
        ) or (best.cost > COINAGE_MAX_COST and self._coinage(part.low)):
            return None
        return self._finding(doc, UNKNOWN_WORD, part, ranked)

    def _prefixed(self, low: str) -> bool:
        """A known word with a productive prefix: reinjecting, reposted, neurotechnologies."""
        lex = self.lex
        for prefix in _PREFIXES:
            rest = low[len(prefix) :]
            if low.startswith(prefix) and len(rest) >= 4 and lex.in_dictionary(rest) and lex.zipf(rest) >= COINAGE_ZIPF:
                return True
        return False

    def _coinage(self, low: str) -> bool:
        """A word unknown to wordfreq made of known ones: a prefix or a productive suffix
        (reinjecting, woundedness), or two content words written solid (bikemaker, teabreak)."""
        if self._prefixed(low) or self._adverb(low):
            return True
        lex = self.lex
        for suffix in _SUFFIXES:
            base = low[: -len(suffix)]
            if base.endswith("y") and base[-2:-1] not in _VOWEL_LETTERS:
                continue  # a consonant and y become i before a suffix: loneliness, not lonelyness
            if low.endswith(suffix) and len(base) >= 4 and lex.in_dictionary(base) and lex.zipf(base) >= COINAGE_ZIPF:
                return True
        for i in range(COMPOUND_PART_LENGTH, len(low) - COMPOUND_PART_LENGTH + 1):
            first, second = low[:i], low[i:]
            if all(
                lex.flags(w) & DICTIONARY == DICTIONARY and lex.zipf(w) >= COMPOUND_PART_ZIPF for w in (first, second)
            ):
                return True
        return False

    def _adverb(self, low: str) -> bool:
        """An adjective in the dictionary, however rare, made an adverb: anhydrously."""
        base = low[:-2]
        return low.endswith("ly") and base.endswith(_ADJECTIVE_ENDINGS) and self.lex.in_dictionary(base)

    def _inflection(self, low: str) -> bool:
        """A regular inflection of a dictionary word, spelt by the rules: corporates, reposted,
        tinies; not voteing (voting) or claimes (claims)."""
        return any(self.lex.in_dictionary(base) for base in _bases(low))

    def _judge_name(self, doc: Document, part: Part, zipf: float, story: _Story) -> Finding | None:
        """An unknown name: flagged only for a close, known (or in this story more usual) form."""
        if zipf > 0:
            return None  # wordfreq knows it: a name in the news
        internal = self._document_form(part, story)
        if internal is not None:
            return self._name_finding(doc, part, [internal])
        if story.count(part.text) > 1 or len(part.low) < NAME_MIN_LENGTH:
            return None  # used consistently, or too short for a near miss to mean anything
        close = [
            c.word
            for c in self.speller.candidates(part.low)
            if c.cost <= NAME_MAX_COST
            and c.zipf >= NAME_MIN_ZIPF
            and " " not in c.word
            and not (c.word.startswith(part.low) or part.low.startswith(c.word))  # Banksys, Agustino
        ]
        return self._name_finding(doc, part, close) if close else None

    def _document_form(self, part: Part, story: _Story) -> str | None:
        """A close spelling of an unknown name that the story uses more often (Lavrov, Lavorv)."""
        mine = story.count(part.text)
        best: tuple[float, str] | None = None
        for other, count in story.name_counts().items():
            if count <= mine or abs(len(other) - len(part.text)) > 2 or _kind(other) != _kind(part.text):
                continue
            low = _lookup_form(other)
            if self.lex.in_dictionary(low):
                continue  # a common word, not another spelling of this name
            cost = slip_cost(part.low, low)
            if cost <= NAME_MAX_COST and (best is None or cost < best[0]):
                best = (cost, other)
        return best[1] if best else None

    # -- findings

    def _finding(self, doc: Document, rule: Rule, part: Part, ranked: Sequence[Candidate]) -> Finding:
        chosen = [c.word for c in ranked[:MAX_SUGGESTIONS] if c.score >= ranked[0].score - CLEAR_LEAD]
        return self._with_fix(doc, rule, part, chosen)

    def _name_finding(self, doc: Document, part: Part, words: Sequence[str]) -> Finding:
        return self._with_fix(doc, UNKNOWN_NAME, part, list(words)[:MAX_SUGGESTIONS])

    def _with_fix(self, doc: Document, rule: Rule, part: Part, words: list[str]) -> Finding:
        suggestions = [self._cased(part.text, self.house.spelling(w)) for w in words]
        fix = rule.fix
        if len(suggestions) > 1:
            fix = Applicability.DISPLAY
        elif fix is Applicability.SAFE and doc.in_quotation(part.start, part.end):
            fix = Applicability.UNSAFE
        return finding(rule, part.start, part.end, suggestions, fix=fix)

    @staticmethod
    def _cased(original: str, word: str) -> str:
        """`word` in the case of what it replaces; a name keeps its own capitals (McAvan)."""
        if original[:1].isupper() and not original.isupper() and original[1:].islower():
            return word[:1].upper() + word[1:]
        return keep_case(original, word)

    # -- house rejections and variants

    def _rejected(self, doc: Document, skipped: list[tuple[int, int]]) -> list[Finding]:
        pattern = self.house.reject_pattern
        if pattern is None:
            return []
        found = []
        for m in pattern.finditer(doc.prose):
            if any(s < m.end() and m.start() < e for s, e in skipped):
                continue
            preferred = self.house.rejects[" ".join(m.group().split()).lower()]
            found.append(finding(REJECTED, m.start(), m.end(), [keep_case(m.group(), preferred)]))
        return found

    def _variant_parts(
        self, index: int, token_start: int, text: str, unknown: tuple[tuple[int, str], ...]
    ) -> list[Part]:
        """Parts of a known word spelt the other variety's way (only with enforce-variant)."""
        parts = []
        offset = 0
        flagged = {o for o, _ in unknown}
        for piece in _strip_clitic(text).split("-"):
            low = _lookup_form(piece)
            wanted = offset not in flagged and len(piece) > 2 and _kind(piece) in ("lower", "capital")
            if wanted and preferred_variant(low, self.settings.language):
                parts.append(
                    Part(index, token_start + offset, token_start + offset + len(piece), piece, low, "variant")
                )
            offset += len(piece) + 1
        return parts

    def _variant(self, part: Part, opener: bool) -> Finding | None:
        if part.text[:1].isupper() and not opener:
            return None  # a capitalised variant mid-sentence is a name: the Labour Party
        if self.house.accepts(part.text):
            return None
        other = preferred_variant(part.low, self.settings.language)
        if other is None:
            return None
        return finding(VARIANT, part.start, part.end, [keep_case(part.text, other)])
