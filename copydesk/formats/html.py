"""HTML: prose from the text nodes (and alt/title text) found by the standard library's parser.

Skipped: script, style, code, pre and the like. Block elements end a block of prose, so each
paragraph, heading, list item and cell is checked on its own. Entities become their
characters; such spans map back to the whole entity and are not fixed automatically.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import regex

from copydesk import patterns
from copydesk.document import Document
from copydesk.formats.builder import ProseBuilder

COMMENT_RE = patterns.compile(r"<!--(.*?)-->", regex.S)

SKIPPED = frozenset(
    ["script", "style", "code", "pre", "kbd", "samp", "var", "textarea", "noscript", "template", "svg", "math", "head"]
)
INLINE_CODE = frozenset(["code", "kbd", "samp", "var"])  # stands in the sentence as a placeholder
HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6", "title"])
BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "hr",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "nav",
        "aside",
        "figure",
        "figcaption",
        "address",
        "details",
        "summary",
        "form",
        "fieldset",
        "legend",
        "option",
        "body",
        "html",
        "title",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    ]
)
_ATTR_RE = patterns.compile(r"""\s(alt|title)\s*=\s*(?:"([^"]*)"|'([^']*)')""", regex.I)


class _ProseParser(HTMLParser):
    def __init__(self, builder: ProseBuilder, line_starts: list[int]) -> None:
        super().__init__(convert_charrefs=False)
        self.builder = builder
        self.line_starts = line_starts
        self.skip_depth = 0
        self.heading_start: int | None = None
        self.code_start: int | None = None

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            if self.skip_depth == 0 and tag in INLINE_CODE:
                self.code_start = self._offset()
            self.skip_depth += 1
            return
        if tag in BLOCKS:
            self.builder.break_block()
        if tag in HEADINGS and self.skip_depth == 0:
            self.heading_start = self.builder.length
        self._add_attribute_text()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.builder.break_block()
        self._add_attribute_text()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skip_depth = max(0, self.skip_depth - 1)
            if self.skip_depth == 0 and self.code_start is not None:
                end = self.builder.source.find(">", self._offset()) + 1
                self.builder.add_placeholder(self.code_start, end or self._offset())
                self.code_start = None
            return
        if tag in HEADINGS and self.heading_start is not None:
            self.builder.mark("heading", self.heading_start)
            self.heading_start = None
        if tag in BLOCKS:
            self.builder.break_block()

    def _add_attribute_text(self) -> None:
        if self.skip_depth:
            return
        raw = self.get_starttag_text() or ""
        start = self._offset()
        for m in _ATTR_RE.finditer(raw):
            group = 2 if m.group(2) is not None else 3
            value = m.group(group)
            if value.strip():
                self.builder.break_block()
                self.builder.add(html.unescape(value), start + m.start(group), start + m.end(group))
                self.builder.break_block()

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            start = self._offset()
            self.builder.add(data, start, start + len(data))

    def handle_entityref(self, name: str) -> None:
        self._add_reference(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._add_reference(f"&#{name};")

    def _add_reference(self, ref: str) -> None:
        if self.skip_depth:
            return
        start = self._offset()
        raw_end = start + len(ref)
        if self.builder.source[start:raw_end] != ref:  # written without the closing semicolon
            raw_end -= 1
        self.builder.add(html.unescape(ref), start, raw_end)

    def handle_comment(self, data: str) -> None:
        self.builder.directive(data, self._offset())


def build(path: str, source: str) -> Document:
    """The Document for an HTML source."""
    line_starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]
    builder = ProseBuilder(path, source)
    parser = _ProseParser(builder, line_starts)
    parser.feed(source)
    parser.close()
    return builder.build()
