"""Real-word slips found by a context model, and spellings the house writes another way.

Hand-written confusion rules (`copydesk/rules/confusions.yaml`) catch the slips someone thought
of; `realword.context` catches the rest by statistics (see `copydesk.realword`). For each
lower-case dictionary word (or a capitalised one that opens a sentence, or a quotation after a
colon or comma), the words a slip could have come from are generated (one edit away, or
sounding alike) and each is scored between the written word's neighbours. A word is flagged
only when an alternative fits far better than the word written, by more than the slip itself
costs.

Never judged: names (a capitalised word mid-sentence; an opener followed by another capitalised
word other than "I", or one the story also uses capitalised mid-sentence), words no dictionary
lists (the spelling check's business), words with digits, hyphens or apostrophes, words in
capitals, and single letters. An inflection of the written word (home/homes, face/faced) is no
alternative: which one agrees is grammar, beyond a model of neighbouring pairs.

`realword.house-variant` flags a spelling that competes with another (e-mail/email, Kim
Jong-un/Kim Jong Un, Panmunjeom/Panmunjom, colour/color): with a house model, the one the
archive writes clearly less often; without one, a hyphenated or solid spelling that the story
itself writes the other way more often.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from copydesk import patterns
from copydesk.checks.base import CheckUnavailable, finding, keep_case
from copydesk.config import Settings
from copydesk.document import Document
from copydesk.findings import Applicability, Category, Finding, Severity
from copydesk.realword.house import GAP_RE
from copydesk.rule import BadExample, Rule
from copydesk.textunits import Token

if TYPE_CHECKING:
    from copydesk.realword.context import Plan
    from copydesk.realword.house import HouseModel, Variant

CONTEXT = Rule(
    id="realword.context",
    category=Category.REALWORD,
    severity=Severity.WARNING,
    message="A real word, but not the one this context calls for: check the word.",
    why="A slip that makes another real word ('plays the roll of', 'talks which where suspended') "
    "passes every spell checker. The context model scores each word between its neighbours "
    "against the words a slip could have come from (a letter dropped, added, doubled, swapped or "
    "next door on the keyboard, or a word that sounds the same), using word-pair counts from a "
    "web corpus (and the house model's, when one is configured). It speaks only when an "
    "alternative fits far better than the word written, by more than the slip itself costs. "
    "Suggestions are best first; a fix is never applied without --unsafe-fixes.",
    fix=Applicability.UNSAFE,
    bad=(
        BadExample("Thousands of dollars change hands [[inn]] illegal markets.", "in"),
        BadExample("The ministers have [[bean]] meeting since Monday.", "been"),
        BadExample("The bill will [[bee]] debated next week.", "be"),
        BadExample("He said he would [[knot]] accept the offer.", "not"),
        BadExample("The talks could [[half]] been avoided.", "have"),
    ),
    good=(
        "The inn on the square reopened in May.",
        "The ministers have been meeting since Monday.",
        "A bee stung the minister.",
        "He tied a knot in the rope.",
        "Half of the delegates left early.",
        "The Inn Keepers Association met on Monday.",
    ),
    origin=__name__,
)

HOUSE_VARIANT = Rule(
    id="realword.house-variant",
    category=Category.CONSISTENCY,
    severity=Severity.WARNING,
    message="The house spells this another way: use its spelling.",
    why="Copy should spell a word one way. With a house model (`house-model` in the config, built "
    "by `copydesk learn`), a spelling the archive writes clearly less often than a competing one "
    "(at least three times less, the other written at least three times) is flagged: a hyphen or "
    "none (e-mail/email), a hyphen or a space in a name (Kim Jong-un/Kim Jong Un), one letter in "
    "a long name (Panmunjeom/Panmunjom), British or American spelling (colour/color). With no "
    "house model, a hyphenated or solid spelling that the story itself writes the other way more "
    "often is flagged instead.",
    fix=Applicability.SAFE,
    bad=(
        BadExample("Send an email to the desk. The [[e-mail]] address is on the site. Email us.", "email"),
        BadExample("The co-operative met. The [[cooperative]] voted. The co-operative won.", "co-operative"),
    ),
    good=(
        "Send an email to the desk. The email address is on the site.",
        "Send an email or an e-mail: both reach the desk.",
    ),
    origin=__name__,
)

_LETTER_OR_DIGIT_RE = patterns.compile(r"[\p{L}\p{N}]")
# An opening quotation mark after a colon or comma starts a quoted sentence: he added: “We never ...
_QUOTE_OPENING_RE = patterns.compile(r"[:,]\s+[\"“‘]\Z")
# Endings that make an inflection of a word (home/homes, face/faced/facing).
_INFLECTIONS = frozenset({"s", "es", "d", "ed", "er", "ing", "ly", "st", "est"})

_UNPLANNED: Any = object()

MAX_SUGGESTIONS = 3
# Suggestions within this many log10 units of the best are shown with it.
SUGGESTION_SPREAD = 1.0
# A house variant whose preferred spelling wins by this much is a safe fix; else unsafe.
SAFE_VARIANT_RATIO = 10


class Site(NamedTuple):
    """A word to judge: its token, lookup form, neighbours (lookup forms) and alternatives."""

    token: Token
    before: str | None
    after: str | None
    plan: Plan


def _is_pronoun_i(text: str) -> bool:
    """The pronoun I (I, I'm, I’ve ...): capitalised, but no sign of a name."""
    return text == "I" or text[:2] in ("I'", "I’")


def _lookup(text: str) -> str:
    low = text.lower()
    return low.replace("’", "'") if "’" in low else low


def _inflection(a: str, b: str) -> bool:
    """True when one word is the other plus a regular ending (home/homes, face/faced)."""
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return len(short) >= 3 and long_.startswith(short) and long_[len(short) :] in _INFLECTIONS


class RealWordCheck:
    """Words that are real but wrong where they stand, and spellings the house does not use."""

    rules = (CONTEXT, HOUSE_VARIANT)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._loaded = False
        self.house: HouseModel | None = None
        self._plans: dict[str, Plan | None] = {}  # by written form ("The" and "the" alike)

    def _load(self) -> None:
        """Word lists, counts and the house model: loaded on first use, so building the check is cheap."""
        from copydesk.lexicon import lexicon
        from copydesk.realword.candidates import confusables
        from copydesk.realword.context import ContextModel
        from copydesk.realword.house import HouseModelError, load_cached
        from copydesk.realword.ngrams import default_counts

        if self.settings.house_model is not None:
            try:
                self.house = load_cached(self.settings.house_model)
            except HouseModelError as e:
                raise CheckUnavailable(f"realword: {e}") from None
        self.lex = lexicon()
        self.alternatives = confusables()
        self.model = ContextModel(default_counts(), self.lex.zipf, self.house.counts if self.house else None)
        self._loaded = True

    def prepare(self) -> None:
        """Load the data now (before worker processes fork, so they share it)."""
        if not self._loaded:
            self._load()

    def run(self, doc: Document) -> Iterator[Finding]:
        if not self._loaded:
            self._load()
        yield from self._variants(doc)
        for site in self.sites(doc):
            verdicts = self.model.judge(site.before, site.plan, site.after)
            if not verdicts:
                continue
            best = verdicts[0].lead
            chosen = [v.word for v in verdicts[:MAX_SUGGESTIONS] if v.lead >= best - SUGGESTION_SPREAD]
            text = site.token.text
            yield finding(CONTEXT, site.token.start, site.token.end, [keep_case(text, w) for w in chosen])

    # -- context

    def sites(self, doc: Document) -> Iterator[Site]:
        """The words worth judging, with their neighbours and alternatives."""
        prose = doc.prose
        words = doc.words
        plans = self._plans
        sentence_starts: list[int] | None = None
        names: set[str] | None = None  # capitalised words the story uses mid-sentence
        for i, token in enumerate(words):
            text = token.text
            # Most words are settled by one lookup of the written form: no plan, nothing to judge.
            plan = plans.get(text, _UNPLANNED)
            if plan is None:
                continue
            if plan is _UNPLANNED:
                plan = plans[text] = self._plan_written(text)
                if plan is None:
                    continue
            if not text.islower():  # capitalised: judged only where it opens a sentence
                if sentence_starts is None:
                    sentence_starts = sorted(doc.sentence_starts)
                if not self._opens_sentence(prose, sentence_starts, token.start):
                    continue
                following = self._neighbour(prose, words, i, i + 1, i + 1)
                if following is not None and following[:1].isupper() and not _is_pronoun_i(following):
                    continue  # a name: Inn Keepers, Bee Gees (but not "Wen I was")
                if names is None:
                    names = self._names(doc, sentence_starts)
                if text in names:
                    continue  # a name the story uses elsewhere: "Moore mainly communicates ..."
            before = self._neighbour(prose, words, i - 1, i, i - 1)
            after = self._neighbour(prose, words, i, i + 1, i + 1)
            if before is None and after is None:
                continue
            yield Site(token, before and _lookup(before), after and _lookup(after), plan)

    def _plan_written(self, text: str) -> Plan | None:
        """The plan for a written form: a lower-case word, or a capitalised one (as its lower case)."""
        if len(text) < 2 or not text.isalpha() or not (text.islower() or text[1:].islower()):
            return None  # digits, hyphens, apostrophes, capitals, single letters
        low = text.lower()
        plan = self._plans.get(low, _UNPLANNED)
        if plan is _UNPLANNED:
            plan = self._plans[low] = self._plan(low)
        return plan

    def _names(self, doc: Document, sentence_starts: list[int]) -> set[str]:
        """Capitalised words the story uses mid-sentence: names, when they open a sentence too."""
        prose = doc.prose
        return {
            t.text
            for t in doc.words
            if t.text[:1].isupper() and not self._opens_sentence(prose, sentence_starts, t.start)
        }

    def _plan(self, low: str) -> Plan | None:
        """What judging a written word takes, or None when it cannot be a slip."""
        if not self.lex.in_dictionary(low):
            return None
        count = self.model.count(low) or self._fallback_count(low)
        if count <= 0:
            return None
        alternatives = ((w, kind) for w, kind in self.alternatives(low) if not _inflection(low, w))
        return self.model.plan(low, count, alternatives)

    def _fallback_count(self, low: str) -> float:
        """A web-sized count from wordfreq for a dictionary word the web list lacks."""
        from copydesk.realword.ngrams import default_counts

        zipf = self.lex.zipf(low)
        return default_counts().total * 10 ** (zipf - 9) if zipf > 0 else 0.0

    @staticmethod
    def _opens_sentence(prose: str, sentence_starts: list[int], start: int) -> bool:
        i = bisect.bisect_right(sentence_starts, start) - 1
        if i >= 0 and not _LETTER_OR_DIGIT_RE.search(prose, sentence_starts[i], start):
            return True
        return _QUOTE_OPENING_RE.search(prose[max(0, start - 8) : start]) is not None

    @staticmethod
    def _neighbour(prose: str, words: list[Token], left: int, right: int, other: int) -> str | None:
        """Word `other` (left or right) when only spaces (or one line break) separate the two."""
        if left < 0 or right >= len(words):
            return None
        start, end = words[left].end, words[right].start
        if not (end == start + 1 and prose[start] == " ") and not GAP_RE.fullmatch(prose, start, end):
            return None
        return words[other].text

    # -- variants

    def _variants(self, doc: Document) -> Iterator[Finding]:
        variants = self.house.variants if self.house is not None else self._story_variants(doc)
        if not variants:
            return
        prose, words = doc.prose, doc.words
        starts = doc.sentence_starts
        i = 0
        while i < len(words):
            token = words[i]
            if i + 1 < len(words) and prose[token.end : words[i + 1].start] == " ":
                pair = variants.get(f"{_lookup(token.text)} {_lookup(words[i + 1].text)}")
                if pair is not None:
                    yield self._variant_finding(doc, pair, token.start, words[i + 1].end)
                    i += 2
                    continue
            single = variants.get(_lookup(token.text))
            # A capitalised word mid-sentence is a name (the Brennan Center), unless the house's spelling is one.
            if single is not None and (
                not token.text[:1].isupper() or token.start in starts or single.preferred[:1].isupper()
            ):
                yield self._variant_finding(doc, single, token.start, token.end)
            i += 1

    def _variant_finding(self, doc: Document, variant: Variant, start: int, end: int) -> Finding:
        preferred = variant.preferred
        if preferred.islower():
            preferred = keep_case(doc.prose[start:end], preferred)
        safe = variant.preferred_count >= SAFE_VARIANT_RATIO * variant.count
        fix = Applicability.SAFE if safe and not doc.in_quotation(start, end) else Applicability.UNSAFE
        return finding(HOUSE_VARIANT, start, end, [preferred], fix=fix)

    @staticmethod
    def _story_variants(doc: Document) -> dict[str, Variant]:
        """Hyphenated and solid spellings of one word in this story, the commoner preferred."""
        from copydesk.realword.house import Variant, hyphen_groups

        counts = Counter(_lookup(t.text) for t in doc.words)
        found: dict[str, Variant] = {}
        for group in hyphen_groups(counts).values():
            if len(group) < 2:
                continue
            ranked = sorted(group.items(), key=lambda kv: (-kv[1], kv[0]))
            (best, top), rest = ranked[0], ranked[1:]
            for form, count in rest:
                if top > count:
                    found[form] = Variant(form, best, count, top)
        return found
