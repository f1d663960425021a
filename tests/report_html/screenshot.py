"""Screenshot an HTML report in headless Chromium (how docs/report-dispatch.png is made).

    copydesk check examples/dispatch.md --output-format html -o /tmp/dispatch.html
    python tests/report_html/screenshot.py /tmp/dispatch.html docs/report-dispatch.png --open shoe

`--open TEXT` clicks the first highlight whose text is TEXT, so the picture shows its popover.
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--open", dest="open_text", help="click the highlight showing this text")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=960)
    parser.add_argument("--full-page", action="store_true")
    args = parser.parse_args()
    chromium = os.environ.get("COPYDESK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=FLAGS)
        page = browser.new_page(viewport={"width": args.width, "height": args.height}, device_scale_factor=1)
        page.goto(args.report.resolve().as_uri())
        if args.open_text:
            ids = page.eval_on_selector_all(
                "mark.hl:not(.cont)",
                "(els, want) => els.filter(e => e.firstChild && e.firstChild.textContent === want).map(e => e.id)",
                args.open_text,
            )
            if not ids:
                raise SystemExit(f"no highlight shows {args.open_text!r}")
            page.click(f"#{ids[0]}")
            page.evaluate("window.scrollTo(0, 0)")
            page.evaluate(f"document.getElementById('{ids[0]}').dispatchEvent(new Event('resize'))")
            page.set_viewport_size({"width": args.width, "height": args.height})
        args.png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.png), full_page=args.full_page)
        browser.close()


if __name__ == "__main__":
    main()
