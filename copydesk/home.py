"""Where copydesk keeps what it builds once per machine: caches, LanguageTool, word indexes."""

from __future__ import annotations

import os
from pathlib import Path


def copydesk_home() -> Path:
    """$COPYDESK_HOME if set, else ~/.cache/copydesk (read on every call, so tests can move it)."""
    env = os.environ.get("COPYDESK_HOME")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "copydesk"
