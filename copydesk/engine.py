"""Check one file: read it, build its Document, run the checks, resolve the findings."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial

from copydesk import sourcefile
from copydesk.checks.base import Check, CheckUnavailable
from copydesk.checks.core import UNUSED_SUPPRESSION
from copydesk.checks.registry import checks_for
from copydesk.config import Settings
from copydesk.directives import Suppression
from copydesk.document import Document
from copydesk.findings import Finding
from copydesk.formats import build_document
from copydesk.resolve import resolve
from copydesk.selection import selected
from copydesk.sourcefile import InputError, SourceFile
from copydesk.threadpools import thread_pool


@dataclass
class FileResult:
    """What checking one file gave: its findings, or the one-line reason it could not be checked."""

    path: str
    source: SourceFile | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    unused_suppressions: list[Suppression] = field(default_factory=list)
    fixed: int = 0
    diff: str = ""  # with --diff: the unified diff of the fixes
    fixed_text: str | None = None  # with --fix on stdin: the fixed copy
    notes: list[str] = field(default_factory=list)  # e.g. a service that was down


def check_document(doc: Document, settings: Settings, notes: list[str] | None = None) -> list[Finding]:
    """Resolved findings for a Document (source spans); a check that cannot run adds a note.

    A check that waits on a service (`remote`: LanguageTool) runs in a background thread while
    the local checks run, so the document's local checking costs no time on top of the wait.
    """
    active = [
        check
        for check in checks_for(settings)
        if any(selected(r.id, r.category.value, settings.select, settings.ignore) for r in check.rules)
    ]
    pending = {id(c): _background().submit(_findings, c, doc) for c in active if getattr(c, "remote", False)}
    found = {id(c): _noted(partial(_findings, c, doc), notes) for c in active if id(c) not in pending}
    found.update((key, _noted(future.result, notes)) for key, future in pending.items())
    return resolve(doc, [f for check in active for f in found[id(check)]], settings)


def _findings(check: Check, doc: Document) -> list[Finding]:
    return list(check.run(doc))


def _noted(run: Callable[[], list[Finding]], notes: list[str] | None) -> list[Finding]:
    """The findings `run` gives; none, and a note, when its check is unavailable."""
    try:
        return run()
    except CheckUnavailable as e:
        if notes is not None:
            notes.append(str(e))
        return []


def _background() -> ThreadPoolExecutor:
    """This process's one background thread for remote checks.

    One thread, not one per document: LanguageTool's sqlite cache connection may only be
    used by the thread that opened it.
    """
    return thread_pool("remote", 1)


def check_text(
    path: str, text: str, settings: Settings, fmt: str | None = None, notes: list[str] | None = None
) -> tuple[Document, list[Finding]]:
    """Build the Document for `text` and check it."""
    doc = build_document(path, text, fmt)
    findings = check_document(doc, settings, notes)
    if settings.report_unused_suppressions and selected(
        UNUSED_SUPPRESSION.id, "consistency", settings.select, settings.ignore
    ):
        findings += [_unused(doc, s) for s in doc.suppressions if not s.used and _could_fire(s, settings)]
    return doc, findings


def _could_fire(suppression: Suppression, settings: Settings) -> bool:
    """Only a suppression whose rules all ran this time can be called unused."""
    ran = {rule.id for check in checks_for(settings) for rule in check.rules}
    if suppression.rules is None:
        return True
    return all(any(rule_id == r or rule_id.startswith(r) for rule_id in ran) for r in suppression.rules)


def _unused(doc: Document, suppression: Suppression) -> Finding:
    """A finding on the comment of a suppression that silenced nothing (as ruff's RUF100)."""
    start = suppression.source_offset
    end = doc.source.find("-->", start)
    end = end + 3 if end >= 0 else start
    start = max(0, doc.source.rfind("<!--", 0, start + 4))
    return Finding(
        UNUSED_SUPPRESSION.id,
        UNUSED_SUPPRESSION.category,
        UNUSED_SUPPRESSION.severity,
        start,
        end,
        UNUSED_SUPPRESSION.message,
        matched=doc.source[start:end],
    )


def check_source(source: SourceFile, settings: Settings, fmt: str | None = None) -> FileResult:
    """Check decoded copy; a failing check becomes the file's error, never a crash of the run."""
    notes: list[str] = []
    try:
        doc, findings = check_text(source.path, source.text, settings, fmt, notes)
    except InputError as e:  # a rule that timed out, say: the file was not checked
        return FileResult(source.path, error=str(e))
    unused = [s for s in doc.suppressions if not s.used]
    return FileResult(source.path, source, findings, unused_suppressions=unused, notes=notes)


def check_path(path: str, settings: Settings, fmt: str | None = None) -> FileResult:
    """Read and check one file."""
    try:
        source = sourcefile.read(path)
    except InputError as e:
        return FileResult(path, error=str(e))
    return check_source(source, settings, fmt)
