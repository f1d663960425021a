#!/usr/bin/env python3
"""LanguageTool alone, as a checker the scorer can run: `copydesk check --output-format json`'s schema.

    python benchmarks/lt_alone.py [--url URL] [--rules all|copydesk] [--jobs N] FILE...
    python ../shared/bench/score.py ../shared/bench/dev/zesch_natural.jsonl \
        --cmd "python benchmarks/lt_alone.py"

Each file is read and split into paragraphs exactly as copydesk does (copydesk's own readers
and `Document.paragraphs`), each paragraph is sent on its own to the LanguageTool server
(`copydesk.languagetool.client.check_texts`, cache off), and every match becomes a finding
with copydesk's category mapping (`copydesk.checks.grammar.CATEGORIES`; style matches are
severity "info", the rest "warning", as in copydesk). Nothing is dropped.

`--rules all` (the default) sends an empty disabled-rule set, so the server runs all its
default rules, spelling (MORFOLOGIK_RULE_EN_US, category TYPOS -> nonword) included.
`--rules copydesk` disables what copydesk disables (DEFAULT_DISABLED_RULES).

The server is `--url`, else copydesk's own background server (`ensure_running()`, started
if needed). Exit codes as copydesk: 0 no findings, 1 findings, 2 the run failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence, Set
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from copydesk.checks.grammar import CATEGORIES
from copydesk.findings import Category
from copydesk.formats import build_document
from copydesk.languagetool.client import DEFAULT_DISABLED_RULES, LanguageToolUnavailable, LTMatch, check_texts
from copydesk.sourcefile import InputError, read

ALL_DEFAULT_RULES: frozenset[str] = frozenset()  # disable nothing: the server's own defaults
RULE_SETS: dict[str, frozenset[str]] = {"all": ALL_DEFAULT_RULES, "copydesk": DEFAULT_DISABLED_RULES}


@dataclass
class Prepared:
    """A file split into the paragraphs copydesk would send, with their source offsets."""

    path: str
    source: str
    texts: list[str]
    spans: list[tuple[int, int]]  # prose spans of the paragraphs
    doc: object  # copydesk.document.Document (for prose -> source offsets)


def prepare(path: str, text: str) -> Prepared:
    """Split `text` as copydesk does (format by extension, then Document.paragraphs)."""
    doc = build_document(path, text)
    spans = list(doc.paragraphs)
    return Prepared(path, text, [doc.prose[s:e] for s, e in spans], spans, doc)


def check_prepared(url: str, item: Prepared, disabled: Set[str], language: str = "en-US") -> list[list[LTMatch]]:
    """One check_texts call per file (as copydesk's grammar check makes), cache off."""
    return check_texts(url, item.texts, language=language, disabled_rules=disabled, cache=False)


def category_of(m: LTMatch) -> Category:
    """copydesk's mapping of a LanguageTool match to a category (copydesk/checks/grammar.py)."""
    return CATEGORIES.get(m.category_id, Category.STYLE if m.issue_type == "style" else Category.GRAMMAR)


def findings_json(item: Prepared, answers: list[list[LTMatch]]) -> list[dict[str, object]]:
    """Findings in the JSON report schema (offsets in the file's decoded text)."""
    out: list[dict[str, object]] = []
    line_starts = [0] + [i + 1 for i, ch in enumerate(item.source) if ch == "\n"]
    for (p_start, _), matches in zip(item.spans, answers, strict=True):
        for m in matches:
            start, end = item.doc.source_span(p_start + m.start, p_start + m.end)  # type: ignore[attr-defined]
            category = category_of(m)
            line, col = _line_col(line_starts, start)
            end_line, end_col = _line_col(line_starts, end)
            out.append(
                {
                    "rule": f"lt.{m.rule_id}",
                    "category": category.value,
                    "severity": "info" if category is Category.STYLE else "warning",
                    "start": start,
                    "end": end,
                    "line": line,
                    "column": col,
                    "end_line": end_line,
                    "end_column": end_col,
                    "message": m.message,
                    "suggestions": list(m.replacements[:5]),
                    "fix": "unsafe",
                }
            )
    return sorted(out, key=lambda f: (int(f["start"]), int(f["end"])))  # type: ignore[call-overload]


def _line_col(line_starts: list[int], offset: int) -> tuple[int, int]:
    import bisect

    i = bisect.bisect_right(line_starts, offset) - 1
    return i + 1, offset - line_starts[i] + 1


def server_url(url: str | None) -> str:
    """`url`, else copydesk's background server (started if needed)."""
    if url:
        return url.rstrip("/")
    from copydesk.languagetool.server import ensure_running

    return ensure_running().url


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--url", help="LanguageTool server root (default: copydesk's background server)")
    ap.add_argument("--rules", choices=sorted(RULE_SETS), default="all")
    ap.add_argument("--language", default="en-US")
    ap.add_argument("--jobs", type=int, default=2, help="files checked at once (each sends 2 paragraphs at once)")
    a = ap.parse_args(argv)
    try:
        url = server_url(a.url)
    except Exception as e:  # ServerError and friends: the run itself failed
        print(f"lt_alone: LanguageTool unavailable: {e}", file=sys.stderr)
        return 2
    disabled = RULE_SETS[a.rules]
    files: list[dict[str, object]] = []
    prepared: list[Prepared | None] = []
    for path in a.paths:
        try:
            prepared.append(prepare(path, read(path).text))
        except InputError as e:
            prepared.append(None)
            files.append({"path": path, "error": str(e)})

    def one(item: Prepared) -> dict[str, object]:
        return {"path": item.path, "findings": findings_json(item, check_prepared(url, item, disabled, a.language))}

    try:
        with ThreadPoolExecutor(max(1, a.jobs)) as pool:
            files.extend(pool.map(one, [p for p in prepared if p is not None]))
    except LanguageToolUnavailable as e:
        print(f"lt_alone: {e}", file=sys.stderr)
        return 2
    order = {p: i for i, p in enumerate(a.paths)}
    files.sort(key=lambda f: order[str(f["path"])])
    total = sum(len(f.get("findings", ())) for f in files)  # type: ignore[misc, arg-type]
    errors = sum(1 for f in files if "error" in f)
    json.dump(
        {"version": 1, "files": files, "summary": {"files": len(files), "findings": total, "errors": errors}},
        sys.stdout,
        ensure_ascii=False,
        indent=1,
    )
    sys.stdout.write("\n")
    return 2 if errors else (1 if total else 0)


if __name__ == "__main__":
    sys.exit(main())
