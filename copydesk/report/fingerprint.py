"""Stable identities for findings: the same slip keeps its fingerprint while the story around it changes.

A fingerprint hashes what the slip *is* (rule, the text it covers, a few words either side in its
paragraph, the file) and never where it is (no line numbers, no offsets), so inserting a paragraph
above leaves it alone. When one file has the same slip in the same words more than once, an
occurrence counter keeps the fingerprints distinct. SARIF's partialFingerprints, GitLab's Code
Quality report and the baseline all use these.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence

from copydesk.findings import Finding

VERSION = "v1"  # part of every hash: bump it when the recipe changes, so old baselines stop matching
CONTEXT_WORDS = 2  # words of context taken from each side of the span
CONTEXT_CHARS = 60  # how far to look for them; edits further away never change a fingerprint

_WORD_RE = re.compile(r"\w+")
_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t\r\f\v]*\n")
_SPACE_RE = re.compile(r"\s+")


def normalise_path(path: str) -> str:
    """The path as fingerprints see it: forward slashes, no leading './'."""
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def context(finding: Finding, source_text: str) -> tuple[str, str, str]:
    """The covered text and the few words before and after it in its paragraph, whitespace collapsed."""
    before = source_text[max(0, finding.start - CONTEXT_CHARS) : finding.start]
    breaks = list(_PARAGRAPH_BREAK_RE.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    after = source_text[finding.end : finding.end + CONTEXT_CHARS]
    found = _PARAGRAPH_BREAK_RE.search(after)
    if found:
        after = after[: found.start()]
    covered = source_text[finding.start : finding.end] or finding.matched
    return (
        _SPACE_RE.sub(" ", covered).strip(),
        " ".join(_WORD_RE.findall(before)[-CONTEXT_WORDS:]),
        " ".join(_WORD_RE.findall(after)[:CONTEXT_WORDS]),
    )


def fingerprint(path: str, finding: Finding, source_text: str, occurrence: int = 0) -> str:
    """The hex sha256 identity of a finding: rule, covered text, nearby words, file and occurrence.

    `occurrence` counts earlier findings of the same file with the same rule, text and context;
    `fingerprints` works it out for a whole file.
    """
    covered, before, after = context(finding, source_text)
    key = "\x1f".join((VERSION, normalise_path(path), finding.rule, covered, before, after, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def fingerprints(path: str, findings: Sequence[Finding], source_text: str) -> list[str]:
    """Fingerprints of one file's findings, in their order; repeats of one slip get counters 0, 1, 2, …"""
    seen: Counter[tuple[str, str, str, str]] = Counter()
    out = [""] * len(findings)
    for i in sorted(range(len(findings)), key=lambda i: (findings[i].start, findings[i].end, findings[i].rule)):
        f = findings[i]
        key = (f.rule, *context(f, source_text))
        out[i] = fingerprint(path, f, source_text, seen[key])
        seen[key] += 1
    return out
