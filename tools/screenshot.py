"""Regenerate the README's screenshot of a unit report (docs/unit-report.png).

    .venv/bin/python tools/screenshot.py [OUT.png]

Runs `pilotlib report --data data/example --unit "Lâm Hà"` into a temporary folder
(illustrative breakdown, so the organisation review shows), opens the Vietnamese unit
report from disk in headless Chromium (Debian's chromium, the launch flags of
tests/report/test_browser.py) at 1200 px wide, and saves the page from its title down
to the end of the organisation review (the heading of the next section, "Cơ cấu theo
nhóm chức danh"). Needs Playwright and Chromium; writes nothing else.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main(target: Path) -> int:
    from playwright.sync_api import sync_playwright

    from pilotlib.batch.sets import current
    from pilotlib.cli import main as pilotlib

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium is not installed", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="screenshot-") as folder:
        out = Path(folder) / "out"
        status = pilotlib(["report", "--data", str(ROOT / "data" / "example"), "--unit", "Lâm Hà",
                           "--out", str(out), "--formats", "html", "--jobs", "2"])
        if status != 0:
            return status
        page_path = current(out)[0].folder / "reports" / "unit_report--lam-ha--vi.html"
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=chromium, args=ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto(page_path.as_uri())
            page.wait_for_load_state("load")
            end = page.evaluate("""() => [...document.querySelectorAll('h2')]
                .find(h => h.textContent.startsWith('Cơ cấu theo nhóm chức danh'))
                .getBoundingClientRect().top + window.scrollY""")
            page.screenshot(path=str(target), full_page=True,
                            clip={"x": 0, "y": 0, "width": 1200, "height": int(end) - 8})
            browser.close()
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "unit-report.png"))
