"""Spelling: non-words with ranked corrections, names treated as names, house words and variants.

Which words are checked, and how:

- A word that a curated dictionary (pyspellchecker's or symspellpy's) or the house lists is
  right. So are numbers and words with digits, initialisms (U.S.), words in capitals of four
  letters or fewer (DMZ, NATO), camel-case brands (iPhone, McAvan), possessives and
  contractions of known words (Korea's, didn't), hyphenated compounds whose parts are words
  (anti-North, working-level), and anything inside a URL, an e-mail address, a @handle or a
  #hashtag. Code spans never reach the check: the formats take them out.
- A lower-case word that no dictionary lists is a typo when it is unknown to wordfreq, or when
  a likely slip turns a far more common word into it: "recieve" and "teh" are in wordfreq's
  list (people misspell them often enough), but "receive" and "the" win the ranking (see
  `copydesk.spelling.ranking`). Rule `spelling.unknown-word`, an error.
- A capitalised word mid-sentence is taken for a name. wordfreq knows most names in the news,
  and a name the document uses twice or more is taken as meant. An unknown name is flagged only
  when a close and much more common form exists ("Panmunjeom" → "Panmunjom"), or the document
  itself spells it that other way more often. Rule `spelling.unknown-name`, a warning.
- A capitalised word that opens a sentence (or stands in a title-case headline) may be either:
  it is a typo when its lower-case form would be one and the correction is a common word
  ("Tyhe" → "They"), else it is judged as a name.
- With `enforce-variant`, the spelling of the other variety of English is a `spelling.variant`
  style finding (colour → color under en-US; color → colour under en-GB and en-AU).
- A form the house dictionary rejects is a `spelling.rejected` style finding (see
  `copydesk.spelling.house` for the file formats).

Corrections keep the case of the word they replace. One clear best correction is a safe fix
(unsafe for a name or inside a quotation); several close ones are shown, never applied.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from copydesk.checks.base import finding, keep_case
from copydesk.config import Settings
from copydesk.document import Document
from copydesk.findings import Applicability, Category, Finding, Severity
from copydesk.rule import BadExample, Rule
from copydesk.spelling.errormodel import slip_cost
from copydesk.spelling.ranking import CONTEXT_WEIGHT, Candidate
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
    "it fits its neighbours.",
    fix=Applicability.SAFE,
    bad=(
        BadExample("The ministers will [[recieve]] the delegation on Monday.", "receive"),
        BadExample("[[Tyhe]] talks resumed after a short break.", "They"),
        BadExample("Officials said [[taht]] the border would reopen.", "that"),
        BadExample("Negotiators met for the [[secnod]] time in Stockholm.", "second"),
        BadExample("The [[GOVERMENT]] said nothing.", "GOVERNMENT"),
        BadExample("They met in Hanoi for [[working-levle]] consultations.", "working-level"),
    ),
    good=(
        "Lavrov met Pompeo in Washington to discuss denuclearization.",
        "Korea's and Korea’s leaders didn't meet; they'll try again.",
        "The anti-North Korean sanctions and working-level talks continue.",
        "The DMZ, the U.S. and the 38th parallel, etc.",
        "Write to desk@example.com, see https://example.com/teh-page, follow @reutres and #pyongyangg.",
        "The 13-year-old won 2nd place in the 1990s.",
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
        BadExample(
            "Mr Szczerbiak spoke first. Later, Mr [[Szczerbaik]] and Mr Szczerbiak left.", "Szczerbiak"
        ),
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
    "spelling under `language = \"en-US\"` (and an American one under en-GB or en-AU) is flagged. "
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
        "The Labour Party met in Harbour Street.",
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

# Never words to check: URLs, e-mail addresses, @handles, #hashtags, bare domain names.
_SKIP_RE = regex.compile(
    r"""(?:https?://|ftp://|www\.)[^\s<>"“”]+
    | [\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+
    | (?<![\w@])[@#]\w+
    | (?<![\w.@])(?:[\w\-]+\.)+(?:com|org|net|gov|edu|int|mil|info|biz|io|co|uk|us|eu|de|fr|ru|cn|jp|kr|au|ca|in|tv|me|ly)
      (?:/[^\s<>"“”]*)?(?!\w)""",
    regex.X,
)
_CLITICS = ("'s", "'d", "'ll", "'re", "'ve", "'m", "n't")
_DIGIT_RE = regex.compile(r"\p{N}")

# Decisions, in the log10 units of `copydesk.spelling.ranking`.
# wordfreq lists misspellings too, at the frequency people make them ("recieve" 2.75, against
# 4.8 for "receive"), so a word no dictionary lists is a typo when its best correction is more
# common by WORD_MARGIN powers of ten, plus DETECT_WEIGHT per edit of the slip between them;
# by more for a word that opens a sentence or is in capitals, which may be a name.
WORD_MARGIN = 1.0
OPENER_MARGIN = 2.0
DETECT_WEIGHT = 1.5
# The most a correction may cost, in edits, for a word wordfreq knows to be called a typo, and
# for a word it does not know.
WORD_MAX_COST = 1.5
UNKNOWN_MAX_COST = 3.0
# A word the story uses more than once is a typo only when one cheap slip makes it.
REPEATED_MAX_COST = 0.6
# An unknown word that is a known word with a productive affix is a coinage unless a slip this
# cheap explains it.
COINAGE_MAX_COST = 0.6
# A capitalised word that opens a sentence, unknown to wordfreq, is a typo only when one cheap
# slip makes it out of a common word ("Tyhe" → "They").
OPENER_MAX_COST = 0.75
OPENER_MIN_ZIPF = 4.0
# An unknown name is flagged when one cheap slip (a doubled, dropped or swapped letter) makes it
# out of a known name at least this common, and it is long enough for that to be no chance.
NAME_MAX_COST = 0.65
NAME_MIN_ZIPF = 1.5
NAME_MIN_LENGTH = 7
# Suggestions within this score of the best are shown too (then none is applied by --fix).
CLEAR_LEAD = 1.0
MAX_SUGGESTIONS = 3


# Productive affixes: an unknown word made of a known word and one of these is a coinage
# ("reinjecting", "woundedness"), not a slip.
_PREFIXES = ("re", "un", "non", "pre", "anti", "co", "de", "dis", "mis", "over", "under", "sub", "super",
             "inter", "multi", "micro", "macro", "neuro", "bio", "eco", "geo", "cyber", "mega", "post", "semi")
_SUFFIXES = ("ness", "less", "ful", "hood", "ship", "ism", "ist", "ists", "like", "wise", "worthy", "able", "ly")
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
        from copydesk.spelling.ranking import Speller, delete_index

        self.house = house.load(self.settings.dictionaries)
        self.lex = lexicon()
        self.speller = Speller(self.lex, delete_index(), self.house.words)
        self._loaded = True

    def run(self, doc: Document) -> Iterator[Finding]:
        if not self._loaded:
            self._load()
        skipped = sorted((m.start(), m.end()) for m in _SKIP_RE.finditer(doc.prose))
        rejected = self._rejected(doc, skipped)
        yield from rejected
        parts = self._parts_to_judge(doc, sorted(skipped + [(f.start, f.end) for f in rejected]))
        if not parts:
            return
        words = doc.words
        counts = Counter(_strip_clitic(t.text) for t in words)
        openers = self._sentence_openers(doc)
        for part in parts:
            if part.kind == "variant":
                found = self._variant(part, part.index in openers)
            else:
                opener = part.index in openers and part.start == words[part.index].start
                found = self._judge(doc, part, opener, counts)
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

        A part of a hyphenated name (Jong-un) is marked with a leading NUL: judged as a name.
        """
        if _DIGIT_RE.search(text) or "." in text or len(text) < 2 or self._known(text):
            return ()
        stem = _strip_clitic(text)
        if stem != text and self._known(stem):
            return ()
        if "'" in stem.replace("’", "'"):
            return ()  # O'Brien, d'Investissements, t'ai: names and foreign words
        pieces = stem.split("-")
        name = len(pieces) > 1 and any(_kind(p) == "capital" for p in pieces)
        unknown = []
        offset = 0
        for piece in pieces:
            kind = _kind(piece)
            if len(piece) >= 2 and kind is not None and not (kind == "upper" and len(piece) <= 4):
                if not self._known(piece):
                    unknown.append((offset, "\0" + piece if name and kind == "lower" else piece))
            offset += len(piece) + 1
        return tuple(unknown)

    def _known(self, text: str) -> bool:
        return self.house.accepts(text) or self.lex.in_dictionary(_lookup_form(text))

    def _part(self, doc: Document, index: int, offset: int, text: str) -> Part:
        token = doc.words[index]
        name_part = text.startswith("\0")
        text = text.lstrip("\0")
        kind = "name-part" if name_part else (_kind(text) or "capital")
        start = token.start + offset
        end = start + len(text)
        pieces = _strip_clitic(token.text).split("-")
        if len(pieces) > 1:  # a part of a compound: its neighbours are the other parts
            at = token.text[:offset].count("-")
            before = _lookup_form(pieces[at - 1]) if at > 0 else None
            after = _lookup_form(pieces[at + 1]) if at + 1 < len(pieces) else None
        else:
            before, after = self._neighbours(doc, index)
        return Part(index, start, end, text, _lookup_form(text), kind, before, after)

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

    def _sentence_openers(self, doc: Document) -> set[int]:
        """Token indexes of words that open a sentence, or stand in a title-case line or heading."""
        openers: set[int] = set()
        words = doc.words
        i = 0
        for s_start, s_end in doc.sentences:
            while i < len(words) and words[i].start < s_start:
                i += 1
            first = j = i
            letters = capitals = 0
            while j < len(words) and words[j].start < s_end:
                initial = words[j].text[:1]
                if initial.isalpha():
                    letters += 1
                    capitals += initial.isupper()
                j += 1
            if first < j:
                openers.add(first)
            if letters >= 3 and capitals * 10 >= letters * 7:
                openers.update(range(first, j))  # a title-case headline
        for region in doc.regions:
            if region.kind == "heading":
                openers.update(k for k, w in enumerate(words) if region.start <= w.start < region.end)
        return openers

    # -- judging one part

    def _judge(self, doc: Document, part: Part, opener: bool, counts: Counter[str]) -> Finding | None:
        zipf = self.lex.zipf(part.low)
        if self._attested(part):
            return None
        if part.kind == "lower":
            return self._judge_word(doc, part, zipf, counts)
        if part.kind == "name-part" or not (opener or part.kind == "upper"):
            return self._judge_name(doc, part, zipf, counts)
        # Opens a sentence, or in capitals: a common word mistyped, or a name. A name it is when
        # the story uses it elsewhere, or another capitalised word follows (Tua Pittman).
        following = doc.words[part.index + 1].text if part.index + 1 < len(doc.words) else ""
        if counts[part.text] == 1 and not (part.after and following[:1].isupper()):
            typo = self._judge_word(doc, part, zipf, counts, opener=True)
            if typo is not None:
                return typo
        return self._judge_name(doc, part, zipf, counts)

    def _attested(self, part: Part) -> bool:
        """True when the word is in common use beside its neighbour (ad hoc), or a foreign word."""
        if not part.low.isascii():
            return True  # grâce, łajek: typos seldom add a diacritic
        lex = self.lex
        return bool((part.before and lex.bigram(part.before, part.low)) or (part.after and lex.bigram(part.low, part.after)))

    def _judge_word(
        self, doc: Document, part: Part, zipf: float, counts: Counter[str], opener: bool = False
    ) -> Finding | None:
        """A common word mistyped: the best correction clearly beats what was typed."""
        limit = WORD_MAX_COST if zipf > 0 else UNKNOWN_MAX_COST
        ranked = [c for c in self.speller.rank(part.low, part.before, part.after) if c.cost <= limit]
        if opener:
            ranked = [c for c in ranked if c.zipf >= OPENER_MIN_ZIPF and " " not in c.word]
        if not ranked:
            return None  # no word within two slips: a term the dictionaries lack (teicoplanin)
        best = ranked[0]
        if counts[_strip_clitic(part.text)] > 1 and (best.cost > REPEATED_MAX_COST or " " in best.word):
            return None  # used consistently, and no single slip away from a word: a term (fourballs)
        if zipf > 0:
            margin = OPENER_MARGIN if opener else WORD_MARGIN
            if best.zipf + CONTEXT_WEIGHT * best.context - DETECT_WEIGHT * best.cost < zipf + margin:
                return None
        elif opener and best.cost > OPENER_MAX_COST:
            return None
        elif best.cost > COINAGE_MAX_COST and self._coinage(part.low):
            return None
        return self._finding(doc, UNKNOWN_WORD, part, ranked)

    def _coinage(self, low: str) -> bool:
        """A known word with a productive prefix or suffix: reinjecting, woundedness, skyworthy."""
        for prefix in _PREFIXES:
            if low.startswith(prefix) and len(low) - len(prefix) >= 4 and self.lex.in_dictionary(low[len(prefix) :]):
                return True
        for suffix in _SUFFIXES:
            if low.endswith(suffix) and len(low) - len(suffix) >= 3 and self.lex.in_dictionary(low[: -len(suffix)]):
                return True
        return False

    def _judge_name(self, doc: Document, part: Part, zipf: float, counts: Counter[str]) -> Finding | None:
        """An unknown name: flagged only for a close, known (or in this story more usual) form."""
        if zipf > 0:
            return None  # wordfreq knows it: a name in the news
        internal = self._document_form(part, counts)
        if internal is not None:
            return self._name_finding(doc, part, [internal])
        if counts[part.text] > 1 or len(part.low) < NAME_MIN_LENGTH:
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

    def _document_form(self, part: Part, counts: Counter[str]) -> str | None:
        """A close spelling of an unknown name that the story uses more often (Lavrov, Lavorv)."""
        mine = counts[part.text]
        best: tuple[float, str] | None = None
        for other, count in counts.items():
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
        suggestions = [self._cased(part.text, w) for w in words]
        fix = rule.fix
        if len(suggestions) > 1:
            fix = Applicability.DISPLAY
        elif fix is Applicability.SAFE and doc.in_quotation(part.start, part.end):
            fix = Applicability.UNSAFE
        return finding(rule, part.start, part.end, suggestions, fix=fix)

    @staticmethod
    def _cased(original: str, word: str) -> str:
        if original[:1].isupper() and not original.isupper() and original[1:].islower():
            return word[:1].upper() + word[1:]  # Tyhe → They, and a name keeps its own capitals
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

    def _variant_parts(self, index: int, token_start: int, text: str, unknown: tuple[tuple[int, str], ...]) -> list[Part]:
        """Parts of a known word spelt the other variety's way (only with enforce-variant)."""
        parts = []
        offset = 0
        flagged = {o for o, _ in unknown}
        for piece in _strip_clitic(text).split("-"):
            low = _lookup_form(piece)
            if offset not in flagged and len(piece) > 2 and _kind(piece) in ("lower", "capital"):
                if preferred_variant(low, self.settings.language):
                    parts.append(Part(index, token_start + offset, token_start + offset + len(piece), piece, low, "variant"))
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
