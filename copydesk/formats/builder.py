"""Assemble prose from pieces of a source file, recording where each piece came from."""

from __future__ import annotations

from copydesk.directives import Directives
from copydesk.document import Document, Region, Segment, line_segments, normalise_line_ends

# Stands in for a code span inside a sentence: not a word, so no check reads it as one.
PLACEHOLDER = "\ufffc"


class ProseBuilder:
    """Collects prose pieces in source order and builds the Document."""

    def __init__(self, path: str, source: str) -> None:
        self.path = path
        self.source = source
        self.parts: list[str] = []
        self.length = 0
        self.segments: list[Segment] = []
        self.regions: list[Region] = []
        self.directives = Directives()

    def add(self, text: str, src_start: int, src_end: int) -> None:
        """Append prose `text` taken from source[src_start:src_end] (verbatim when equal).

        Line breaks reach the prose as LF whatever the source uses (a parser may already
        have converted them), mapped break by break.
        """
        if not text:
            return
        raw = self.source[src_start:src_end]
        if "\r" in raw and normalise_line_ends(raw) == normalise_line_ends(text):
            prose, segments = line_segments(raw, self.length, src_start)
            self.segments.extend(segments)
            self.parts.append(prose)
            self.length += len(prose)
            return
        text = normalise_line_ends(text)
        self.segments.append(Segment(self.length, self.length + len(text), src_start, src_end))
        self.parts.append(text)
        self.length += len(text)

    def add_verbatim(self, src_start: int, src_end: int) -> None:
        self.add(self.source[src_start:src_end], src_start, src_end)

    def add_placeholder(self, src_start: int, src_end: int) -> None:
        self.add(PLACEHOLDER, src_start, src_end)

    def break_block(self) -> None:
        """End the current block: a blank line that maps to no source."""
        if self.length and not "".join(self.parts[-1:]).endswith("\n\n"):
            self.parts.append("\n\n")
            self.length += 2

    def mark(self, kind: str, start: int) -> None:
        """Record that prose from `start` to the current end is a region of `kind`."""
        if self.length > start:
            self.regions.append(Region(kind, start, self.length))

    def directive(self, comment: str, src_offset: int) -> None:
        """Feed a comment's text to the suppression directives at this point of the prose."""
        self.directives.feed(comment, self.length, src_offset, self.path)

    def build(self) -> Document:
        doc = Document(
            self.path,
            self.source,
            "".join(self.parts),
            self.segments,
            regions=self.regions,
            blank_line_paragraphs=True,
        )
        self.directives.apply_to(doc)
        return doc
