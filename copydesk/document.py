"""Document: the prose of a source file as one string, with a map back to source offsets.

Formats build Documents; checks read them and never see markup. Sentences, word tokens and
quotation regions are computed once, lazily, and shared by every check.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise

from copydesk import textunits
from copydesk.directives import Suppression

# The only letters outside ASCII that `regex`'s case-blind matching takes for an ASCII letter
# other than their lower case (tests/test_document.py checks every code point).
_FOLDS_TO_OTHER_ASCII_RE = re.compile("[\u0130\u0131\u017f]")


@dataclass(frozen=True)
class Segment:
    """A run of prose taken from source[src_start:src_end]; verbatim when the texts are equal."""

    prose_start: int
    prose_end: int
    src_start: int
    src_end: int

    @property
    def verbatim(self) -> bool:
        return self.prose_end - self.prose_start == self.src_end - self.src_start


LINE_END_RE = re.compile(r"\r\n?|\n")


def normalise_line_ends(text: str) -> str:
    """CRLF and lone CR as LF: every check reads one kind of line break."""
    return LINE_END_RE.sub("\n", text) if "\r" in text else text


def line_segments(raw: str, prose_start: int, src_start: int) -> tuple[str, list[Segment]]:
    """`raw` source text as prose with LF line breaks, and the segments that map it back.

    Each CRLF becomes its own one-character segment, so a span never ends between CR and LF
    and a fix across a converted break is shown but not applied.
    """
    segments: list[Segment] = []
    parts: list[str] = []
    prose_at, src_at = prose_start, src_start

    def piece(prose: str, src_len: int) -> None:
        nonlocal prose_at, src_at
        if prose:
            segments.append(Segment(prose_at, prose_at + len(prose), src_at, src_at + src_len))
            parts.append(prose)
            prose_at += len(prose)
            src_at += src_len

    last = 0
    for m in LINE_END_RE.finditer(raw):
        piece(raw[last : m.start()], m.start() - last)
        piece("\n", m.end() - m.start())
        last = m.end()
    piece(raw[last:], len(raw) - last)
    return "".join(parts), segments


@dataclass(frozen=True)
class Region:
    """A prose range with a role: heading, quotation, caption, ..."""

    kind: str
    start: int
    end: int


@dataclass
class Document:
    """Prose of one source file; `segments` map prose offsets to source offsets.

    Prose offsets not covered by a segment (separators a format inserted between blocks)
    map to the end of the previous segment.
    """

    path: str
    source: str
    prose: str
    segments: list[Segment]
    regions: list[Region] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    ignore_file: bool = False
    # Markup formats separate blocks with blank lines; plain text may keep one paragraph a line.
    blank_line_paragraphs: bool = False

    @classmethod
    def plain(cls, path: str, source: str) -> Document:
        """A document whose prose is its source, offset for offset (CRLF and CR read as LF)."""
        if "\r" not in source:
            return cls(path, source, source, [Segment(0, len(source), 0, len(source))])
        prose, segments = line_segments(source, 0, 0)
        return cls(path, source, prose, segments)

    @cached_property
    def _starts(self) -> list[int]:
        return [s.prose_start for s in self.segments]

    def _segment_at(self, offset: int) -> Segment | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.segments[i] if i >= 0 else None

    def to_source(self, offset: int, *, is_end: bool = False) -> int:
        """Map a prose offset to a source offset (an end offset maps to the end of its run)."""
        seg = self._segment_at(offset - 1 if is_end and offset > 0 else offset)
        if seg is None:
            return 0
        if offset >= seg.prose_end or (is_end and offset == seg.prose_end):
            return seg.src_end
        if seg.verbatim:
            return seg.src_start + offset - seg.prose_start
        return seg.src_end if is_end else seg.src_start

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open prose span to the source."""
        src_start = self.to_source(start)
        src_end = self.to_source(end, is_end=True) if end > start else src_start
        return src_start, max(src_start, src_end)

    def is_verbatim(self, start: int, end: int) -> bool:
        """True when prose[start:end] is exactly the source text it maps to (a fix can apply)."""
        s, e = self.source_span(start, end)
        return self.source[s:e] == self.prose[start:end]

    # Shared analyses, computed once per document.

    @cached_property
    def words(self) -> list[textunits.Token]:
        return textunits.tokenize(self.prose)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return textunits.split_sentences(self.prose, self.paragraphs)

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        return textunits.split_paragraphs(self.prose, blank_lines_only=self.blank_line_paragraphs)

    @cached_property
    def quotations(self) -> list[tuple[int, int]]:
        return textunits.find_quotations(self.prose, self.paragraphs)

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [q[0] for q in self.quotations]

    def in_quotation(self, start: int, end: int) -> bool:
        """True when the span lies inside (or overlaps) a direct quotation."""
        i = bisect.bisect_right(self._quote_starts, end) - 1
        while i >= 0:
            q_start, q_end = self.quotations[i]
            if q_end > start and q_start < end:
                return True
            if q_end <= start:
                return False
            i -= 1
        return False

    def region_kind(self, offset: int) -> str:
        """The role of the prose at `offset`: the first region (in the list) that holds it, or 'prose'."""
        index = self._region_index
        if index is not None:  # found by bisection: copy with 30,000 headings asks 30,000 times
            starts, ordered = index
            i = bisect.bisect_right(starts, offset) - 1
            return ordered[i].kind if i >= 0 and offset < ordered[i].end else "prose"
        for region in self.regions:
            if region.start <= offset < region.end:
                return region.kind
        return "prose"

    @cached_property
    def _region_index(self) -> tuple[list[int], list[Region]] | None:
        """The regions by start, when none overlaps another (then the one holding an offset is
        the first too); None when some nest, and the list is scanned in order."""
        ordered = sorted(self.regions, key=lambda r: r.start)
        if any(a.end > b.start for a, b in pairwise(ordered)):
            return None
        return [r.start for r in ordered], ordered

    def sentence_start_before(self, offset: int) -> int:
        """Start of the sentence that contains `offset`."""
        starts = [s for s, _ in self.sentences]
        i = bisect.bisect_right(starts, offset) - 1
        return starts[i] if i >= 0 else 0

    @cached_property
    def folded(self) -> str | None:
        """The prose in lower case, for a quick test that an ASCII word is absent; None when
        it holds a letter that a case-blind pattern matches to an ASCII letter its lower case
        is not (İ, ı, ſ), so that the test could miss. Offsets are the prose's: İ is the only
        character whose lower case is longer than one."""
        return None if _FOLDS_TO_OTHER_ASCII_RE.search(self.prose) else self.prose.lower()

    @cached_property
    def sentence_starts(self) -> frozenset[int]:
        """Prose offsets where a sentence (or heading, list item, cell) begins."""
        return frozenset(s for s, _ in self.sentences)
