"""Check paragraphs against a LanguageTool server, with code-point offsets and a disk cache.

Transport: the standard library's http.client against `/v2/check`, one kept-alive connection
per request thread (no proxy is used), not language-tool-python's
`LanguageTool(remote_server=url).check()`, whose 3.4.0 `Match` cannot give copydesk what it
needs: it discards `shortMessage` and the category name (its `__setattr__` drops every key
outside a fixed list), converts the UTF-16 offset to code points but not the length (a match
spanning an emoji would end one character late), keeps that conversion's bookkeeping in
class attributes (racy when two threads check different texts), and fixes the request
timeout at 300 s. language-tool-python stays the reference: the tests compare our offsets
with its `Match.offset`, and `install.py` lays LanguageTool out the way it expects.

Batching: one request per text, MAX_CONCURRENT_REQUESTS at a time. On 50 news paragraphs
(2,780 words; `tests/languagetool/bench_batching.py`, 2 shared cores) one joined request
took 470 ms, separate requests 608 ms two at a time and 686 ms one at a time. Joining is
a little faster, but it lets LanguageTool's text-level rules (ENGLISH_WORD_REPEAT_BEGINNING_RULE,
EN_UNPAIRED_BRACKETS, ...) see across paragraphs, so a paragraph's matches would depend on
its neighbours, and on which of them happened to be cached: a per-paragraph cache must not
store such results.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import http.client
import json
import os
import socket
import sqlite3
import threading
import urllib.parse
from collections.abc import Iterable, Set
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from copydesk.languagetool.install import LT_VERSION
from copydesk.languagetool.paths import cache_dir
from copydesk.languagetool.server import touch
from copydesk.threadpools import thread_pool

# LanguageTool rules copydesk leaves off by default: it checks the same thing itself, or the
# rule is wrong too often on edited news copy. `[languagetool] enabled-rules` turns any back on.
DEFAULT_DISABLED_RULES: frozenset[str] = frozenset(
    {
        "MORFOLOGIK_RULE_EN_US",  # spelling: copydesk's speller knows names in the news
        "MORFOLOGIK_RULE_EN_GB",  # spelling, British variant: as above
        "MORFOLOGIK_RULE_EN_AU",  # spelling, Australian variant: as above
        "MORFOLOGIK_RULE_EN_CA",  # spelling, Canadian variant: as above
        "MORFOLOGIK_RULE_EN_NZ",  # spelling, New Zealand variant: as above
        "MORFOLOGIK_RULE_EN_ZA",  # spelling, South African variant: as above
        "ENGLISH_WORD_REPEAT_RULE",  # "the the": copydesk has its own doubled-word rule
        "WHITESPACE_RULE",  # repeated spaces: copydesk normalises and checks spacing itself
        "UPPERCASE_SENTENCE_START",  # headlines, bylines and list items start in lower case
        "EN_QUOTES",  # straight vs curly quotes: a house-style choice copydesk makes itself
        # Unpaired quotation marks: core.unbalanced-marks reads the whole story, where a quotation
        # may run over paragraphs unclosed (news style); LanguageTool sees one paragraph at a time.
        "EN_UNPAIRED_QUOTES",
        "PER_CENT",  # "per cent": news.percent-style follows the house's [news] percent setting
        # A comma before "and"/"but" joining two clauses: 341 of the 1,364 false alarms on the
        # 211,000 words of published copy in the dev set (1.6 per 1,000 words); a house that
        # wants the comma can turn them on.
        "COMMA_COMPOUND_SENTENCE",
        "COMMA_COMPOUND_SENTENCE_2",
        # A plural used as a modifier ("the ratings agency", "the medicines regulator") taken for
        # a possessive missing its apostrophe: 11 of its 12 findings on that published copy.
        "POSSESSIVE_APOSTROPHE",
        "ERDOGAN",  # "Erdoğan": AP drops the accents (as EN_DIACRITICS_REPLACE, dropped in checks/grammar.py)
        "JONG_UN",  # "Kim Jong-un": AP writes Kim Jong Un; a house model learns the house's spelling
    }
)

MAX_CONCURRENT_REQUESTS = 2  # the server is CPU-bound; more threads than cores only queue
_CACHE_FORMAT = 1  # bump when LTMatch or its conversion changes, to ignore old entries


class LanguageToolUnavailable(Exception):
    """The server could not be reached or gave no usable answer; `str()` is one line."""


@dataclass(frozen=True)
class LTMatch:
    """One LanguageTool match; `start`/`end` are a half-open span in code points of its text."""

    rule_id: str
    category_id: str
    category_name: str
    issue_type: str
    message: str
    short_message: str
    replacements: tuple[str, ...]
    start: int
    end: int


def check_texts(
    url: str,
    texts: list[str],
    *,
    language: str = "en-US",
    disabled_rules: Set[str] = DEFAULT_DISABLED_RULES,
    enabled_rules: Set[str] = frozenset(),
    timeout: float = 30.0,
    cache: bool = False,
) -> list[list[LTMatch]]:
    """Check each text separately; return its matches, in order, one list per text.

    `url` is the server root (e.g. http://127.0.0.1:8081). Blank texts are not sent, and
    duplicates are sent once. With `cache`, results are read from and written to a sqlite
    file under `cache_dir()`, keyed by text, LanguageTool version, language and disabled
    rules, so an unchanged paragraph is never sent twice. Raises LanguageToolUnavailable.
    """
    rules = _Rules(",".join(sorted(disabled_rules)), ",".join(sorted(enabled_rules)))
    found: dict[str, list[LTMatch]] = {text: [] for text in texts if not text.strip()}
    store = _Cache.shared() if cache else None
    keys = {text: _cache_key(text, language, rules) for text in texts if text not in found}
    if store is not None:
        cached = store.get(list(keys.values()))
        found.update((text, cached[key]) for text, key in keys.items() if key in cached)
    todo = [text for text in keys if text not in found]
    if todo:
        touch()  # postpone the local server's idle shutdown (harmless if `url` is another one)
        # The pool outlives the call, so that its threads' kept-alive connections do too.
        answers = list(
            thread_pool("languagetool", MAX_CONCURRENT_REQUESTS).map(
                lambda text: _check_one(url, text, language, rules, timeout), todo
            )
        )
        for text, (_, matches) in zip(todo, answers, strict=True):
            found[text] = matches
        if store is not None:  # the keys assume the pinned version: store only its answers
            store.put({keys[t]: m for t, (v, m) in zip(todo, answers, strict=True) if v == LT_VERSION})
    return [found[text] for text in texts]


@dataclass(frozen=True)
class _Rules:
    """The rule switches of a request, comma-separated as LanguageTool takes them."""

    disabled: str
    enabled: str

    @cached_property
    def query(self) -> str:
        """The switches as form fields, encoded once: the list runs to hundreds of characters,
        and encoding it with every request cost about 8% of the client's time."""
        fields = {"disabledRules": self.disabled, "enabledRules": self.enabled}
        return urllib.parse.urlencode({k: v for k, v in fields.items() if v})


def _check_one(url: str, text: str, language: str, rules: _Rules, timeout: float) -> tuple[str, list[LTMatch]]:
    """POST one text to {url}/v2/check; return the server's version and the matches."""
    form = urllib.parse.urlencode({"text": text, "language": language})
    body = f"{form}&{rules.query}".encode() if rules.query else form.encode()
    try:
        status, answer = _post(url, body, timeout)
        if status != 200:
            raise LanguageToolUnavailable(
                _one_line(f"LanguageTool at {url} answered HTTP {status}: {answer.decode(errors='replace')}")
            )
        parsed = json.loads(answer)
        version = str(parsed["software"]["version"])
        matches = [_to_match(raw, text) for raw in parsed["matches"]]
    except (ConnectionRefusedError, socket.gaierror) as exc:
        raise LanguageToolUnavailable(_one_line(f"LanguageTool at {url} is not reachable: {exc}")) from exc
    except TimeoutError as exc:
        raise LanguageToolUnavailable(f"LanguageTool at {url} did not answer within {timeout:g} s") from exc
    except (OSError, http.client.HTTPException) as exc:
        raise LanguageToolUnavailable(_one_line(f"LanguageTool at {url} failed: {exc!r}")) from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise LanguageToolUnavailable(f"LanguageTool at {url} sent a response copydesk cannot read ({exc!r})") from exc
    return version, matches


# One kept-alive connection per request thread and server. With the switches encoded once, it
# cut the client's CPU time on 80 dev articles by a quarter (0.86-0.89 s to 0.63-0.66 s): a new
# connection for every paragraph costs a connect, a close and urllib's handler chain.
_connections = threading.local()
# What a reused connection the server has meanwhile closed raises: the request is sent again once.
_STALE = (http.client.RemoteDisconnected, http.client.CannotSendRequest, BrokenPipeError, ConnectionResetError)
_HEADERS = {"Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded"}


def _post(url: str, body: bytes, timeout: float) -> tuple[int, bytes]:
    """POST a form to {url}/v2/check on this thread's connection; the status and the body."""
    parts = urllib.parse.urlsplit(url)
    kept: dict[tuple[str, float], http.client.HTTPConnection] = _connections.__dict__.setdefault("kept", {})
    for attempt in (1, 2):
        connection = kept.pop((url, timeout), None)  # in use: kept again only once it has answered
        reused = connection is not None
        if connection is None:
            kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
            connection = kind(parts.hostname or "", parts.port, timeout=timeout)
        try:
            connection.request("POST", parts.path.rstrip("/") + "/v2/check", body, _HEADERS)
            _ack_at_once(connection)
            response = connection.getresponse()
            answer = response.status, response.read()
        except _STALE:
            connection.close()
            if reused and attempt == 1:
                continue
            raise
        except BaseException:
            connection.close()  # a late answer must not be read as the next request's
            raise
        kept[(url, timeout)] = connection
        return answer
    raise AssertionError("unreachable: the second attempt returns or raises")


def _ack_at_once(connection: http.client.HTTPConnection) -> None:
    """Acknowledge the answer's first packet at once (Linux), on a kept-alive connection.

    On a kept-alive connection each answer came about 45 ms late: the mark of a server that
    waits (Nagle) for the acknowledgement of its first packet, which Linux delays by up to
    40 ms (inferred from the cure, not traced). Measured on 570 paragraphs: 32.8 s with
    keep-alive, 6.6 s with this, 6.8 s with a new connection each time."""
    sock = connection.sock
    if sock is not None and hasattr(socket, "TCP_QUICKACK"):
        with contextlib.suppress(OSError):  # not TCP (a Unix socket): nothing to hurry
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)


def _to_match(raw: dict[str, Any], text: str) -> LTMatch:
    """Convert one JSON match; LanguageTool counts UTF-16 code units, Python code points."""
    offset, length = int(raw["offset"]), int(raw["length"])
    start, end = utf16_span_to_code_points(text, offset, offset + length)
    rule = raw["rule"]
    return LTMatch(
        rule_id=rule["id"],
        category_id=rule["category"]["id"],
        category_name=rule["category"].get("name", ""),
        issue_type=rule.get("issueType", ""),
        message=raw["message"],
        short_message=raw.get("shortMessage", ""),
        replacements=tuple(r["value"] for r in raw.get("replacements", ())),
        start=start,
        end=end,
    )


def utf16_span_to_code_points(text: str, start: int, end: int) -> tuple[int, int]:
    """Map a UTF-16 half-open span of `text` to code points (a split surrogate pair widens it)."""
    if not text or max(text) <= "\uffff":  # no astral characters: the two counts agree
        return start, end
    unit_starts = list(_utf16_starts(text))  # UTF-16 offset of each code point, then the length
    return bisect.bisect_right(unit_starts, start) - 1, bisect.bisect_left(unit_starts, end)


def _utf16_starts(text: str) -> Iterable[int]:
    """The UTF-16 offset of each character of `text`, then the UTF-16 length of `text`."""
    units = 0
    for char in text:
        yield units
        units += 2 if char > "\uffff" else 1
    yield units


def _one_line(message: str, limit: int = 300) -> str:
    """Collapse whitespace (newlines included) and cut to `limit` characters."""
    flat = " ".join(message.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _cache_key(text: str, language: str, rules: _Rules) -> str:
    """sha256 of everything that determines a text's matches."""
    material = json.dumps(
        [_CACHE_FORMAT, LT_VERSION, language, rules.disabled, rules.enabled, text], ensure_ascii=False
    )
    return hashlib.sha256(material.encode()).hexdigest()


class _Cache:
    """Matches by cache key in one sqlite file (WAL mode: many readers, writers queue).

    Only an optimisation: when sqlite fails (locked past its timeout, disk full, a damaged
    file), the answer is a cache miss and the paragraph goes to LanguageTool.
    """

    _open: tuple[tuple[int, Path], _Cache | None] | None = None  # one connection per process and folder

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    @classmethod
    def shared(cls) -> _Cache | None:
        """This process's cache, opened once (a worker forked from the CLI opens its own)."""
        where = (os.getpid(), cache_dir())
        if cls._open is None or cls._open[0] != where:
            try:
                cache: _Cache | None = cls.open()
            except (sqlite3.Error, OSError):
                cache = None
            cls._open = (where, cache)
        return cls._open[1]

    @classmethod
    def open(cls) -> _Cache:
        """Open (creating if needed) cache_dir()/languagetool.sqlite3."""
        directory = cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(directory / "languagetool.sqlite3", timeout=30.0)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # a lost last write after power loss is only a cache miss
        db.execute("CREATE TABLE IF NOT EXISTS lt_matches (key TEXT PRIMARY KEY, matches TEXT NOT NULL)")
        db.commit()
        return cls(db)

    def get(self, keys: list[str]) -> dict[str, list[LTMatch]]:
        """The cached matches of those `keys` that are cached."""
        found: dict[str, list[LTMatch]] = {}
        rows: list[tuple[str, str]] = []
        try:
            for start in range(0, len(keys), 500):  # stay under sqlite's bound-parameter limit
                chunk = keys[start : start + 500]
                rows += self._db.execute(
                    f"SELECT key, matches FROM lt_matches WHERE key IN ({','.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
        except sqlite3.Error:
            return {}
        for key, matches in rows:
            found[key] = [
                LTMatch(**{**match, "replacements": tuple(match["replacements"])}) for match in json.loads(matches)
            ]
        return found

    def put(self, entries: dict[str, list[LTMatch]]) -> None:
        """Store the matches of several texts in one transaction."""
        rows = [
            (key, json.dumps([asdict(match) for match in matches], ensure_ascii=False))
            for key, matches in entries.items()
        ]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO lt_matches (key, matches) VALUES (?, ?)", rows)
        except sqlite3.Error:
            pass  # not cached this time

    def close(self) -> None:
        """Close the connection."""
        self._db.close()
