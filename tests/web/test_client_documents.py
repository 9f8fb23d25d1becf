"""The answer page's documents in a real browser: the client's one-page summary downloaded in
Spanish from an English page, with the organisation's referral, and the page still English;
an unknown example's URL; a bad referral file stops the app from starting, naming the field.
(Each bundled example's answer page, opened by its URL, is checked on a phone in both
languages by test_browser_every_page.)"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from pypdf import PdfReader

from erpath.web import Settings, create_app
from erpath.web.demo import DEMO_REFERRAL
from erpath.web.settings import ConfigError
from web.real_browser import DESKTOP, PHONE, new_context
from web.webtools import TODAY, LiveServer


@pytest.fixture(scope="module")
def referring_server() -> Iterator[LiveServer]:
    settings = Settings(today=TODAY, referral_file=DEMO_REFERRAL)
    with LiveServer(create_app(settings)) as server:
        yield server


@pytest.mark.parametrize("width", [DESKTOP["width"], PHONE["width"]])
def test_the_spanish_client_summary_from_an_english_page(
    chromium: Browser, referring_server: LiveServer, width: int
) -> None:
    context = new_context(chromium, width)
    page = context.new_page()
    page.goto(f"{referring_server.url}/examples/01-interior-pending-240?lang=en")
    page.wait_for_selector("#answer")
    with page.expect_download() as download:
        page.click("#client-pdf-es")
    reader = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert len(reader.pages) == 1
    text = " ".join((reader.pages[0].extract_text() or "").split())
    assert "Lo que la evaluación significa para usted" in text
    assert "A quién llamar" in text
    assert "Clínica de Ayuda Legal de Ejemplo" in text
    page.reload()
    assert page.get_attribute("html", "lang") == "en"  # the staff's page stays English
    assert page.inner_text("#report-heading") == "Printable documents"
    context.close()


def test_an_unknown_example_is_a_404(chromium: Browser, referring_server: LiveServer) -> None:
    context = new_context(chromium, DESKTOP["width"])
    page = context.new_page()
    response = page.goto(f"{referring_server.url}/examples/no-such-example")
    assert response is not None
    assert response.status == 404
    assert "There is no such example." in page.content()
    context.close()


def test_a_bad_referral_file_stops_the_app(tmp_path: Path) -> None:
    bad = tmp_path / "referral.yaml"
    bad.write_text("phone: '(555) 010-0199'\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        create_app(Settings(today=TODAY, referral_file=bad))
    assert any("referral file" in p and "name: required" in p for p in raised.value.problems)
