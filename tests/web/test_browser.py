"""The web app in a real browser (web.real_browser): every main page driven end to end and
checked by axe-core, screenshots kept in build/screenshots/."""

from __future__ import annotations

import io
from pathlib import Path

from playwright.sync_api import Browser, Page
from pypdf import PdfReader

from web.real_browser import accessible, no_sideways_scroll
from web.webtools import LiveServer


def test_screen_a_case_end_to_end_and_print_the_spanish_report(
    page: Page, local_server: LiveServer
) -> None:
    page.goto(local_server.url + "/")
    accessible(page, "home")
    page.click("#nav-screen")  # the guided interview; the full form is one link away
    page.wait_for_selector("#question")
    page.click("#full-form")
    accessible(page, "screen-form")
    page.select_option("#example", "01-interior-pending-240")
    page.click("#example-load")
    page.keyboard.press("End")
    page.click("#screen-form button[type=submit]")
    page.wait_for_selector("#answer")
    assert page.inner_text("#answer").startswith("No.")
    assert page.inner_text("#blocking") == "Section 240 case pending"
    assert page.get_attribute("#blocking li", "data-code") == "pending_240_proceedings"
    assert page.locator("#reasons a[href^='http']").count() >= 3  # citations as links
    page.wait_for_function(
        "() => { const i = document.querySelector('#presence-chart');"
        " return i.complete && i.naturalWidth > 0; }"
    )
    accessible(page, "screen-result")

    page.click("#lang-es")
    page.wait_for_selector("html[lang=es]")
    assert page.inner_text("#answer").startswith("No.")
    assert "Lo que decide" in page.inner_text("#reasons-heading")
    accessible(page, "screen-result-es")

    with page.expect_download() as download:
        page.click("#report-pdf-es")
    text = " ".join(
        (p.extract_text() or "")
        for p in PdfReader(io.BytesIO(Path(download.value.path()).read_bytes())).pages
    )
    flat = " ".join(text.split())
    assert "expedita" in flat  # the Spanish report
    assert "proceso de la sección 240" in flat or "240" in flat


def test_a_bad_form_keeps_what_was_typed_and_names_the_field(
    page: Page, local_server: LiveServer
) -> None:
    page.goto(local_server.url + "/screen")
    page.fill("input[name='person-citizenship']", "Honduras")
    page.click("#screen-form button[type=submit]")
    page.wait_for_selector("[role=alert], .errors, .error")
    assert page.input_value("input[name='person-citizenship']") == "Honduras"
    assert "citizenship" in page.content()
    accessible(page, "screen-form-errors")


def test_add_a_case_event_and_try_an_illegal_one(page: Page, local_server: LiveServer) -> None:
    page.goto(local_server.url + "/cases")
    accessible(page, "cases")
    page.fill("#new-case-form input[name=label]", "Browser test (invented)")
    page.click("#new-case-submit")
    page.wait_for_selector("#event-form")
    before = page.locator("#case-timeline tbody tr").count()
    offered = page.locator("#kind option").all_inner_texts()
    assert offered
    page.select_option("#kind", "appears_at_hearing")
    page.click("#event-submit")
    page.wait_for_selector("#case-timeline")
    assert page.locator("#case-timeline tbody tr").count() == before + 1
    assert page.inner_text("#state") == "State: At the hearing"
    assert page.get_attribute("#state", "data-code") == "S1"
    accessible(page, "case")
    # The form offers only legal steps; post an illegal one anyway.
    page.evaluate(
        "() => { const o = document.createElement('option'); o.value = 'ij_concurs';"
        " o.textContent = 'ij_concurs'; document.querySelector('#kind').append(o); }"
    )
    page.select_option("#kind", "ij_concurs")
    page.click("#event-submit")
    page.wait_for_load_state()
    assert "cannot apply 'ij_concurs' in S1" in page.content()
    assert page.locator("#case-timeline tbody tr").count() == before + 1


def test_the_law_and_evidence_pages(page: Page, local_server: LiveServer) -> None:
    page.goto(local_server.url + "/law?on=2025-09-01")
    assert "CHIRLA" in page.content()
    accessible(page, "law")
    page.goto(local_server.url + "/evidence")
    accessible(page, "evidence")
    page.goto(local_server.url + "/glossary?lang=es")
    accessible(page, "glossary-es")


def test_pages_are_usable_on_a_phone(chromium: Browser, local_server: LiveServer) -> None:
    context = chromium.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(local_server.url + "/screen")
    no_sideways_scroll(page)
    accessible(page, "screen-form-phone")
    context.close()


def test_the_answer_and_its_timeline_strips_fit_a_phone(
    chromium: Browser, local_server: LiveServer
) -> None:
    context = chromium.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(local_server.url + "/screen?example=01-interior-pending-240")
    page.click("#screen-form button[type=submit]")
    page.wait_for_selector("#answer")
    assert page.locator("svg.strip-bar").count() == 2  # as given, and if dismissed
    no_sideways_scroll(page)
    # every label of a bar is inside the bar, and inside the screen
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('svg.strip-bar')].flatMap(svg => {
             const box = svg.getBoundingClientRect();
             return [...svg.querySelectorAll('text')].filter(t => {
               const b = t.getBoundingClientRect();
               return b.left < Math.max(box.left, 0) - 0.5 || b.right > Math.min(box.right,
                 window.innerWidth) + 0.5 || b.top < box.top - 0.5 || b.bottom > box.bottom + 0.5;
             }).map(t => t.textContent);
           })"""
    )
    assert clipped == []
    periods = page.evaluate(
        "() => [...document.querySelectorAll('ol.periods li')]"
        ".filter(li => li.getBoundingClientRect().right > window.innerWidth + 0.5).length"
    )
    assert periods == 0
    accessible(page, "screen-result-phone")
    context.close()
