"""The `copydesk languagetool install|start|stop|status` actions, for the CLI to wire up.

Each returns (exit code, one message for the user) and never raises for expected failures.
"""

from __future__ import annotations

import time

from copydesk.languagetool.install import LT_VERSION, InstallError, install
from copydesk.languagetool.server import DEFAULT_IDLE_TIMEOUT, ServerError, ServerInfo, start, status, stop


def cmd_install() -> tuple[int, str]:
    """Install LanguageTool (a no-op when it is already installed)."""
    try:
        path = install()
    except InstallError as exc:
        return 1, f"error: {exc}"
    return 0, f"LanguageTool {LT_VERSION} is installed in {path}"


def cmd_start(port: int | None = None, idle_timeout: float = DEFAULT_IDLE_TIMEOUT) -> tuple[int, str]:
    """Install if needed, then start the server unless one is already running."""
    running = status()
    if running is not None:
        return 0, f"LanguageTool is already running: {_describe(running)}"
    try:
        install()
        info = start(port, idle_timeout)
    except (InstallError, ServerError) as exc:
        return 1, f"error: {exc}"
    return 0, f"LanguageTool started: {_describe(info)}"


def cmd_stop() -> tuple[int, str]:
    """Stop the server if it is running."""
    return 0, "LanguageTool server stopped" if stop() else "LanguageTool server was not running"


def cmd_status() -> tuple[int, str]:
    """Exit 0 and describe the server if it is running, else exit 1."""
    info = status()
    if info is None:
        return 1, "LanguageTool server is not running"
    return 0, f"LanguageTool is running: {_describe(info)}"


def _describe(info: ServerInfo) -> str:
    """e.g. "6.8 at http://127.0.0.1:8081 (pid 1234, up 5 min, stops after 30 min idle)"."""
    idle = f"stops after {info.idle_timeout / 60:g} min idle" if info.idle_timeout > 0 else "no idle timeout"
    uptime = max(0.0, time.time() - info.started) / 60
    return f"{info.version} at {info.url} (pid {info.pid}, up {uptime:.0f} min, {idle})"
