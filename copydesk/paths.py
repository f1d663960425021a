"""Expand the command line's paths into the files to check, in a stable order."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence

# Folders that never hold copy to check.
IGNORED_DIRS = frozenset({"node_modules", "__pycache__", "venv", "site-packages", "build", "dist"})


def _excluded(path: str, exclude: Sequence[str]) -> bool:
    name = os.path.basename(path)
    return any(fnmatch.fnmatch(path, p) or fnmatch.fnmatch(name, p) for p in exclude)


def expand(paths: Sequence[str], extensions: Sequence[str], exclude: Sequence[str] = ()) -> Iterator[str]:
    """Files named outright (whatever their extension), and checkable files found in folders.

    Hidden and build folders are skipped; symlinked folders are not followed, so a link loop
    cannot trap the walk. A path that does not exist is yielded as given, for the caller to
    report.
    """
    wanted = tuple(e.lower() for e in extensions)
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            yield path
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".") and d not in IGNORED_DIRS and not _excluded(os.path.join(folder, d), exclude)
            )
            for name in sorted(files):
                full = os.path.join(folder, name)
                if name.startswith(".") or not name.lower().endswith(wanted) or _excluded(full, exclude):
                    continue
                yield full
