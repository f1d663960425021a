"""Turn a source file into a Document: pick the format by extension."""

from __future__ import annotations

from copydesk.document import Document
from copydesk.formats import html, markdown, text

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
    builders = {"markdown": markdown.build, "html": html.build, "text": text.build}
    return builders[fmt or format_for(path)](path, source)
