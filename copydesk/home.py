"""Where copydesk keeps what it builds once per machine: caches, LanguageTool, word indexes."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def copydesk_home() -> Path:
    """$COPYDESK_HOME if set, else ~/.cache/copydesk (read on every call, so tests can move it)."""
    env = os.environ.get("COPYDESK_HOME")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "copydesk"


def write_atomically(path: Path, data: bytes) -> None:
    """Write a cache file whole or not at all (a reader sees the old file or the new one).

    A failure (read-only home, full disk) is ignored: it is only a cache.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
