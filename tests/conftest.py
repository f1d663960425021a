"""Shared fixtures."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import TEST_HOME, home_sharing_caches, run_cli

from copydesk.languagetool import server
from copydesk.languagetool.install import InstallError, install, jar_dir

# A test sees what this code finds, never what the user's last run left in the result cache;
# tests/test_resultcache.py turns the cache on where it is the subject.
os.environ["COPYDESK_NO_CACHE"] = "1"
# Checks run in the test process use the tests' shared home, never the user's own.
os.environ["COPYDESK_HOME"] = str(TEST_HOME)


@pytest.fixture(scope="session", autouse=True)
def word_lists() -> None:
    """Every word-list cache, built before the first test (once; later sessions find them).

    Otherwise the first CLI test to need one would build it, and its stderr would carry
    copydesk's one-line "building word lists" notice.
    """
    from copydesk.lexicon import lexicon
    from copydesk.realword.candidates import confusables
    from copydesk.realword.ngrams import default_counts
    from copydesk.spelling.ranking import delete_index
    from copydesk.spelling.variants import variant_pairs

    lexicon(), delete_index(), variant_pairs(), default_counts(), confusables()


@pytest.fixture
def cli() -> Any:
    return run_cli


@pytest.fixture
def fresh_home(tmp_path: Path) -> Path:
    """A COPYDESK_HOME with no LanguageTool installed and empty caches, sharing the word lists."""
    return home_sharing_caches(tmp_path / "home")


@pytest.fixture(scope="session")
def lt_install() -> Path:
    """The shared LanguageTool install's jar_dir(); fails the test if it cannot be installed."""
    try:
        return install(TEST_HOME / "languagetool", quiet=True)
    except InstallError as exc:
        pytest.fail(f"LanguageTool could not be installed: {exc}")


@pytest.fixture
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lt_install: Path) -> Iterator[Path]:
    """A COPYDESK_HOME of this test's own, sharing the install and word lists; its server is stopped after.

    For tests that stop or kill servers: they harm no one else's.
    """
    home = home_sharing_caches(tmp_path / "home")
    monkeypatch.setenv("COPYDESK_HOME", str(home))
    jar_dir().symlink_to(lt_install, target_is_directory=True)
    yield home
    server.stop()
