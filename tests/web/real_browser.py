"""A real browser for the web tests: Playwright driving Debian's Chromium (installed by the
Makefile), axe-core checking a page for accessibility problems, and the two sizes every page
is tried at (a desktop 1280 pixels wide, a phone 390 pixels wide).

Screenshots are saved in build/screenshots/ as test artifacts."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, sync_playwright
from playwright.sync_api import Error as PlaywrightError

ROOT = Path(__file__).parents[2]
AXE = ROOT / "build" / "node" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "build" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without the networking flags, Chromium keeps trying to reach Google's hosts.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Chromium is missing: `make test` installs it (Debian)"
    assert AXE.exists(), "axe-core is missing: `make test` installs it (npm)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def new_context(chromium: Browser, width: int) -> BrowserContext:
    """A browser window `width` pixels wide (a phone's when it is PHONE's)."""
    if width <= PHONE["width"]:
        return chromium.new_context(viewport=PHONE, is_mobile=True, accept_downloads=True)
    return chromium.new_context(
        viewport={"width": width, "height": DESKTOP["height"]}, accept_downloads=True
    )


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


def accessible(page: Page, name: str) -> None:
    """axe-core finds no violation on the page; a full-page screenshot is kept."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    except PlaywrightError:
        # Chromium sometimes cannot capture a full page at once on a loaded machine ("Unable
        # to capture screenshot"); the picture is a keepsake, so it is taken once more
        page.wait_for_timeout(500)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    violations = page.evaluate(
        "axe.run(document).then(r => r.violations.map(v => v.id + ': ' + v.help + ' ('"
        " + v.nodes.length + ')'))"
    )
    assert violations == [], f"{name}: {violations}"


def no_sideways_scroll(page: Page) -> None:
    """The page is no wider than its window: nothing to scroll sideways to."""
    width = page.evaluate("document.documentElement.scrollWidth")
    window = page.evaluate("window.innerWidth")
    assert width <= window + 1, f"{page.url} scrolls sideways ({width} > {window} pixels)"
