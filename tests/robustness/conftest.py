"""Fixtures for the robustness tests of issue #11: hostile files, faults, kills, security, properties.

Also covered elsewhere, and not repeated here:
- the HTML report escapes all copy: tests/report_html/test_html_render.py
  (test_every_piece_of_text_is_escaped and the property tests after it);
- the LanguageTool server copydesk starts listens on 127.0.0.1 only:
  tests/languagetool/test_lt_server.py::test_server_listens_on_loopback_only.

The long soak is `python benchmarks/soak.py` (see its docstring).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import TEST_HOME, home_sharing_caches

from copydesk.languagetool import server
from copydesk.languagetool.install import InstallError, install, jar_dir


@pytest.fixture(scope="session")
def languagetool_jar() -> Path:
    """The shared LanguageTool install; fails the test if it cannot be installed."""
    try:
        return install(TEST_HOME / "languagetool", quiet=True)
    except InstallError as exc:
        pytest.fail(f"LanguageTool could not be installed: {exc}")


@pytest.fixture
def own_lt_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, languagetool_jar: Path) -> Iterator[Path]:
    """A COPYDESK_HOME of the test's own (sharing the install), so killing its server harms no one."""
    home = home_sharing_caches(tmp_path / "home")
    monkeypatch.setenv("COPYDESK_HOME", str(home))
    jar_dir().symlink_to(languagetool_jar, target_is_directory=True)
    yield home
    server.stop()
