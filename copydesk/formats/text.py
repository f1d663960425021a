"""Plain text: the prose is the source."""

from __future__ import annotations

from copydesk.document import Document


def build(path: str, source: str) -> Document:
    """A Document whose prose is the whole source."""
    return Document.plain(path, source)
