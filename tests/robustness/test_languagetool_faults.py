"""LanguageTool failing during a run: killed, dying, slow, or its port held by something else.

Each time: one clear stderr line, exit 1 (the local findings decide; 2 only with
--require-languagetool), and every file's local findings still reported in valid JSON.
The killed server is a real one in the test's own COPYDESK_HOME (never the shared server);
the run is pointed at it with --languagetool-url so that copydesk does not start another.
The other faults use a small local HTTP server that misbehaves on cue.
"""

from __future__ import annotations

import http.server
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from robustness_helpers import Run, copydesk, copydesk_env, kill_orphans

from copydesk.languagetool import server

UNAVAILABLE = "copydesk: LanguageTool unavailable, grammar not checked: "


def _stories(folder: Path, count: int, paragraphs: int = 3) -> Path:
    """`count` stories, each with paragraphs no other story has (nothing comes from the cache)."""
    folder.mkdir()
    for i in range(count):
        paras = [f"Reporter {i} wrote that she ate a apple on day {p} of month {i}." for p in range(paragraphs)]
        (folder / f"story{i:02}.txt").write_text("\n\n".join([*paras, f"They met in the the capital {i}."]) + "\n")
    return folder


def _assert_local_findings_and_one_line(run: Run, files: int, reason: str) -> None:
    run.assert_no_crash()
    report = json.loads(run.out)
    assert len(report["files"]) == files
    for entry in report["files"]:
        assert "core.doubled-word" in [f["rule"] for f in entry["findings"]], entry["path"]
    lines = [line for line in run.err_lines if "LanguageTool" in line]
    assert len(lines) == 1, run.err_lines
    assert lines[0].startswith(UNAVAILABLE) and reason in lines[0], lines[0]
    assert run.err_lines == lines
    assert run.code == 1


class FakeLanguageTool(http.server.ThreadingHTTPServer):
    """A local HTTP server on 127.0.0.1 whose POST handler does what `behave` says."""

    daemon_threads = True

    def __init__(self, behave: Callable[[FakeLanguageTool, http.server.BaseHTTPRequestHandler], None]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.behave = behave
        self.requests: list[str] = []
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.timeout = 0.05
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def _serve(self) -> None:
        while not self.stopped.is_set():
            self.handle_request()
        self.server_close()  # from now on, connections are refused

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join(5)


class _Handler(http.server.BaseHTTPRequestHandler):
    server: FakeLanguageTool
    number = 0

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with self.server.lock:
            self.server.requests.append(self.path)
            self.number = len(self.server.requests)  # this request's place in the order they came
        self.server.behave(self.server, self)

    def log_message(self, format: str, *args: object) -> None:
        pass


def answer(handler: http.server.BaseHTTPRequestHandler, body: bytes, content_type: str = "application/json") -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


NO_MATCHES = json.dumps({"software": {"version": "6.8"}, "matches": []}).encode()


@pytest.fixture
def fake_languagetool() -> Iterator[Callable[..., FakeLanguageTool]]:
    started: list[FakeLanguageTool] = []

    def start(behave: Callable[[FakeLanguageTool, http.server.BaseHTTPRequestHandler], None]) -> FakeLanguageTool:
        started.append(FakeLanguageTool(behave))
        return started[-1]

    yield start
    for fake in started:
        fake.stop()


def _check(folder: Path, url: str, home: Path, *extra: str) -> Run:
    env = copydesk_env(COPYDESK_LANGUAGETOOL="on", COPYDESK_HOME=str(home))
    return copydesk("check", "--languagetool-url", url, "--output-format", "json", *extra, folder, env=env, timeout=90)


def _answers_cached(cache: Path) -> int:
    """How many texts LanguageTool has answered so far (the client caches each answer)."""
    try:
        with sqlite3.connect(cache, timeout=5) as db:
            return int(db.execute("SELECT count(*) FROM lt_matches").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_server_killed_in_the_middle_of_a_run(tmp_path: Path, private_home: Path) -> None:
    info = server.start(idle_timeout=300)
    folder = _stories(tmp_path / "copy", 40, paragraphs=4)
    env = copydesk_env(COPYDESK_LANGUAGETOOL="on", COPYDESK_HOME=str(private_home))
    argv = [sys.executable, "-m", "copydesk", "check", "--languagetool-url", info.url, "--output-format", "json",
            str(folder)]  # fmt: skip
    started = time.monotonic()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    cache = private_home / "cache" / "languagetool.sqlite3"
    while _answers_cached(cache) < 5 and proc.poll() is None and time.monotonic() - started < 60:
        time.sleep(0.02)  # until the first stories have their answers
    os.kill(info.pid, signal.SIGKILL)
    try:
        out, err = proc.communicate(timeout=90)
    finally:
        kill_orphans(proc.pid)
    run = Run(proc.returncode, out, err.decode(), time.monotonic() - started)
    _assert_local_findings_and_one_line(run, 40, f"LanguageTool at {info.url} ")
    findings = [f["rule"] for entry in json.loads(out)["files"] for f in entry["findings"]]
    assert any(rule.startswith("lt.") for rule in findings), "the kill came before LanguageTool answered anything"


def test_server_dying_mid_run_is_reported_once(
    tmp_path: Path, fresh_home: Path, fake_languagetool: Callable[..., FakeLanguageTool]
) -> None:
    """Two worker processes see the death differently (a dropped connection, then a refused one).

    The user must still get one line, not one per worker and wording.
    """

    def die_after_six(fake: FakeLanguageTool, handler: _Handler) -> None:
        number = handler.number
        if number <= 6:
            answer(handler, NO_MATCHES)
        elif number == 7:  # drop the connection without an answer, and stop listening
            fake.stopped.set()
            handler.connection.shutdown(socket.SHUT_RDWR)
            handler.close_connection = True
        else:  # already in flight while it died: an error page (new connections are refused)
            handler.send_error(503, "shutting down")

    fake = fake_languagetool(die_after_six)
    folder = _stories(tmp_path / "copy", 24)
    run = _check(folder, fake.url, fresh_home, "--jobs", "2")
    _assert_local_findings_and_one_line(run, 24, f"LanguageTool at {fake.url} ")


def test_slow_server_times_out_once_per_run(
    tmp_path: Path, fresh_home: Path, fake_languagetool: Callable[..., FakeLanguageTool]
) -> None:
    def slow(fake: FakeLanguageTool, handler: http.server.BaseHTTPRequestHandler) -> None:
        fake.stopped.wait(10)  # longer than the timeout; ends when the test does

    fake = fake_languagetool(slow)
    folder = _stories(tmp_path / "copy", 12)
    (folder / "copydesk.toml").write_text("[languagetool]\ntimeout = 1\n")
    run = _check(folder, fake.url, fresh_home, "--jobs", "2")
    _assert_local_findings_and_one_line(run, 12, "did not answer within 1 s")
    # Each worker gives up after its first story (4 paragraphs, so 4 requests), not once per story.
    assert len(fake.requests) <= 2 * 4, f"{len(fake.requests)} requests to a server that never answers"
    required = _check(folder, fake.url, fresh_home, "--require-languagetool")
    assert required.code == 2


def test_port_held_by_another_program_answering_http(
    tmp_path: Path, fresh_home: Path, fake_languagetool: Callable[..., FakeLanguageTool]
) -> None:
    """The configured port now belongs to some other web server: it answers, but not as LanguageTool."""
    fake = fake_languagetool(lambda fake, handler: answer(handler, b"<html>It works!</html>", "text/html"))
    folder = _stories(tmp_path / "copy", 3)
    run = _check(folder, fake.url, fresh_home)
    _assert_local_findings_and_one_line(run, 3, "sent a response copydesk cannot read")


def test_start_on_a_port_another_program_holds(private_home: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        env = copydesk_env(COPYDESK_HOME=str(private_home))
        run = copydesk("languagetool", "start", "--port", str(port), "--idle-timeout", "60", env=env)
    run.assert_no_crash()
    assert run.code != 0
    assert run.err_lines == [f"error: port {port} is already in use by another program; pick another port"]
    assert not server.state_path().exists()
