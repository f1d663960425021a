"""Fixtures for the robustness tests of issue #11: hostile files, faults, kills, security, properties.

Also covered elsewhere, and not repeated here:
- the HTML report escapes all copy: tests/report_html/test_html_render.py
  (test_every_piece_of_text_is_escaped and the property tests after it);
- the LanguageTool server copydesk starts listens on 127.0.0.1 only:
  tests/languagetool/test_lt_server.py::test_server_listens_on_loopback_only.

The long soak is `python benchmarks/soak.py` (see its docstring).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from copydesk.languagetool import server
from copydesk.languagetool.install import InstallError, install, jar_dir

# The LanguageTool install the languagetool tests share (tests/languagetool/conftest.py).
TEST_HOME = Path(os.environ.get("COPYDESK_TEST_HOME", Path.home() / ".cache" / "copydesk-test"))


@pytest.fixture(scope="session")
def languagetool_jar() -> Path:
    """The shared LanguageTool install; fails the test if it cannot be installed."""
    try:
        return install(TEST_HOME / "languagetool", quiet=True)
    except InstallError as exc:
        pytest.fail(f"LanguageTool could not be installed: {exc}")


def _home_sharing_caches(home: Path) -> Path:
    """A fresh COPYDESK_HOME whose word-list caches are the shared test home's (built once, ~12 s).

    Its LanguageTool directory and LanguageTool result cache are its own.
    """
    (TEST_HOME / "spelling").mkdir(parents=True, exist_ok=True)
    (home / "languagetool").mkdir(parents=True)
    for entry in TEST_HOME.iterdir():
        if entry.name not in ("languagetool", "cache") and entry.is_dir():
            (home / entry.name).symlink_to(entry, target_is_directory=True)
    return home


@pytest.fixture
def fresh_home(tmp_path: Path) -> Path:
    """A COPYDESK_HOME with no LanguageTool installed and an empty LanguageTool cache."""
    return _home_sharing_caches(tmp_path / "home")


@pytest.fixture
def own_lt_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, languagetool_jar: Path) -> Iterator[Path]:
    """A COPYDESK_HOME of the test's own (sharing the install), so killing its server harms no one."""
    home = _home_sharing_caches(tmp_path / "home")
    monkeypatch.setenv("COPYDESK_HOME", str(home))
    jar_dir().symlink_to(languagetool_jar, target_is_directory=True)
    yield home
    server.stop()
