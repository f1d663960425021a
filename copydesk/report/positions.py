"""Line and column of a source offset (1-based, counted in code points), and other column units."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

_LINE_END_RE = re.compile(r"\r\n?|\n")


@dataclass(frozen=True)
class LineIndex:
    """Finds the line of any offset of one text quickly."""

    text: str

    @cached_property
    def starts(self) -> list[int]:
        """Where each line begins; lines end as copydesk reads them: LF, CRLF or a lone CR."""
        return [0] + [m.end() for m in _LINE_END_RE.finditer(self.text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a code-point offset."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line ending."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def utf16_column(self, offset: int) -> int:
        """1-based column of `offset` counted in UTF-16 code units (SARIF's default, LSP)."""
        line, _ = self.line_col(offset)
        prefix = self.text[self.starts[line - 1] : offset]
        return len(prefix.encode("utf-16-le")) // 2 + 1

    def utf8_column(self, offset: int) -> int:
        """1-based column of `offset` counted in UTF-8 bytes (reviewdog)."""
        line, _ = self.line_col(offset)
        return len(self.text[self.starts[line - 1] : offset].encode("utf-8")) + 1
