"""The README's two screenshots (`make screenshots`): a question of the guided interview on a
phone, and the answer page of the invented client of issue 12 on a desktop, from the app
served on loopback with the demonstration's settings. Written to docs/screenshots/."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from erpath.web import Settings, create_app  # noqa: E402
from web.real_browser import FLAGS  # noqa: E402
from web.webtools import LiveServer  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    settings = Settings(today=dt.date(2026, 1, 20))
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with LiveServer(create_app(settings)) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
        page = phone.new_page()
        page.goto(f"{server.url}/interview")
        page.click("#next")  # the date: the hearing day, as offered
        page.screenshot(path=str(OUT / "interview-phone.png"))
        desktop = browser.new_context(viewport={"width": 1280, "height": 1000})
        page = desktop.new_page()
        page.goto(f"{server.url}/examples/01-interior-pending-240")
        page.wait_for_selector("#answer")
        page.screenshot(path=str(OUT / "answer-desktop.png"))
        browser.close()
    print(f"written: {OUT}/interview-phone.png, {OUT}/answer-desktop.png")


if __name__ == "__main__":
    main()
