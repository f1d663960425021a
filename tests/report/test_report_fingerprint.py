"""Fingerprints: what the slip is and the words around it, never where it is."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from copydesk.report.fingerprint import context, fingerprint, fingerprints, normalise_path
from copydesk.report.model import RunReport

BuildReport = Callable[..., RunReport]  # the conftest fixture


def test_context_is_two_words_each_side_within_the_paragraph(build_report: BuildReport) -> None:
    text = "Earlier paragraph ends here.\n\nthe the cat sat, then left.\n"
    (f,) = build_report(("s.txt", text)).results[0].findings
    assert context(f, text) == ("the the", "", "cat sat")


def test_context_collapses_whitespace(build_report: BuildReport) -> None:
    text = "We  saw\tthe\nthe cat.\n"
    (f,) = build_report(("s.txt", text)).results[0].findings
    assert context(f, text) == ("the the", "We saw", "cat")


def test_fingerprint_is_sha256_of_the_documented_key(build_report: BuildReport) -> None:
    text = "We saw the the cat.\n"
    (f,) = build_report(("s.txt", text)).results[0].findings
    key = "\x1f".join(("v1", "news/s.txt", "core.doubled-word", "the the", "We saw", "cat", "0"))
    assert fingerprint("./news/s.txt", f, text) == hashlib.sha256(key.encode()).hexdigest()
    assert fingerprint("news\\s.txt", f, text) == fingerprint("news/s.txt", f, text)


def test_occurrence_counter_follows_text_order(build_report: BuildReport) -> None:
    text = "We saw the the cat.\n\nWe saw the the cat.\n\nWe saw the the dog.\n"
    findings = build_report(("s.txt", text)).results[0].findings
    expected = [
        fingerprint("s.txt", findings[0], text, 0),
        fingerprint("s.txt", findings[1], text, 1),
        fingerprint("s.txt", findings[2], text, 0),
    ]
    assert fingerprints("s.txt", findings, text) == expected
    assert fingerprints("s.txt", findings[::-1], text) == expected[::-1]


def test_normalise_path() -> None:
    assert normalise_path("././a\\b.txt") == "a/b.txt"
    assert normalise_path("/abs/x.txt") == "/abs/x.txt"


def test_line_endings_do_not_change_fingerprints(build_report: BuildReport) -> None:
    lf = "Lede here.\n\nWe saw the the\ncat,, there.\n"
    crlf = lf.replace("\n", "\r\n")
    lf_findings = build_report(("s.txt", lf)).results[0].findings
    crlf_findings = build_report(("s.txt", crlf)).results[0].findings
    assert len(lf_findings) == 2
    assert fingerprints("s.txt", crlf_findings, crlf) == fingerprints("s.txt", lf_findings, lf)
