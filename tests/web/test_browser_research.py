"""The research pages in a real browser (web.real_browser): at a desktop's and a phone's
width, in English and Spanish, each page checked by axe-core (screenshots kept in
build/screenshots/), with nothing to scroll sideways and its chart image loaded; the
exposure form driven as a person would."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from erpath.web import Settings, create_app
from web.real_browser import DESKTOP, PHONE, accessible, new_context, no_sideways_scroll
from web.webtools import TODAY, LiveServer

PAGES = {
    "research": ("/research", None),
    "research-exposure": ("/research/exposure?on=2025-06-10&by=court", "#exposure-chart"),
    "research-nationality": ("/research/exposure?on=2025-06-10&by=nationality", "#exposure-chart"),
    "research-series": ("/research/series?from=2024-06-01&to=2026-12-31", "#series-chart"),
    "research-ice": ("/research/ice", None),
    "research-simulate": ("/research/simulate?scenario=interior-2025-2026", "#simulate-chart"),
}


@pytest.fixture(scope="module")
def research_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app with a data directory of its own, where the demonstration release is made."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("research"), today=TODAY)
    with pytest.MonkeyPatch.context() as env, LiveServer(create_app(settings)) as server:
        env.delenv("ERPATH_RELEASE", raising=False)
        yield server


def _chart_loaded(page: Page, selector: str) -> None:
    page.wait_for_function(
        "s => { const i = document.querySelector(s); return i.complete && i.naturalWidth > 0; }",
        arg=selector,
    )
    width = page.evaluate("s => document.querySelector(s).getBoundingClientRect().width", selector)
    window = page.evaluate("window.innerWidth")
    assert 0 < width <= window, "the chart scales to the page"


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("width", [DESKTOP["width"], PHONE["width"]])
def test_every_research_page_fits_and_is_accessible(
    chromium: Browser, research_server: LiveServer, width: int, language: str
) -> None:
    context = new_context(chromium, width)
    page = context.new_page()
    try:
        for name, (url, chart) in PAGES.items():
            joiner = "&" if "?" in url else "?"
            page.goto(f"{research_server.url}{url}{joiner}lang={language}")
            page.wait_for_selector(f"html[lang={language}]")
            assert page.locator("#research-banner[role=note]").count() == 1
            if chart:
                _chart_loaded(page, chart)
            no_sideways_scroll(page)
            accessible(page, f"{name}-{width}-{language}")
    finally:
        context.close()


def test_the_exposure_form_by_nationality_then_a_bad_date_on_a_phone(
    chromium: Browser, research_server: LiveServer
) -> None:
    context = new_context(chromium, PHONE["width"])
    page = context.new_page()
    try:
        page.goto(research_server.url + "/?lang=es")
        page.click("#nav-research")
        page.wait_for_selector("#research-banner")
        page.click("#research-nav-exposure")
        page.fill("#on", "2025-06-10")
        page.select_option("#by", "nationality")
        page.click("#exposure-submit")
        page.wait_for_selector("#exposure-table")
        assert page.inner_text("#exposure-table tbody tr:first-child th") == "México"
        assert "%" in page.inner_text("#depends-share")
        _chart_loaded(page, "#exposure-chart")
        no_sideways_scroll(page)

        page.goto(research_server.url + "/research/exposure?on=10/06/2025&by=nationality")
        assert "on: 10/06/2025" in page.inner_text("#on-error")
        assert page.input_value("#on") == "10/06/2025"
        assert page.input_value("#by") == "nationality"
        no_sideways_scroll(page)
        accessible(page, "research-exposure-bad-date-390-es")
    finally:
        context.close()
