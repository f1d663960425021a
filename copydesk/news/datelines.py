"""Datelines: recognise the forms wire copy opens with, and hold them to the house form.

Recognised at the start of the first paragraph of copy:
"WASHINGTON, December 11. /TASS/. ...", "LONDON (Reuters) - ...", "KABUL, Afghanistan — ...",
"BEIJING, Dec. 11 (Xinhua) -- ...", "Taipei, Taiwan — ...". Without a house form in the
config only the date is checked (a day that exists, the story date when one is given);
`[tool.copydesk.news] dateline = {city, date, agency, dash}` adds the house form.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import regex

from copydesk import patterns
from copydesk.checks.base import finding
from copydesk.config import NewsSettings, Settings
from copydesk.findings import Applicability, Category, Finding, Severity
from copydesk.news import calendar
from copydesk.rule import BadExample, Rule

HOUSE_FORM_EXAMPLE = {"news": {"dateline": {"city": "upper", "date": "ap", "agency": "(Reuters)", "dash": "—"}}}

DATELINE_FORM = Rule(
    id="news.dateline-form",
    category=Category.NEWS,
    severity=Severity.WARNING,
    message="Dateline departs from the house form.",
    why="A dateline is the first thing a reader sees and every story of a newsroom writes it the "
    "same way: the city in capitals or not, the date style, the agency marker and the dash. "
    'Set the house form in `[tool.copydesk.news] dateline = {city = "upper" | "title", '
    'date = "ap" | "full" | "none", agency = "(Reuters)", dash = "—"}`; a point left out '
    "is not checked. An agency other than the house's may be a story picked up from it, so that "
    "fix is never applied unasked.",
    fix=Applicability.SAFE,
    bad=(
        BadExample("[[Washington]], Dec. 11 (Reuters) — Talks resumed on Tuesday.", "WASHINGTON"),
        BadExample("WASHINGTON, [[December]] 11 (Reuters) — Talks resumed on Tuesday.", "Dec."),
        BadExample("WASHINGTON, [[Sep.]] 11 (Reuters) — Talks resumed on Tuesday.", "Sept."),
        BadExample("SEOUL, Dec. 11 [[(AP)]] — North Korea fired two missiles.", "(Reuters)"),
        BadExample("LONDON (Reuters) [[-]] Shares fell on Wednesday.", "—"),
        BadExample("KABUL, Afghanistan[[ —]] A bomb exploded near a school.", " (Reuters) —"),
    ),
    good=(
        "WASHINGTON, Dec. 11 (Reuters) — Talks resumed on Tuesday.",
        "LONDON (Reuters) — Shares fell on Wednesday.",
        "ST. LOUIS, March 3 (Reuters) — Storms hit the city.",
        "Washington, the capital, was quiet — for now.",
        "Shares fell on Wednesday — the third day running.",
    ),
    origin=__name__,
    example_config=HOUSE_FORM_EXAMPLE,
)

DATELINE_DATE = Rule(
    id="news.dateline-date",
    category=Category.NEWS,
    severity=Severity.WARNING,
    message="The dateline's date does not exist or is not the story's date.",
    why="A dateline dated a day that does not exist (June 31) or a day other than the one the "
    "story is filed for (`--date` or the config's `date`) is a slip the whole story inherits: "
    "weekdays in the copy are read against it. Which of the two is wrong only the desk knows, "
    "so the fix is never applied unasked.",
    fix=Applicability.UNSAFE,
    bad=(
        BadExample("WASHINGTON, [[December 12]]. /TASS/. Talks resumed on Tuesday.", "December 11"),
        BadExample("WASHINGTON, [[Dec. 1]] (Reuters) - Talks resumed on Tuesday.", "Dec. 11"),
        BadExample("MOSCOW, [[November 31]] (Reuters) - Talks resumed.", "December 11"),
    ),
    good=(
        "WASHINGTON, December 11. /TASS/. Talks resumed on Tuesday.",
        "WASHINGTON, Dec. 11 (Reuters) - Talks resumed on Tuesday.",
        "LONDON (Reuters) - Shares fell.",
    ),
    origin=__name__,
    example_config={"date": "2019-12-11"},
)

_CAPS_WORD = r"\p{Lu}[\p{Lu}'’.\-]+"
_TITLE_WORD = r"\p{Lu}[\p{Ll}'’.\-]+"
_REGION_WORD = r"\p{Lu}[\p{L}'’.\-]*"
_NOT_A_DATE = rf"(?!(?:{calendar.MONTH_PATTERN}|{calendar.WEEKDAY_PATTERN})(?![\p{{L}}]))"
_DATELINE_RE = patterns.compile(
    rf"""
    (?P<city>{_CAPS_WORD}(?:[ ]{_CAPS_WORD}){{0,3}}(?![\p{{Ll}}])|{_TITLE_WORD}(?:[ ]{_TITLE_WORD}){{0,2}})
    (?:,[ ]{_NOT_A_DATE}(?P<region>{_REGION_WORD}(?:[ ]{_REGION_WORD}){{0,2}}))?
    (?:,[ ](?:{calendar.WEEKDAY_PATTERN},?[ ])?(?P<date>(?P<month>{calendar.MONTH_PATTERN})[ ](?P<day>[0-9]{{1,2}})))?
    (?P<tail>
        [ ]?(?P<agency>\([^()\n]{{2,30}}\))[ ]?(?P<dash>—|–|--|-)
      | \.?[ ](?P<agency>/[^/\n]{{2,30}}/)\.?
      | [ ]?(?P<dash>—|–|--)
      | [ ](?P<dash>-)
    )
    (?=[ ])
    """,
    regex.X,
)
# Words that open ordinary sentences and flashes, never a dateline's city.
_NOT_CITIES = frozenset(
    """the a an but and or so yet in on at for of by as if when while after before since
    however meanwhile today yesterday tomorrow tonight now then still also here there
    breaking update updated exclusive watch analysis opinion correction editor's""".split()
)


@dataclass(frozen=True)
class Dateline:
    """A recognised dateline: prose spans of its parts (None when a part is absent)."""

    span: tuple[int, int]
    city: tuple[int, int]
    region: tuple[int, int] | None
    date: tuple[int, int] | None
    month: int | None
    day: int | None
    agency: tuple[int, int] | None
    dash: tuple[int, int] | None
    tail: tuple[int, int]  # from the end of city, region or date to the end of the dateline


def _span(m: regex.Match[str], group: str) -> tuple[int, int] | None:
    return (m.start(group), m.end(group)) if m.start(group) >= 0 else None


def find_dateline(prose: str, start: int, end: int) -> Dateline | None:
    """The dateline opening prose[start:end], if the paragraph opens with one."""
    m = _DATELINE_RE.match(prose, start, end)
    if not m:
        return None
    city = m["city"]
    if city.split()[0].lower().rstrip(".") in _NOT_CITIES:
        return None
    if not city.isupper() and not (m["region"] or m["date"] or m["agency"]):
        return None  # "Washington — ..." may be a sentence; a title-case city needs more
    month = day = None
    if m["date"]:
        month, day = calendar.month_number(m["month"]), int(m["day"])
    return Dateline(
        span=(m.start(), m.end()),
        city=(m.start("city"), m.end("city")),
        region=_span(m, "region"),
        date=_span(m, "date"),
        month=month,
        day=day,
        agency=_span(m, "agency"),
        dash=_span(m, "dash"),
        tail=(m.start("tail"), m.end("tail")),
    )


def format_month_day(month: int, day: int, like: str) -> str:
    """Month and day in the style of `like`: AP abbreviations when it is abbreviated."""
    names = calendar.AP_MONTHS if "." in like else calendar.MONTHS
    return f"{names[month - 1]} {day}"


def _title(city: str) -> str:
    """NEW YORK → New York, WINSTON-SALEM → Winston-Salem."""
    return regex.sub(r"\p{L}+", lambda w: w.group().capitalize(), city.lower())


class DatelineCheck:
    """The dateline's date, and its form when the house has one."""

    rules = (DATELINE_FORM, DATELINE_DATE)

    def __init__(self, settings: Settings) -> None:
        self.house: NewsSettings = settings.news
        self.story_date = settings.story_date

    def run(self, prose: str, line: Dateline | None) -> Iterator[Finding]:
        if line is None:
            return
        yield from self._date(prose, line)
        yield from self._form(prose, line)

    def _date(self, prose: str, line: Dateline) -> Iterator[Finding]:
        if line.date is None or line.month is None or line.day is None:
            return
        written = prose[line.date[0] : line.date[1]]
        wanted = self.story_date
        if not calendar.exists(line.month, line.day):
            sugg = [format_month_day(wanted.month, wanted.day, written)] if wanted else []
            yield finding(DATELINE_DATE, *line.date, sugg, message=f"There is no {written}.")
        elif wanted and (line.month, line.day) != (wanted.month, wanted.day):
            right = format_month_day(wanted.month, wanted.day, written)
            yield finding(
                DATELINE_DATE,
                *line.date,
                [right],
                message=f"The dateline says {written}; the story date is {_long(wanted)}.",
            )

    def _form(self, prose: str, line: Dateline) -> Iterator[Finding]:
        house = self.house
        city = prose[line.city[0] : line.city[1]]
        if house.dateline_city == "upper" and not city.isupper():
            yield finding(
                DATELINE_FORM, *line.city, [city.upper()], message="House style puts the dateline city in capitals."
            )
        elif house.dateline_city == "title" and city.isupper():
            yield finding(
                DATELINE_FORM, *line.city, [_title(city)],
                message="House style writes the dateline city in upper and lower case.",
                fix=Applicability.UNSAFE,  # McALLEN, DeKALB: title case cannot be guessed safely
            )  # fmt: skip
        if line.date and line.month:
            yield from self._date_form(prose, line)
        yield from self._agency(prose, line)
        if house.dateline_dash and line.dash and prose[line.dash[0] : line.dash[1]] != house.dateline_dash:
            yield finding(
                DATELINE_FORM,
                *line.dash,
                [house.dateline_dash],
                message=f"House style ends the dateline with {house.dateline_dash!r}.",
            )

    def _date_form(self, prose: str, line: Dateline) -> Iterator[Finding]:
        assert line.date and line.month
        style = self.house.dateline_date
        month_span = (line.date[0], prose.index(" ", line.date[0]))
        written = prose[month_span[0] : month_span[1]]
        if style == "none":
            start = prose.rindex(",", 0, line.date[0])
            yield finding(
                DATELINE_FORM, start, line.date[1], [""], message="House style gives no date in the dateline."
            )
        elif style in ("ap", "full"):
            names = calendar.AP_MONTHS if style == "ap" else calendar.MONTHS
            right = names[line.month - 1]
            if written != right:
                message = (
                    "House style abbreviates months the AP way." if style == "ap" else "House style spells months out."
                )
                yield finding(DATELINE_FORM, *month_span, [right], message=message)

    def _agency(self, prose: str, line: Dateline) -> Iterator[Finding]:
        wanted = self.house.dateline_agency
        if wanted is None:
            return
        if line.agency:
            written = prose[line.agency[0] : line.agency[1]]
            if written != wanted:
                message = f"House datelines carry {wanted}." if wanted else "House datelines carry no agency marker."
                yield finding(DATELINE_FORM, *line.agency, [wanted], message=message, fix=Applicability.UNSAFE)
        elif wanted and line.dash:
            tail = prose[line.tail[0] : line.tail[1]]
            yield finding(
                DATELINE_FORM, *line.tail, [f" {wanted} {tail.strip()}"],
                message=f"House datelines carry {wanted}.", fix=Applicability.UNSAFE,
            )  # fmt: skip


def _long(day: date) -> str:
    return f"{calendar.WEEKDAYS[day.weekday()]}, {calendar.MONTHS[day.month - 1]} {day.day}, {day.year}"
