"""The real-word check on real word lists: what the context model flags, where, with what; what it
leaves alone; and what a house model changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from copydesk.checks.realword import CONTEXT, HOUSE_VARIANT, RealWordCheck
from copydesk.config import Settings
from copydesk.document import Document
from copydesk.engine import check_text
from copydesk.examples import failures
from copydesk.findings import Applicability, Category, Finding, Severity
from copydesk.realword.candidates import Confusables, confusables, one_edit
from copydesk.realword.house import HouseModel, Tally
from copydesk.spelling.candidates import DeleteIndex

REALWORD = Settings(select=("realword.",))


def realword(text: str, settings: Settings = REALWORD) -> list[Finding]:
    """The realword findings for `text` (plain text), through the real engine."""
    _, found = check_text("story.txt", text, settings)
    return [f for f in found if f.rule.startswith("realword.")]


def flagged(text: str, settings: Settings = REALWORD) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(f.rule, text[f.start : f.end], f.suggestions) for f in realword(text, settings)]


def house_model(tmp_path: Path, *stories: str) -> Settings:
    """Settings with a house model learned (in memory, then saved) from these stories."""
    tally = Tally()
    for story in stories:
        tally.add_document(Document.plain("archive.txt", story))
    path = tmp_path / "house.sqlite"
    HouseModel.from_tally(tally).save(path)
    return Settings(select=("realword.",), house_model=path)


@pytest.mark.parametrize("rule", RealWordCheck.rules, ids=[r.id for r in RealWordCheck.rules])
def test_rule_examples(rule: object) -> None:
    assert failures(rule, Settings()) == []  # type: ignore[arg-type]


def test_slips_of_common_words_are_flagged_with_the_word_meant() -> None:
    text = "Thousands of dollars change hands inn illegal markets."
    (found,) = realword(text)
    assert (found.rule, found.start, found.end, found.suggestions) == ("realword.context", 34, 37, ("in",))
    assert found.category is Category.REALWORD
    assert found.severity is Severity.WARNING
    assert found.fix is Applicability.UNSAFE


def test_several_slips_in_one_sentence() -> None:
    assert flagged("The minister said he would knot accept the offer form the rebels.") == [
        ("realword.context", "knot", ("not",)),
        ("realword.context", "form", ("from",)),
    ]
    assert flagged("The bill will bee debated next week and could half been passed.") == [
        ("realword.context", "bee", ("be",)),
        ("realword.context", "half", ("have",)),
    ]


def test_a_capitalised_sentence_opener_is_judged_and_keeps_its_capital() -> None:
    assert flagged("Wit the talks over, the ministers left.") == [("realword.context", "Wit", ("With",))]
    assert flagged("Inn 2012 the talks failed.") == [("realword.context", "Inn", ("In",))]


def test_a_quotation_opened_after_a_colon_is_a_sentence_and_i_is_no_name() -> None:
    assert flagged("The coach told reporters: “Wee never had a chance.”") == [("realword.context", "Wee", ("We",))]
    assert flagged("He told a press conference: “Wen I was young, we played here.”") == [
        ("realword.context", "Wen", ("When",))
    ]
    assert realword("She said: “Watt Street is closed.”") == []  # still a name before a name


@pytest.mark.parametrize(
    "text",
    [
        "Officials filled in the form on Monday.",
        "The inn on the square reopened in May.",
        "Half of the delegates left early.",
        "He tied a knot in the rope.",
        "Mr Watt said the inn was closed.",  # a name mid-sentence
        "The Bee Gees sang. Wee Willie Winkie ran.",  # openers followed by a name
        "Officials met Mr Watt on Monday. Watt said the talks had failed.",  # a name the story uses
        "He said it’s fine, they’re here and we’ll go.",  # apostrophes: the confusion rules' business
        "The recieve button, the teh key.",  # non-words: the spelling check's business
        "The homes and the home, the faced and the face.",  # inflections are grammar
    ],
)
def test_right_words_are_left_alone(text: str) -> None:
    assert realword(text) == []


def test_alternatives_are_generated_by_edit_and_by_sound() -> None:
    alternatives = confusables()
    assert dict(alternatives("inn"))["in"] == "edit+homophone"
    assert dict(alternatives("form"))["from"] == "edit"
    assert dict(alternatives("heir"))["air"] == "homophone"
    assert dict(alternatives("jean"))["gene"] == "homophone"
    assert dict(alternatives("half"))["have"] == "sound"
    assert "on" not in dict(alternatives("inn"))  # one shared consonant is no sound-alike
    assert "are" not in dict(alternatives("or"))  # only their weak forms (ER) sound alike
    assert dict(alternatives("our"))["are"] == "homophone"
    priced = Confusables.price("inn", "in", "edit+homophone")
    assert priced is not None and priced.cost < 0.5  # a doubled letter is a cheap slip
    typo = Confusables.price("off", "of", "edit")
    assert typo is not None and typo.cost > priced.cost  # but dearer when it changes the sound
    assert Confusables.price("colour", "color", "edit") is None  # the other variety is no slip


def _every_edit(word: str) -> set[str]:
    """The slow reference: every string one edit from `word` (letters a to z added or changed)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    found = set()
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        found.update(head + c + tail for c in letters)
        if tail:
            found.update(head + c + tail[1:] for c in letters)
            found.add(head + tail[1:])
            if len(tail) > 1:
                found.add(head + tail[1] + tail[0] + tail[2:])
    return found - {word}


def test_one_edit_neighbours_are_those_of_trying_every_edit() -> None:
    targets = ["in", "inn", "on", "one", "of", "off", "form", "from", "for", "cafe", "café", "it's", "sign", "sing"]
    index = DeleteIndex.build(targets, range(len(targets)))

    def near(word: str) -> set[str]:
        return one_edit(word, index)

    for word in ["in", "inn", "i", "form", "fomr", "of", "oen", "cafe", "café", "caf", "its", "sing", "xyz", ""]:
        assert near(word) == _every_edit(word) & set(targets), word
    assert near("form") == {"from", "for"}  # two letters swapped; one dropped
    assert near("cafe") == set()  # é is no letter a to z: that is an accent, not a slip
    assert near("its") == set()  # nor is an apostrophe (the confusion rules' business)


def test_a_near_sound_alike_is_flagged_and_a_typo_only_pair_needs_more_evidence() -> None:
    assert flagged("Voters want moor schools and fewer taxes.") == [("realword.context", "moor", ("more",))]
    assert flagged("We half been waiting for hours.") == [("realword.context", "half", ("have",))]
    # off/of: one letter doubled, but not a word written by ear; the context does not overturn it.
    assert realword("He took two months off work.") == []
    assert realword("She was less successful in fending off the rivals.") == []


def test_story_variants_without_a_house_model() -> None:
    text = "Send an email to the desk. The e-mail address is on the site. Email us."
    assert flagged(text) == [("realword.house-variant", "e-mail", ("email",))]
    assert realword("Send an email or an e-mail: both reach the desk.") == []


def test_house_model_prefers_the_house_spelling(tmp_path: Path) -> None:
    archive = [
        "Trump met Kim at Panmunjom. Panmunjom is in the demilitarized zone.",
        "Talks at Panmunjom resumed. Officials left Panmunjom on Monday. Panmunjom again.",
        "Write an email. Every email counts. The email desk answers each email and email. One e-mail.",
        "Kim Jong Un spoke. Kim Jong Un left. Kim Jong Un, Kim Jong Un and Kim Jong Un. Kim Jong-un.",
        "The Panmunjeom talks.",
    ]
    settings = house_model(tmp_path, *archive)
    text = "Kim Jong-un met him at Panmunjeom. Send an e-mail."
    found = realword(text, settings)
    assert [(f.rule, text[f.start : f.end], f.suggestions) for f in found] == [
        ("realword.house-variant", "Jong-un", ("Jong Un",)),
        ("realword.house-variant", "Panmunjeom", ("Panmunjom",)),
        ("realword.house-variant", "e-mail", ("email",)),
    ]
    assert all(f.category is Category.CONSISTENCY for f in found)
    assert realword("Kim Jong Un met him at Panmunjom. Send an email.", settings) == []


def test_house_usage_protects_a_word_the_web_counts_doubt(tmp_path: Path) -> None:
    text = "In 2014, UK adults ate the equivalent of 157g of fruit."
    assert flagged(text) == [("realword.context", "ate", ("at",))]
    settings = house_model(
        tmp_path,
        "Last year adults ate the same amount. Children ate less.",
        "Surveys show adults ate the most fruit in summer.",
        "In 2010 adults ate the equivalent of 150g.",
    )
    assert realword(text, settings) == []


def test_house_vocabulary_counts_word_forms_as_written(tmp_path: Path) -> None:
    tally = Tally()
    tally.add_document(Document.plain("a.txt", "Panmunjom talks. Panmunjom again, and teicoplanin once."))
    model = HouseModel.from_tally(tally)
    assert "Panmunjom" in model.vocabulary()
    assert "teicoplanin" not in model.vocabulary()
    assert "teicoplanin" in model.vocabulary(least=1)


def test_a_missing_house_model_is_reported_not_fatal(tmp_path: Path) -> None:
    notes: list[str] = []
    settings = Settings(select=("realword.",), house_model=tmp_path / "missing.sqlite")
    _, found = check_text("story.txt", "The talks went well.", settings, notes=notes)
    assert found == []
    assert any("missing.sqlite" in note for note in notes)


def test_rules_are_documented() -> None:
    for rule in (CONTEXT, HOUSE_VARIANT):
        assert rule.id.startswith("realword.")
        assert rule.bad and rule.good and rule.why


def test_web_pair_counts_are_read_by_first_word() -> None:
    from copydesk.realword.ngrams import default_counts

    pairs = default_counts().bigrams
    assert pairs.count("of", "the") > 1000 * max(1, pairs.count("the", "of"))
    assert pairs.count("zzqx", "the") == 0  # a first word the list lacks
    assert pairs.count("of", "zzqx") == 0


def test_house_trigrams_weigh_the_bigram_by_how_many_words_follow_the_pair() -> None:
    """Witten-Bell smoothing: a pair the house follows with many different words leaves an unseen
    continuation much of its bigram estimate; a pair it always follows with one word, little."""
    from copydesk.realword.context import ContextModel
    from copydesk.realword.ngrams import default_counts

    tally = Tally()
    for i in range(40):
        tally.add_document(Document.plain("a.txt", f"They will be seen word{i} soon. It was held over there."))
    counts = HouseModel.from_tally(tally).counts
    assert counts.continuations["be seen"] == (40, 40)
    assert counts.continuations["held over"] == (1, 40)
    model = ContextModel(default_counts(), lambda word: 5.0, counts)
    assert model._house_trigram("be", "seen", "as", 0.01) == pytest.approx(0.01 * 40 / 80)
    assert model._house_trigram("held", "over", "the", 0.01) == pytest.approx(0.01 * 1 / 41)
    assert model._house_trigram("held", "over", "there", 0.01) == pytest.approx((40 + 0.01) / 41)
    assert model._house_trigram("never", "written", "here", 0.01) == 0.01  # the house never wrote the pair
