"""Turn a source file into a Document: pick the format by extension."""

from __future__ import annotations

import importlib

from copydesk.document import Document

MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd")
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")


def format_for(path: str) -> str:
    """The format name for a path: markdown, html or text."""
    lower = path.lower()
    if lower.endswith(MARKDOWN_EXTENSIONS):
        return "markdown"
    if lower.endswith(HTML_EXTENSIONS):
        return "html"
    return "text"


def build_document(path: str, source: str, fmt: str | None = None) -> Document:
    """The Document for `source`, read as `fmt` (or as its extension says)."""
    module = importlib.import_module(f"copydesk.formats.{fmt or format_for(path)}")  # markdown-it only when needed
    document: Document = module.build(path, source)
    return document
