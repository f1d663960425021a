"""Month and weekday names, dates written in copy, and the year a yearless date falls in."""

from __future__ import annotations

from datetime import date, timedelta

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
# AP style: these months are abbreviated before a day (Dec. 11); March to July never are.
AP_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

WEEKDAY_PATTERN = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# A month name, or an abbreviation with or without its full stop (Dec., Sept, Reuters style).
MONTH_PATTERN = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
DAY_PATTERN = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR_PATTERN = r"(?:1[89]|20|21)[0-9][0-9]"
_LOOK_AHEAD_DAYS = 200


def month_number(name: str) -> int:
    """1-12 for a month name or abbreviation as written in copy ("Dec." → 12)."""
    key = name.rstrip(".").lower()
    for i, month in enumerate(MONTHS, 1):
        if month.lower() == key:
            return i
    return _ABBREVIATIONS[key]


def day_number(text: str) -> int:
    """The day of a written day of the month ("30th" → 30)."""
    return int(text.rstrip("stndrh"))


def weekday_number(name: str) -> int:
    """0 for Monday ... 6 for Sunday."""
    return WEEKDAYS.index(name.capitalize())


def make_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when there is no such day (June 31)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def exists(month: int, day: int) -> bool:
    """True when some year has this day (February 29 counts)."""
    return make_date(2000, month, day) is not None


def readings(month: int, day: int, anchor: date) -> list[date]:
    """The dates a yearless month/day can mean in a story dated `anchor`, nearest first.

    The last such day on or before the story date (copy looks back: "met on Sunday, June 30"),
    and the next one after it when that is within about six months ("votes on Thursday,
    Jan. 9"); a day a year ahead is not what a dated story means by "Friday (November 8)".
    """
    dates = [d for y in range(anchor.year - 1, anchor.year + 2) if (d := make_date(y, month, day))]
    before = [d for d in dates if d <= anchor][-1:]
    after = [d for d in dates if anchor < d <= anchor + timedelta(days=_LOOK_AHEAD_DAYS)][:1]
    return sorted(before + after, key=lambda d: abs((d - anchor).days))
