"""Names across a story: one person, one spelling, full name first, one way to write the title.

- `news.name-variant`: a name written two ways. "Kim Myong-Gil" then "Kim Myong Gil" (hyphens,
  spaces, capitals), or a surname the story uses twice or more and, once, one letter off
  ("Lavrov", "Lavrov", "Lavrow") when that odd form is not itself a common name.
- `news.surname-first`: a bare surname ("Lavrov said") before the story has given the full
  name ("Sergey Lavrov"), when only one person of that surname is named in full.
- `news.title-case`: the same title before the same person's name capitalised two ways
  ("Foreign Minister Sergey Lavrov", later "foreign minister Lavrov").

Headlines are left out: they use surnames alone and title case by design. Names are meaning,
so no fix is applied unasked; the suggestion is the story's first full form.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

import regex

from copydesk import patterns
from copydesk.checks.base import finding
from copydesk.document import Document
from copydesk.findings import Applicability, Category, Finding, Severity
from copydesk.news.story import Story
from copydesk.rule import BadExample, Rule
from copydesk.textunits import Token, without_possessive

NAME_VARIANT = Rule(
    id="news.name-variant",
    category=Category.NEWS,
    severity=Severity.WARNING,
    message="This name is written differently elsewhere in the story.",
    why="One person spelt two ways ('Kim Myong-Gil' and 'Kim Myong Gil', 'Lavrov' and 'Lavrow') "
    "leaves readers wondering whether there are two people, and one of the two is wrong. The "
    "story's first form is suggested; for a one-letter slip, the form the story uses most. "
    "An odd form that is itself a common name (Johnston beside Johnson) may be another person "
    "and is left alone.",
    fix=Applicability.UNSAFE,
    bad=(
        BadExample(
            "Kim Myong-Gil led the North Korean delegation. [[Kim Myong Gil]] said the talks had failed.",
            "Kim Myong-Gil",
        ),
        BadExample(
            "Sergey Lavrov met Pompeo on Tuesday. Lavrov said talks must resume. [[Lavrow]] also called "
            "for restraint, and Lavrov left for Moscow.",
            "Lavrov",
        ),
        BadExample("Kim Jong-un met Trump at the border. [[Kim Jong-Un]] later left.", "Kim Jong-un"),
    ),
    good=(
        "Kim Myong-Gil led the delegation. Kim Myong-Gil said the talks had failed.",
        "Boris Johnson met Tom Johnston. Johnson spoke first, and Johnson left early.",
        "Austria and Australia signed. Austria, Austria's neighbours and Austrian firms agreed.",
        "North Korea and South Korea met. Both Koreas agreed, Korea watchers said.",
    ),
    origin=__name__,
)

SURNAME_FIRST = Rule(
    id="news.surname-first",
    category=Category.NEWS,
    severity=Severity.WARNING,
    message="Surname alone before the story has given the full name.",
    why="News style names a person in full on first reference and by surname after. A bare "
    "surname that comes before the full name usually means paragraphs were moved or the full "
    "name was cut. Only a surname used as a person ('Lavrov said', 'Mr Lavrov', 'said Lavrov') "
    "is flagged, and only when one person of that name is named in full.",
    fix=Applicability.UNSAFE,
    bad=(
        BadExample(
            "[[Lavrov]] said on Tuesday that talks must resume. Russian Foreign Minister Sergey Lavrov "
            "met Pompeo in Washington.",
            "Sergey Lavrov",
        ),
        BadExample(
            "Police said Mr [[Ahern]] was arrested at home. Brendan Ahern, 44, will appear in court.",
            "Brendan Ahern",
        ),
    ),
    good=(
        "Russian Foreign Minister Sergey Lavrov met Pompeo. Lavrov said talks must resume.",
        "President Trump said he was ready. Melania Trump and Donald Trump Jr. were there.",
        "Washington said it would respond. A statue of George Washington stood nearby.",
        "Clinton said she was tired. Hillary Clinton and Bill Clinton left early.",
    ),
    origin=__name__,
)

TITLE_CASE = Rule(
    id="news.title-case",
    category=Category.NEWS,
    severity=Severity.WARNING,
    message="This title is capitalised differently before the same name earlier in the story.",
    why="A formal title before a name is capitalised or not by house style, but always the same "
    "way in one story: 'Foreign Minister Sergey Lavrov' then 'foreign minister Lavrov' is a "
    "slip. The story's first form is suggested; titles that open a sentence or stand in a "
    "quotation are not compared.",
    fix=Applicability.UNSAFE,
    bad=(
        BadExample(
            "Russian Foreign Minister Sergey Lavrov met Pompeo. Talks went on, [[foreign minister]] Lavrov said.",
            "Foreign Minister",
        ),
        BadExample(
            "The talks, Secretary of State Mike Pompeo said, were useful. Later [[secretary of State]] Pompeo left.",
            "Secretary of State",
        ),
    ),
    good=(
        "Russian Foreign Minister Sergey Lavrov met Pompeo. Later Foreign Minister Lavrov left.",
        "President Trump spoke. Lavrov, Russia's foreign minister, replied.",
        "President Trump spoke first. It was, said former president Obama, a long day.",
    ),
    origin=__name__,
)

# Words that stand before a name as a title or honorific; never a given name.
TITLE_WORDS = frozenset(
    """president vice prime minister foreign secretary senator sen governor gov mayor judge
    justice chancellor ambassador general gen pope king queen prince princess rep representative
    speaker mr mrs ms miss dr professor prof lt col capt sgt captain colonel lieutenant sergeant
    commander coach chairman chairwoman chief director officer detective inspector pastor rev
    bishop archbishop cardinal sir dame lord lady state defence defense interior finance health
    home attorney deputy leader premier emir sheikh crown first former acting interim
    minister-president secretary-general""".split()
)
_HONORIFICS = frozenset("mr mrs ms miss dr".split())
# Capitalised at a sentence start, never part of a name.
_FUNCTION_WORDS = frozenset(
    """a an the and but or so yet if as when while after before since until because although though
    whereas however meanwhile eventually later earlier then now also still instead indeed
    in on at by for from of to with without under over during into through this that these those
    his her their our my its last next both each every some many most several all today yesterday
    tomorrow tonight""".split()
)
_SUFFIXES = frozenset("jr sr ii iii iv".split())
# The most words a name written two ways is compared in ("Kim Myong Gil" has three).
MAX_NAME_WORDS = 8
_ABBREVIATED = frozenset("mr mrs ms dr sen gov rep gen lt col capt sgt st prof rev".split())
_SPEECH_AFTER_RE = patterns.compile(
    r"\s+(?:said|says|told|added|asked|wrote|argued|insisted|explained|noted|stressed|warned|claimed|"
    r"replied|responded|tweeted|announced|urged|admitted|denied|agreed|acknowledged|conceded|recalled|"
    r"declared|suggested|believes|believed|thinks|thought)(?![\p{L}])"
)
_SPEECH_BEFORE_RE = patterns.compile(r"(?:said|says|told|according\s+to)\s+$")
_TITLE_WORDS = (
    r"vice\s+president|president|prime\s+minister|(?:foreign|defen[cs]e|finance|interior|"
    r"health|home|justice|economy|trade)\s+(?:minister|secretary)|secretary\s+of\s+state|attorney\s+general|"
    r"chief\s+justice|secretary|minister|senator|sen\.|governor|gov\.|mayor|judge|chancellor|ambassador|"
    r"general|gen\.|pope|king|queen|prince|princess|representative|rep\.|speaker"
)
_TITLES_RE = patterns.compile(rf"(?<![\p{{L}}.])(?i:{_TITLE_WORDS})(?=\s+\p{{Lu}}\p{{Ll}})")
# Where a title could start, found in the lower-cased copy by the standard library, which
# scans a list of lower-case words three times faster than `regex` scans it case-blind.
_TITLES_HINT_RE = re.compile(rf"(?:{_TITLE_WORDS})(?=\s)")

_NAME_AFTER_TITLE_RE = patterns.compile(r"\s+((?:\p{Lu}[\p{L}'’\-]*\.?\s+){0,3}\p{Lu}[\p{L}'’\-]*)")


@dataclass(frozen=True)
class Run:
    """Capitalised words in a row ("Russian Foreign Minister Sergey Lavrov"), possessive 's dropped."""

    tokens: tuple[Token, ...]

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        last = self.tokens[-1]
        return last.start + len(_bare(last.text))

    @cached_property
    def words(self) -> tuple[str, ...]:
        return tuple(_bare(t.text) for t in self.tokens)


def _bare(word: str) -> str:
    return without_possessive(word) if len(word) > 2 else word


def _is_capitalised(word: str) -> bool:
    """A name-like word: capital first, some lower case (not an initialism), or an initial."""
    if len(word) == 1:
        return word.isupper()
    return word[0].isupper() and any(c.islower() for c in word) and not any(c.isdigit() for c in word)


def _runs(doc: Document, story: Story) -> list[Run]:
    """Every run of capitalised words in the copy (headlines left out)."""
    runs: list[Run] = []
    current: list[Token] = []
    prose = doc.prose
    for tok in doc.words:
        capitalised = _is_capitalised(tok.text)
        if current and (not capitalised or not _joins(prose, current[-1], tok)):
            runs.append(Run(tuple(current)))
            current = []
        if capitalised and not story.in_headline(tok.start):
            current.append(tok)
            if _bare(tok.text) != tok.text:  # a possessive ends the name
                runs.append(Run(tuple(current)))
                current = []
    if current:
        runs.append(Run(tuple(current)))
    return runs


def _joins(prose: str, left: Token, right: Token) -> bool:
    gap = prose[left.end : right.start]
    return gap == " " or (gap == ". " and (len(left.text) == 1 or left.text.lower() in _ABBREVIATED))


def _plain(word: str) -> str:
    return word.lower().rstrip(".")


_KEY_DROPS = str.maketrans("", "", " \t\n-‐‑.")


def _key(text: str) -> str:
    return text.translate(_KEY_DROPS).lower()


def _pieces(name: str) -> int:
    return len(regex.split(r"[\s\-‐‑]+", name))


def _one_edit(a: str, b: str) -> bool:
    """True when b is a with one letter changed, added, dropped, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _slip_of(odd: str, usual: str) -> bool:
    """True when `odd` is `usual` with one slip inside the word (not a changed ending: Korea/Koreas)."""
    if odd[0] != usual[0] or not _one_edit(odd, usual):
        return False
    return not (odd.startswith(usual) or usual.startswith(odd))


def _zipf(word: str) -> float:
    """wordfreq's Zipf frequency, from the lexicon this process has loaded anyway."""
    from copydesk.lexicon import lexicon

    return lexicon().zipf(word)


class NameCheck:
    """Names across a story: variants, surname before full name, title capitals."""

    rules = (NAME_VARIANT, SURNAME_FIRST, TITLE_CASE)

    def run(self, story: Story) -> Iterator[Finding]:
        runs = _runs(story.doc, story)
        found = list(self._written_apart(story, runs))
        flagged = {(f.start, f.end) for f in found}
        found += [f for f in self._one_letter_off(story, runs) if (f.start, f.end) not in flagged]
        yield from found
        yield from self._surname_first(story, runs)
        yield from self._title_case(story)

    def _written_apart(self, story: Story, runs: list[Run]) -> Iterator[Finding]:
        """Names whose letters agree but whose hyphens, spaces or capitals do not."""
        prose = story.doc.prose
        first_form: dict[str, str] = {}
        for run in runs:
            # "Whereas Kim Myong Gil", "Kim Myong Gil", ...: the tails a name could be (a run of
            # 10,000 capitalised words must not give 10,000 tails of 5,000 words on average).
            tokens = run.tokens
            parts = [Run(tokens[i:]) for i in range(max(0, len(tokens) - MAX_NAME_WORDS), len(tokens))]
            for part in parts:
                surface = prose[part.start : part.end]
                first = first_form.get(_key(surface))
                if first is not None and first != surface and max(_pieces(first), _pieces(surface)) >= 2:
                    yield finding(
                        NAME_VARIANT, part.start, part.end, [first], message=f"Written {first!r} earlier in the story."
                    )
                    break
            for part in parts:
                surface = prose[part.start : part.end]
                first_form.setdefault(_key(surface), surface)

    def _one_letter_off(self, story: Story, runs: list[Run]) -> Iterator[Finding]:
        """A name used once that is one letter off a name the story uses twice or more."""
        counts: Counter[str] = Counter()
        mid_sentence: Counter[str] = Counter()
        places: dict[str, tuple[int, int]] = {}
        for run in runs:
            for tok, word in zip(run.tokens, run.words, strict=True):
                if len(word) >= 5:
                    counts[word] += 1
                    mid_sentence[word] += not story.opens_sentence(tok.start)
                    places.setdefault(word, (tok.start, tok.start + len(word)))
        usual_names: dict[tuple[str, int], list[str]] = defaultdict(list)  # by first letter and length
        for w, n in counts.items():
            if n >= 2 and mid_sentence[w]:  # "After" twice is no name
                usual_names[w[0], len(w)].append(w)
        for odd, n in counts.items():
            if n != 1:
                continue
            alike = [w for size in (-1, 0, 1) for w in usual_names.get((odd[0], len(odd) + size), ())]
            near = [w for w in alike if _slip_of(odd, w)]
            if len(near) != 1 or _zipf(odd.lower()) >= 1.0:
                continue  # no single candidate, or a word or name in its own right (Johnston, Swedes)
            usual = near[0]
            yield finding(
                NAME_VARIANT,
                *places[odd],
                [usual],
                message=f"The story spells this name {usual!r} {counts[usual]} times.",
            )

    def _surname_first(self, story: Story, runs: list[Run]) -> Iterator[Finding]:
        """A bare surname used as a person before that person's full name."""
        full: dict[str, set[str]] = defaultdict(set)  # surname -> full names
        first_full: dict[str, int] = {}
        bare: dict[str, tuple[int, int]] = {}  # surname -> its first use as a person
        for run in runs:
            words = list(run.words)
            cut = max((i + 1 for i, w in enumerate(words) if _plain(w) in TITLE_WORDS), default=0)
            title = _plain(words[cut - 1]) if cut else ""
            while cut == 0 and len(words) > 1 and _plain(words[0]) in _FUNCTION_WORDS:
                words.pop(0)  # "But Melrose", "Eventually Mrs Ahern"
            name = words[cut:]
            if len(name) >= 2 and _plain(name[-1]) in _SUFFIXES:
                full[name[-2]].add("")  # Donald Trump Jr.: two people of that name
            elif len(name) >= 2:
                full[name[-1]].add(" ".join(name[-3:]))
                first_full.setdefault(name[-1], run.start)
            elif len(name) == 1 and (not title or title in _HONORIFICS):  # "President Trump" is named enough
                tok = run.tokens[-1]
                end = tok.start + len(name[0])
                if name[0] in bare or story.doc.in_quotation(tok.start, end):
                    continue
                said = _SPEECH_AFTER_RE.match(story.doc.prose, tok.end) or _SPEECH_BEFORE_RE.search(
                    story.doc.prose, max(0, tok.start - 30), tok.start
                )
                if title or said:
                    bare[name[0]] = (tok.start, end)
        for surname, (start, end) in bare.items():
            names = full.get(surname, set())
            full_name = max(names, key=len, default="")
            if not names or "" in names or any(not (" " + full_name).endswith(" " + n) for n in names):
                continue  # nobody, or two people of that name (Gunnar Solskjaer is Ole Gunnar Solskjaer)
            if len(surname) >= 3 and start < first_full[surname] and _zipf(surname.lower()) < 4.0:
                yield finding(
                    SURNAME_FIRST, start, end, [full_name], message=f"The story names {full_name} in full only later."
                )

    def _title_case(self, story: Story) -> Iterator[Finding]:
        """The same title before the same surname, capitalised two ways."""
        doc = story.doc
        first: dict[tuple[str, str], str] = {}
        folded = doc.folded
        titles = (
            patterns.hinted_finditer(_TITLES_RE, _TITLES_HINT_RE, doc.prose, folded)
            if folded is not None
            else _TITLES_RE.finditer(doc.prose)
        )
        for m in titles:
            if story.in_headline(m.start()) or story.opens_sentence(m.start()) or doc.in_quotation(m.start(), m.end()):
                continue
            name = _NAME_AFTER_TITLE_RE.match(doc.prose, m.end())
            if not name:
                continue
            surname = _bare(name.group(1).split()[-1])
            title = m.group()
            key = (" ".join(title.lower().split()), surname)
            seen = first.setdefault(key, title)
            if seen != title and seen.lower() == title.lower():
                yield finding(
                    TITLE_CASE, m.start(), m.end(), [seen], message=f"Written {seen!r} before {surname} earlier."
                )
