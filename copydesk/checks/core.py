"""Mechanical slips any copy can have: doubled words, repeated punctuation, unbalanced marks."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from copydesk import patterns
from copydesk.checks.base import finding, keep_case
from copydesk.config import Settings
from copydesk.document import Document
from copydesk.findings import Applicability, Category, Finding, Severity
from copydesk.rule import BadExample, Rule
from copydesk.textunits import QUOTE_MARK_RE

DOUBLED_WORD = Rule(
    id="core.doubled-word",
    category=Category.REALWORD,
    severity=Severity.ERROR,
    message="Word written twice: delete the second one.",
    why="A doubled word ('the the') is the commonest slip of a fast typist and every reader "
    "notices it. Doubles that English allows ('had had', 'that that') are left alone.",
    fix=Applicability.SAFE,
    bad=(
        BadExample("Talks resumed in [[the the]] capital on Monday.", "the"),
        BadExample("[[The the]] minister spoke first.", "The"),
        BadExample("He went [[to\nto]] the border.", "to"),
        BadExample("They met in [[the the the]] capital.", "the"),
        BadExample("Pelosi said [[that that]] she believed him.", "that"),
        BadExample("The problem [[is is]] cost.", "is"),
        BadExample("Viewers in the 16-[[to to]]-24 group.", "to"),
        BadExample("Tips were paid [[on on]] credit cards.", "on"),
    ),
    good=(
        "He had had enough of the talks.",
        "She said that that was the end of it.",
        "What it is is a start.",
        "Nobody knew what was going on on the ground.",
        "Fewer users checked in in March.",
        "It was a so-so year, and bye-bye to it.",
        "The talks ended. The next round starts in May.",
    ),
    origin=__name__,
)

REPEATED_PUNCTUATION = Rule(
    id="core.repeated-punctuation",
    category=Category.PUNCTUATION,
    severity=Severity.WARNING,
    message="Punctuation mark typed twice: keep one.",
    why="Two commas, two full stops or two question marks in a row are keyboard slips; "
    "an ellipsis (three full stops) is not.",
    fix=Applicability.SAFE,
    bad=(
        BadExample("The talks ended[[,,]] officials said.", ","),
        BadExample("They left on Monday[[..]]", "."),
        BadExample("Who paid for it[[??]]", "?"),
    ),
    good=("He paused... then went on.", "Where? Here.", "Read https://example.com/a.b now."),
    origin=__name__,
)

UNBALANCED = Rule(
    id="core.unbalanced-marks",
    category=Category.PUNCTUATION,
    severity=Severity.WARNING,
    message="This mark is never closed (or opened) in its paragraph.",
    why="An opening quotation mark or bracket with no partner leaves the reader unsure where a "
    "quotation or aside ends. A quotation may run on into the next paragraph when that "
    "paragraph opens with a quotation mark again, as news style does for long quotes.",
    bad=(
        BadExample('[["]]We will not give up, he said.'),
        BadExample("The vote held on Monday[[)]] was close."),
        BadExample("The envoy [[(]]who arrived late spoke first."),
        BadExample("[[“]]We will stay, she said.\n\nThe talks went on."),
    ),
    good=(
        '"We will not give up," he said.',
        "“We will stay,” she said. (She did.)",
        "“We came here to talk.\n\n“And we will keep talking,” he said.",
        "The list: 1) bread, 2) milk.",
        "He said the ’90s were different.",
        "A 40” TV cost less.",
        "“We came here to talk,\n\nand we will keep talking,” he said.",
        "The strike (1984 – 85) was bitter.",
    ),
    origin=__name__,
)

UNUSED_SUPPRESSION = Rule(
    id="core.unused-suppression",
    category=Category.CONSISTENCY,
    severity=Severity.INFO,
    message="This copydesk suppression comment silences nothing: remove it.",
    why="A suppression left behind after the copy was fixed hides the next real slip in that "
    "block. Reported when `report-unused-suppressions = true` (as ruff reports unused noqa).",
    bad=(BadExample("[[<!-- copydesk: ignore core.doubled-word -->]]\nThe talks went well."),),
    good=("<!-- copydesk: ignore core.doubled-word -->\nThe the talks went well.",),
    origin=__name__,
    example_config={"report-unused-suppressions": True, "format": "markdown"},
)

# Doubles that English allows whatever the context.
ALLOWED_DOUBLES = frozenset({"had", "do", "bye", "no", "yeah", "very", "so", "far", "knock", "chop", "tut", "ha"})
# "said that that was": a conjunction then a pronoun, after a verb of saying or thinking.
_THAT_THAT_OK_RE = patterns.compile(
    r"(?<![\p{L}])(?:said|says|say|saying|believe[sd]?|think|thinks|thought|knows?|knew|argued?|argues|claim(?:s|ed)?|"
    r"not(?:e|es|ed)|add(?:s|ed)?|insist(?:s|ed)?|suggest(?:s|ed)?|show(?:s|ed)?|found|finds?|means?|meant|is|was|so|"
    r"such|fact|sure|clear|hoped?|feel|felt|agreed?|admit(?:s|ted)?|warn(?:s|ed)?|reali[sz]ed?|ensured?|explain(?:s|ed)?|"
    r"report(?:s|ed)?|confirm(?:s|ed)?|announced|denied|deny|told|tells?|ruled|decided?|conclude[sd]?|expect(?:s|ed)?|"
    r"understand|understood|doubt(?:s|ed)?)\s+$",
    regex.I,
)
_PRONOUN_RE = patterns.compile(r"\s+(?:I|you|he|she|it|it's|it’s|we|they|there)(?![\p{L}])")
# "What it is is": the only common sentence where "is is" is right.
_IS_IS_OK_RE = patterns.compile(r"(?<![\p{L}])(?:what|all|whatever)\s+\p{L}+(?:\s+\p{L}+)?\s+$", regex.I)
# After a doubled particle, the object that makes it a verb's particle plus a preposition.
_NOUN_PHRASE_RE = patterns.compile(
    r"\s+(?:the|a|an|his|her|their|its|our|my|your|this|that|these|those|\p{Lu}|\d)", regex.V1
)

# A whole run ("the the the") is one finding, so one fix removes it. Marks, joiners and
# apostrophes belong to a word: "the thé" (decomposed accent) is not a doubled word.
_WORD_EDGE = r"\p{L}\p{M}\p{N}'’\u200c\u200d"
# Possessive \p{L}++: only a whole word can be followed by a space, so trying its shorter
# prefixes (quadratic in the word's length) can never match.
_DOUBLED_RE = patterns.compile(
    rf"(?<![{_WORD_EDGE}])(\p{{L}}++)(?:(?:[ \t]+|[ \t]*\n[ \t]*)\1)+(?![{_WORD_EDGE}])", regex.I
)
# Where _DOUBLED_RE could start: a looser pattern (every match of it starts one of these) that
# the standard library scans three times faster; _DOUBLED_RE then tries only these places.
# Letters only ([^\W\d_]) and possessive, so that a long run like a_a_a_... costs a step per
# letter, not a scan to the end of the run from each one (quadratic).
_DOUBLED_HINT_RE = re.compile(r"(?<![^\W_])([^\W\d_]++)\s+\1", re.I)
# The letters whose other case is not their own way back (final sigma, long s, dotless i, ...):
# `regex` matches them to their partners in a backreference and `re` does not, so copy that
# has one is searched with _DOUBLED_RE alone. tests/checks/test_core.py checks the list.
_ODD_CASE_RE = re.compile(
    "[\xb5\u0131\u017f\u03c2\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f4\u03f5\u1c80-\u1c88\u1e9b\u1fbe]"
)
# "checked in in March": a verb's particle followed by the same preposition.
PARTICLES = frozenset({"in", "on", "up", "out", "off", "over", "down"})
_PARTICLE_VERB_RE = patterns.compile(
    r"(?<![\p{L}])(?:break|breaking|breaks|broke|broken|call|called|calling|calls|came|cash|cashed|cashes|cashing|check|checked|checking|checks|chip|chipped|chipping|chips|come|comes|coming|cut|cuts|cutting|drop|dropped|dropping|drops|ease|eased|eases|easing|fill|filled|filling|fills|fit|fits|fitted|fitting|gave|get|gets|getting|give|given|gives|giving|go|goes|going|gone|got|hand|handed|handing|hands|held|hold|holding|holds|join|joined|joining|joins|keep|keeping|keeps|kept|let|lets|letting|lock|locked|locking|locks|log|logged|logging|logs|move|moved|moves|moving|paid|pass|passed|passes|passing|pay|paying|pays|phase|phased|phases|phasing|pick|picked|picking|picks|plug|plugged|plugging|plugs|pull|pulled|pulling|pulls|put|puts|putting|ran|run|running|runs|sat|set|sets|setting|show|showed|showing|shown|shows|sign|signed|signing|signs|sit|sits|sitting|stay|stayed|staying|stays|sum|summed|summing|sums|take|taken|takes|taking|took|tune|tuned|tunes|tuning|turn|turned|turning|turns|weigh|weighed|weighing|weighs|went)\s+$",
    regex.I,
)
_REPEATED_RE = patterns.compile(r"(,{2,}|;{2,}|(?<![.])\.\.(?![.\w/])|\?{2,}|!{2,})")
_ENUMERATOR_RE = patterns.compile(r"(?:^|[\s(])(?:\d{1,2}|[a-z])\)")
_PAIRS = {"(": ")", "[": "]"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
# The characters the balance checks look at: found by the regex engine, not a loop over every character.
_BRACKET_RE = patterns.compile(r"[()\[\]]")


def doubled_runs(prose: str) -> Iterator[regex.Match[str]]:
    """What `_DOUBLED_RE.finditer(prose)` gives, tried only where `_DOUBLED_HINT_RE` finds a start."""
    if _ODD_CASE_RE.search(prose):
        return _DOUBLED_RE.finditer(prose)
    return patterns.hinted_finditer(_DOUBLED_RE, _DOUBLED_HINT_RE, prose)


class CoreCheck:
    """Doubled words, repeated punctuation and unbalanced quotation marks or brackets."""

    rules = (DOUBLED_WORD, REPEATED_PUNCTUATION, UNBALANCED, UNUSED_SUPPRESSION)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def run(self, doc: Document) -> Iterator[Finding]:
        yield from self._doubled(doc)
        yield from self._repeated(doc)
        yield from self._unbalanced(doc)

    def _doubled(self, doc: Document) -> Iterator[Finding]:
        for m in doubled_runs(doc.prose):
            first = m.group(1)
            second = m.group()[-len(first) :]
            if first.lower() in ALLOWED_DOUBLES or second[0].isupper():
                continue  # allowed in English, or a name (Duran Duran)
            if self._allowed_double(doc.prose, m.start(), m.end(), first.lower()):
                continue
            yield finding(DOUBLED_WORD, m.start(), m.end(), [keep_case(first, first)])

    @staticmethod
    def _allowed_double(prose: str, start: int, end: int, word: str) -> bool:
        before = prose[max(0, start - 40) : start]
        after = prose[end : end + 20]
        if word == "that":
            return bool(_THAT_THAT_OK_RE.search(before)) and not _PRONOUN_RE.match(after)
        if word == "is":
            return bool(_IS_IS_OK_RE.search(before))
        if word in PARTICLES:
            return bool(_PARTICLE_VERB_RE.search(before)) and bool(_NOUN_PHRASE_RE.match(after))
        return False

    def _repeated(self, doc: Document) -> Iterator[Finding]:
        for m in _REPEATED_RE.finditer(doc.prose):
            yield finding(REPEATED_PUNCTUATION, m.start(), m.end(), [m.group()[0]])

    def _unbalanced(self, doc: Document) -> Iterator[Finding]:
        prose = doc.prose
        paragraphs = doc.paragraphs
        yield from self._unbalanced_quotes(prose, paragraphs)
        for p_start, p_end in paragraphs:
            yield from self._unbalanced_brackets(prose[p_start:p_end], p_start)

    def _unbalanced_quotes(self, prose: str, paragraphs: list[tuple[int, int]]) -> Iterator[Finding]:
        """Quotation marks across the story: a quotation may run over paragraphs, reopened or not."""
        curly_open: int | None = None
        straight_open: int | None = None
        for p_start, p_end in paragraphs:
            for m in QUOTE_MARK_RE.finditer(prose, p_start, p_end):
                i, ch = m.start(), m.group()
                if ch == "“":
                    curly_open = i if curly_open is None else curly_open
                elif ch == "”" and not _is_inch_mark(prose, i):
                    if curly_open is None:
                        yield finding(UNBALANCED, i, i + 1)
                    curly_open = None
                elif ch == '"' and not _is_inch_mark(prose, i):
                    if straight_open is None or (i == p_start and straight_open < p_start):
                        straight_open = i  # opens, or reopens a quotation running on
                    else:
                        straight_open = None
        for left_open in (curly_open, straight_open):
            if left_open is not None:
                yield finding(UNBALANCED, left_open, left_open + 1)

    def _unbalanced_brackets(self, text: str, base: int) -> Iterator[Finding]:
        enumerators = {m.end() - 1 for m in _ENUMERATOR_RE.finditer(text)}
        stack: list[tuple[str, int]] = []
        for m in _BRACKET_RE.finditer(text):
            i, ch = m.start(), m.group()
            if ch in _PAIRS:
                stack.append((ch, i))
            elif ch in _CLOSERS:
                if stack and stack[-1][0] == _CLOSERS[ch]:
                    stack.pop()
                elif i not in enumerators:
                    yield finding(UNBALANCED, base + i, base + i + 1)
        for _, i in stack:
            yield finding(UNBALANCED, base + i, base + i + 1)


def _is_inch_mark(text: str, i: int) -> bool:
    """A quotation mark straight after a figure is an inch mark (a 40" TV)."""
    return i > 0 and text[i - 1].isdigit()
