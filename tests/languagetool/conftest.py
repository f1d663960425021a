"""Fixtures for the LanguageTool tests: a real install and a real server, shared by the session.

The install lives in $COPYDESK_TEST_HOME (default ~/.cache/copydesk-test) so its ~100 MB is
fetched once per machine, not once per run. Tests fail, not skip, when it cannot be installed.
Tests that stop servers or break things use `private_home`: their own COPYDESK_HOME whose
LanguageTool directory is a symlink to the shared install, and so their own server.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from copydesk.languagetool import server
from copydesk.languagetool.install import InstallError, install, jar_dir

TEST_HOME = Path(os.environ.get("COPYDESK_TEST_HOME", Path.home() / ".cache" / "copydesk-test"))
IDLE_TIMEOUT = 600.0  # a server the tests started outlives them by at most this long


@pytest.fixture(autouse=True)
def _test_home(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test here sees COPYDESK_HOME = TEST_HOME unless it moves it again."""
    monkeypatch.setenv("COPYDESK_HOME", str(TEST_HOME))


@pytest.fixture(scope="session")
def lt_install() -> Path:
    """The shared install's jar_dir(); fails the tests if LanguageTool cannot be installed."""
    try:
        return install(TEST_HOME / "languagetool", quiet=True)
    except InstallError as exc:
        pytest.fail(f"LanguageTool could not be installed: {exc}")


@pytest.fixture(scope="session")
def lt_server(lt_install: Path) -> Iterator[server.ServerInfo]:
    """The shared server, started if needed; stopped afterwards if this run started it alone."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("COPYDESK_HOME", str(TEST_HOME))
        was_running = server.status() is not None
        try:
            info = server.ensure_running(idle_timeout=IDLE_TIMEOUT)
        except server.ServerError as exc:
            pytest.fail(f"LanguageTool server could not be started: {exc}")
    yield info
    if not was_running and "PYTEST_XDIST_WORKER" not in os.environ:  # other workers may use it
        with pytest.MonkeyPatch.context() as env:
            env.setenv("COPYDESK_HOME", str(TEST_HOME))
            server.stop()


@pytest.fixture
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lt_install: Path) -> Iterator[Path]:
    """A COPYDESK_HOME of this test's own, sharing the install; any server in it is stopped after."""
    home = tmp_path / "home"
    (home / "languagetool").mkdir(parents=True)
    monkeypatch.setenv("COPYDESK_HOME", str(home))
    jar_dir().symlink_to(lt_install, target_is_directory=True)
    yield home
    server.stop()
