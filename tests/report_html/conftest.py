"""Reports from real engine runs, and a real headless Chromium (Debian's package) to open them in.

The browser tests fail, never skip, when Chromium or Playwright is missing: the issue's "done"
is that the page was seen working in a real browser. Point COPYDESK_CHROMIUM at another binary
to use it instead of /usr/bin/chromium. Screenshots go to test-artifacts/report_html/.
"""

from __future__ import annotations

import http.server
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from copydesk.checks import registry
from copydesk.config import Settings
from copydesk.engine import FileResult, check_source
from copydesk.report import html
from copydesk.report.model import RunReport
from copydesk.sourcefile import SourceFile

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "report_html"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

BuildReport = Callable[..., RunReport]


@pytest.fixture
def build_report(monkeypatch: pytest.MonkeyPatch) -> Iterator[BuildReport]:
    """`build_report((path, text), …, errors={path: reason})`: a RunReport from the real engine.

    Only the always-present checks run (core and the YAML rule packs), so the findings do not
    depend on checks other engineers are still writing or on installed plug-ins.
    """
    kept = {name: spec for name, spec in registry.BUILTIN.items() if name in ("core", "rules")}
    assert set(kept) == {"core", "rules"}
    monkeypatch.setattr(registry, "BUILTIN", kept)
    monkeypatch.setattr(registry, "entry_points", lambda group: ())
    registry.checks_for.cache_clear()

    def build(*files: tuple[str, str], errors: dict[str, str] | None = None, **settings: Any) -> RunReport:
        config = Settings(**settings)
        results = [check_source(SourceFile(path, text), config) for path, text in files]
        results += [FileResult(path, error=reason) for path, reason in (errors or {}).items()]
        used = {f.rule for r in results for f in r.findings}
        rules = {rule.id: rule for check in registry.checks_for(config) for rule in check.rules if rule.id in used}
        return RunReport(results, rules)

    yield build
    registry.checks_for.cache_clear()


def chromium_path() -> str:
    wanted = os.environ.get("COPYDESK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(wanted).exists():
        pytest.fail(
            f"Chromium not found at {wanted}: install Debian's package (apt-get install -y chromium) "
            "or set COPYDESK_CHROMIUM; the HTML report tests need a real browser.",
            pytrace=False,
        )
    return wanted


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the playwright package is missing: pip install -e '.[test]'", pytrace=False)
    executable = chromium_path()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@dataclass
class Opened:
    """A report open in a browser tab, with everything the page tried to do."""

    page: Any
    url: str
    path: Path
    requests: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, reason), "csp" when the policy stopped it
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def screenshot(self, name: str, *, full_page: bool = True) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        target = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(target), full_page=full_page)
        assert target.stat().st_size > 1000
        return target

    def pop_text(self) -> str:
        pop = self.page.locator("#pop")
        if not pop.is_visible():
            return ""
        text: str = pop.inner_text()
        return text


OpenReport = Callable[..., Opened]


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request: `(base_url, hits)`."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"window.__pwned=1")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()
    server.server_close()


@pytest.fixture
def open_page(browser: Any, tmp_path: Path) -> Iterator[Callable[..., Opened]]:
    """`open_page(html_text)`: write the page to a file and open it from file:// in a fresh context."""
    contexts: list[Any] = []

    def open_(page_html: str, *, width: int = 1280, height: int = 900) -> Opened:
        path = tmp_path / f"report-{len(contexts)}.html"
        path.write_text(page_html, encoding="utf-8")
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        opened = Opened(page, path.as_uri(), path)
        page.on("request", lambda r: opened.requests.append(r.url))
        page.on("requestfailed", lambda r: opened.failed.append((r.url, r.failure or "")))
        page.on("console", lambda m: opened.console.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: opened.errors.append(str(e)))

        def on_dialog(d: Any) -> None:
            opened.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)
        page.goto(opened.url)
        page.wait_for_load_state("load")
        return opened

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def open_report(open_page: Callable[..., Opened]) -> OpenReport:
    """`open_report(report)`: render it and open it; the page's own script must have run."""

    def open_(report: RunReport, **kwargs: Any) -> Opened:
        opened = open_page(html.render(report), **kwargs)
        assert opened.page.evaluate("document.documentElement.dataset.ready") == "1", opened.console
        return opened

    return open_
