"""What every check is: something built from Settings that turns a Document into Findings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from copydesk.config import Settings
from copydesk.document import Document
from copydesk.findings import Applicability, Finding, applicability_for
from copydesk.rule import Rule


class CheckUnavailable(Exception):
    """A check that cannot run now (a service is down); the message is one line for stderr."""


class Check(Protocol):
    """A check knows its rules and finds their slips in a document (prose offsets).

    A check whose `run` waits on a service sets a class attribute `remote = True`: the engine
    then runs it in a background thread while the other checks run.
    """

    rules: Sequence[Rule]

    def run(self, doc: Document) -> Iterable[Finding]: ...


class CheckFactory(Protocol):
    def __call__(self, settings: Settings) -> Check: ...


def finding(
    rule: Rule,
    start: int,
    end: int,
    suggestions: Sequence[str] = (),
    *,
    message: str | None = None,
    fix: Applicability | None = None,
) -> Finding:
    """A finding of `rule` at a prose span; several suggestions make a safe fix display-only."""
    sugg = tuple(dict.fromkeys(suggestions))
    return Finding(
        rule=rule.id,
        category=rule.category,
        severity=rule.severity,
        start=start,
        end=end,
        message=message or rule.message,
        suggestions=sugg,
        fix=applicability_for(sugg, fix or rule.fix),
    )


def keep_case(original: str, replacement: str) -> str:
    """`replacement` in the case pattern of `original` (Where → Were, WHERE → WERE)."""
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper() and not replacement[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
