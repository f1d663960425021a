"""server.py: a real LanguageTool server's lifecycle, state file and watchdog."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest

from copydesk.languagetool import server
from copydesk.languagetool.client import LanguageToolUnavailable, check_texts
from copydesk.languagetool.install import LT_VERSION


def _wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    """Poll `condition()` every 0.2 s until it is true or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_status_shows_the_running_server(lt_server: server.ServerInfo) -> None:
    info = server.status()
    assert info == lt_server
    assert info.version == LT_VERSION
    assert server.is_server_process(info.pid)
    assert json.loads(server.state_path().read_text())["url"] == info.url


def test_server_listens_on_loopback_only(lt_server: server.ServerInfo) -> None:
    listening = [c for c in psutil.Process(lt_server.pid).net_connections(kind="inet") if c.status == "LISTEN"]
    assert listening
    assert {c.laddr.ip for c in listening} == {"127.0.0.1"}
    port = listening[0].laddr.port
    others = [
        a.address
        for addresses in psutil.net_if_addrs().values()
        for a in addresses
        if a.family == socket.AF_INET and not a.address.startswith("127.")
    ]
    for address in others:  # reachable from another interface of this host? it must not be
        with socket.socket() as sock, pytest.raises(OSError):
            sock.settimeout(2)
            sock.connect((address, port))


def test_ensure_running_reuses_the_server_and_touches_it(lt_server: server.ServerInfo) -> None:
    os.utime(server.state_path(), (0, time.time() - 100))
    started = time.perf_counter()
    assert server.ensure_running() == lt_server
    assert time.perf_counter() - started < 1.0
    assert time.time() - server.state_path().stat().st_mtime < 5


def test_start_refuses_a_second_server(lt_server: server.ServerInfo) -> None:
    with pytest.raises(server.ServerError, match="already running"):
        server.start()


def test_start_on_a_taken_port_fails_clearly(private_home: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        with pytest.raises(server.ServerError, match=f"port {port} is already in use"):
            server.start(port=port)
    assert not server.state_path().exists()


def test_start_without_java_fails_clearly(private_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(private_home))
    with pytest.raises(server.ServerError, match="Java not found"):
        server.start()


def test_start_without_install_fails_clearly(private_home: Path) -> None:
    (private_home / "languagetool" / f"LanguageTool-{LT_VERSION}").unlink()
    with pytest.raises(server.ServerError, match="copydesk languagetool install"):
        server.start()


@pytest.mark.parametrize("owner", ["a dead process", "a process that is not LanguageTool"])
def test_stale_state_file_is_cleaned(private_home: Path, owner: str) -> None:
    if owner == "a dead process":
        done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
        pid = int(done.stdout)
    else:
        pid = os.getpid()
    server.write_state(server.state_path(), server.ServerInfo("http://127.0.0.1:9", pid, LT_VERSION, 0.0, 60.0, 0))
    assert server.status() is None
    assert not server.state_path().exists()
    assert server.stop() is False


def test_unreadable_state_file_means_not_running(private_home: Path) -> None:
    server.state_path().write_text("{not json")
    assert server.status() is None
    assert server.stop() is False


def test_start_check_stop_then_the_cache_still_answers(private_home: Path) -> None:
    info = server.start(idle_timeout=300)
    assert server.status() == info
    assert server.is_watchdog_process(info.watchdog_pid)
    texts = ["He go to school yesterday.", "The results was announced on Monday."]
    first = check_texts(info.url, texts, cache=True)
    assert all(first)

    assert server.stop() is True
    assert not server.is_server_process(info.pid)
    assert _wait_until(lambda: not server.is_watchdog_process(info.watchdog_pid), 5)
    assert server.status() is None
    assert not server.state_path().exists()
    assert server.stop() is False

    assert check_texts(info.url, texts, cache=True) == first  # nothing to ask the stopped server
    with pytest.raises(LanguageToolUnavailable):
        check_texts(info.url, [*texts, "A paragraph the cache has never seen."], cache=True)


def test_watchdog_stops_an_idle_server(private_home: Path) -> None:
    info = server.start(idle_timeout=2)
    assert server.status() == info
    assert _wait_until(lambda: not server.is_server_process(info.pid), 20)
    assert _wait_until(lambda: not server.is_watchdog_process(info.watchdog_pid), 5)
    assert not server.state_path().exists()
    assert "idle for" in server.log_path().read_text()


def test_ensure_running_replaces_a_dead_watchdog(lt_server: server.ServerInfo) -> None:
    before = server.read_state(server.state_path())
    assert before is not None and server.is_watchdog_process(before.watchdog_pid)
    os.kill(before.watchdog_pid, signal.SIGKILL)
    assert _wait_until(lambda: not server.is_watchdog_process(before.watchdog_pid), 5)
    after = server.ensure_running()
    assert after.pid == before.pid
    assert after.watchdog_pid != before.watchdog_pid
    assert server.is_watchdog_process(after.watchdog_pid)
