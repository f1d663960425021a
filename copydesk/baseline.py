"""Baselines: record today's findings, then report only new ones (for adopting copydesk on an archive).

Findings are matched by fingerprint (rule, matched text, nearby words, file), never by line, so
edits elsewhere in a story keep old findings matched. Paths are stored relative to the baseline
file, so a baseline works from any working directory.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from copydesk.engine import FileResult
from copydesk.report.fingerprint import fingerprints
from copydesk.sourcefile import InputError, write_atomic

VERSION = 1


def _key(path: str, baseline: Path) -> str:
    if path == "-":
        return path
    return os.path.relpath(os.path.abspath(path), baseline.resolve().parent).replace(os.sep, "/")


def write(results: list[FileResult], baseline: Path) -> int:
    """Record every finding of `results` in `baseline`; returns how many."""
    recorded: dict[str, list[str]] = {}
    for r in results:
        if r.source is not None and r.findings:
            key = _key(r.path, baseline)
            recorded[key] = sorted(fingerprints(key, r.findings, r.source.text))
    data = json.dumps({"version": VERSION, "files": dict(sorted(recorded.items()))}, indent=1) + "\n"
    if baseline.exists():
        write_atomic(str(baseline), data.encode())
    else:
        baseline.write_text(data, encoding="utf-8")
    return sum(len(v) for v in recorded.values())


def load(baseline: Path) -> dict[str, set[str]]:
    """The fingerprints recorded in a baseline file, by file."""
    try:
        data = json.loads(baseline.read_text(encoding="utf-8"))
        files = data["files"]
        if data.get("version") != VERSION or not isinstance(files, dict):
            raise ValueError("unknown baseline version")
        return {str(k): set(v) for k, v in files.items()}
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise InputError(f"{baseline}: not a copydesk baseline ({e})") from None


def apply(results: list[FileResult], baseline: Path, known: dict[str, set[str]]) -> int:
    """Drop findings recorded in the baseline; returns how many were dropped."""
    dropped = 0
    for r in results:
        if r.source is None or not r.findings:
            continue
        key = _key(r.path, baseline)
        old = known.get(key, set())
        prints = fingerprints(key, r.findings, r.source.text)
        kept = [f for f, p in zip(r.findings, prints, strict=True) if p not in old]
        dropped += len(r.findings) - len(kept)
        r.findings = kept
    return dropped
