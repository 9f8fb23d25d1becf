"""The evidence page in a real browser (Chromium, axe-core) at a desktop's and a phone's width,
in English and Spanish: a 15-row spreadsheet of invented documents uploaded, its summary, the
compact table, each gap's own list, the monthly nudge with monthly pay stubs, and the index
in Spanish (File column, exhibits in date order) opened without changing the page's
language. Screenshots in build/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from web.real_browser import DESKTOP, PHONE, accessible, new_context, no_sideways_scroll
from web.test_evidence import PERIOD, fifteen_csv, monthly_pay_stubs
from web.webtools import LiveServer

OLD_HEIGHT = 13_052  # pixels: the page of 15 uploaded rows as edit cards (issue 13)


def _upload(page: Page, url: str, file: Path, period: dict[str, str] = PERIOD) -> None:
    page.goto(url)
    page.fill("#arrived", period["arrived"])
    page.fill("#on", period["on"])
    page.set_input_files("#upload", str(file))
    page.click("#evidence-submit")
    page.wait_for_load_state()


def _chart_loaded(page: Page) -> None:
    page.wait_for_function(
        "() => { const i = document.querySelector('#evidence-chart');"
        " return i && i.complete && i.naturalWidth > 0; }"
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_fifteen_documents_on_a_desktop(
    chromium: Browser, local_server: LiveServer, tmp_path: Path, language: str
) -> None:
    file = tmp_path / "documents.csv"
    file.write_bytes(fifteen_csv())
    context = new_context(chromium, DESKTOP["width"])
    page = context.new_page()
    _upload(page, f"{local_server.url}/evidence?lang={language}", file)
    page.wait_for_selector("#analysis")
    _chart_loaded(page)
    summary = {"en": "15 rows read: 15 accepted, 0 refused.", "es": "15 filas leídas"}
    lines = [line for line in page.inner_text("main").split("\n") if line.strip()]
    assert lines[1].startswith(summary[language])  # right under the heading
    rows = page.locator("table.evidence-table tbody tr")
    assert rows.count() == 16  # the fifteen and a blank row to add one
    assert page.locator("fieldset.row.document").count() == 0
    tops = [rows.nth(i).bounding_box()["y"] for i in range(3)]  # type: ignore[index]
    assert tops[1] - tops[0] < 80  # one line per document
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 3000, f"{height} pixels (the edit cards took {OLD_HEIGHT})"
    lists = page.locator("#evidence-gaps ol.collect")
    assert lists.count() == 2
    first = {"en": "Utility bill", "es": "Factura de servicios"}[language]
    assert lists.nth(0).locator("li").first.inner_text().startswith(first)
    strongest = {"en": "Tax record", "es": "Registro de impuestos"}[language]
    assert lists.nth(1).locator("li").first.inner_text().startswith(strongest)
    no_sideways_scroll(page)
    accessible(page, f"evidence-15-desktop-{language}")
    context.close()


def test_the_spanish_index_opened_from_an_english_page(
    page: Page, local_server: LiveServer, tmp_path: Path
) -> None:
    file = tmp_path / "documents.csv"
    file.write_bytes(fifteen_csv())
    _upload(page, f"{local_server.url}/evidence?lang=en", file)
    page.wait_for_selector("#analysis")
    result = page.url
    first_row = page.input_value("#evidence-0-from")
    page.click("#index-html-es")
    page.wait_for_selector("table")
    assert page.get_attribute("html", "lang") == "es"
    headings = page.locator("thead th").all_inner_texts()
    assert headings[0] == "Anexo"
    assert headings[-1] == "Archivo"
    exhibits = page.locator("tbody tr td:first-child").all_inner_texts()
    assert exhibits == [str(n) for n in range(1, 16)]
    starts = page.locator("tbody tr td:nth-child(3)").all_inner_texts()
    assert starts == sorted(starts)
    assert starts[0] == first_row  # exhibit 1 is the page's first row
    accessible(page, "evidence-index-es")
    page.goto(result)
    assert page.get_attribute("html", "lang") == "en"
    assert page.inner_text("h1") == "Evidence of two years' presence"


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_page_and_its_result_on_a_phone(
    chromium: Browser, local_server: LiveServer, tmp_path: Path, language: str
) -> None:
    context = new_context(chromium, PHONE["width"])
    page = context.new_page()
    page.goto(f"{local_server.url}/evidence?lang={language}")
    no_sideways_scroll(page)
    accessible(page, f"evidence-phone-{language}")
    refused = tmp_path / "refused.csv"
    refused.write_bytes(fifteen_csv(bad_row_4=True))
    _upload(page, f"{local_server.url}/evidence", refused)
    assert page.locator("#import-summary").is_visible()
    assert page.locator("#problems li").count() == 1
    no_sideways_scroll(page)
    accessible(page, f"evidence-refused-phone-{language}")
    good = tmp_path / "documents.csv"
    good.write_bytes(fifteen_csv())
    _upload(page, f"{local_server.url}/evidence", good)
    page.wait_for_selector("#analysis")
    _chart_loaded(page)
    row = page.locator("#evidence-0")
    assert page.evaluate("e => getComputedStyle(e).display", row.element_handle()) == "grid"
    label = page.locator("label[for='evidence-0-from']")
    assert label.is_visible()  # each control's label shown in the document's block
    box = row.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE["width"]
    no_sideways_scroll(page)
    accessible(page, f"evidence-result-phone-{language}")
    context.close()


@pytest.mark.parametrize("width", [DESKTOP["width"], PHONE["width"]])
def test_monthly_pay_stubs_lead_to_the_monthly_answer(
    chromium: Browser, local_server: LiveServer, tmp_path: Path, width: int
) -> None:
    file = tmp_path / "pay.csv"
    file.write_bytes(monthly_pay_stubs())
    context = new_context(chromium, width)
    page = context.new_page()
    _upload(
        page,
        f"{local_server.url}/evidence?lang=en",
        file,
        {"arrived": "2024-01-05", "on": "2026-03-01"},
    )
    page.wait_for_selector("#monthly-nudge")
    assert "two years are not shown" in page.inner_text("#verdict")
    accessible(page, f"evidence-monthly-nudge-{width}")
    page.click("#evidence-monthly")
    page.wait_for_selector("#analysis")
    assert page.inner_text("#verdict") == "Under the monthly reading, two years are shown."
    assert page.locator("#monthly-nudge").count() == 0
    assert page.input_value("#policy") == "monthly"
    no_sideways_scroll(page)
    context.close()
