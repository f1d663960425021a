"""Fixtures for the LanguageTool tests: a real install and a real server, shared by the session.

The install lives in $COPYDESK_TEST_HOME (default ~/.cache/copydesk-test) so its ~100 MB is
fetched once per machine, not once per run. Tests fail, not skip, when it cannot be installed.
Tests that stop servers or break things use `private_home` (tests/conftest.py): their own
COPYDESK_HOME whose LanguageTool directory is a symlink to the shared install, and so their
own server. `lt_install` is there too.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import TEST_HOME

from copydesk.languagetool import server

IDLE_TIMEOUT = 600.0  # a server the tests started outlives them by at most this long


@pytest.fixture(autouse=True)
def _test_home(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test here sees COPYDESK_HOME = TEST_HOME unless it moves it again."""
    monkeypatch.setenv("COPYDESK_HOME", str(TEST_HOME))


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
