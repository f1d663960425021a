"""Measure how to send many paragraphs to LanguageTool: one joined request or concurrent ones.

Run: COPYDESK_HOME=... python tests/languagetool/bench_batching.py [rounds [server-url]]
It starts (or reuses) the server unless given a URL, then times, over the same 50 paragraphs:
  joined      one request, paragraphs joined by blank lines, matches split back by offset
  threads=N   one request per paragraph, N at a time (N = 1, 2, 4)
and a single 500-word text (threads=2). The cache is off throughout.
"""

from __future__ import annotations

import dataclasses
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_copy import paragraphs, words

from copydesk.languagetool import client, server
from copydesk.languagetool.install import install

SEPARATOR = "\n\n"


def joined(url: str, texts: list[str]) -> list[list[client.LTMatch]]:
    """One request for all texts; matches crossing a separator are dropped."""
    whole = SEPARATOR.join(texts)
    _, matches = client._check_one(url, whole, "en-US", ",".join(sorted(client.DEFAULT_DISABLED_RULES)), 120)
    bounds, start = [], 0
    for text in texts:
        bounds.append((start, start + len(text)))
        start += len(text) + len(SEPARATOR)
    result: list[list[client.LTMatch]] = [[] for _ in texts]
    for match in matches:
        for i, (lo, hi) in enumerate(bounds):
            if lo <= match.start and match.end <= hi:
                result[i].append(dataclasses.replace(match, start=match.start - lo, end=match.end - lo))
    return result


def threads(n: int) -> Callable[[str, list[str]], list[list[client.LTMatch]]]:
    """check_texts with n concurrent requests."""

    def run(url: str, texts: list[str]) -> list[list[client.LTMatch]]:
        client.MAX_CONCURRENT_REQUESTS = n
        return client.check_texts(url, texts, timeout=120)

    return run


def main() -> None:
    """Time each approach round-robin (so load from other processes hits all alike)."""
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    if len(sys.argv) > 2:
        url = sys.argv[2]
    else:
        install()
        url = server.ensure_running().url
    texts = paragraphs(50)
    essay = [words(500)]
    approaches: dict[str, tuple[Callable[[str, list[str]], list[list[client.LTMatch]]], list[str]]] = {
        "joined": (joined, texts),
        "threads=1": (threads(1), texts),
        "threads=2": (threads(2), texts),
        "threads=4": (threads(4), texts),
        f"{len(essay[0].split())} words": (threads(2), essay),
    }
    print(f"{len(texts)} paragraphs, {sum(len(t.split()) for t in texts)} words, {rounds} rounds, {url}")
    for fn, batch in approaches.values():  # JIT warm-up
        fn(url, batch)
    times: dict[str, list[float]] = {label: [] for label in approaches}
    for _ in range(rounds):
        for label, (fn, batch) in approaches.items():
            started = time.perf_counter()
            fn(url, batch)
            times[label].append(time.perf_counter() - started)
    for label, seconds in times.items():
        print(f"{label:>10}: median {statistics.median(seconds) * 1000:5.0f} ms, best {min(seconds) * 1000:5.0f} ms")
    separate = [[(m.rule_id, m.start, m.end) for m in ms] for ms in threads(2)(url, texts)]
    together = [[(m.rule_id, m.start, m.end) for m in ms] for ms in joined(url, texts)]
    differing = sum(a != b for a, b in zip(separate, together, strict=True))
    print(f"paragraphs whose matches differ between joined and separate: {differing}")


if __name__ == "__main__":
    main()
