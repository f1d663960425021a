"""The spelling check on real word lists: what it flags, where, with what, and what it leaves alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from copydesk.checks.spelling import REJECTED, UNKNOWN_NAME, UNKNOWN_WORD, VARIANT, SpellingCheck
from copydesk.config import ConfigError, Settings
from copydesk.engine import check_text
from copydesk.examples import failures
from copydesk.findings import Applicability, Category, Finding, Severity
from copydesk.lexicon import lexicon
from copydesk.spelling import errormodel, house, variants
from copydesk.spelling.candidates import DeleteIndex, deletes, osa_distance
from copydesk.spelling.ranking import Speller, delete_index

# A dispatch written for these tests, with the names a Korea story carries.
DISPATCH = """Russia hopes US, North Korea resume denuclearization dialogue — Lavrov

MOSCOW, December 11. /TASS/. Russian Foreign Minister Sergey Lavrov said on Tuesday, after
talks with US Secretary of State Michael Pompeo, that dialogue between Washington and Pyongyang
on the denuclearization of the Korean Peninsula should resume.

"We call on all sides to take reciprocal steps," Lavrov said. Pompeo’s aides and Lavrov's
deputies met in the Demilitarized Zone (DMZ) at Panmunjeom, where Kim Jong-un once met
Donald Trump. Kim Myong-Gil, who led the North Korean delegation to Stockholm, called the
working-level talks a failure, etc. The anti-North Korean sanctions stay in place.
"""
SPELLING = Settings(select=("spelling",))


def spelling(text: str, settings: Settings = SPELLING) -> list[Finding]:
    """The spelling findings for `text` (plain text), through the real engine."""
    _, found = check_text("story.txt", text, settings)
    return [f for f in found if f.rule.startswith("spelling.")]


def flagged(text: str, settings: Settings = SPELLING) -> list[tuple[str, str, str | None]]:
    """(rule, flagged text, first suggestion) of each finding."""
    return [
        (f.rule, text[f.start : f.end], f.suggestions[0] if f.suggestions else None) for f in spelling(text, settings)
    ]


# -- every rule proves itself


@pytest.mark.parametrize("rule", SpellingCheck.rules, ids=[r.id for r in SpellingCheck.rules])
def test_rule_examples(rule: object) -> None:
    assert failures(rule, Settings()) == []  # type: ignore[arg-type]


def test_rules_are_documented() -> None:
    for rule in SpellingCheck.rules:
        assert rule.message.strip() and rule.why.strip() and rule.bad and rule.good
    assert (UNKNOWN_WORD.category, UNKNOWN_WORD.severity) == (Category.NONWORD, Severity.ERROR)
    assert (UNKNOWN_NAME.category, UNKNOWN_NAME.severity) == (Category.NONWORD, Severity.WARNING)
    assert VARIANT.category is Category.STYLE and REJECTED.category is Category.STYLE
    assert REJECTED.severity is Severity.WARNING


# -- typos


def test_typo_span_suggestion_and_safe_fix() -> None:
    text = "The ministers will recieve the delegation on Monday."
    [f] = spelling(text)
    assert (f.rule, f.category, f.severity) == ("spelling.unknown-word", Category.NONWORD, Severity.ERROR)
    assert text[f.start : f.end] == "recieve"
    assert f.suggestions == ("receive",)
    assert f.fix is Applicability.SAFE


@pytest.mark.parametrize(
    ("text", "typo", "fix"),
    [
        ("Officials said taht the border would reopen.", "taht", "that"),
        ("It is a populer place to visit.", "populer", "popular"),
        ("The people were armed witht their gear.", "witht", "with"),
        ("There is alot of work to do.", "alot", "a lot"),
        ("He said he dont know.", "dont", "don't"),
        ("The accomodation was basic.", "accomodation", "accommodation"),
    ],
)
def test_common_typos(text: str, typo: str, fix: str) -> None:
    assert flagged(text) == [("spelling.unknown-word", typo, fix)]


def test_a_typo_inside_a_quotation_is_an_unsafe_fix() -> None:
    [f] = spelling('"We will recieve them," he said.')
    assert f.suggestions == ("receive",) and f.fix is Applicability.UNSAFE


def test_several_close_corrections_are_display_only() -> None:
    [f] = spelling("He sould go.")
    assert len(f.suggestions) > 1 and "should" in f.suggestions and f.fix is Applicability.DISPLAY


def test_neighbouring_words_choose_the_correction() -> None:
    assert flagged("It is a vyer strong brand.") == [("spelling.unknown-word", "vyer", "very")]
    assert flagged("They sould leave.") == [("spelling.unknown-word", "sould", "should")]


def test_a_typo_opening_a_sentence_keeps_its_capital() -> None:
    assert flagged("Htey said the talks would resume.") == [("spelling.unknown-word", "Htey", "They")]
    assert flagged("The talks ended. Wiht them gone, we left.") == [("spelling.unknown-word", "Wiht", "With")]


def test_a_typo_in_capitals_is_corrected_in_capitals() -> None:
    assert flagged("THE GOVERNMNET SAID NOTHING.") == [("spelling.unknown-word", "GOVERNMNET", "GOVERNMENT")]


def test_capitals_in_a_heading_say_nothing_about_names() -> None:
    _, found = check_text("story.md", "# Talks Resume Wiht Delegation\n\nText.\n", SPELLING)
    assert [(f.matched, f.suggestions[0]) for f in found] == [("Wiht", "With")]


# -- names


def test_the_dispatch_names_and_the_one_misspelt_name() -> None:
    text = DISPATCH
    found = spelling(text)
    assert [(f.rule, text[f.start : f.end], f.suggestions) for f in found] == [
        ("spelling.unknown-name", "Panmunjeom", ("Panmunjom",))
    ]
    [f] = found
    assert f.severity is Severity.WARNING and f.fix is Applicability.UNSAFE


@pytest.mark.parametrize(
    "text",
    [
        "Russian Foreign Minister Sergey Lavrov met Michael Pompeo in Washington.",
        "Kim Jong-un met Kim Myong-Gil near Panmunjom and Pyongyang.",
        "The Mysłajek study, said Mysłajek, was cited twice.",
        "Axani had made headlines. Axani made it back to Toronto.",
        "Yuu Wakebe, a health ministry official, said so.",
    ],
)
def test_names_are_not_flagged(text: str) -> None:
    assert flagged(text) == []


def test_an_unknown_name_close_to_a_known_one_is_a_warning() -> None:
    assert flagged("The talks were held in Pyongyanng last year.") == [
        ("spelling.unknown-name", "Pyongyanng", "Pyongyang")
    ]


def test_a_name_the_story_spells_another_way_more_often() -> None:
    text = "Mr Szczerbiak spoke first. Later, Mr Szczerbaik and Mr Szczerbiak left."
    assert flagged(text) == [("spelling.unknown-name", "Szczerbaik", "Szczerbiak")]


def test_short_or_plural_names_are_left_alone() -> None:
    assert flagged("The Banksys were sold. Agustino and Caudet spoke.") == []


# -- what is never flagged


@pytest.mark.parametrize(
    "text",
    [
        "The DMZ, the U.S. and NATO said so, etc.",
        "Korea's and Korea’s leaders, and the leaders' aides.",
        "They didn't, won't, can't and we're sure they'll say I'd go.",
        "The anti-North Korean sanctions, working-level talks, a 13-year-old and wi-fi.",
        "It came 2nd in the 1990s, with 3.5% of 12,000 votes.",
        "Read https://example.com/teh-page or www.exmaple.org, mail desk@exmaple.com.",
        "Follow @reutres and #pyongyangg for updates.",
        "The denuclearization dialogue resumed.",
        "She said: Il faut bien le faire. The raison d’être of the talks.",
        "The colour of the centre of the organisation.",
    ],
)
def test_never_flagged(text: str) -> None:
    assert flagged(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "\"We were just worryin' about nothin',\" he said, and the fans were singin’ along.",
        "Add 10 ml of water, run 300 yd and rest for 2 hr at 5 mph.",
        "The dose was 30 mg per ml, given per hr.",
        "She spoke curvaceously; the salt was mixed anhydrously.",
    ],
    ids=["dropped g", "units after numbers", "units after per", "adverbs of rare adjectives"],
)
def test_deliberate_forms_are_not_flagged(text: str) -> None:
    assert flagged(text) == []


def test_the_same_forms_without_their_marks_are_still_flagged() -> None:
    """No apostrophe, no number, or an adverb English forms another way: a slip after all."""
    text = "They were singin in the rain. The ml was long. It basicly failed."
    assert flagged(text) == [
        ("spelling.unknown-word", "singin", "singing"),
        ("spelling.unknown-word", "ml", "my"),
        ("spelling.unknown-word", "basicly", "basically"),
    ]


def test_words_inside_code_spans_are_not_checked() -> None:
    _, found = check_text("story.md", "Run `recieve --now` to start.\n", SPELLING)
    assert found == []


def test_possessive_of_a_misspelt_name_flags_the_name_only() -> None:
    text = "The envoy left Pyongyanng's airport."
    [f] = spelling(text)
    assert text[f.start : f.end] == "Pyongyanng" and f.suggestions == ("Pyongyang",)


def test_a_misspelt_part_of_a_compound_is_flagged_alone() -> None:
    text = "They met for working-levle talks."
    [f] = spelling(text)
    assert (text[f.start : f.end], f.suggestions[0]) == ("levle", "level")


# -- house dictionary


def test_house_accepted_words(tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("# our names\nPyongyanng\nteicoplanin   # a drug\n\n", encoding="utf-8")
    settings = Settings(select=("spelling",), dictionaries=(words,))
    assert flagged("The talks in Pyongyanng used teicoplanin, Teicoplanin.", settings) == []
    # a capitalised entry is a name: the lower-case word is still unknown
    assert flagged("The pyongyanng talks.", settings) != []


def test_house_words_are_offered_as_corrections(tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("Szczerbiak\n", encoding="utf-8")
    settings = Settings(select=("spelling",), dictionaries=(words,))
    assert flagged("Mr Szczerbaik spoke first.", settings) == [("spelling.unknown-name", "Szczerbaik", "Szczerbiak")]


def test_a_house_model_adds_only_the_words_the_dictionaries_lack(tmp_path: Path) -> None:
    from copydesk.document import Document
    from copydesk.realword.house import HouseModel, Tally

    tally = Tally()
    for _ in range(2):  # a form is house vocabulary once the archive uses it twice
        tally.add_document(Document.plain("a.txt", "Szczerbiak sailed into the bight at Wrzesnia."))
    model = tmp_path / "house.sqlite"
    HouseModel.from_tally(tally).save(model)
    settings = Settings(select=("spelling",), house_model=model)
    assert flagged("Mr Szczerbaik sailed from Wrzesnia.", settings) == [
        ("spelling.unknown-name", "Szczerbaik", "Szczerbiak")
    ]
    check = SpellingCheck(settings)
    check.prepare()
    # "bight" and "the" are dictionary words: as house words they would rank as common corrections
    assert sorted(check.speller.extra_words) == ["szczerbiak", "wrzesnia"]


def test_house_reject_list_in_text_and_yaml(tmp_path: Path) -> None:
    text_file = tmp_path / "house.txt"
    text_file.write_text("web site -> website\ntowards -> toward\n", encoding="utf-8")
    yaml_file = tmp_path / "house.yaml"
    yaml_file.write_text("accept: [e-mail]\nreject:\n  amongst: among\n", encoding="utf-8")
    settings = Settings(select=("spelling",), dictionaries=(text_file, yaml_file))
    text = "Towards noon, amongst others, the Web  site said: send an e-mail."
    found = spelling(text, settings)
    assert [(f.rule, text[f.start : f.end], f.suggestions[0], f.fix) for f in found] == [
        ("spelling.rejected", "Towards", "Toward", Applicability.SAFE),
        ("spelling.rejected", "amongst", "among", Applicability.SAFE),
        ("spelling.rejected", "Web  site", "Website", Applicability.SAFE),
    ]  # e-mail is accepted by this house, so the built-in rejection is off
    assert all(f.category is Category.STYLE and f.severity is Severity.WARNING for f in found)


def test_builtin_rejections() -> None:
    assert flagged("Send an E-mail, irregardless.") == [
        ("spelling.rejected", "E-mail", "Email"),
        ("spelling.rejected", "irregardless", "regardless"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.txt", "two words here\n", "one word a line"),
        ("bad.txt", "e-mail ->\n", "a form on each side"),
        ("bad.yaml", "accept: word\n", "'accept' must be a list"),
        ("bad.yaml", "reject: [a, b]\n", "'reject' must map"),
        ("bad.yaml", "other: 1\n", "expected a mapping"),
    ],
)
def test_bad_house_dictionaries_are_config_errors(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        house.load([path])


def test_a_missing_house_dictionary_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read house dictionary"):
        house.load([tmp_path / "missing.txt"])


# -- variants


def test_british_spelling_is_a_style_finding_only_on_request() -> None:
    text = "The colour of the organisation's centre."
    assert flagged(text) == []
    enforced = Settings(select=("spelling",), enforce_variant=True)
    found = spelling(text, enforced)
    assert [(f.rule, text[f.start : f.end], f.suggestions[0]) for f in found] == [
        ("spelling.variant", "colour", "color"),
        ("spelling.variant", "organisation", "organization"),
        ("spelling.variant", "centre", "center"),
    ]
    assert all(f.category is Category.STYLE and f.fix is Applicability.SAFE for f in found)


def test_american_spelling_under_british_english() -> None:
    settings = Settings(select=("spelling",), language="en-GB", enforce_variant=True)
    assert flagged("Color, the analyzed program and the traveled road.", settings) == [
        ("spelling.variant", "Color", "Colour"),
        ("spelling.variant", "analyzed", "analysed"),
        ("spelling.variant", "traveled", "travelled"),
    ]
    assert flagged("The colour was analysed.", settings) == []


def test_spellings_both_varieties_accept_and_names_are_left_alone() -> None:
    enforced = Settings(select=("spelling",), enforce_variant=True)
    assert flagged("The dialogue in the theatre. Members of the Labour Party met.", enforced) == []


def test_variant_pairs_are_generated_and_verified() -> None:
    to_us, to_uk = variants.variant_pairs()
    assert to_us["colour"] == "color" and to_us["analyse"] == "analyze" and to_us["defence"] == "defense"
    assert to_uk["traveled"] == "travelled" and to_uk["color"] == "colour"
    for british in ("flour", "acre", "timbre", "dialogue", "theatre", "analyses"):
        assert british not in to_us
    assert 300 < len(to_us) < 2000
    assert "sanitizers" in variants.counterparts("sanitisers")


def test_an_unlisted_word_is_not_vouched_for_by_a_pattern_it_only_seems_to_fit() -> None:
    # British English doubles a final l after one vowel letter (travelled), not after two
    # (revealed); and the US dictionary would list an American -ize.
    assert variants.counterparts("revealled") == ["revealed"]
    assert variants.counterparts("revealled", unlisted=True) == []
    assert variants.counterparts("advertized", unlisted=True) == []
    assert "sanitizers" in variants.counterparts("sanitisers", unlisted=True)
    assert "modelers" in variants.counterparts("modellers", unlisted=True)
    assert flagged("They advertized the show. The report revealled a gap. They used sanitisers.") == [
        ("spelling.unknown-word", "advertized", "advertised"),
        ("spelling.unknown-word", "revealled", "revealed"),
    ]


# -- the machinery underneath


def test_error_model_prices_likely_slips_below_arbitrary_ones() -> None:
    cost = errormodel.slip_cost
    assert cost("untill", "until") < cost("untiv", "until")  # doubled letter
    assert cost("teh", "the") < cost("tqe", "the")  # swap
    assert cost("thw", "the") < cost("thz", "the")  # key next door
    assert cost("seperate", "separate") < cost("sepxrate", "separate")  # vowel for vowel
    assert cost("fomr", "from") < 1.0  # a letter moved two places
    assert cost("fone", "phone") < 1.5  # sounds alike
    assert cost("the", "the") == 0.0


def test_the_cost_floor_never_exceeds_the_price_of_a_slip() -> None:
    """Ranking skips the candidates whose floor leaves them no chance: a floor above the real
    price would drop a correction. Every dictionary word near a set of real typos is tried."""
    lex = lexicon()
    index = delete_index()
    typos = ["acomodation", "recieve", "fone", "seperate", "untill", "teh", "fomr", "definately", "goverment", "houze"]
    tried = 0
    for typed in typos:
        floor = errormodel.cost_floor(typed)
        for word_id, distance in index.lookup(typed).items():
            intended = lex.words[word_id]
            price = errormodel.slip_cost(typed, intended)
            assert floor(intended, distance) <= floor.letters(intended, distance) <= price + 1e-9, (typed, intended)
            tried += 1
    assert tried > 200
    # the letters floor: two letters typed for two others cost at least two such slips
    assert errormodel.cost_floor("houze")("horse", 2) == errormodel.DEFAULT.move
    costs = errormodel.DEFAULT
    cheapest_substitution = min(costs.vowel, costs.sound, costs.keyboard, costs.other)
    assert errormodel.cost_floor("houze").letters("horse", 2) == 2 * cheapest_substitution
    # a letter put in beside its twin may be a doubling: the cheapest slip
    assert errormodel.cost_floor("untill").letters("until", 1) == errormodel.DEFAULT.double
    # where a sound-alike group could apply, the letters say nothing more
    assert errormodel.cost_floor("fone").letters("phone", 2) == errormodel.cost_floor("fone")("phone", 2)
    # two edits covered by one slip: a sound-alike group, a letter moved; else two slips
    assert errormodel.cost_floor("fone")("phone", 2) == errormodel.DEFAULT.spelling + errormodel.DEFAULT.first_letter
    assert errormodel.cost_floor("fomr")("from", 2) == errormodel.DEFAULT.move
    assert errormodel.cost_floor("recieve")("relieve", 1) == errormodel.DEFAULT.double


def test_osa_distance_and_deletes() -> None:
    assert osa_distance("teh", "the") == 1
    assert osa_distance("acomodation", "accommodation") == 2
    assert osa_distance("abc", "xyzw") == 3  # limit + 1
    assert osa_distance("kitten", "sitting", 5) == 3
    assert deletes("abc", 1) == {"abc", "bc", "ac", "ab"}


def test_delete_index_finds_words_within_two_edits() -> None:
    words = sorted(["the", "then", "there", "three", "other", "apple"])
    index = DeleteIndex.build(words, range(len(words)))
    found = {words[i]: d for i, d in index.lookup("thre").items()}
    assert found == {"the": 1, "then": 2, "there": 1, "three": 1, "other": 2}


def test_speller_ranks_with_context() -> None:
    speller = Speller(lexicon(), delete_index())
    assert speller.rank("acess")[0].word == "access"
    alone = {c.word: c.score for c in speller.rank("fone")}
    in_context = {c.word: c.score for c in speller.rank("fone", None, "calls")}
    assert in_context["phone"] > alone["phone"] + 0.5  # "phone calls" is a common pair
    assert speller.candidates("acess") is speller.candidates("acess")  # cached


def test_a_pair_the_bigram_list_lacks_counts_as_chance_not_as_typical() -> None:
    speller = Speller(lexicon(), delete_index())
    # "running for" and "for president" are listed, "running four" and "four president" are not.
    assert speller.context("four", "running", "president") == -3.0  # two chance meetings, bounded
    assert [c.word for c in speller.rank("foir", "running", "president")][:2] == ["for", "four"]
    assert [c.word for c in speller.rank("foir", "the", "seasons")][:2] == ["four", "for"]
