"""The HTML page as text: pure, escaped, offline by policy, every finding placed once and nested properly."""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copydesk import textunits
from copydesk.config import Settings
from copydesk.engine import FileResult, check_source
from copydesk.findings import Category, Finding, Severity
from copydesk.report import html
from copydesk.report.model import RunReport
from copydesk.sourcefile import SourceFile

BuildReport = Callable[..., RunReport]  # the conftest fixture

SLIPS = 'We saw the the cat,, there.\n\n"We will not give up, he said.\n'
VOID = {"meta", "br", "img", "input", "link", "hr"}


class Page(HTMLParser):
    """Reads a rendered page: tag balance, the copy's blocks, and the text each finding covers."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.blocks: dict[str, list[str]] = {}  # file section id -> block texts
        self.covered: dict[str, str] = {}
        self.primaries: list[str] = []
        self.section = ""
        self.in_copy = False
        self.hidden = 0
        self.unbalanced: list[str] = []
        self.scripts: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attr_list}
        self.tags.append((tag, attrs))
        if tag in VOID:
            return
        self.stack.append((tag, attrs))
        classes = attrs.get("class", "").split()
        if tag == "section":
            self.section = attrs.get("id", "")
        if tag == "div" and "copy" in classes:
            self.in_copy = True
            self.blocks[self.section] = []
        if self.in_copy and tag == "p":
            self.blocks[self.section].append("")
        if (tag == "sup" and "n" in classes) or "caret" in classes:
            self.hidden += 1
        if tag == "mark" and "cont" not in classes:
            self.primaries.append(attrs["id"])
            assert attrs["data-finding"] == attrs["id"]
            self.covered.setdefault(attrs["id"], "")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.unbalanced.append(tag)
            return
        _, attrs = self.stack.pop()
        classes = attrs.get("class", "").split()
        if tag == "div" and "copy" in classes:
            self.in_copy = False
        if (tag == "sup" and "n" in classes) or "caret" in classes:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] == "script":
            self.scripts.append(data)
        if not self.in_copy or self.hidden:
            return
        self.blocks[self.section][-1] += data
        for tag, attrs in self.stack:
            if tag == "mark":
                fid = attrs["data-finding"]
                self.covered[fid] = self.covered.get(fid, "") + data


def finding(start: int, end: int, text: str, rule: str = "core.doubled-word", **kw: object) -> Finding:
    values: dict[str, object] = {
        "category": Category.REALWORD,
        "severity": Severity.ERROR,
        "message": "A slip.",
        "suggestions": ("fix",),
        "matched": text[start:end],
    }
    values.update(kw)
    return Finding(rule, start=start, end=end, **values)  # type: ignore[arg-type]


def plain_report(text: str, findings: list[Finding], path: str = "copy.txt") -> RunReport:
    return RunReport([FileResult(path, SourceFile(path, text), findings)])


def test_render_is_pure_and_self_contained(build_report: BuildReport) -> None:
    report = build_report(("slips.txt", SLIPS), ("b.md", "# Head\n\nIt was was late.\n"))
    page = html.render(report)
    assert page == html.render(report)
    assert page.startswith("<!DOCTYPE html>")
    parsed = Page(page)
    links = [v for _, attrs in parsed.tags for k, v in attrs.items() if k in ("src", "href", "action", "srcset")]
    assert links and all(v.startswith("#") for v in links), "only links within the page"
    assert "@import" not in page and "url(" not in page and "http" not in html.SCRIPT
    assert not parsed.unbalanced and not parsed.stack
    assert [t for t, _ in parsed.tags if t in ("script", "img", "iframe", "object", "embed", "link")] == ["script"]


def test_content_security_policy_allows_only_the_page_script() -> None:
    page = html.render(plain_report("Plain.", []))
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert csp and page.index(csp.group(0)) < page.index("<style>")
    policy = csp.group(1).replace("&#x27;", "'")
    assert "default-src 'none'" in policy and "img-src 'none'" in policy and "base-uri 'none'" in policy
    script = Page(page).scripts
    assert len(script) == 1
    digest = base64.b64encode(hashlib.sha256(script[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy


def test_every_piece_of_text_is_escaped() -> None:
    name = '<img src=x onerror="alert(1)">&"x".txt'
    text = "<script>alert(1)</script> & <b onmouseover=alert(1)>bold</b> the the.\n"
    start = text.index("the the")
    bad = finding(
        start,
        start + 7,
        text,
        rule='x.<i>"r"</i>',
        message="<script>alert(2)</script>",
        suggestions=('<img src=x onerror="alert(3)">',),
    )
    report = RunReport(
        [FileResult(name, SourceFile(name, text), [bad]), FileResult("<svg onload=alert(4)>", error="<b>no</b>")],
        notes=["<script>alert(5)</script>"],
    )
    page = html.render(report)
    parsed = Page(page)
    assert {t for t, _ in parsed.tags} <= {
        "html", "head", "meta", "title", "style", "body", "a", "header", "h1", "p", "ul", "li", "div", "main",
        "nav", "h2", "ol", "span", "section", "mark", "sup", "h3", "code", "ins", "q", "aside", "h4", "footer",
        "script",
    }  # fmt: skip
    assert not any(k.startswith("on") for _, attrs in parsed.tags for k in attrs)
    assert parsed.blocks["file-1"] == [text.rstrip("\n")]
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&quot;x&quot;.txt" in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert "x.&lt;i&gt;&quot;r&quot;&lt;/i&gt;" in page
    assert "&lt;svg onload=alert(4)&gt;" in page and "&lt;b&gt;no&lt;/b&gt;" in page
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in page


def test_highlights_from_a_real_run_cover_their_matched_text(build_report: BuildReport) -> None:
    report = build_report(("slips.txt", SLIPS))
    findings = sorted(report.results[0].findings, key=lambda f: f.start)
    assert [f.rule for f in findings] == ["core.doubled-word", "core.repeated-punctuation", "core.unbalanced-marks"]
    parsed = Page(html.render(report))
    assert parsed.primaries == ["f-1-1", "f-1-2", "f-1-3"]
    assert [parsed.covered[fid] for fid in parsed.primaries] == [f.matched for f in findings]
    assert parsed.blocks["file-1"] == ["We saw the the cat,, there.", '"We will not give up, he said.']


def test_markdown_shows_prose_with_headings_lists_and_code(build_report: BuildReport) -> None:
    source = (
        "---\ntitle: the the\n---\n# Talks in the the capital\n\n"
        "Officials met on *Monday*,, and `the the` stayed out.\n\n"
        "- Aides said it it was late.\n\n> Quoted copy with with a slip.\n"
    )
    report = build_report(("story.md", source))
    page = html.render(report)
    parsed = Page(page)
    assert parsed.blocks["file-1"] == [
        "Talks in the the capital",
        "Officials met on Monday,, and the the stayed out.",
        "Aides said it it was late.",
        "Quoted copy with with a slip.",
    ]
    assert '<p class="blk h">' in page and '<p class="blk li">' in page and '<p class="blk q">' in page
    assert "<code>the the</code>" in page
    matched = [f.matched for f in sorted(report.results[0].findings, key=lambda f: f.start)]
    assert [parsed.covered[fid] for fid in parsed.primaries] == matched
    assert len(parsed.primaries) == report.findings_count == 4


def test_html_copy_shows_its_text_not_its_markup(build_report: BuildReport) -> None:
    source = "<h1>Talks</h1><p>We saw the the envoy &amp; his aide,, there.</p><script>var x = 'the the';</script>"
    report = build_report(("page.html", source))
    parsed = Page(html.render(report))
    assert parsed.blocks["file-1"] == ["Talks", "We saw the the envoy & his aide,, there."]
    assert len(parsed.primaries) == report.findings_count == 2


def test_a_finding_the_prose_cannot_show_falls_back_to_the_plain_source(build_report: BuildReport) -> None:
    source = "Intro.\n\n```\nthe the\n```\n"
    result = check_source(SourceFile("code.md", source), Settings(), fmt="text")  # checked as plain text
    assert [f.rule for f in result.findings] == ["core.doubled-word"]
    parsed = Page(html.render(RunReport([result])))
    assert parsed.blocks["file-1"] == ["Intro.", "```\nthe the\n```"]
    assert parsed.covered == {"f-1-1": "the the"}


def test_overlapping_nested_pointed_and_straddling_findings() -> None:
    text = "Alpha beta gamma.\n\nDelta epsilon."
    a = text.index("beta")
    d = text.index("Delta")
    findings = [
        finding(0, a + 4, text),  # "Alpha beta"
        finding(6, 16, text, category=Category.STYLE, severity=Severity.INFO),  # overlaps the first
        finding(6, 10, text, category=Category.GRAMMAR, severity=Severity.WARNING),  # nested in both
        finding(6, 10, text),  # the same span again
        finding(11, 11, text, suggestions=()),  # a point
        finding(12, d + 5, text),  # straddles the paragraph break
        finding(len(text), len(text), text),  # a point at the very end
    ]
    parsed = Page(html.render(plain_report(text, findings)))
    assert not parsed.unbalanced
    assert parsed.blocks["file-1"] == ["Alpha beta gamma.", "Delta epsilon."]
    assert sorted(parsed.primaries) == sorted(f"f-1-{n}" for n in range(1, 8))
    by_span = sorted(findings, key=lambda f: (f.start, -f.end, f.rule))
    covered = [parsed.covered[f"f-1-{n}"] for n in range(1, 8)]
    assert covered == ["Alpha beta", "beta gamma", "beta", "beta", "", "amma.Delta", ""]
    assert [f.end - f.start for f in by_span][4] == 0


@settings(
    max_examples=int(os.environ.get("HTML_REPORT_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    st.text(alphabet="ab <&\"'\n\ufffc", max_size=40).flatmap(
        lambda text: st.tuples(
            st.just(text),
            st.lists(
                st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(sorted),
                max_size=6,
            ),
        )
    )
)
def test_any_findings_give_balanced_markup_and_one_highlight_each(case: tuple[str, list[list[int]]]) -> None:
    text, spans = case
    findings = [finding(s, e, text) for s, e in spans]
    parsed = Page(html.render(plain_report(text, findings)))
    assert not parsed.unbalanced and not parsed.stack
    assert sorted(parsed.primaries) == sorted(f"f-1-{n}" for n in range(1, len(findings) + 1))
    paragraphs = textunits.split_paragraphs(text, blank_lines_only=True) or [(0, len(text))]
    assert parsed.blocks["file-1"] == [text[s:e] for s, e in paragraphs]
    ordered = sorted(findings, key=lambda f: (f.start, -f.end, f.rule))
    for n, f in enumerate(ordered, 1):
        shown = "".join(text[max(f.start, s) : min(f.end, e)] for s, e in paragraphs)
        assert parsed.covered[f"f-1-{n}"] == shown


@settings(max_examples=int(os.environ.get("HTML_REPORT_EXAMPLES", "150")), deadline=None)
@given(
    st.sampled_from(["x.md", "x.html"]),
    st.text(alphabet="ab *_`#->&;<p/\n", max_size=50).flatmap(
        lambda text: st.tuples(
            st.just(text),
            st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(sorted), max_size=5),
        )
    ),
)
def test_markup_copy_with_any_findings_stays_well_formed(path: str, case: tuple[str, list[list[int]]]) -> None:
    text, spans = case
    findings = [finding(s, e, text) for s, e in spans]
    parsed = Page(html.render(plain_report(text, findings, path)))
    assert not parsed.unbalanced and not parsed.stack
    assert sorted(parsed.primaries) == sorted(f"f-1-{n}" for n in range(1, len(findings) + 1))
    assert [t for t, _ in parsed.tags if t in ("script", "img", "p")].count("script") == 1


def test_files_that_could_not_be_read_and_empty_reports() -> None:
    report = RunReport(
        [FileResult("a.txt", SourceFile("a.txt", "Fine copy.\n")), FileResult("b.txt", error="no such file")]
    )
    page = html.render(report)
    assert "could not be checked: no such file" in page
    assert "0 findings in 2 files" in page
    assert "No files were checked." in html.render(RunReport([]))


def test_the_cli_writes_the_page(build_report: BuildReport, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from copydesk.cli import app

    draft = tmp_path / "draft.txt"
    draft.write_text(SLIPS, encoding="utf-8")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["check", str(draft), "--output-format", "html", "-o", str(out)])
    assert result.exit_code == 1, result.output
    parsed = Page(out.read_text(encoding="utf-8"))
    assert parsed.primaries == ["f-1-1", "f-1-2", "f-1-3"]
    assert parsed.blocks["file-1"] == ["We saw the the cat,, there.", '"We will not give up, he said.']
