"""The word lists: what they know, how fast they load, and the cache they live in."""

from __future__ import annotations

from array import array
from pathlib import Path

import pytest

from copydesk import lexicon as lexicon_module
from copydesk.lexicon import (
    DICTIONARY,
    LazyGroups,
    Lexicon,
    SortedTable,
    cached_folder,
    copydesk_home,
    lexicon,
    normalize,
)


def test_frequencies_and_dictionaries() -> None:
    lex = lexicon()
    assert lex.zipf("the") > 7
    assert 1.5 < lex.zipf("panmunjom") < 2.5
    assert lex.zipf("panmunjeom") == 0.0
    assert lex.in_dictionary("pyongyang") and lex.in_dictionary("colour") and lex.in_dictionary("color")
    assert not lex.in_dictionary("recieve") and lex.zipf("recieve") > 2  # a misspelling wordfreq knows
    assert lex.flags("lavrov") & DICTIONARY == 0 and lex.zipf("lavrov") > 2  # a name only wordfreq knows
    assert lex.index("zzzxq") == -1 and lex.zipf("zzzxq") == 0.0


def test_foreign_words() -> None:
    lex = lexicon()
    assert lex.is_foreign("faut") and lex.is_foreign("drei")
    assert not lex.is_foreign("the") and not lex.is_foreign("bring")


def test_bigrams() -> None:
    lex = lexicon()
    assert lex.bigram("of", "the") > lex.bigram("peace", "talks") > 0
    assert lex.bigram("peace", "xylophone") == 0


def test_normalize() -> None:
    assert normalize("Korea’s") == "korea's"


def test_the_lexicon_is_loaded_once_and_reloads_from_its_cache() -> None:
    # Load time is measured in benchmarks/, not asserted here.
    assert lexicon() is lexicon()
    again = Lexicon.load()
    assert again.zipf("minister") == lexicon().zipf("minister") > 4


def test_sorted_table_round_trip(tmp_path: Path) -> None:
    table = SortedTable.build({"b": 2, "a": 1, "c": 3}, "B")
    assert table.keys == ["a", "b", "c"] and table.get("b") == 2 and table.get("z", 9) == 9
    assert list(table.with_prefix("b")) == [1]
    table.save(tmp_path, "t")
    again = SortedTable.load(tmp_path, "t", "B")
    assert again.keys == table.keys and again.values == array("B", [1, 2, 3])


def test_cached_folder_builds_once_and_is_shared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COPYDESK_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(lexicon_module, "_announced", False)
    assert copydesk_home() == tmp_path / "home"
    built: list[Path] = []

    def build(folder: Path) -> None:
        built.append(folder)
        (folder / "data.txt").write_text("ok", encoding="utf-8")

    first = cached_folder("test-thing", build, 1)
    second = cached_folder("test-thing", build, 1)
    assert first == second and len(built) == 1 and (first / "data.txt").read_text() == "ok"
    assert first.parent == tmp_path / "home" / "spelling"
    newer = cached_folder("test-thing", build, 2)  # a new builder version: rebuilt
    assert newer != first and len(built) == 2 and first.exists()  # another install may still read it
    # the first build of a process says why this run is slow; one line, however many are built
    assert (
        capsys.readouterr().err == f"copydesk: building word lists in {first.parent} (once per machine and release)\n"
    )


def test_the_cache_key_follows_the_sources_contents_not_where_they_are_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def installed_at(folder: Path, content: bytes) -> str:
        folder.mkdir()
        (folder / "data.txt").write_bytes(content)
        monkeypatch.setattr(lexicon_module, "package_file", lambda package, relative: folder / "data.txt")
        lexicon_module._sources_key.cache_clear()
        return lexicon_module._sources_key()

    words = b"the 23135851162\n" * 10_000 + b"of 13151942776\n"  # larger than the two ends read
    try:
        one = installed_at(tmp_path / "venv-one", words)
        assert installed_at(tmp_path / "venv-two", words) == one  # another virtualenv shares the cache
        assert installed_at(tmp_path / "upgraded", words.replace(b"of 1", b"of 2")) != one  # its last line
        assert installed_at(tmp_path / "longer", words + b"and 12997637966\n") != one
    finally:
        lexicon_module._sources_key.cache_clear()


def test_a_failed_build_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPYDESK_HOME", str(tmp_path))

    def broken(folder: Path) -> None:
        (folder / "half.txt").write_text("half", encoding="utf-8")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        cached_folder("broken", broken, 1)
    assert [p.name for p in (tmp_path / "spelling").iterdir() if not p.name.startswith(".broken.lock")] == []


def test_a_missing_package_is_reported_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon_module.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(RuntimeError, match="needs the 'wordfreq' package"):
        lexicon_module.package_file("wordfreq", "data/large_en.msgpack.gz")


def test_lazy_groups_read_back_what_was_dumped_one_group_at_a_time() -> None:
    index, data = LazyGroups.dump({"th": {"the": 5, "then": 2}, "of": {"of": 9}})
    table = LazyGroups(index, data)
    assert table.group("of") == {"of": 9}
    assert table.group("th") == {"the": 5, "then": 2}
    assert table.group("zz") == {}  # no such group
    assert table.group("th") is table.group("th")  # read once, then remembered
