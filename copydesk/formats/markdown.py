"""Markdown: prose from markdown-it-py's tokens, mapped back to the source text.

Checked: paragraphs, headings, list items, table cells, link text, image alt text.
Skipped: front matter, code blocks and spans, URLs, raw HTML (its comments carry directives).
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from copydesk.document import Document
from copydesk.formats.builder import ProseBuilder
from copydesk.formats.html import COMMENT_RE

_LINE_END_RE = re.compile(r"\r\n?|\n")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # text_join off: escapes and entities stay separate tokens whose markup is the source form.
    return MarkdownIt("commonmark", {"html": True}).enable("table").use(front_matter_plugin).disable("text_join")


def build(path: str, source: str) -> Document:
    """The Document for a Markdown source."""
    # Lines end as markdown-it ends them: LF, CRLF or a lone CR.
    line_starts = [0] + [m.end() for m in _LINE_END_RE.finditer(source)]
    builder = ProseBuilder(path, source)
    cursor = 0
    last_map: list[int] | None = None
    region_kind: str | None = None
    for token in _parser().parse(source):
        if token.type == "heading_open":
            region_kind = "heading"
        elif token.type == "heading_close":
            region_kind = None
        elif token.type == "html_block" and token.map:
            start = line_starts[token.map[0]]
            for m in COMMENT_RE.finditer(token.content):
                builder.directive(m.group(1), start + m.start())
        elif token.type == "inline" and token.map:
            if token.map != last_map:
                cursor = line_starts[token.map[0]]
            last_map = token.map
            end = line_starts[token.map[1]] if token.map[1] < len(line_starts) else len(source)
            block_start = builder.length
            cursor = _add_inline(builder, source, token.children or [], cursor, end)
            if region_kind:
                builder.mark(region_kind, block_start)
            builder.break_block()
    return builder.build()


def _add_inline(builder: ProseBuilder, source: str, children: list[Token], cursor: int, end: int) -> int:
    in_autolink = False
    for child in children:
        kind = child.type
        if kind == "link_open" and child.markup == "autolink":
            in_autolink = True
        elif kind == "link_close":
            in_autolink = False
        elif kind == "text" and not in_autolink:
            cursor = _add_found(builder, source, child.content, child.content, cursor, end)
        elif kind == "text" and in_autolink:
            cursor = _skip_past(source, child.content, cursor, end)
        elif kind == "text_special":
            cursor = _add_found(builder, source, child.markup, child.content, cursor, end)
        elif kind in ("softbreak", "hardbreak"):
            cursor = _add_found(builder, source, "\n", "\n", cursor, end)
        elif kind == "code_inline":
            at = source.find(child.markup, cursor, end)
            if at >= 0:
                close = source.find(child.markup, at + len(child.markup) + len(child.content) - 1, end)
                stop = close + len(child.markup) if close >= 0 else at + len(child.markup)
                builder.add_placeholder(at, stop)
                cursor = stop
        elif kind == "image" and child.content:
            cursor = _add_found(builder, source, child.content, child.content, cursor, end)
            cursor = _skip_past(source, ")", cursor, end)
        elif kind == "html_inline":
            at = source.find(child.content, cursor, end)
            if at >= 0:
                for m in COMMENT_RE.finditer(child.content):
                    builder.directive(m.group(1), at + m.start())
                cursor = at + len(child.content)
    return cursor


def _add_found(builder: ProseBuilder, source: str, raw: str, prose: str, cursor: int, end: int) -> int:
    """Add `prose`, whose source form `raw` is the next occurrence after `cursor`."""
    at, stop = _find(source, raw, cursor, end)
    if at < 0:
        # Not found as written (a rare normalisation by the parser): keep the words, no fix.
        builder.add(prose, cursor, cursor)
        return cursor
    builder.add(prose, at, stop)
    return stop


def _find(source: str, raw: str, cursor: int, end: int) -> tuple[int, int]:
    """Where `raw` occurs next; markdown-it gives every line break as LF, the source may have CRLF or CR."""
    if "\n" not in raw:
        at = source.find(raw, cursor, end)
        return at, at + len(raw)
    pattern = f"(?:{_LINE_END_RE.pattern})".join(re.escape(line) for line in raw.split("\n"))
    m = re.compile(pattern).search(source, cursor, end)
    return (m.start(), m.end()) if m else (-1, -1)


def _skip_past(source: str, raw: str, cursor: int, end: int) -> int:
    at = source.find(raw, cursor, end)
    return cursor if at < 0 else at + len(raw)
