"""`copydesk learn`: a house model from an archive folder, its counts, variants and updates."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from copydesk.learn import learn
from copydesk.realword.house import HouseModel, HouseModelError


def archive(folder: Path) -> Path:
    """A small archive: a text file, a Markdown file (markup not counted) and a JSON Lines export."""
    folder.mkdir()
    (folder / "one.txt").write_text("The talks resumed. The talks ended.\n", encoding="utf-8")
    (folder / "two.md").write_text("# Talks\n\nSend an **email** to the desk.\n", encoding="utf-8")
    stories = [{"text": "The talks resumed in Panmunjom."}, {"text": "Email the desk."}, {"other": 1}, "not a story"]
    (folder / "more.jsonl").write_text("\n".join(json.dumps(s) for s in stories) + "\nnot json\n", encoding="utf-8")
    (folder / "notes.bin").write_bytes(b"\x00\x01")  # not an archive file: skipped
    return folder


def test_learn_builds_a_model_with_exact_counts(tmp_path: Path) -> None:
    out = tmp_path / "house.sqlite"
    calls: list[tuple[int, int]] = []
    code, message = learn(
        [archive(tmp_path / "archive")], out, progress=lambda done, total: calls.append((done, total))
    )
    assert code == 0, message
    assert "4 stories" in message and "21 words" in message
    assert calls[0] == (0, 3) and calls[-1] == (3, 3)
    model = HouseModel.load(out)
    t = model.tally
    assert (t.documents, t.words) == (4, 21)
    assert t.forms["The"] == 3 and t.forms["talks"] == 3 and t.forms["Talks"] == 1 and t.forms["Panmunjom"] == 1
    assert t.forms["email"] == 1 and t.forms["Email"] == 1
    assert t.bigrams["the talks"] == 3
    assert t.bigrams["talks resumed"] == 2
    assert "resumed the" not in t.bigrams  # a full stop ends a run of words
    assert t.trigrams["the talks resumed"] == 2
    assert t.trigrams["talks resumed in"] == 1
    assert model.counts.unigrams["the"] == 5
    assert model.counts.total == 21
    with sqlite3.connect(out) as db:  # plain SQLite that any tool can read
        assert db.execute("SELECT count FROM forms WHERE form = 'Panmunjom'").fetchone() == (1,)


def test_learn_finds_preferred_variants(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Send an email. The email desk reads every email. Email us. An email a day. Another email.\n"
        "One e-mail got lost.\n"
        "The colour of the flag, the colour of the sea, the colour of money, one colour, a colour.\n"
        "The color faded.\n",
        encoding="utf-8",
    )
    code, message = learn([folder], tmp_path / "house.sqlite")
    assert code == 0, message
    variants = HouseModel.load(tmp_path / "house.sqlite").variants
    assert (variants["e-mail"].preferred, variants["e-mail"].count, variants["e-mail"].preferred_count) == (
        "email",
        1,
        6,
    )
    assert variants["color"].preferred == "colour"
    assert "email" not in variants and "colour" not in variants


def test_update_adds_counts_to_an_existing_model(tmp_path: Path) -> None:
    folder = archive(tmp_path / "archive")
    out = tmp_path / "house.sqlite"
    assert learn([folder], out)[0] == 0
    more = tmp_path / "more"
    more.mkdir()
    (more / "three.txt").write_text("The talks resumed again.\n", encoding="utf-8")
    code, message = learn([more], out, update=True)
    assert code == 0 and message.startswith("updated"), message
    t = HouseModel.load(out).tally
    assert (t.documents, t.words) == (5, 25)
    assert t.bigrams["talks resumed"] == 3 and t.bigrams["resumed again"] == 1
    code, _ = learn([more], out)  # without update, the model is replaced
    assert code == 0
    assert HouseModel.load(out).tally.documents == 1


def test_two_jobs_learn_what_one_does(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    for i in range(30):
        (folder / f"{i:02}.txt").write_text(f"Story {i}: the talks resumed in Panmunjom on day {i}. Email us.\n")
    (folder / "late.txt").write_text("One e-mail came late. Panmunjeom, wrote one.\n", encoding="utf-8")
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    assert learn([folder], one, jobs=1)[0] == 0
    assert learn([folder], two, jobs=2)[0] == 0
    a, b = HouseModel.load(one), HouseModel.load(two)
    assert a.tally == b.tally
    assert a.variants == b.variants
    assert a.variants["panmunjeom"].preferred == "Panmunjom"


def test_learn_refuses_what_it_cannot_use(tmp_path: Path) -> None:
    out = tmp_path / "house.sqlite"
    assert learn([tmp_path / "nowhere"], out)[0] == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    code, message = learn([empty], out)
    assert code == 2 and "no archive files" in message
    (empty / "blank.txt").write_text("  \n", encoding="utf-8")
    assert learn([empty], out)[0] == 2  # files, but no words
    assert not out.exists()
    out.write_text("not a model", encoding="utf-8")
    code, message = learn([archive(tmp_path / "archive")], out, update=True)
    assert code == 2 and str(out) in message


def test_loading_a_file_that_is_no_model_says_so(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_text("hello", encoding="utf-8")
    for path in (bad, tmp_path / "missing.sqlite"):
        try:
            HouseModel.load(path)
        except HouseModelError as e:
            assert str(path) in str(e)
        else:
            raise AssertionError("expected HouseModelError")
