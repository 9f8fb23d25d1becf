"""Every page a staff member can reach, in a real browser on a phone (390 pixels), in English
and Spanish: crawled from the home page by its links, with each bundled example's answer
and each question of the guided interview; on each, the text the browser shows holds no
code (rule, state, event or law-data ids, field paths: test_no_codes_on_screen's list), the
page does not scroll sideways, and axe-core finds nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from erpath.law.model import Law
from erpath.web import Settings, create_app
from erpath.web.demo import DEMO_REFERRAL
from web.real_browser import PHONE, accessible, new_context, no_sideways_scroll
from web.test_no_codes_on_screen import TYPED_BY_THE_USER, _codes, _codes_in
from web.webtools import PASSPHRASE, TODAY, LiveServer

EXAMPLES = sorted(
    p.stem for p in (Path(__file__).parents[2] / "src" / "erpath" / "examples").glob("*.json")
)
# Links that are not pages: documents, images, calendars, the API.
NOT_A_PAGE = re.compile(r"\.(pdf|png|svg|ics|csv|json|parquet)$|^/static/|^/api/|^/logout")


@pytest.fixture(scope="module")
def server(web_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    settings = Settings(
        store_path=web_store,
        passphrase=PASSPHRASE,
        today=TODAY,
        data_dir=tmp_path_factory.mktemp("research"),
        referral_file=DEMO_REFERRAL,
    )
    with LiveServer(create_app(settings)) as live:
        yield live


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_page_on_a_phone_shows_words_fits_and_is_accessible(
    chromium: Browser, server: LiveServer, law: Law, lang: str
) -> None:
    codes = _codes(law)
    context = new_context(chromium, PHONE["width"])
    page = context.new_page()
    page.goto(f"{server.url}/?lang={lang}")
    queue = ["/", "/interview", *(f"/examples/{name}" for name in EXAMPLES)]
    seen: set[str] = set()
    found: dict[str, list[str]] = {}
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = page.goto(server.url + path)
        assert response is not None
        assert response.status == 200, path
        shown = urlsplit(page.url).path
        hits = set(_codes_in(page.inner_text("body"), codes))
        hits -= TYPED_BY_THE_USER.get(shown, set())
        if hits:
            found[path] = sorted(hits)
        no_sideways_scroll(page)
        name = re.sub(r"[^a-z0-9]+", "-", path.strip("/").split("?")[0]) or "home"
        accessible(page, f"every-page-{name}-{lang}-phone")
        for href in page.eval_on_selector_all(
            "a[href]", "as => as.map(a => a.getAttribute('href'))"
        ):
            target = href.split("#")[0]
            if (
                target.startswith("/")
                and not NOT_A_PAGE.search(urlsplit(target).path)
                and "lang=" not in target
                and "/screen/" not in target
            ):
                queue.append(target)
    context.close()
    assert len(seen) >= 20, sorted(seen)
    assert {"/cases", "/law", "/evidence", "/research", "/glossary", "/screen"} <= seen
    assert found == {}
