"""Where copydesk keeps LanguageTool and its caches, and a lock for the processes sharing them.

Everything lives under $COPYDESK_HOME, or ~/.cache/copydesk when it is unset.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from copydesk.home import copydesk_home


def lt_home() -> Path:
    """The LanguageTool install, its server's state file and its log live here."""
    return copydesk_home() / "languagetool"


def cache_dir() -> Path:
    """The LanguageTool result cache lives here."""
    return copydesk_home() / "cache"


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on `path` (created if missing) across processes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
