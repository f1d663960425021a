"""commands.py: exit codes and one-message results for the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from copydesk.languagetool import commands
from copydesk.languagetool.install import LT_VERSION
from copydesk.languagetool.server import ServerInfo


def test_commands_against_the_running_server(lt_server: ServerInfo) -> None:
    assert commands.cmd_install() == (0, f"LanguageTool {LT_VERSION} is installed in {commands.install()}")
    code, message = commands.cmd_status()
    assert code == 0
    assert lt_server.url in message
    assert f"pid {lt_server.pid}" in message
    code, message = commands.cmd_start()
    assert code == 0
    assert "already running" in message


def test_commands_without_a_server(private_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert commands.cmd_status() == (1, "LanguageTool server is not running")
    assert commands.cmd_stop() == (0, "LanguageTool server was not running")
    monkeypatch.setenv("PATH", str(private_home))
    code, message = commands.cmd_start()
    assert code == 1
    assert message.startswith("error: Java not found")
