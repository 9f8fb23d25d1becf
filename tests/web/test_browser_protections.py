"""The protections in a real browser (Chromium, axe-core): the full form's fieldset with an
end typed before its start, refused beside the field and kept, then screened to No for
Temporary Protected Status; and the interview's status step in English and Spanish on a
phone. Every page passes axe-core; screenshots are kept. The person is invented."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from web.real_browser import PHONE, accessible, new_context, no_sideways_scroll
from web.webtools import LiveServer


def _submit_until_answered(page: Page) -> None:
    """Continue the form, answering nothing more, until the answer's page (new questions
    the answers make matter are shown first)."""
    for _ in range(3):
        with page.expect_navigation():  # the next page itself, not the one just left
            page.click("#screen-submit")
        if page.locator("#answer").count():
            return
    raise AssertionError("the form never gave an answer")


def test_the_forms_protections_refuse_an_end_before_its_start_and_screen_tps(
    page: Page, local_server: LiveServer
) -> None:
    page.goto(f"{local_server.url}/screen?lang=en")
    page.fill("#as_of", "2025-06-10")
    page.fill("#arrivals-0-date", "2024-03-01")
    page.select_option("#arrivals-0-manner", "without_inspection")
    page.select_option("#arrivals-0-mode", "land")
    page.select_option("#proceedings-section_240", "none")
    page.fill("#person-tps-since", "2025-06-01")
    page.fill("#person-tps-until", "2025-01-01")
    page.select_option("#person-deferred_action-kind", "daca")
    page.fill("#person-deferred_action-since", "2013-02-01")
    page.click("#screen-submit")
    page.wait_for_selector("#problems")
    assert page.get_attribute("#person-tps-until", "aria-invalid") == "true"
    assert "is before since" in page.inner_text("#person-tps-until-error")
    assert page.input_value("#person-tps-until") == "2025-01-01"  # kept as typed
    assert page.input_value("#person-tps-since") == "2025-06-01"
    assert page.input_value("#person-deferred_action-kind") == "daca"
    accessible(page, "screen-form-protections-refused")
    page.fill("#person-tps-until", "2026-09-09")
    if page.locator("#encounter-miles_from_land_border").count():
        page.fill("#encounter-miles_from_land_border", "850")
    _submit_until_answered(page)
    assert page.inner_text("#answer").startswith("No.")
    assert page.locator("#blocking li[data-code='tps_in_effect']").count() == 1
    accessible(page, "screen-result-tps")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_interviews_status_step_on_a_phone(
    chromium: Browser, local_server: LiveServer, lang: str
) -> None:
    context = new_context(chromium, PHONE["width"])
    page = context.new_page()
    page.goto(f"{local_server.url}/?lang={lang}")
    page.goto(f"{local_server.url}/interview")
    typed = {
        "as_of": "6/10/2025",
        "arrivals-0-date": "3/1/2024",
        "person-birth_date": "5/4/1990",
        "encounter-miles_from_land_border": "850",
    }
    checked = {
        "proceedings-section_240": "none",
        "arrivals-0-manner": "without_inspection",
        "arrivals-0-mode": "land",
        "place": "miles",
        "er-started": "no",
    }
    seen: list[str | None] = []
    while page.locator("#question").count():
        question = page.get_attribute("#question", "data-code")
        seen.append(question)
        if question == "status":
            page.fill("#person-tps-since", "9/10/2024")
            page.check("#person-deferred_action-kind-daca")
            page.fill("#person-deferred_action-since", "February 1, 2013")
            no_sideways_scroll(page)
            accessible(page, f"interview-status-{lang}-phone")
        for name, value in typed.items():
            if page.locator(f"input[name='{name}']").count():
                page.fill(f"input[name='{name}']", value)
        for name, value in checked.items():
            if page.locator(f"#{name}-{value}").count():
                page.check(f"#{name}-{value}")
        with page.expect_navigation():  # the next page itself, not the one just left
            page.click("#next")
        assert len(seen) <= 20, seen
    assert "status" in seen, seen
    assert page.inner_text("#answer").startswith("No.")  # the same word in both languages
    assert page.locator("#blocking li[data-code='tps_in_effect']").count() == 1
    accessible(page, f"interview-status-answer-{lang}-phone")
    context.close()
