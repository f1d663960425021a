"""The HTML report: one self-contained page showing the copy with every finding marked in place.

What the page shows, for each file, is the copy as the reader sees it: the prose of its Document
(Markdown and HTML without their markup, plain text as written), one paragraph a block, each
finding a highlighted `<mark>` coloured by category, underlined by severity and numbered, so
colour is never the only signal. Hovering, focusing or clicking a highlight (or Enter/Space)
opens a popover with the message, rule, category, severity and suggestions; the same details
are listed under the file as numbered notes, which is what a printout and a browser without
scripts show. A side panel counts findings by severity, category and rule and links to each.

Safety: every piece of copy, message, rule id and file name goes through `html.escape`; the
page also carries a Content-Security-Policy that allows no network and only this module's own
script (by hash), so even a missed escape could run nothing and fetch nothing.

Findings carry source offsets; the page maps them into the prose through the Document's
segments. Overlapping findings are split into properly nested pieces: the first piece of each
finding is its focusable highlight, later pieces are continuations. When the prose cannot
place every finding (a format mismatch), the file is shown as its plain source instead.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import heapq
from collections import Counter
from dataclasses import dataclass, field
from html import escape, unescape

import regex

from copydesk import __version__, patterns, textunits
from copydesk.document import Document
from copydesk.engine import FileResult
from copydesk.findings import Finding
from copydesk.formats.builder import PLACEHOLDER
from copydesk.report.model import RunReport, error_text
from copydesk.report.positions import LineIndex

SEVERITIES = ("error", "warning", "info")
SEVERITY_LABELS = {"error": "Error", "warning": "Warning", "info": "Info"}
CATEGORY_LABELS = {
    "nonword": "Misspelling",
    "realword": "Real-word slip",
    "entity": "Name slip",
    "grammar": "Grammar",
    "punctuation": "Punctuation",
    "consistency": "Consistency",
    "style": "House style",
    "news": "News style",
}
CATEGORY_COLOURS = {
    "nonword": "#ffc9c9",
    "realword": "#ffd8a8",
    "entity": "#e5dbff",
    "grammar": "#a5d8ff",
    "punctuation": "#ffec99",
    "consistency": "#b2f2bb",
    "style": "#99e9f2",
    "news": "#eebefa",
    "other": "#dee2e6",
}
SNIPPET = 48  # characters of matched text shown in the side panel
_CLASS_RE = patterns.compile(r"[^a-z0-9-]")
_TAG_RE = patterns.compile(r"<[^>]*>")
# What opens a list item or a block quote on the source line before a block's first words.
_LIST_ITEM_RE = patterns.compile(r"(?:^\s*(?:>\s*)*(?:[-*+]|\d{1,9}[.)])\s+|<li\b[^>]*>\s*)$", regex.I)
_QUOTE_RE = patterns.compile(r"^\s*>|<blockquote\b", regex.I)

CSS = (
    """
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --rule: #d0d0d0; --focus: #1a4fd0; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.5 system-ui, "DejaVu Sans", sans-serif; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5em; z-index: 5; }
.skip:focus { left: .5em; }
header.top { padding: .8em 1.5em; border-bottom: 1px solid var(--rule); background: #f7f7f5; }
header.top h1 { margin: 0; font-size: 1.3em; }
header.top p { margin: .2em 0 0; color: var(--muted); }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 22rem; align-items: start; }
main { padding: 1em 2em 3em; min-width: 0; }
aside#panel { position: sticky; top: 0; max-height: 100vh; overflow: auto; padding: 1em 1.2em 2em;
  border-left: 1px solid var(--rule); background: #fafafa; font-size: .9em; }
aside h2 { font-size: 1.15em; margin: 0 0 .4em; }
aside h3 { font-size: 1em; margin: 1.1em 0 .3em; }
aside h4 { font-size: .95em; margin: .7em 0 .2em; font-weight: 600; }
aside ul, aside ol { margin: 0; padding-left: 1.2em; }
aside li { margin: .1em 0; }
.counts { list-style: none; padding: 0 !important; }
.counts li { display: flex; gap: .5em; align-items: center; }
.counts .n { margin-left: auto; font-variant-numeric: tabular-nums; font-weight: 600; }
nav.files ol { padding-left: 1.4em; }
nav.files .err, section.file .err { color: #a40000; }
section.file { margin: 0 0 2.5em; }
section.file > h2 { font-size: 1.2em; border-bottom: 2px solid var(--ink); padding-bottom: .2em;
  overflow-wrap: anywhere; }
section.file > h2 .count { font-weight: normal; font-size: .8em; color: var(--muted); }
.copy { max-width: 46rem; font-family: Georgia, "DejaVu Serif", serif; font-size: 1.08em; line-height: 1.7; }
.copy .blk { margin: 0 0 .9em; overflow-wrap: break-word; }
.copy.fmt-text .blk { white-space: pre-wrap; }
.copy .blk.h { font-family: system-ui, "DejaVu Sans", sans-serif; font-weight: 700; font-size: 1.15em; }
.copy code { font-size: .85em; background: #f1f1f1; padding: 0 .2em; border-radius: 3px; }
mark.hl { color: inherit; border-radius: 2px; padding: 0 1px; cursor: pointer;
  text-decoration-line: underline; text-decoration-thickness: 2px; text-underline-offset: 3px;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
mark.hl.s-error { text-decoration-style: wavy; text-decoration-color: #c00000; }
mark.hl.s-warning { text-decoration-style: dashed; text-decoration-color: #8a5a00; }
mark.hl.s-info { text-decoration-style: dotted; text-decoration-color: #1c5fa8; }
mark.hl:focus { outline: 3px solid var(--focus); outline-offset: 1px; }
mark.hl:focus:not(:focus-visible) { outline-width: 2px; }
mark.hl[aria-expanded="true"] { outline: 2px solid var(--focus); }
mark.hl sup.n { font: 700 .68em/1 system-ui, "DejaVu Sans", sans-serif; margin-left: 1px; color: #222;
  text-decoration: none; display: inline-block; }
mark.hl .caret { font-weight: 700; }
.sw { display: inline-block; width: .9em; height: .9em; border: 1px solid #777; border-radius: 2px;
  vertical-align: -.1em; }
.sev { font-weight: 700; }
.sev.s-error { color: #a40000; }
.sev.s-warning { color: #7a4f00; }
.sev.s-info { color: #1c5fa8; }
.ul { display: inline-block; width: 2.2em; text-decoration-line: underline; text-decoration-thickness: 2px;
  text-underline-offset: 3px; }
.ul.s-error { text-decoration-style: wavy; text-decoration-color: #c00000; }
.ul.s-warning { text-decoration-style: dashed; text-decoration-color: #8a5a00; }
.ul.s-info { text-decoration-style: dotted; text-decoration-color: #1c5fa8; }
h3.notes-h { font-size: 1em; margin: 1.5em 0 .4em; color: var(--muted); }
ol.notes { font-size: .9em; padding-left: 2.2em; max-width: 46rem; }
ol.notes > li { margin: 0 0 .5em; }
ol.notes > li:target { background: #fff8d6; }
.d-body p { margin: 0; }
.d-head { color: var(--muted); font-size: .92em; }
.d-head code, aside code { font-size: .95em; overflow-wrap: anywhere; }
.msg { font-weight: 600; }
.sg ins { text-decoration: none; background: #d3f9d8; border: 1px solid #8ce99a; border-radius: 3px; padding: 0 .25em;
  white-space: pre-wrap; }
.sg .del { font-style: italic; }
.why { color: var(--muted); font-size: .92em; margin: 0; max-width: 40rem; }
.back { font-size: .9em; margin-left: .3em; }
.copy .blk.li { padding-left: 1.2em; }
.copy .blk.li::before { content: "\2022"; display: inline-block; width: 1.2em; margin-left: -1.2em; }
.copy .blk.q { border-left: 3px solid var(--rule); padding-left: .8em; }
#pop { position: absolute; z-index: 10; max-width: 26rem; background: #fff; border: 1px solid #888;
  border-radius: 6px; padding: .6em .8em; box-shadow: 0 4px 16px rgba(0, 0, 0, .2); font-size: .92em; }
#pop[hidden] { display: none; }
.entry { text-decoration: none; }
.entry:hover, .entry:focus { text-decoration: underline; }
.entry .where { color: var(--muted); overflow-wrap: anywhere; }
.entry q { font-family: Georgia, "DejaVu Serif", serif; }
footer.bottom { padding: 1em 2em; color: var(--muted); font-size: .85em; border-top: 1px solid var(--rule); }
@media (max-width: 60rem) {
  .layout { display: block; }
  aside#panel { position: static; max-height: none; border-left: 0; border-top: 1px solid var(--rule); }
}
@media print {
  body { font-size: 11pt; }
  .layout { display: block; }
  main { padding: 0; }
  aside#panel { position: static; max-height: none; overflow: visible; border: 0; background: none;
    break-before: page; }
  #pop, .skip, .back { display: none !important; }
  a { color: inherit; text-decoration: none; }
  mark.hl { outline: none !important; }
  ol.notes > li { break-inside: avoid; }
  section.file { break-after: page; }
}
"""
    + "".join(f".c-{name} {{ background: {colour}; }}\n" for name, colour in CATEGORY_COLOURS.items())
).strip()

SCRIPT = """
(function () {
  "use strict";
  var pop = document.getElementById("pop");
  var current = null;
  var pinned = false;
  function primary(el) {
    var m = el && el.closest ? el.closest("mark.hl") : null;
    return m ? document.getElementById(m.getAttribute("data-finding")) : null;
  }
  function place(m) {
    var r = m.getBoundingClientRect();
    var left = window.scrollX + r.left;
    var room = window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8;
    pop.style.left = Math.max(window.scrollX + 8, Math.min(left, room)) + "px";
    pop.style.top = (window.scrollY + r.bottom + 6) + "px";
  }
  function show(m, pin) {
    if (!m) { return; }
    var d = document.getElementById("d-" + m.id);
    if (!d) { return; }
    if (current && current !== m) { current.setAttribute("aria-expanded", "false"); }
    var body = d.cloneNode(true);
    body.removeAttribute("id");
    pop.replaceChildren(body);
    pop.hidden = false;
    current = m;
    m.setAttribute("aria-expanded", "true");
    place(m);
    if (pin) { pinned = true; }
  }
  function hide() {
    if (current) { current.setAttribute("aria-expanded", "false"); }
    pop.hidden = true;
    pop.replaceChildren();
    current = null;
    pinned = false;
  }
  function inside(node) {
    return node && (pop.contains(node) || (node.closest && node.closest("mark.hl")));
  }
  document.addEventListener("mouseover", function (e) {
    var m = primary(e.target);
    if (m && !pinned && m !== current) { show(m, false); }
  });
  document.addEventListener("mouseout", function (e) {
    if (!current || pinned || inside(e.relatedTarget)) { return; }
    if (document.activeElement !== current) { hide(); }
  });
  document.addEventListener("focusin", function (e) {
    var m = primary(e.target);
    if (m && m === e.target && m !== current) { pinned = false; show(m, false); }
  });
  document.addEventListener("focusout", function (e) {
    if (current && !pinned && e.target === current && !inside(e.relatedTarget)) { hide(); }
  });
  document.addEventListener("click", function (e) {
    var m = primary(e.target);
    if (m) {
      e.preventDefault();
      if (pinned && current === m) { hide(); } else { show(m, true); }
      if (document.activeElement !== m) { m.focus({ preventScroll: true }); }
      return;
    }
    var link = e.target.closest ? e.target.closest("a[href^='#f-']") : null;
    if (link) {
      var t = document.getElementById(link.getAttribute("href").slice(1));
      if (t) {
        e.preventDefault();
        t.scrollIntoView({ block: "center" });
        t.focus({ preventScroll: true });
        show(t, true);
      }
      return;
    }
    if (pinned && !pop.contains(e.target)) { hide(); }
  });
  document.addEventListener("keydown", function (e) {
    var m = primary(e.target);
    if (m && m === e.target && (e.key === "Enter" || e.key === " " || e.key === "Spacebar")) {
      e.preventDefault();
      show(m, true);
    } else if (e.key === "Escape" && current) {
      hide();
    }
  });
  window.addEventListener("resize", function () { if (current) { place(current); } });
  var hash = window.location.hash.slice(1);
  if (hash.indexOf("f-") === 0) {
    var t = document.getElementById(hash);
    if (t) { t.focus(); show(t, true); }
  }
  document.documentElement.setAttribute("data-ready", "1");
})();
""".strip()

SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; "
    f"script-src '{SCRIPT_HASH}'; img-src 'none'; base-uri 'none'; form-action 'none'"
)


def _e(text: str) -> str:
    return escape(text, quote=True)


def _css_name(value: str) -> str:
    return _CLASS_RE.sub("", value.lower()) or "other"


def _category(f: Finding) -> str:
    name = _css_name(f.category.value)
    return name if name in CATEGORY_COLOURS else "other"


def _category_label(value: str) -> str:
    return CATEGORY_LABELS.get(value, value.replace("-", " ").capitalize())


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


@dataclass
class _Item:
    """One finding as the page shows it."""

    fid: str  # element id of its highlight: f-<file>-<n>
    number: int
    file_no: int
    path: str
    finding: Finding
    line: int
    column: int

    @property
    def severity(self) -> str:
        return self.finding.severity.value

    @property
    def classes(self) -> str:
        return f"c-{_category(self.finding)} s-{_css_name(self.severity)}"


@dataclass
class _Part:
    """A piece of a finding's highlight in prose offsets; `primary` for the first piece."""

    start: int
    end: int
    item: _Item | None  # None for a block's root
    primary: bool
    children: list[_Part] = field(default_factory=list)


# Mapping source spans to prose.


class _SourceMap:
    """The Document's segments in source order, to find the prose a source span shows as."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.segments = sorted(doc.segments, key=lambda s: (s.src_start, s.prose_start))
        self.starts = [s.src_start for s in self.segments]

    def prose_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The prose range source[start:end] shows as; None when no prose comes from it."""
        i = bisect.bisect_left(self.starts, start)
        while i > 0 and self.segments[i - 1].src_end >= start:
            i -= 1
        lo: int | None = None
        hi: int | None = None
        for seg in self.segments[i:]:
            if seg.src_start > end or (seg.src_start == end and end > start):
                break
            if seg.src_end < start:
                continue
            if end == start:  # a point: place it inside a verbatim run
                if seg.verbatim and seg.src_start <= start <= seg.src_end:
                    point = seg.prose_start + start - seg.src_start
                    return point, point
                continue
            ov_s, ov_e = max(start, seg.src_start), min(end, seg.src_end)
            if ov_s >= ov_e:
                continue
            if seg.verbatim:
                ps, pe = seg.prose_start + ov_s - seg.src_start, seg.prose_start + ov_e - seg.src_start
            else:
                ps, pe = seg.prose_start, seg.prose_end
            lo = ps if lo is None else min(lo, ps)
            hi = pe if hi is None else max(hi, pe)
        if lo is None or hi is None:
            return None
        return lo, hi


def _document(result: FileResult) -> Document:
    """The Document the reader's view comes from; the plain source when it cannot place every finding."""
    text = result.source.text if result.source else ""
    try:
        from copydesk.formats import build_document

        doc = build_document(result.path, text)
    except Exception:  # a reporter shows what it can; the plain source always works
        return Document.plain(result.path, text)
    source_map = _SourceMap(doc)
    if all(source_map.prose_span(f.start, f.end) is not None for f in result.findings):
        return doc
    return Document.plain(result.path, text)


# Laying out highlights.


def _blocks(prose: str) -> list[tuple[int, int]]:
    blocks = textunits.split_paragraphs(prose, blank_lines_only=True)
    return blocks or [(0, len(prose))]


def _parts(doc: Document, items: list[_Item], blocks: list[tuple[int, int]]) -> list[list[_Part]]:
    """The pieces of every highlight, per block (not yet nested)."""
    source_map = _SourceMap(doc)
    per_block: list[list[_Part]] = [[] for _ in blocks]
    starts = [b[0] for b in blocks]
    for item in items:
        span = source_map.prose_span(item.finding.start, item.finding.end)
        if span is None:  # shown as a point where its source would be
            point = max((s.prose_end for s in doc.segments if s.src_end <= item.finding.start), default=0)
            span = (point, point)
        ps, pe = span
        first = max(0, bisect.bisect_right(starts, ps) - 1)
        last = bisect.bisect_left(starts, pe)
        pieces = [
            (i, max(ps, blocks[i][0]), min(pe, blocks[i][1]))
            for i in range(first, last)
            if max(ps, blocks[i][0]) < min(pe, blocks[i][1])
        ]
        if not pieces:  # a point, or a span that falls in the space between blocks
            i = max(0, bisect.bisect_right(starts, ps) - 1)
            b0, b1 = blocks[i]
            point = min(max(ps, b0), b1)
            pieces = [(i, point, point)]
        for n, (i, s, e) in enumerate(pieces):
            per_block[i].append(_Part(s, e, item, primary=n == 0))
    return per_block


def _nest(block: tuple[int, int], parts: list[_Part]) -> _Part:
    """A tree of properly nested parts; a part that crosses its parent's end is split in two."""
    root = _Part(block[0], block[1], None, False)
    heap: list[tuple[int, int, int, _Part]] = []
    seq = 0
    for p in parts:
        heapq.heappush(heap, (p.start, -p.end, seq, p))
        seq += 1
    stack = [root]
    while heap:
        _, _, _, p = heapq.heappop(heap)
        while len(stack) > 1 and stack[-1].end <= p.start:
            stack.pop()
        top = stack[-1]
        if p.end > top.end:
            rest = _Part(top.end, p.end, p.item, primary=False)
            heapq.heappush(heap, (rest.start, -rest.end, seq, rest))
            seq += 1
            p = _Part(p.start, top.end, p.item, p.primary)
        top.children.append(p)
        stack.append(p)
    return root


# Rendering.


class _FileView:
    def __init__(self, doc: Document, fmt_class: str) -> None:
        self.doc = doc
        self.fmt_class = fmt_class
        self.prose_starts = [s.prose_start for s in doc.segments]
        self.placeholders = {
            s.prose_start: doc.source[s.src_start : s.src_end]
            for s in doc.segments
            if s.prose_end - s.prose_start == 1 and doc.prose[s.prose_start] == PLACEHOLDER
        }

    def block_kind(self, prose_start: int) -> str:
        """A class for a markup block whose source line opens a list item (li) or a quote (q)."""
        if self.fmt_class == "fmt-text":
            return ""
        i = bisect.bisect_left(self.prose_starts, prose_start)
        if i >= len(self.doc.segments):
            return ""
        src = self.doc.segments[i].src_start
        source = self.doc.source
        prefix = source[source.rfind("\n", 0, src) + 1 : src]
        if _LIST_ITEM_RE.search(prefix):
            return " li"
        if _QUOTE_RE.search(prefix):
            return " q"
        return ""

    def text(self, start: int, end: int) -> str:
        prose = self.doc.prose
        out: list[str] = []
        pos = start
        while pos < end:
            at = prose.find(PLACEHOLDER, pos, end)
            if at < 0:
                out.append(_e(prose[pos:end]))
                break
            out.append(_e(prose[pos:at]))
            out.append(self._code(at))
            pos = at + 1
        return "".join(out)

    def _code(self, at: int) -> str:
        raw = self.placeholders.get(at)
        if raw is None:
            return PLACEHOLDER  # the character itself, in copy that contains it
        if raw.startswith("`"):
            shown = raw.strip("`")
            shown = shown[1:-1] if len(shown) > 1 and shown[0] == shown[-1] == " " else shown
        elif raw.startswith("<"):
            shown = unescape(_TAG_RE.sub("", raw))
        else:
            shown = raw
        return f"<code>{_e(shown)}</code>"

    def node(self, part: _Part) -> str:
        inner = []
        pos = part.start
        for child in part.children:
            inner.append(self.text(pos, child.start))
            inner.append(self.mark(child))
            pos = child.end
        inner.append(self.text(pos, part.end))
        return "".join(inner)

    def mark(self, part: _Part) -> str:
        item = part.item
        assert item is not None
        body = self.node(part)
        if part.start == part.end:
            body = '<span class="caret" aria-hidden="true">\u2038</span>' + body
        if not part.primary:
            return f'<mark class="hl cont {item.classes}" data-finding="{item.fid}">{body}</mark>'
        return (
            f'<mark class="hl {item.classes}" id="{item.fid}" data-finding="{item.fid}" tabindex="0" '
            f'role="button" aria-expanded="false" aria-describedby="d-{item.fid}">'
            f'{body}<sup class="n">{item.number}</sup></mark>'
        )


def _detail(item: _Item, report: RunReport) -> str:
    """A finding's note: the popover's content and the printed footnote."""
    f = item.finding
    sev = item.severity
    cat = _category(f)
    suggestions = [f"<ins>{_e(s)}</ins>" if s else '<ins class="del">delete</ins>' for s in f.suggestions]
    if suggestions:
        word = "Suggestion" if len(suggestions) == 1 else "Suggestions"
        sugg = f'<p class="sg">{word}: {", ".join(suggestions)}</p>'
    else:
        sugg = '<p class="sg">No suggested replacement.</p>'
    matched = f'<p class="mt">Marked: <q>{_e(f.matched)}</q></p>' if f.matched else ""
    rule = report.rules.get(f.rule)
    why = f'<p class="why">{_e(rule.why)}</p>' if rule and rule.why else ""
    return (
        f'<li id="n-{item.fid}" value="{item.number}"><div class="d-body" id="d-{item.fid}">'
        f'<p class="d-head"><span class="sev s-{_css_name(sev)}">{_e(SEVERITY_LABELS.get(sev, sev))}</span>'
        f' · <span class="sw c-{cat}" aria-hidden="true"></span> {_e(_category_label(f.category.value))}'
        f" · <code>{_e(f.rule)}</code> · line {item.line}, column {item.column}</p>"
        f'<p class="msg">{_e(f.message)}</p>{sugg}{matched}</div>'
        f'{why}<a class="back" href="#{item.fid}" aria-label="Back to finding {item.number} in the text">'
        "Back to the text</a></li>"
    )


def _items(result: FileResult, file_no: int) -> list[_Item]:
    index = LineIndex(result.source.text if result.source else "")
    ordered = sorted(result.findings, key=lambda f: (f.start, -f.end, f.rule))
    items = []
    for n, f in enumerate(ordered, 1):
        line, column = index.line_col(f.start)
        items.append(_Item(f"f-{file_no}-{n}", n, file_no, result.path, f, line, column))
    return items


def _file_section(result: FileResult, file_no: int, items: list[_Item], report: RunReport) -> str:
    head = f'<h2 id="file-{file_no}-h">{_e(result.path)}'
    if result.error and result.source is None:
        return (
            f'<section class="file" id="file-{file_no}" aria-labelledby="file-{file_no}-h">{head}</h2>'
            f'<p class="err">Could not be checked: {_e(result.error)}</p></section>'
        )
    count = _plural(len(items), "finding") if items else "no findings"
    head += f' <span class="count">({count})</span></h2>'
    if result.error:  # checked, but the fixes could not be written
        message = error_text(result)
        head += f'<p class="err">{_e(message[:1].upper() + message[1:])}</p>'
    doc = _document(result)
    fmt_class = "fmt-text" if doc.prose == doc.source else "fmt-markup"
    view = _FileView(doc, fmt_class)
    blocks = _blocks(doc.prose)
    heading_regions = [(r.start, r.end) for r in doc.regions if r.kind == "heading"]
    out = [
        f'<section class="file" id="file-{file_no}" aria-labelledby="file-{file_no}-h">{head}',
        f'<div class="copy {fmt_class}">',
    ]
    for block, parts in zip(blocks, _parts(doc, items, blocks), strict=True):
        tree = _nest(block, parts)
        kind = " h" if any(s <= block[0] < e for s, e in heading_regions) else view.block_kind(block[0])
        out.append(f'<p class="blk{kind}">{view.node(tree)}</p>')
    out.append("</div>")
    if items:
        out.append(f'<h3 class="notes-h" id="file-{file_no}-notes">Notes</h3>')
        out.append(f'<ol class="notes" aria-labelledby="file-{file_no}-notes">')
        out.extend(_detail(item, report) for item in items)
        out.append("</ol>")
    if result.fixed:
        out.append(f"<p>{_plural(result.fixed, 'finding')} fixed in place.</p>")
    out.append("</section>")
    return "".join(out)


def _file_list(report: RunReport, per_file: list[list[_Item]]) -> str:
    rows = []
    for n, (result, items) in enumerate(zip(report.results, per_file, strict=True), 1):
        if result.error:
            rows.append(
                f'<li><a href="#file-{n}">{_e(result.path)}</a> <span class="err">{_e(error_text(result))}</span></li>'
            )
        else:
            rows.append(f'<li><a href="#file-{n}">{_e(result.path)}</a> ({_plural(len(items), "finding")})</li>')
    return f'<nav class="files" aria-labelledby="files-h"><h2 id="files-h">Files</h2><ol>{"".join(rows)}</ol></nav>'


def _panel(report: RunReport, items: list[_Item]) -> str:
    several = len(report.results) > 1
    by_sev = Counter(i.severity for i in items)
    by_cat = Counter(_category(i.finding) for i in items)
    out = ['<aside id="panel" aria-labelledby="panel-h" tabindex="-1">', '<h2 id="panel-h">Findings</h2>']
    out.append(f"<p>{_plural(len(items), 'finding')} in {_plural(len(report.results), 'file')}.</p>")
    out.append('<h3>By severity</h3><ul class="counts">')
    for sev in SEVERITIES:
        out.append(
            f'<li><span class="ul s-{sev}" aria-hidden="true">abc</span>'
            f'<span class="sev s-{sev}">{SEVERITY_LABELS[sev]}</span><span class="n">{by_sev.get(sev, 0)}</span></li>'
        )
    out.append("</ul>")
    if by_cat:
        out.append('<h3>By category</h3><ul class="counts">')
        for cat, n in sorted(by_cat.items(), key=lambda kv: (-kv[1], kv[0])):
            label = _category_label(cat) if cat != "other" else "Other"
            swatch = f'<span class="sw c-{cat}" aria-hidden="true"></span>'
            out.append(f'<li>{swatch}{_e(label)}<span class="n">{n}</span></li>')
        out.append("</ul>")
    if items:
        out.append("<h3>By rule</h3>")
    for sev in SEVERITIES:
        of_sev = [i for i in items if i.severity == sev]
        if not of_sev:
            continue
        out.append(f'<h4><span class="sev s-{sev}">{SEVERITY_LABELS[sev]}s</span> ({len(of_sev)})</h4>')
        rules = Counter(i.finding.rule for i in of_sev)
        out.append("<ul>")
        for rule, n in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0])):
            entries = []
            for i in of_sev:
                if i.finding.rule != rule:
                    continue
                where = f"{_e(i.path)}:" if several else "line "
                matched = i.finding.matched
                snippet = matched if len(matched) <= SNIPPET else matched[:SNIPPET] + "…"
                quoted = f"<q>{_e(snippet)}</q> " if snippet.strip() else ""
                entries.append(
                    f'<li><a class="entry" href="#{i.fid}">#{i.number} {quoted}'
                    f'<span class="where">{where}{i.line}:{i.column}</span></a></li>'
                )
            out.append(f"<li><code>{_e(rule)}</code> ({n})<ol>{''.join(entries)}</ol></li>")
        out.append("</ul>")
    out.append("</aside>")
    return "".join(out)


def render(report: RunReport) -> str:
    """The report as one self-contained HTML page (no network, no outside scripts or fonts)."""
    per_file = [_items(result, n) for n, result in enumerate(report.results, 1)]
    all_items = [i for items in per_file for i in items]
    total = _plural(len(all_items), "finding")
    files = _plural(len(report.results), "file")
    title = "copydesk report"
    if len(report.results) == 1:
        title += f": {report.results[0].path}"
    summary = f"{total} in {files}"
    if report.errors_count:
        summary += f"; {report.error_summary}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f'<meta name="generator" content="copydesk {_e(__version__)}">',
        f"<title>{_e(title)}</title>",
        f"<style>{CSS}</style></head><body>",
        '<a class="skip" href="#panel">Skip to the list of findings</a>',
        f'<header class="top"><h1>{_e(title)}</h1><p>{_e(summary)}. '
        "Highlights are coloured by category and underlined by severity (wavy: error, dashed: warning, "
        "dotted: info); focus or click one for its message and suggestions.</p>",
    ]
    if report.notes:
        parts.append('<ul class="run-notes">' + "".join(f"<li>{_e(n)}</li>" for n in report.notes) + "</ul>")
    parts.append('</header><div class="layout"><main id="copy">')
    if len(report.results) > 1 or report.errors_count:
        parts.append(_file_list(report, per_file))
    if not report.results:
        parts.append("<p>No files were checked.</p>")
    for n, (result, items) in enumerate(zip(report.results, per_file, strict=True), 1):
        parts.append(_file_section(result, n, items, report))
    parts.append("</main>")
    parts.append(_panel(report, all_items))
    parts.append("</div>")
    parts.append(f'<footer class="bottom">Made by copydesk {_e(__version__)}.</footer>')
    parts.append('<div id="pop" role="tooltip" hidden></div>')
    parts.append(f"<script>{SCRIPT}</script>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
