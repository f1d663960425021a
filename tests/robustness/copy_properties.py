"""The properties every document must keep, as plain functions that raise AssertionError.

Shared by the property tests (a few hundred examples) and `benchmarks/soak.py` (10,000+).

- `check_document`: checking never crashes; every span lies within the text, covers exactly
  `matched`, never splits a CRLF pair, and (when it carries a fix) never splits a grapheme
  cluster, so a fix cannot detach a combining mark, a skin tone or a joiner from its letter;
  the JSON report parses and places every finding at its line and column.
- `fix_passes`: each fix pass changes the text only inside the spans it fixes, each to the
  finding's first suggestion.
- `check_line_endings`: a story saved with CRLF line endings (Windows) gets the same
  findings as the same story with LF.
- `fix_file`: `--fix` on a real file keeps its encoding and BOM, and fixing the fixed file
  changes nothing.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

import regex

from copydesk import sourcefile
from copydesk.config import LanguageToolSettings, Settings
from copydesk.engine import FileResult, check_source
from copydesk.findings import Finding
from copydesk.fix import apply_fixes, fixable
from copydesk.report import json as json_report
from copydesk.report.model import RunReport
from copydesk.run import Run, RunOptions
from copydesk.sourcefile import SourceFile

SETTINGS = replace(Settings(), languagetool=LanguageToolSettings(enabled=False))
NO_LANGUAGETOOL: dict[str, object] = {"languagetool": {"enabled": False}}
MAX_PASSES = 16  # a fix pass that still finds something to fix after this many is a loop

_GRAPHEME_RE = regex.compile(r"\X")


def grapheme_boundaries(text: str) -> set[int]:
    """Every offset where a user-perceived character (extended grapheme cluster) starts or ends."""
    return {0} | {m.end() for m in _GRAPHEME_RE.finditer(text)}


def check(path: str, text: str) -> FileResult:
    """Check `text` as the file `path` would be; a crash or an error fails the property."""
    result = check_source(SourceFile(path, text), SETTINGS)
    assert result.error is None, f"{path}: {result.error}"
    return result


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column; a line ends at LF, CRLF or a lone CR (as SARIF counts them)."""
    starts, i = [0], 0
    while i < len(text):
        step = 2 if text.startswith("\r\n", i) else 1
        if text[i] in "\r\n":
            starts.append(i + step)
        i += step
    line = sum(1 for start in starts if start <= offset)
    return line, offset - starts[line - 1] + 1


def check_span(text: str, f: Finding, boundaries: set[int]) -> None:
    """One finding's span: inside the text, what it says it covers, on character boundaries."""
    assert 0 <= f.start <= f.end <= len(text), f"{f.rule} span {f.start}-{f.end} outside a text of {len(text)}"
    assert f.matched == text[f.start : f.end], f"{f.rule}: matched {f.matched!r} != {text[f.start : f.end]!r}"
    for offset in (f.start, f.end):
        assert not (0 < offset < len(text) and text[offset - 1 : offset + 1] == "\r\n"), (
            f"{f.rule} span {f.start}-{f.end} splits a CRLF pair"
        )
    if fixable(f, unsafe=True):
        assert f.start in boundaries and f.end in boundaries, (
            f"{f.rule} fix at {f.start}-{f.end} ({text[max(0, f.start - 3) : f.end + 3]!r}) splits a character"
        )
    assert all(isinstance(s, str) for s in f.suggestions)


def check_json(result: FileResult, text: str) -> None:
    """The JSON report of one file parses and places each finding where its span is."""
    data = json.loads(json_report.render(RunReport([result])))
    (entry,) = data["files"]
    assert len(entry["findings"]) == len(result.findings) == data["summary"]["findings"]
    for item, f in zip(entry["findings"], result.findings, strict=True):
        assert (item["start"], item["end"], item["rule"]) == (f.start, f.end, f.rule)
        assert (item["line"], item["column"]) == _line_col(text, f.start)
        assert (item["end_line"], item["end_column"]) == _line_col(text, f.end)


def check_document(path: str, text: str) -> FileResult:
    """Check `text`; assert every span and the JSON report are sound."""
    result = check(path, text)
    boundaries = grapheme_boundaries(text)
    for f in result.findings:
        check_span(text, f, boundaries)
    check_json(result, text)
    return result


def check_line_endings(path: str, text: str) -> None:
    """The same findings (rule and matched text) whether the lines end in LF or CRLF."""
    lf = text.replace("\r\n", "\n").replace("\r", "\n")
    crlf = lf.replace("\n", "\r\n")

    def found(copy: str) -> Counter[tuple[str, str]]:
        return Counter((f.rule, f.matched.replace("\r\n", "\n")) for f in check(path, copy).findings)

    with_lf, with_crlf = found(lf), found(crlf)
    assert with_lf == with_crlf, (
        f"CRLF line endings change the findings: only with LF {sorted(with_lf - with_crlf)}, "
        f"only with CRLF {sorted(with_crlf - with_lf)}"
    )


def check_fix_pass(before: str, after: str, findings: list[Finding]) -> None:
    """`after` is `before` with fixable findings' spans replaced by their first suggestion, nothing else.

    Spelled out independently of copydesk.fix: the text between the edited spans is copied
    unchanged, and an edit that overlaps one already made is skipped.
    """
    edits = sorted((f for f in findings if fixable(f, unsafe=False)), key=lambda f: (f.start, f.end))
    pieces, pos, next_start = [], 0, 0
    for f in edits:
        if f.start < next_start or before[f.start : f.end] != f.matched:
            continue
        pieces += [before[pos : f.start], f.suggestions[0]]
        pos, next_start = f.end, max(f.end, f.start + 1)
    pieces.append(before[pos:])
    assert after == "".join(pieces), f"a fix changed text outside its span: {before!r} -> {after!r}"


def fix_passes(path: str, text: str) -> str:
    """Fix until nothing changes, checking each pass; return the fixed text."""
    result = check(path, text)
    for _ in range(MAX_PASSES):
        fixed, applied = apply_fixes(text, result.findings)
        if not applied:
            return text
        check_fix_pass(text, fixed, result.findings)
        text = fixed
        result = check(path, text)
    raise AssertionError(f"still fixing after {MAX_PASSES} passes: {text!r}")


def fix_file(name: str, data: bytes) -> None:
    """`--fix` on a real file: BOM and encoding kept, the fix is idempotent, a fixed file checks clean."""
    try:
        original = sourcefile.decode(name, data)
    except sourcefile.InputError:
        return  # refused as it should be (invalid UTF-8, NUL); not copy to fix
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, name)
        Path(path).write_bytes(data)
        first = Run(RunOptions([path], fix=True, overrides=NO_LANGUAGETOOL)).check_one(path)
        assert first.error is None, first.error
        fixed_bytes = Path(path).read_bytes()
        fixed = sourcefile.decode(path, fixed_bytes)
        assert (fixed.encoding, fixed.bom) == (original.encoding, original.bom), "encoding or BOM changed"
        if not first.fixed:
            assert fixed_bytes == data, "a run that fixed nothing changed the file"
        second = Run(RunOptions([path], fix=True, overrides=NO_LANGUAGETOOL)).check_one(path)
        assert second.error is None, second.error
        assert Path(path).read_bytes() == fixed_bytes, (
            f"fixing the fixed file changed it again ({second.fixed} more fixes): {fixed.text!r}"
        )
        assert second.fixed == 0
