"""The engine: a check that waits on a service runs beside the local checks, in one thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from copydesk import engine
from copydesk.checks.base import CheckUnavailable, finding
from copydesk.config import Settings
from copydesk.document import Document
from copydesk.findings import Category, Finding, Severity
from copydesk.rule import Rule

LOCAL_RULE = Rule("test.local", Category.GRAMMAR, Severity.WARNING, "local", "a local check")
REMOTE_RULE = Rule("test.remote", Category.GRAMMAR, Severity.WARNING, "remote", "a remote check")


class LocalCheck:
    rules = (LOCAL_RULE,)

    def __init__(self, started: threading.Event) -> None:
        self.started = started

    def run(self, doc: Document) -> Iterator[Finding]:
        self.started.set()
        yield finding(LOCAL_RULE, 0, 3)


class RemoteCheck:
    """Answers only once the local check has started: it must not be run first and waited for."""

    rules = (REMOTE_RULE,)
    remote = True

    def __init__(self, started: threading.Event, fail: bool = False) -> None:
        self.started = started
        self.fail = fail
        self.threads: list[str] = []

    def run(self, doc: Document) -> Iterator[Finding]:
        self.threads.append(threading.current_thread().name)
        if not self.started.wait(timeout=30):
            raise AssertionError("the local check never ran while the remote one waited")
        if self.fail:
            raise CheckUnavailable("remote service unavailable")
        yield finding(REMOTE_RULE, 4, 7)


@pytest.fixture
def two_checks(monkeypatch: pytest.MonkeyPatch) -> tuple[RemoteCheck, LocalCheck]:
    started = threading.Event()
    remote, local = RemoteCheck(started), LocalCheck(started)
    monkeypatch.setattr(engine, "checks_for", lambda settings: (remote, local))  # remote first, as registered
    return remote, local


def test_a_remote_check_runs_beside_the_local_ones(two_checks: tuple[RemoteCheck, LocalCheck]) -> None:
    remote, _ = two_checks
    doc = Document.plain("a.txt", "one two three")
    found = engine.check_document(doc, Settings())
    assert [(f.rule, f.start, f.end) for f in found] == [("test.local", 0, 3), ("test.remote", 4, 7)]
    found = engine.check_document(doc, Settings())
    assert len(found) == 2
    # one background thread for every document, never the caller's
    assert len(set(remote.threads)) == 1 and remote.threads[0] != threading.current_thread().name


def test_a_remote_check_that_is_unavailable_is_a_note(two_checks: tuple[RemoteCheck, LocalCheck]) -> None:
    remote, _ = two_checks
    remote.fail = True
    notes: list[str] = []
    found = engine.check_document(Document.plain("a.txt", "one two three"), Settings(), notes)
    assert [f.rule for f in found] == ["test.local"]
    assert notes == ["remote service unavailable"]
