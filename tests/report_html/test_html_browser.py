"""The HTML report opened in a real headless Chromium: highlights, popovers, keyboard, safety, print."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from copydesk.engine import FileResult
from copydesk.findings import Applicability, Category, Finding, Severity
from copydesk.report import html
from copydesk.report.model import RunReport
from copydesk.sourcefile import SourceFile

BuildReport = Callable[..., RunReport]  # conftest fixtures
OpenReport = Callable[..., Any]  # returns conftest.Opened: .page, .url, .requests, .console, …
Opened = Any

SLIPS = 'We saw the the cat,, there.\n\n"We will not give up, he said.\n'
MARKDOWN = (
    "# Talks resume in the the capital\n\n"
    "Officials met on *Monday*,, and `code` stayed out.\n\n"
    "- Analysts said the talks went on on the ground.\n"
)
HTML_COPY = "<h1>Talks</h1><p>We saw the the envoy &amp; his aide,, there.</p>"
ATTACK = (
    "Draft with <script>window.__pwned=1</script> and "
    '<img src=x onerror="window.__pwned=1"> inside, and the the slip.\n'
)


def primaries(opened: Opened) -> list[str]:
    ids: list[str] = opened.page.eval_on_selector_all("mark.hl:not(.cont)", "els => els.map(e => e.id)")
    return ids


def copy_text(opened: Opened, selector: str) -> str:
    """The visible text of the copy, without the highlights' numbers and insertion carets."""
    text: str = opened.page.eval_on_selector(
        selector,
        "el => { const c = el.cloneNode(true); c.querySelectorAll('sup.n, .caret').forEach(x => x.remove());"
        " document.body.appendChild(c); const t = c.innerText; c.remove(); return t; }",
    )
    return text


def assert_offline(opened: Opened) -> None:
    assert opened.requests == [opened.url], opened.requests
    assert not opened.errors
    assert not opened.dialogs
    assert not [m for m in opened.console if "Content Security Policy" in m or "error" in m.split(":")[0]]


def test_one_highlight_per_finding(build_report: BuildReport, open_report: OpenReport) -> None:
    report = build_report(
        ("slips.txt", SLIPS), ("story.md", MARKDOWN), ("page.html", HTML_COPY), errors={"gone.txt": "no such file"}
    )
    rules = {f.rule for r in report.results for f in r.findings}
    assert {"core.doubled-word", "core.repeated-punctuation", "core.unbalanced-marks"} <= rules
    opened = open_report(report)
    ids = primaries(opened)
    assert len(ids) == report.findings_count >= 7
    assert len(set(ids)) == len(ids)
    marked = set(opened.page.eval_on_selector_all("mark.hl", "els => els.map(e => e.dataset.finding)"))
    assert marked == set(ids)
    # Each file's highlights sit in its own section, in the order of the findings.
    for n, result in enumerate(report.results, 1):
        in_file = opened.page.eval_on_selector_all(f"#file-{n} mark.hl:not(.cont)", "els => els.length")
        assert in_file == len(result.findings)
    # The file list names all four, the unreadable one with its reason.
    files = opened.page.locator("nav.files").inner_text()
    assert "gone.txt" in files and "no such file" in files
    assert "page.html" in files and "story.md" in files
    assert_offline(opened)
    opened.screenshot("several-files")


def test_clicking_a_highlight_shows_message_and_first_suggestion(
    build_report: BuildReport, open_report: OpenReport
) -> None:
    report = build_report(("slips.txt", SLIPS))
    opened = open_report(report)
    page = opened.page
    assert not page.locator("#pop").is_visible()
    findings = sorted(report.results[0].findings, key=lambda f: f.start)
    for n, f in enumerate(findings, 1):
        page.click(f"#f-1-{n}")
        text = opened.pop_text()
        assert f.message in text
        assert f.rule in text
        assert f.severity.value in text.lower()
        if f.suggestions:
            first = page.locator("#pop .sg ins").first.inner_text()
            assert first == f.suggestions[0]
        # The highlight says it is expanded, and the popover sits under it.
        assert page.get_attribute(f"#f-1-{n}", "aria-expanded") == "true"
        box = page.locator(f"#f-1-{n}").bounding_box()
        pop = page.locator("#pop").bounding_box()
        assert box and pop and pop["y"] >= box["y"] + box["height"] - 1
    doubled = next(f for f in findings if f.rule == "core.doubled-word")
    page.click(f"#f-1-{findings.index(doubled) + 1}")
    opened.screenshot("popover-open", full_page=False)
    ids = page.eval_on_selector_all("[id]", "els => els.map(e => e.id)")
    assert len(ids) == len(set(ids)), "the popover copies a note without its id"
    # A second click closes it again.
    page.click(f"#f-1-{findings.index(doubled) + 1}")
    page.mouse.move(1, 1)
    assert not page.locator("#pop").is_visible()
    assert_offline(opened)


def test_keyboard_alone_reaches_and_opens_every_highlight(build_report: BuildReport, open_report: OpenReport) -> None:
    report = build_report(("slips.txt", SLIPS))
    opened = open_report(report)
    page = opened.page
    findings = sorted(report.results[0].findings, key=lambda f: f.start)
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id")
        if focused.startswith("f-"):
            seen.append(focused)
            f = findings[int(focused.rsplit("-", 1)[1]) - 1]
            assert f.message in opened.pop_text()  # focus alone shows it
        if len(seen) == len(findings):
            break
    assert seen == [f"f-1-{n}" for n in range(1, len(findings) + 1)]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Escape")
    assert not page.locator("#pop").is_visible()
    page.keyboard.press("Enter")
    assert findings[-2].message in opened.pop_text()
    page.keyboard.press("Escape")
    scrolled = page.evaluate("window.scrollY")
    page.keyboard.press(" ")
    assert findings[-2].message in opened.pop_text()
    assert page.evaluate("window.scrollY") == scrolled  # Space opens it; it does not scroll the page away
    opened.screenshot("keyboard-focus", full_page=False)


def test_side_panel_counts_and_jumps(build_report: BuildReport, open_report: OpenReport) -> None:
    report = build_report(("slips.txt", SLIPS * 3 + "\n\n" + "It was a a test.\n" * 30))
    opened = open_report(report, height=600)
    page = opened.page
    panel = page.locator("#panel").inner_text()
    assert f"{report.findings_count} findings in 1 file" in panel
    errors = sum(f.severity is Severity.ERROR for f in report.results[0].findings)
    warnings = sum(f.severity is Severity.WARNING for f in report.results[0].findings)
    counts = page.eval_on_selector_all(".counts li", "els => els.map(e => e.innerText.replace(/\\s+/g, ' ').trim())")
    assert any(c.endswith(f"Error {errors}") for c in counts), counts
    assert any(c.endswith(f"Warning {warnings}") for c in counts), counts
    assert "core.doubled-word" in panel
    last = primaries(opened)[-1]
    page.click(f"#panel a[href='#{last}']")
    assert page.evaluate("document.activeElement.id") == last
    assert page.locator(f"#{last}").is_visible()
    in_view = page.evaluate(
        f"(() => {{ const r = document.getElementById('{last}').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; })()"
    )
    assert in_view
    assert "Word written twice" in opened.pop_text() or "typed twice" in opened.pop_text()
    opened.screenshot("panel-jump", full_page=False)


@pytest.mark.parametrize("name", ["draft.txt", "draft.md", "draft.html"])
def test_a_draft_with_script_runs_nothing(name: str, build_report: BuildReport, open_report: OpenReport) -> None:
    report = build_report((name, ATTACK))
    assert report.findings_count >= 1
    opened = open_report(report)
    page = opened.page
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.eval_on_selector_all("main img, main script", "els => els.length") == 0
    copy = copy_text(opened, "#file-1 .copy")
    if name.endswith(".txt"):  # plain text shows the characters as they are
        assert "<script>window.__pwned=1</script>" in copy
        assert '<img src=x onerror="window.__pwned=1">' in copy
    assert len(primaries(opened)) == report.findings_count
    assert_offline(opened)
    opened.screenshot(f"script-draft-{name.replace('.', '-')}")


def test_hostile_names_messages_and_suggestions_are_text(open_report: OpenReport) -> None:
    name = '<img src=x onerror="window.__pwned=1">&"quoted".txt'
    text = "Plain copy with one slip.\n"
    hostile = Finding(
        "house.<b>bold</b>",
        Category.STYLE,
        Severity.INFO,
        16,
        19,
        'Message <script>window.__pwned=1</script> & "more"',
        ('<img src=x onerror="window.__pwned=1">', "b"),
        Applicability.DISPLAY,
        "one",
    )
    report = RunReport(
        [
            FileResult(name, SourceFile(name, text), [hostile]),
            FileResult("<svg onload=window.__pwned=1>.txt", error="<script>window.__pwned=1</script>"),
        ]
    )
    opened = open_report(report)
    page = opened.page
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#file-1-h").inner_text().startswith(name)
    assert "<svg onload=window.__pwned=1>.txt" in page.locator("nav.files").inner_text()
    assert "<script>window.__pwned=1</script>" in page.locator("#file-2").inner_text()
    page.click("#f-1-1")
    pop = opened.pop_text()
    assert 'Message <script>window.__pwned=1</script> & "more"' in pop
    assert "house.<b>bold</b>" in pop
    assert page.locator("#pop .sg ins").first.inner_text() == '<img src=x onerror="window.__pwned=1">'
    assert page.eval_on_selector_all("img, svg, b", "els => els.length") == 0
    assert_offline(opened)


def test_the_content_security_policy_stops_a_missed_escape(
    open_page: Callable[..., Any], build_report: BuildReport, listener: tuple[str, list[str]]
) -> None:
    """Defence in depth: markup injected past the escaping neither runs nor fetches anything."""
    base, hits = listener
    page_html = html.render(build_report(("slips.txt", SLIPS)))
    injected = page_html.replace(
        '<main id="copy">',
        f'<main id="copy"><script>window.__pwned=1</script><script src="{base}/x.js"></script>'
        f'<img src="{base}/x.png" onerror="window.__pwned=1"><link rel="stylesheet" href="{base}/x.css">'
        f'<iframe src="{base}/frame"></iframe><button onclick="window.__pwned=1" id="trap">trap</button>',
    )
    assert injected != page_html
    opened = open_page(injected)
    page = opened.page
    page.click("#trap")
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.documentElement.dataset.ready") == "1"  # the report's own script ran
    assert hits == []
    assert all(reason == "csp" for url, reason in opened.failed if url.startswith(base)), opened.failed
    assert any("Content Security Policy" in m for m in opened.console)
    page.click("#f-1-1")
    assert "Word written twice" in opened.pop_text()


def test_print_shows_every_note_and_no_popover(build_report: BuildReport, open_report: OpenReport) -> None:
    report = build_report(("slips.txt", SLIPS), ("story.md", MARKDOWN))
    opened = open_report(report)
    page = opened.page
    page.click("#f-1-1")
    page.emulate_media(media="print")
    assert not page.locator("#pop").is_visible()
    notes = page.locator("ol.notes > li")
    assert notes.count() == report.findings_count
    for i in range(notes.count()):
        assert notes.nth(i).is_visible()
    assert page.evaluate("getComputedStyle(document.getElementById('panel')).position") == "static"
    # Highlights keep their numbers in print, so they match the notes without colour.
    numbers = page.eval_on_selector_all("mark.hl:not(.cont) > sup.n", "els => els.map(e => e.innerText)")
    assert numbers == ["1", "2", "3"] + [str(n) for n in range(1, len(report.results[1].findings) + 1)]
    opened.screenshot("print-view")
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")


def test_colour_is_not_the_only_signal(build_report: BuildReport, open_report: OpenReport) -> None:
    report = build_report(("slips.txt", SLIPS))
    opened = open_report(report)
    styles = opened.page.eval_on_selector_all(
        "mark.hl:not(.cont)",
        "els => els.map(e => [e.className, getComputedStyle(e).textDecorationStyle,"
        " e.querySelector('sup.n').innerText, e.getAttribute('tabindex'), e.getAttribute('aria-describedby')])",
    )
    by_severity: dict[str, set[str]] = {}
    for classes, decoration, number, tabindex, described in styles:
        severity = next(c for c in classes.split() if c.startswith("s-"))
        by_severity.setdefault(severity, set()).add(decoration)
        assert number.isdigit() and tabindex == "0"
        assert opened.page.locator(f"#{described}").count() == 1
    assert by_severity == {"s-error": {"wavy"}, "s-warning": {"dashed"}}


def test_hovering_shows_and_leaving_hides(build_report: BuildReport, open_report: OpenReport) -> None:
    report = build_report(("slips.txt", SLIPS))
    opened = open_report(report)
    page = opened.page
    page.hover("#f-1-2")
    assert "Punctuation mark typed twice" in opened.pop_text()
    page.mouse.move(5, 5)
    assert not page.locator("#pop").is_visible()


def test_overlapping_findings_each_get_a_highlight(open_report: OpenReport) -> None:
    text = "Alpha beta gamma delta.\n\nEpsilon zeta."
    spans = [(0, 10, "first"), (6, 16, "second"), (6, 10, "third"), (17, 32, "fourth")]
    findings = [
        Finding(
            f"x.{name}", Category.STYLE, Severity.INFO, s, e, f"The {name} finding.", (name.upper(),), matched=text[s:e]
        )
        for s, e, name in spans
    ]
    report = RunReport([FileResult("o.txt", SourceFile("o.txt", text), findings)])
    opened = open_report(report)
    page = opened.page
    assert len(primaries(opened)) == 4
    continuation = page.locator("mark.hl.cont").first
    fid = continuation.get_attribute("data-finding")
    continuation.click()
    assert page.evaluate("document.activeElement.id") == fid
    message = next(
        f.message for n, f in enumerate(sorted(findings, key=lambda f: (f.start, -f.end)), 1) if f"f-1-{n}" == fid
    )
    assert message in opened.pop_text()
    opened.screenshot("overlaps", full_page=False)


def test_a_link_to_a_finding_opens_it(build_report: BuildReport, open_page: Callable[..., Any]) -> None:
    opened = open_page(html.render(build_report(("slips.txt", SLIPS))))
    opened.page.goto(opened.url + "#f-1-3")
    opened.page.reload()
    assert opened.page.evaluate("document.activeElement.id") == "f-1-3"
    assert "never closed" in opened.pop_text()
