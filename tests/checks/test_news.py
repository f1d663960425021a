"""The news checks on real-looking copy: datelines, weekdays, names, figures, quotation marks."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from copydesk import config
from copydesk.checks.news import NewsCheck
from copydesk.config import ConfigError, Settings
from copydesk.engine import check_text
from copydesk.examples import failures
from copydesk.findings import Applicability, Category, Finding
from copydesk.formats import build_document
from copydesk.news.datelines import find_dateline
from copydesk.news.story import Story
from copydesk.rule import Rule

RULES = NewsCheck(Settings()).rules

DISPATCH = """All news

Russia hopes US, North Korea resume denuclearization dialogue — Lavrov

The time given by Pyongyang to Washington to elaborate a mutually acceptable compromise at talks expires at the end of the current year

WASHINGTON, December 11. /TASS/. Moscow hopes that dialogue between Washington and Pyongyang on problems of the denuclearization of the Korean Peninsula will be finally resumed, Russian Foreign Minister Sergey Lavrov said on Tuesday after talks with US Secretary of State Michael Pompeo.

"We are convinced that the political process must be supported vigorously. A key role in it is played by the direct dialogue between the United States and Pyongyang," Lavrov said. "We want it to be resumed and are confident that the dialogue may yield results only if it rests on reciprocal steps."

He stressed that while discussing the implementation of the United Nations Security Council resolutions on North Korea it is necessary to focus not only on sanctions but also on the launch of political process towards settling the situation on the Korean Peninsula.

"We cannot demand North Korea do everything at once and only after that return to issues of its security, lifting of the sanctions, etc.," he said. "The humanitarian situation in North Korea requires urgent steps to see if the world community is ready not only to demand implementation of the resolution but also to react to North Korea’s absolutely legitimate economic humanitarian needs."

According to the Russia top diplomat, even those exporters whose commodity is not covered by the anti-North Korean sanctions refrain from working with that country being afraid of possible punishment.

"Naturally, we call on the North Korean leadership to shoe restraint and hope that conditions for the resumption dialogue will be created," he said.

The time given by Pyongyang to Washington to elaborate a mutually acceptable compromise at talks expires at the end of the current year.

During his visit to South Korea on June 30, US President Donald Trump visited the Korean Demilitarized Zone (DMZ) on the border with North Korea where he met with North Korean leader Kim Jong-un in the border village of Panmunjeom. The two leaders agreed to resume working-level consultations on denuclearization, which where suspended after their futile summit in Hanoi in February 2019. Under this agreement, US and North Korean delegations met in Stockholm on October 5 to discuss ways to normalize bilateral relations. However they failed to establish dialogue. Whereas Kim Myong-Gil, who led the North Korean delegation, said the talks had been a failure, the US Department of States described these consultations as constructive."""


def settings(table: dict[str, Any] | None = None) -> Settings:
    """Settings from a `[tool.copydesk]` table, narrowed to the news checks."""
    parsed = config.parse(table or {}, Path("."), "test")
    return config.replace(parsed, select=("news",))


def news(text: str, table: dict[str, Any] | None = None, path: str = "story.txt") -> list[Finding]:
    _, found = check_text(path, text, settings(table))
    return found


def brief(text: str, found: list[Finding]) -> list[tuple[str, str, str | None]]:
    """(rule, flagged text, first suggestion) of each finding."""
    return [(f.rule, text[f.start : f.end], f.suggestions[0] if f.suggestions else None) for f in found]


# Every rule proves itself.


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule: Rule) -> None:
    assert failures(rule, Settings()) == []


def test_rules_are_news_rules_with_unique_ids() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids)) == 12
    assert all(r.id.startswith("news.") for r in RULES)
    assert all(r.category in (Category.NEWS, Category.CONSISTENCY) for r in RULES)
    assert all(r.bad and r.good and r.why for r in RULES)


# The sample dispatch is consistent: nothing to say about it.


def test_the_sample_dispatch_raises_nothing() -> None:
    assert news(DISPATCH) == []


def test_the_sample_dispatch_is_dated_december_11_2019() -> None:
    story = Story(build_document("dispatch.txt", DISPATCH), Settings())
    assert story.dateline is not None
    assert (story.dateline.month, story.dateline.day) == (12, 11)
    assert story.dates[0] == date(2019, 12, 11)  # the year from "February 2019"
    assert not story.date_is_certain


def test_the_sample_dispatch_raises_nothing_with_its_date_given() -> None:
    assert news(DISPATCH, {"date": "2019-12-11"}) == []


# Datelines.


@pytest.mark.parametrize(
    ("opening", "city", "region", "date_", "agency", "dash"),
    [
        ("WASHINGTON, December 11. /TASS/. Moscow hopes", "WASHINGTON", None, "December 11", "/TASS/", None),
        ("LONDON (Reuters) - Shares fell", "LONDON", None, None, "(Reuters)", "-"),
        ("KABUL, Afghanistan — A bomb exploded", "KABUL", "Afghanistan", None, None, "—"),
        ("BEIJING, Dec. 11 (Xinhua) -- China said", "BEIJING", None, "Dec. 11", "(Xinhua)", "--"),
        ("LONDON, Sept 16 (Reuters) - Oil prices jumped", "LONDON", None, "Sept 16", "(Reuters)", "-"),
        ("PANMUNJOM, Korea (AP) — President Donald Trump", "PANMUNJOM", "Korea", None, "(AP)", "—"),
        ("ST. LOUIS, Mo. (AP) — Storms hit", "ST. LOUIS", "Mo.", None, "(AP)", "—"),
        ("Taipei, Taiwan — The Taipei City Lantern Festival", "Taipei", "Taiwan", None, None, "—"),
    ],
)
def test_dateline_forms_are_recognised(
    opening: str, city: str, region: str | None, date_: str | None, agency: str | None, dash: str | None
) -> None:
    line = find_dateline(opening, 0, len(opening))
    assert line is not None

    def part(span: tuple[int, int] | None) -> str | None:
        return opening[span[0] : span[1]] if span else None

    assert (part(line.city), part(line.region), part(line.date), part(line.agency), part(line.dash)) == (
        city,
        region,
        date_,
        agency,
        dash,
    )


@pytest.mark.parametrize(
    "opening",
    [
        "However — and this matters — the talks went on.",
        "Washington — the city, not the state — voted.",
        "BREAKING — Shares fell sharply.",
        "Yesterday, Monday — a holiday — was quiet.",
        "The minister, Sergey Lavrov, said talks went on.",
    ],
)
def test_ordinary_openings_are_no_datelines(opening: str) -> None:
    assert find_dateline(opening, 0, len(opening)) is None


REUTERS_HOUSE = {"news": {"dateline": {"city": "upper", "date": "ap", "agency": "(Reuters)", "dash": "—"}}}


def test_dateline_against_the_house_form() -> None:
    text = "Seoul talks end\n\nSeoul, December 11 (AP) - South Korea and Japan ended talks on Wednesday.\n"
    assert brief(text, news(text, REUTERS_HOUSE)) == [
        ("news.dateline-form", "Seoul", "SEOUL"),
        ("news.dateline-form", "December", "Dec."),
        ("news.dateline-form", "(AP)", "(Reuters)"),
        ("news.dateline-form", "-", "—"),
    ]


def test_dateline_form_fixes_and_their_safety() -> None:
    text = "Seoul, Dec. 11 (AP) — South Korea and Japan ended talks.\n"
    found = {text[f.start : f.end]: f.fix for f in news(text, REUTERS_HOUSE)}
    assert found == {"Seoul": Applicability.SAFE, "(AP)": Applicability.UNSAFE}


def test_missing_agency_marker_is_offered_in_place_of_the_dash() -> None:
    text = "KABUL, Afghanistan — A bomb exploded near a school on Tuesday.\n"
    assert brief(text, news(text, REUTERS_HOUSE)) == [("news.dateline-form", " —", " (Reuters) —")]


def test_tass_house_form_passes_the_dispatch() -> None:
    tass = {"news": {"dateline": {"city": "upper", "date": "full", "agency": "/TASS/"}}}
    assert news(DISPATCH, tass) == []


def test_title_case_house_and_no_date_in_dateline() -> None:
    house = {"news": {"dateline": {"city": "title", "date": "none"}}}
    text = "NEW YORK, Dec. 11 (Reuters) — Stocks rose on Wednesday.\n"
    found = news(text, house)
    assert brief(text, found) == [
        ("news.dateline-form", "NEW YORK", "New York"),
        ("news.dateline-form", ", Dec. 11", ""),
    ]
    assert found[0].fix is Applicability.UNSAFE  # McALLEN cannot be title-cased blindly


def test_without_a_house_form_only_the_date_is_checked() -> None:
    text = "Seoul, December 11 (AP) - South Korea and Japan ended talks on Wednesday.\n"
    assert news(text) == []
    assert brief(text, news(text, {"date": "2019-12-12"})) == [("news.dateline-date", "December 11", "December 12")]


def test_a_dateline_day_that_does_not_exist() -> None:
    text = "GENEVA, June 31 (Reuters) - Talks on Syria's constitution opened on Monday.\n"
    found = news(text)
    assert brief(text, found) == [("news.dateline-date", "June 31", None)]
    assert found[0].message == "There is no June 31."


def test_dateline_finding_maps_to_the_markdown_source() -> None:
    source = "# Talks end\n\n**SEOUL**, Dec. 11 (AP) — South Korea and Japan ended talks.\n"
    _, found = check_text("story.md", source, settings(REUTERS_HOUSE))
    assert [(source[f.start : f.end], f.fix) for f in found] == [("(AP)", Applicability.UNSAFE)]


# Weekdays against dates.


def test_weekday_with_a_full_date_is_checked_without_a_story_date() -> None:
    text = "Trump met Kim at the border on Monday, June 30, 2019, and again on Sunday, June 30, 2019.\n"
    found = news(text)
    assert brief(text, found) == [("news.weekday-date", "Monday", "Sunday")]
    assert found[0].fix is Applicability.UNSAFE
    assert found[0].message == "June 30, 2019 is a Sunday, not a Monday."


def test_weekday_after_the_date() -> None:
    text = "Trump visited the DMZ on June 30, 2019, a Monday, and Seoul on July 1, 2019, a Monday.\n"
    assert brief(text, news(text)) == [("news.weekday-date", "Monday", "Sunday")]


def test_yearless_date_uses_the_year_inferred_from_the_dispatch() -> None:
    wrong = DISPATCH.replace("on June 30, US President", "on Monday, June 30, US President")
    right = DISPATCH.replace("on June 30, US President", "on Sunday, June 30, US President")
    assert brief(wrong, news(wrong)) == [("news.weekday-date", "Monday", "Sunday")]
    assert news(right) == []


def test_yearless_date_without_any_year_is_left_alone() -> None:
    text = "Lavrov and Pompeo met on Monday, June 30, in Washington, officials said.\n"
    assert news(text) == []
    assert brief(text, news(text, {"date": "2019-12-11"})) == [("news.weekday-date", "Monday", "Sunday")]


def test_yearless_date_may_look_ahead_of_the_story_date() -> None:
    text = "The next round opens on Thursday, Jan. 9, in Geneva, and closes on Friday, Jan. 10.\n"
    assert news(text, {"date": "2019-12-11"}) == []  # January 2020


def test_a_dated_wikinews_story_checks_its_weekdays() -> None:
    text = (
        "Man arrested after Melbourne stabbing\n\nSaturday, November 10, 2018\n\n"
        "Police said the attack took place on Friday (November 8) on Bourke Street. Police arrested a second "
        "man today (Saturday).\n"
    )
    assert brief(text, news(text)) == [("news.weekday-date", "Friday", "Thursday")]


def test_weekday_tied_to_today_yesterday_tomorrow() -> None:
    text = (
        "SEOUL, Dec. 11 (Reuters) - The envoy arrived yesterday (Monday) and leaves tomorrow, Thursday, "
        "after talks today (Wednesday).\n"
    )
    assert brief(text, news(text, {"date": "2019-12-11"})) == [("news.weekday-relative", "Monday", "Tuesday")]


def test_bare_weekdays_are_never_flagged() -> None:
    text = "SEOUL, Dec. 11 (Reuters) - Kim said on Thursday and again on Wednesday that talks would resume on Monday.\n"
    assert news(text, {"date": "2019-12-11"}) == []


def test_a_count_after_a_word_month_is_no_date() -> None:
    text = "On Friday, May 8 people were hurt, and on Monday, March 3 protesters were held.\n"
    assert news(text, {"date": "2019-12-11"}) == []


# Names across a story.


def test_name_written_with_and_without_hyphen() -> None:
    text = (
        "STOCKHOLM (Reuters) - North Korea's chief negotiator Kim Myong-Gil said talks with the United States "
        "had broken down.\n\nKim Myong Gil, a former ambassador to Vietnam, read a statement outside the embassy.\n"
    )
    found = news(text)
    assert brief(text, found) == [("news.name-variant", "Kim Myong Gil", "Kim Myong-Gil")]
    assert found[0].fix is Applicability.UNSAFE


def test_surname_one_letter_off() -> None:
    text = (
        "Russian Foreign Minister Sergey Lavrov met Pompeo on Tuesday. Lavrov said talks should resume.\n\n"
        "Pompeo said Washington would keep sanctions in place. Lavrow said the sanctions were hurting "
        "ordinary people, and Lavrov then left for Moscow.\n"
    )
    assert brief(text, news(text)) == [("news.name-variant", "Lavrow", "Lavrov")]


def test_two_people_with_near_names_are_left_alone() -> None:
    text = (
        "Boris Johnson spoke first. Tom Johnston, the party's treasurer, spoke after Johnson, and Johnson left.\n\n"
        "Sweden and the Swedes agreed. Sweden signed.\n"
    )
    assert news(text) == []


def test_surname_before_the_full_name() -> None:
    text = (
        "Lavrov said on Tuesday that dialogue must resume.\n\n"
        "Russian Foreign Minister Sergey Lavrov spoke after talks with Secretary of State Mike Pompeo.\n"
    )
    found = news(text)
    assert brief(text, found) == [("news.surname-first", "Lavrov", "Sergey Lavrov")]
    assert found[0].message == "The story names Sergey Lavrov in full only later."


def test_surname_in_headline_before_the_full_name_is_fine() -> None:
    text = "Russia hopes talks resume — Lavrov\n\nRussian Foreign Minister Sergey Lavrov said on Tuesday.\n"
    assert news(text) == []


def test_surname_shared_by_two_people_named_in_full() -> None:
    text = "Ahern said on Monday she would appeal.\n\nMary Ahern and her brother Brendan Ahern were both charged.\n"
    assert news(text) == []


def test_title_capitalised_two_ways() -> None:
    text = (
        "Talks ended on Tuesday, Secretary of State Mike Pompeo said. The Russian side, secretary of state "
        "Pompeo added, had been constructive.\n"
    )
    assert brief(text, news(text)) == [("news.title-case", "secretary of state", "Secretary of State")]


def test_title_in_a_quotation_is_not_compared() -> None:
    text = (
        'Obama said: "She stood with President Reagan." She was a cold war ally of the US president Ronald '
        "Reagan in the final showdown.\n"
    )
    assert news(text) == []


# Figures across a story.


def test_same_figure_written_two_ways() -> None:
    text = (
        "The charity raised $1.5 million in a week, organisers said.\n\n"
        "The $1,500,000 will go to flood victims, and a further 250,000 people pledged help.\n"
    )
    found = news(text)
    assert brief(text, found) == [("news.number-variant", "$1,500,000", "$1.5 million")]
    assert found[0].category is Category.CONSISTENCY


def test_same_value_in_another_currency_is_another_figure() -> None:
    text = "The fund holds $1.5 million. Germany pledged €1,500,000 and 1,500,000 people signed.\n"
    assert news(text) == []


def test_percent_against_house_style_and_story_usage() -> None:
    text = "Inflation rose to 2.1% in May from 1.8 percent in April, and wages rose 3 percent.\n"
    assert brief(text, news(text)) == [("news.percent-style", "2.1%", "2.1 percent")]
    assert brief(text, news(text, {"news": {"percent": "per cent"}})) == [
        ("news.percent-style", "2.1%", "2.1 per cent"),
        ("news.percent-style", "1.8 percent", "1.8 per cent"),
        ("news.percent-style", "3 percent", "3 per cent"),
    ]


def test_millions_in_sums_of_money_only() -> None:
    text = "The club paid £11m for the striker, £4m for a defender and 3.5 million fans watched; fees hit £2 billion.\n"
    assert brief(text, news(text)) == [("news.millions-style", "£2 billion", "£2bn")]
    assert brief(text, news(text, {"news": {"millions": "million"}})) == [
        ("news.millions-style", "£11m", "£11 million"),
        ("news.millions-style", "£4m", "£4 million"),
    ]


def test_parts_that_miss_the_total() -> None:
    text = (
        "Two of the three suspects arrested in Dublin on Friday were released on bail on Sunday. The other two "
        "remain in custody and will appear in court on Monday.\n"
    )
    found = news(text)
    assert brief(text, found) == [("news.sum-mismatch", "two", "one")]
    assert found[0].fix is Applicability.DISPLAY


def test_parts_that_make_the_total() -> None:
    text = "Of the 12 passengers, 8 were rescued and the remaining 4 are missing. Two of the three crew survived.\n"
    assert news(text) == []


# Quotation marks.


def test_mixed_straight_and_curly_quotation_marks() -> None:
    text = (
        "“We will not give up,” Lavrov said. “We want talks.”\n\n"
        '"Naturally, we call for restraint," he said.\n\nNorth Korea’s envoy left.\n'
    )
    found = news(text)
    assert brief(text, found) == [("news.mixed-quotes", '"', "“"), ("news.mixed-quotes", '"', "”")]
    assert {f.category for f in found} == {Category.CONSISTENCY}


def test_curly_apostrophes_with_straight_quotes_are_fine() -> None:
    text = '"We cannot demand it," he said of North Korea’s needs. It\'s a 40" screen.\n'
    assert news(text) == []


# Config.


def test_news_config_is_parsed() -> None:
    parsed = config.parse(
        {"date": "2019-12-11", "news": {"dateline": {"city": "upper", "agency": ""}, "percent": "%"}},
        Path("."),
        "copydesk.toml",
    )
    assert parsed.story_date == date(2019, 12, 11)
    assert (parsed.news.dateline_city, parsed.news.dateline_agency, parsed.news.percent) == ("upper", "", "%")
    assert parsed.news.dateline_date is None and parsed.news.millions is None


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"news": {"datelines": {}}}, "copydesk.toml: unknown key 'news.datelines'"),
        ({"news": {"dateline": {"town": "upper"}}}, "copydesk.toml: unknown key 'news.dateline.town'"),
        ({"news": {"dateline": {"city": "caps"}}}, "copydesk.toml: 'news.dateline.city' must be one of"),
        ({"news": {"dateline": {"dash": "~"}}}, "copydesk.toml: 'news.dateline.dash' must be one of"),
        ({"news": {"percent": 5}}, "copydesk.toml: 'news.percent' must be a str"),
        ({"news": {"millions": "M"}}, "copydesk.toml: 'news.millions' must be one of"),
        ({"news": "ap"}, "copydesk.toml: 'news' must be a dict"),
    ],
)
def test_bad_news_config_names_file_and_key(table: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match="^" + message.replace("(", r"\(").replace(".", r"\.")):
        config.parse(table, Path("."), "copydesk.toml")


def test_house_form_from_a_config_file(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.copydesk]\ndate = "2019-12-11"\n\n[tool.copydesk.news]\n'
        'dateline = { city = "upper", date = "ap", agency = "(Reuters)", dash = "—" }\n',
        encoding="utf-8",
    )
    loaded = config.load_file(tmp_path / "pyproject.toml")
    assert loaded.news.dateline_dash == "—" and loaded.story_date == date(2019, 12, 11)


def test_the_rest_of_something_else_is_no_sum() -> None:
    text = "Liverpool won two of their three games this week. The other two teams in the group lost both.\n"
    assert news(text) == []


def test_a_body_paragraph_opening_with_a_date_does_not_date_the_story() -> None:
    text = (
        "Talks resume\n\nJune 30, 2019 marked the first meeting at the border. The envoy arrived yesterday "
        "(Monday), officials said.\n"
    )
    story = Story(build_document("story.txt", text), Settings())
    assert story.dates == ()
    assert news(text) == []


def test_parts_given_after_a_longer_total() -> None:
    text = (
        "Of the 22 analysts covering the stock, 15 rate it a buy and the remaining six rate it a hold, "
        "according to Refinitiv data.\n"
    )
    assert brief(text, news(text)) == [("news.sum-mismatch", "six", "seven")]


def test_surname_first_suggests_the_whole_name() -> None:
    text = (
        "Solskjaer said his side had been outstanding on Sunday.\n\n"
        "United manager Ole Gunnar Solskjaer added that Paul Pogba could return on Wednesday.\n"
    )
    assert brief(text, news(text)) == [("news.surname-first", "Solskjaer", "Ole Gunnar Solskjaer")]


def test_a_story_with_a_house_config_end_to_end(tmp_path: Path, cli: Any) -> None:
    (tmp_path / "copydesk.toml").write_text(
        'date = "2019-12-11"\n\n[news]\npercent = "%"\n'
        'dateline = { city = "upper", date = "ap", agency = "(Reuters)", dash = "-" }\n',
        encoding="utf-8",
    )
    story = tmp_path / "seoul.txt"
    story.write_text(
        "Seoul, Japan end talks without deal\n\n"
        "SEOUL, Dec. 11 (Reuters) - South Korean President Moon Jae-in and Japanese Prime Minister Shinzo Abe "
        "ended talks on Wednesday without a deal. Trade fell 3.2 percent last year. The next round opens on "
        "Friday, Dec. 19.\n",
        encoding="utf-8",
    )
    result = cli("check", "--select", "news", "--output-format", "json", str(story), cwd=tmp_path)
    assert result.code == 1, result.err
    found = [(f["rule"], f["suggestions"][0]) for f in result.json()["files"][0]["findings"]]
    assert found == [("news.percent-style", "3.2%"), ("news.weekday-date", "Thursday")]


@pytest.mark.parametrize(
    "text",
    [
        "President Trump met Prime  Minister Johnson and president Trump.",
        "FOREIGN SECRETARY Raab, Defence Secretary Wallace, defense minister Li.",
        "Sen. Warren, Gov.\tNewsom, the ex-president Obama, vice\npresident Harris.",
        "Kingdom King Charles, kingmaker Smith, a Secretary of State Blinken.",
        "Zoë's pope Francis, é general Motors, Mayor-elect Adams, mayor adams.",
    ],
)
def test_titles_found_by_the_hinted_scan_are_those_of_the_full_pattern(text: str) -> None:
    from copydesk import patterns
    from copydesk.news import names

    doc = build_document("a.txt", text, None)
    assert doc.folded is not None
    hinted = patterns.hinted_finditer(names._TITLES_RE, names._TITLES_HINT_RE, text, doc.folded)
    plain = [m.span() for m in names._TITLES_RE.finditer(text)]
    assert plain  # every text names titles
    assert [m.span() for m in hinted] == plain
