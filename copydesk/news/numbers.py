"""Numbers across a story: one figure one way, the house's percent and millions, sums that add up.

- `news.number-variant`: the same quantity written two ways ("1.5 million" and "1,500,000").
  Only figures of 10,000 or more are compared (below that, words against digits is house
  style, and four digits may be a year); sums in different currencies are different figures.
- `news.percent-style`: "15%", "15 percent", "15 per cent", "15pc" against the house form
  (`[tool.copydesk.news] percent`), or, without one, against the form the story uses most.
- `news.millions-style`: sums of money in millions and billions, "$1.5 million", "$1.5m",
  "$1.5mn", against the house form (`millions = "million" | "m" | "mn"`), or, without one,
  against the form the story uses most (words or abbreviations). Counts of people or things
  are left alone: many houses write "£4m" but "4 million people".
- `news.sum-mismatch`: "two of the three ... the other two": parts that do not make the total.

Headlines are left out of the style checks: they abbreviate by design.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from copydesk import patterns
from copydesk.checks.base import finding, keep_case
from copydesk.config import NewsSettings, Settings
from copydesk.findings import Applicability, Category, Finding, Severity
from copydesk.news.story import Story
from copydesk.rule import BadExample, Rule

NUMBER_VARIANT = Rule(
    id="news.number-variant",
    category=Category.CONSISTENCY,
    severity=Severity.WARNING,
    message="This figure is written another way earlier in the story.",
    why="'1.5 million' in one paragraph and '1,500,000' in the next makes readers check whether "
    "they are the same figure. Write a figure one way throughout; the story's first form is "
    "suggested.",
    fix=Applicability.SAFE,
    bad=(
        BadExample("The fund holds $1.5 million. Of the [[$1,500,000]], half is in bonds.", "$1.5 million"),
        BadExample("About 20,000 people marched. Police put the crowd at [[20000]].", "20,000"),
        BadExample("The deal is worth £2.5m. The [[£2,500,000]] will be paid in May.", "£2.5m"),
    ),
    good=(
        "The fund holds $1.5 million. Another 1.5 million people signed.",
        "About 20,000 people marched; 1,500 were arrested in 2019.",
        "The fund holds $1.5 million, and €1,500,000 more is pledged.",
    ),
    origin=__name__,
)

PERCENT_STYLE = Rule(
    id="news.percent-style",
    category=Category.NEWS,
    severity=Severity.WARNING,
    message="Percentages are written another way elsewhere in this story, or by house style.",
    why="'15%' in one sentence and '20 percent' in the next is a slip of consistency; house style "
    "picks one ('%' for AP since 2019, 'per cent' for most British papers). Set it with "
    '`[tool.copydesk.news] percent = "%" | "percent" | "per cent"`; without it the form '
    "the story uses most is the standard (on a tie nothing is flagged). Headlines are not checked.",
    fix=Applicability.SAFE,
    bad=(
        BadExample("Prices rose 15% and wages 3%. Rents rose [[4 percent]], the bank said.", "4%"),
        BadExample("Turnout was 52 per cent, up from 48 per cent in 2015 and [[45pc]] in 2010.", "45 per cent"),
    ),
    good=(
        "Prices rose 15% and wages 3%. Rents rose 4%, the bank said.",
        "Prices rose 15%. Wages rose 3 percent, the bank said.",
        "Prices up 15%\n\nPrices rose 15 percent in May and 2 percent in June.",
    ),
    origin=__name__,
)

MILLIONS_STYLE = Rule(
    id="news.millions-style",
    category=Category.NEWS,
    severity=Severity.WARNING,
    message="Millions in sums of money are written another way elsewhere in this story, or by house style.",
    why="'$1.5 million' beside '$2bn' mixes two styles. House style picks one: "
    '`[tool.copydesk.news] millions = "million"` ($1.5 million, $2 billion), `"m"` ($1.5m, $2bn) '
    'or `"mn"` ($1.5mn, $2bn); without it the form the story uses most for money is the '
    "standard. Only sums of money are checked: many houses write '£4m' but '4 million people'.",
    fix=Applicability.SAFE,
    bad=(
        BadExample("The club paid £11 million for him, £6 million for his teammate and [[£4m]] in fees.", "£4 million"),
        BadExample("Exports fell to $2.4bn from $3bn a year earlier, and imports to [[$1.9 billion]].", "$1.9bn"),
    ),
    good=(
        "The club paid £11m for him and £4m for his teammate; 4 million people watched.",
        "Exports fell to $2.4bn from $3bn a year earlier; the 100m final was run.",
        "Exports fell to $2.4bn from $3 billion a year earlier.",
    ),
    origin=__name__,
)

SUM_MISMATCH = Rule(
    id="news.sum-mismatch",
    category=Category.NEWS,
    severity=Severity.WARNING,
    message="The parts do not add up to the total the copy gives.",
    why="'Two of the three suspects were released; the other two remain in custody' cannot be "
    "right: two and two make four. Only the plainest form is checked (N of the T ... the other "
    "or remaining M, in the same or the next sentence). Which number is wrong only the reporter "
    "knows, so the suggestion is never applied unasked.",
    fix=Applicability.DISPLAY,
    bad=(
        BadExample("Two of the three suspects were released on bail. The other [[two]] remain in custody.", "one"),
        BadExample("Of the 12 passengers, 8 were rescued and the remaining [[5]] died.", "4"),
    ),
    good=(
        "Two of the three suspects were released on bail. The other one remains in custody.",
        "Of the 12 passengers, 8 were rescued and the remaining 4 died.",
        "One of the two men was hurt; the other was unharmed.",
    ),
    origin=__name__,
)

_SCALES = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "m": 10**6, "mn": 10**6, "mln": 10**6,
    "billion": 10**9, "bn": 10**9, "bln": 10**9, "trillion": 10**12, "tn": 10**12, "trn": 10**12,
}  # fmt: skip
_SCALE_KIND = {"million": "million", "billion": "million", "trillion": "million", "m": "m", "mn": "mn", "mln": "mn"}
_WORD_SCALE = {10**6: "million", 10**9: "billion", 10**12: "trillion"}
_SHORT_SCALE = {"m": {10**6: "m", 10**9: "bn", 10**12: "tn"}, "mn": {10**6: "mn", 10**9: "bn", 10**12: "tn"}}
_CURRENCY = {"us$": "$", "$": "$", "£": "£", "€": "€", "¥": "¥", "dollars": "$", "pounds": "£", "euros": "€"}
# The lookahead names every character a match can start with: without it, `regex` tries the
# optional currency at every position of the text (seven times slower).
_AMOUNT_RE = patterns.compile(
    r"(?=[0-9$£€¥UACNH])(?<![\p{L}\p{N}.,])(?P<cur>US\$|A\$|C\$|NZ\$|HK\$|\$|£|€|¥)?"
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)(?![,.]?[0-9])"
    r"(?:(?P<gap>\s?)(?P<scale>thousand|million|billion|trillion|mln|bln|mn|bn|tn|trn|m|k)(?![\p{L}\p{N}]))?"
    r"(?:\s(?P<curword>dollars|pounds|euros)(?![\p{L}]))?"
)
_PERCENT_RE = patterns.compile(
    r"(?<![\p{L}\p{N}.,])(?P<num>[0-9]+(?:\.[0-9]+)?)(?P<form>%|\s?(?:percent|per\s+cent|pct|pc))(?![\p{L}\p{N}])"
)
_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty"
).split()
_TENS = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_NUM = r"(?:[0-9]+|" + "|".join(_NUMBER_WORDS[1:] + list(_TENS)) + r")"
_PART_OF_RE = patterns.compile(
    rf"(?i)(?<![\p{{L}}\p{{N}}])(?P<part>{_NUM})\s+(?:out\s+)?of\s+(?:the|its|their|his|her|our|these|those|all)\s+"
    rf"(?P<total>{_NUM})(?![\p{{L}}\p{{N}}])(?:\s+(?P<noun>\p{{Ll}}+))?"
)
_OF_THE_RE = patterns.compile(
    rf"(?<![\p{{L}}])Of\s+the\s+(?P<total>{_NUM})\s+(?P<noun>\p{{L}}+)(?:\s+\p{{L}}+){{0,4}},\s+(?P<part>{_NUM})"
    rf"(?![\p{{L}}\p{{N}},])"
)
_REST_RE = patterns.compile(
    rf"(?i)(?<![\p{{L}}])the\s+(?:other|remaining)\s+(?P<rest>{_NUM})(?![\p{{L}}\p{{N}}])(?:\s+(?P<noun>\p{{Ll}}+))?"
)

# What every match of _REST_RE contains: copy without it has no sum to check, and this is found
# far faster than the two patterns that look for a part and a total.
_REST_HINT_RE = patterns.compile(r"(?i)the\s+(?:other|remaining)\s")


def _number(text: str) -> int:
    word = text.lower()
    if word.isdigit():
        return int(word)
    return _TENS[word] if word in _TENS else _NUMBER_WORDS.index(word)


def _written_like(value: int, like: str) -> str:
    """`value` in the form of `like`: digits, or a number word in its case."""
    if like.isdigit() or value > 20:
        return str(value)
    return keep_case(like, _NUMBER_WORDS[value])


@dataclass(frozen=True)
class Amount:
    """A figure in the copy: where, what it is worth, and how it is written."""

    start: int
    end: int
    text: str
    currency: str
    value: Decimal
    form: tuple[str, bool, int]  # scale kind ("" for none), comma groups, decimal places
    scale: str = ""  # as written: "million", "m", "bn"
    number: str = ""  # the digits as written

    def with_scale(self, style: str) -> str:
        """The amount written with millions in `style` ("million", "m" or "mn")."""
        size = _SCALES[self.scale]
        word = f" {_WORD_SCALE[size]}" if style == "million" else _SHORT_SCALE[style][size]
        head = self.text[: self.text.index(self.number)] + self.number
        tail = self.text[self.text.index(self.number) + len(self.number) :].lstrip()[len(self.scale) :]
        return head + word + tail


def _amounts(prose: str) -> Iterator[Amount]:
    """Every figure in the copy, with its worth."""
    for m in _AMOUNT_RE.finditer(prose):
        cur = (m["cur"] or m["curword"] or "").lower()
        scale = m["scale"]
        if scale in ("m", "k") and not cur:
            scale = None  # 100m is a distance, 5k a race
        end = m.end() if m["curword"] else m.end("scale") if scale else m.end("num")
        value = Decimal(m["num"].replace(",", "")) * (_SCALES[scale] if scale else 1)
        form = (_SCALE_KIND.get(scale or "", scale or ""), "," in m["num"], len(m["num"].partition(".")[2]))
        text = prose[m.start() : end]
        yield Amount(m.start(), end, text, _CURRENCY.get(cur, cur), value, form, scale or "", m["num"])


class NumberCheck:
    """Figures written two ways, house percent and millions, parts that miss their total."""

    rules = (NUMBER_VARIANT, PERCENT_STYLE, MILLIONS_STYLE, SUM_MISMATCH)

    def __init__(self, settings: Settings) -> None:
        self.house: NewsSettings = settings.news

    def run(self, story: Story) -> Iterator[Finding]:
        amounts = [a for a in _amounts(story.doc.prose) if not story.in_headline(a.start)]
        yield from self._variants(amounts)
        yield from self._millions(amounts)
        yield from self._percent(story)
        yield from self._sums(story)

    def _variants(self, amounts: list[Amount]) -> Iterator[Finding]:
        first: dict[tuple[str, Decimal], Amount] = {}
        for a in amounts:
            if a.value < 10_000:
                continue
            seen = first.setdefault((a.currency, a.value), a)
            if seen.form == a.form or (seen.form[0] and a.form[0] and seen.form[0] != a.form[0]):
                continue  # the same form, or two abbreviations (news.millions-style's business)
            yield finding(
                NUMBER_VARIANT, a.start, a.end, [seen.text], message=f"Written {seen.text!r} earlier in the story."
            )

    def _millions(self, amounts: list[Amount]) -> Iterator[Finding]:
        """Sums of money in millions and billions: the house form, or else the story's usual one."""
        scaled = [a for a in amounts if a.currency and _SCALES.get(a.scale, 0) >= 10**6]
        house = self.house.millions
        if house is None:
            words = [a for a in scaled if _SCALE_KIND.get(a.scale) == "million"]
            short = [a for a in scaled if _SCALE_KIND.get(a.scale) != "million"]
            if not words or not short or len(words) == len(short):
                return
            if len(words) > len(short):
                odd, house = short, "million"
            else:
                kinds = [_SCALE_KIND[a.scale] for a in short if a.scale in _SCALE_KIND]
                odd, house = words, "mn" if kinds.count("mn") > kinds.count("m") else "m"
            scaled = odd
        whose = "House style writes" if self.house.millions else "The story mostly writes"
        for a in scaled:
            right = a.with_scale(house)
            if right != a.text:
                yield finding(MILLIONS_STYLE, a.start, a.end, [right], message=f"{whose} sums like this as {right!r}.")

    def _percent(self, story: Story) -> Iterator[Finding]:
        """Percentages: the house form, or else the form the story uses most."""
        written = [
            (m, " ".join(m["form"].split()))
            for m in _PERCENT_RE.finditer(story.doc.prose)
            if not story.in_headline(m.start())
        ]
        house = self.house.percent
        if house is None:
            counts = Counter(form for _, form in written).most_common(2)
            if len(counts) < 2 or counts[0][1] == counts[1][1]:
                return
            house = counts[0][0]
        whose = "House style writes" if self.house.percent else "The story mostly writes"
        for m, form in written:
            if form != house:
                right = m["num"] + (house if house in ("%", "pc") else f" {house}")
                yield finding(PERCENT_STYLE, m.start(), m.end(), [right], message=f"{whose} percentages as {right!r}.")

    def _sums(self, story: Story) -> Iterator[Finding]:
        prose = story.doc.prose
        if not _REST_HINT_RE.search(prose):
            return
        sentences = story.doc.sentences
        for pattern in (_PART_OF_RE, _OF_THE_RE):
            for m in pattern.finditer(prose):
                part, total = _number(m["part"]), _number(m["total"])
                if not 0 < part < total:
                    continue
                limit = _next_sentence_end(sentences, m.end())
                rest = _REST_RE.search(prose, m.end(), limit)
                if rest is None or _PART_OF_RE.search(prose, m.end(), rest.start()):
                    continue
                if _other_things(m["noun"], rest["noun"]):
                    continue
                if part + _number(rest["rest"]) != total:
                    right = [_written_like(total - part, rest["rest"])]
                    yield finding(
                        SUM_MISMATCH, rest.start("rest"), rest.end("rest"), right,
                        message=f"{m['part']} of {m['total']} leaves {total - part}, not {rest['rest']}.",
                    )  # fmt: skip


def _other_things(noun: str | None, other: str | None) -> bool:
    """'Two of the three games ... the other two teams': the rest counts something else."""
    if not noun or not other:
        return False
    return noun != other and noun.endswith("s") and other.endswith("s")


def _next_sentence_end(sentences: list[tuple[int, int]], offset: int) -> int:
    """End of the sentence after the one holding `offset`."""
    for i, (start, end) in enumerate(sentences):
        if start <= offset < end or offset < start:
            return sentences[i + 1][1] if i + 1 < len(sentences) else end
    return offset
