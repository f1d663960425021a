"""client.py against the real server: spans in code points, batching, rules, errors."""

from __future__ import annotations

import http.server
import json
import socket
import threading
import time
from typing import ClassVar

import language_tool_python
import psutil
import pytest

from copydesk.languagetool.client import (
    DEFAULT_DISABLED_RULES,
    MAX_CONCURRENT_REQUESTS,
    LanguageToolUnavailable,
    LTMatch,
    check_texts,
    utf16_span_to_code_points,
)
from copydesk.languagetool.server import ServerInfo


def _grammar_match(matches: list[LTMatch], text: str, word: str) -> LTMatch:
    """The one grammar match covering exactly `word` in `text`."""
    found = [m for m in matches if m.issue_type == "grammar" and text[m.start : m.end] == word]
    assert len(found) == 1, matches
    return found[0]


def test_grammar_slip_is_found_at_its_code_point_span(lt_server: ServerInfo) -> None:
    text = "He go to school yesterday."
    [matches] = check_texts(lt_server.url, [text])
    match = _grammar_match(matches, text, "go")
    assert (match.start, match.end) == (3, 5)
    assert match.category_id == "GRAMMAR"
    assert match.category_name
    assert match.message
    assert match.short_message
    assert "goes" in match.replacements


@pytest.mark.parametrize("prefix", ["👍 ", "😀🎉 ", "𝐍𝐞𝐰𝐬: ", "é ", ""])
def test_offsets_after_astral_characters_are_code_points(lt_server: ServerInfo, prefix: str) -> None:
    text = f"{prefix}He go to school yesterday."
    [matches] = check_texts(lt_server.url, [text])
    match = _grammar_match(matches, text, "go")
    assert match.start == len(prefix) + 3
    # language-tool-python's Match converts the offset too: the two must agree.
    with language_tool_python.LanguageTool("en-US", remote_server=lt_server.url) as tool:
        reference = [m for m in tool.check(text) if m.rule_id == match.rule_id]
    assert [m.offset for m in reference] == [match.start]


def test_match_spanning_an_emoji_ends_after_it() -> None:
    text = "a👍b👍👍c"  # UTF-16: a=0, 👍=1-2, b=3, 👍=4-5, 👍=6-7, c=8
    assert utf16_span_to_code_points(text, 1, 3) == (1, 2)
    assert utf16_span_to_code_points(text, 3, 8) == (2, 5)
    assert utf16_span_to_code_points(text, 8, 9) == (5, 6)
    assert utf16_span_to_code_points(text, 2, 5) == (1, 4)  # halves of a pair widen to the whole
    assert utf16_span_to_code_points("plain", 1, 3) == (1, 3)


def test_results_follow_the_order_of_the_texts(lt_server: ServerInfo) -> None:
    texts = ["He go to school yesterday.", "", "This sentence is fine.", "   ", "He go to school yesterday."]
    results = check_texts(lt_server.url, texts)
    assert len(results) == len(texts)
    assert results[0] and results[0] == results[4]
    assert results[1] == results[2] == results[3] == []


def test_default_disabled_rules_are_off_and_can_be_turned_on(lt_server: ServerInfo) -> None:
    text = "The the reporter filed her her story."
    [default] = check_texts(lt_server.url, [text])
    [everything] = check_texts(lt_server.url, [text], disabled_rules=set())
    assert not {m.rule_id for m in default} & DEFAULT_DISABLED_RULES
    assert "ENGLISH_WORD_REPEAT_RULE" in {m.rule_id for m in everything}


def test_unreachable_server_raises_one_line(lt_server: ServerInfo) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # free once closed: nothing listens there
    started = time.perf_counter()
    with pytest.raises(LanguageToolUnavailable) as caught:
        check_texts(f"http://127.0.0.1:{port}", ["He go to school yesterday."])
    assert time.perf_counter() - started < 5
    message = str(caught.value)
    assert "\n" not in message
    assert f"127.0.0.1:{port}" in message
    assert "not reachable" in message


def test_silent_server_times_out_with_one_line() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()  # the kernel accepts connections; nobody ever answers
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        with pytest.raises(LanguageToolUnavailable, match=r"did not answer within 0\.5 s") as caught:
            check_texts(url, ["He go to school yesterday."], timeout=0.5)
    assert "\n" not in str(caught.value)


def test_http_error_raises_one_line(lt_server: ServerInfo) -> None:
    with pytest.raises(LanguageToolUnavailable, match="HTTP 400") as caught:
        check_texts(lt_server.url, ["He go to school yesterday."], language="xx-NOPE")
    assert "\n" not in str(caught.value)


def _connections_to(port: int) -> set[int]:
    """Local ports of this process's open TCP connections to `port`."""
    return {
        c.laddr.port
        for c in psutil.Process().net_connections(kind="tcp")
        if c.raddr and c.raddr.port == port and c.status == psutil.CONN_ESTABLISHED
    }


def test_requests_reuse_their_connections(lt_server: ServerInfo) -> None:
    port = int(lt_server.url.rsplit(":", 1)[1].rstrip("/"))
    texts = [f"Paragraph number {n} goes to school yesterday." for n in range(12)]
    first = check_texts(lt_server.url, texts)
    kept = _connections_to(port)
    assert 1 <= len(kept) <= MAX_CONCURRENT_REQUESTS  # not one a paragraph
    again = check_texts(lt_server.url, [t.replace("Paragraph", "Section") for t in texts])
    assert _connections_to(port) == kept  # the next story is sent on the same connections
    assert [len(m) for m in again] == [len(m) for m in first]


class _ClosingHandler(http.server.BaseHTTPRequestHandler):
    """Answers one request like LanguageTool, then drops the connection without saying so
    (as a server does when a kept-alive connection idles past its timeout)."""

    protocol_version = "HTTP/1.1"  # so the client keeps the connection
    opened: ClassVar[set[int]] = set()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        type(self).opened.add(self.client_address[1])
        body = json.dumps({"software": {"version": "6.8"}, "matches": []}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_connection_the_server_dropped_is_opened_again() -> None:
    # A stand-in server: the real one cannot be made to drop a kept-alive connection on demand.
    _ClosingHandler.opened.clear()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _ClosingHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        for n in range(3):
            assert check_texts(url, [f"Story {n}, first paragraph.", f"Story {n}, second paragraph."]) == [[], []]
        assert len(_ClosingHandler.opened) == 6  # each request found its connection dropped and opened another
    finally:
        server.shutdown()
        server.server_close()
