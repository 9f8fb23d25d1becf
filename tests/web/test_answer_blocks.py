"""The law around the answer on the answer page, through the real server and the real form:
whether a court order restricts ICE arrests at the person's court (only at a court it
reaches, with its order and source), the time to answer a DHS motion to dismiss, detention
and bond by the circuit of the state of arrest, and the credible-fear screen; in plain words
in English and Spanish, the codes only in attributes, and clean for axe-core in a real
browser. Every person here is invented."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page

from erpath.answer.screen import screen
from erpath.contract.determination import Determination
from erpath.contract.facts import Facts
from erpath.law.model import Law
from erpath.web.screening_form import ScreeningForm
from erpath.wording import words
from erpath.wording.catalogs import gettext_for
from web.real_browser import accessible
from web.test_answer_page import text_of
from web.test_no_codes_on_screen import _codes, _codes_in, _visible
from web.webtools import Browser, LiveServer, csrf_of, form_values, screen_through

HEADINGS = {
    "arrest-at-court": "At the court",
    "dismissal-response": "Answering a DHS motion to dismiss",
    "detention": "If arrested: detention and bond",
    "credible-fear": "Credible-fear screen",
}
PABLO_SEQUEN = "pablo-sequen-2025-stay"


def facts(
    on: str,
    status: str,
    court: str | None,
    state: str,
    *,
    dismissed_on: str | None = None,
    fear: bool = False,
) -> Facts:
    """An invented person: entered without inspection by land on 20 May 2024, far from the
    border, with a 240 case in the posture given (or none), arrested on `on` in `state`."""
    proceedings: dict[str, Any] = {"section_240": status}
    if status != "none":
        proceedings["nta_filed_on"] = "2024-06-03"
    if court:
        proceedings["court"] = court
    if dismissed_on:
        proceedings |= {
            "dismissed_on": dismissed_on,
            "dismissal_appeal_pending": False,
            "dismissal_appeal_waived": True,
        }
    doc: dict[str, Any] = {
        "as_of": on,
        "person": {"citizenship": ["GTM"], "birth_date": "1988-07-14"},
        "arrivals": [{"date": "2024-05-20", "manner": "without_inspection", "mode": "land"}],
        "encounter": {"date": on, "miles_from_land_border": 450, "state": state},
        "proceedings": proceedings,
    }
    if fear:
        doc["arrivals"] = [{"date": on, "manner": "without_inspection", "mode": "land"}]
        doc["encounter"]["miles_from_land_border"] = 30
        doc["expedited_removal"] = {"fear_claimed": True, "order_issued_on": on}
    return Facts.model_validate(doc)


DISMISSED_SFR = facts("2026-01-15", "dismissed", "SFR", "CA", dismissed_on="2026-01-15")
DISMISSED_HOU = facts("2026-01-15", "dismissed", "HOU", "TX", dismissed_on="2026-01-15")
PENDING_TX = facts("2026-03-01", "pending", "HOU", "TX")
PENDING_NY = facts("2026-03-01", "pending", "NYC", "NY")
FEAR = facts("2026-02-10", "none", None, "TX", fear=True)


def _page(browser: Browser, case: Facts, language: str = "en") -> str:
    browser.get(f"/?lang={language}")
    try:
        return screen_through(browser, ScreeningForm.from_facts(case).values)
    finally:
        browser.get("/?lang=en")


def _block(page: str, block: str) -> str:
    """The HTML of one block's section."""
    start = page.index(f'id="{block}"')
    start = page.rindex("<section", 0, start)
    return page[start : page.index("</section>", start)]


def _cite(d: Determination, source: str) -> str:
    return d.citations[source].cite.replace("&", "&amp;").replace("'", "&#39;")


def test_the_court_order_shows_with_its_source_only_at_the_court_it_reaches(
    browser: Browser, law: Law
) -> None:
    order = next(o for o in law.orders if o.id == PABLO_SEQUEN)
    at_sfr, at_hou = screen(DISMISSED_SFR), screen(DISMISSED_HOU)
    assert at_sfr.arrest_at_court
    assert at_sfr.arrest_at_court.restricted == "yes"
    assert at_hou.arrest_at_court
    assert at_hou.arrest_at_court.restricted == "no"
    cite = _cite(at_sfr, order.sources[0])

    sfr = _page(browser, DISMISSED_SFR)
    block = _block(sfr, "arrest-at-court")
    assert 'data-code="yes"' in block
    assert text_of(sfr, "arrest-at-court-heading") == "At the court"
    assert text_of(sfr, "arrest-at-court-court") == "San Francisco (California)"
    assert text_of(sfr, "arrest-at-court-area") == "San Francisco"
    assert text_of(sfr, "arrest-at-court-answer") == "Yes reported"  # marked: not verified
    assert f'<li data-code="{PABLO_SEQUEN}">' in block  # the order, by its title
    assert order.title.replace("'", "&#39;") in block
    assert cite in block  # its source, as a citation

    hou = _page(browser, DISMISSED_HOU)
    block = _block(hou, "arrest-at-court")
    assert 'data-code="no"' in block
    assert text_of(hou, "arrest-at-court-answer").startswith("No")
    assert "Houston (Texas)" in text_of(hou, "arrest-at-court-court")
    assert PABLO_SEQUEN not in block
    assert cite not in hou
    # a dismissed case has no motion to answer
    assert 'id="dismissal-response"' not in sfr + hou


def test_bond_in_texas_and_in_new_york_on_march_1_2026(browser: Browser) -> None:
    """The Fifth Circuit holds detention mandatory (no bond); in the Second, on that day,
    bond is contested (the circuit had not yet ruled)."""
    for case, bond, circuit in ((PENDING_TX, "No", "Fifth"), (PENDING_NY, "Depends", "Second")):
        d = screen(case)
        assert d.detention is not None
        page = _page(browser, case)
        assert text_of(page, "detention-heading") == "If arrested: detention and bond"
        assert text_of(page, "detention-bond") == bond
        state = "Texas" if case is PENDING_TX else "New York"
        assert text_of(page, "detention-circuit") == f"the {circuit} Circuit ({state})"
        assert text_of(page, "detention-stage") == words("en").label(
            "detention_stages", "section_240"
        )
        reasons = text_of(page, "detention-reasons")
        for r in d.detention.reasons:
            assert " ".join(r.text.split()) in reasons
        assert re.search(r'<dd id="detention-authority" data-code="[^"]+">[^<]*INA ', page)


def test_the_time_to_answer_a_motion_to_dismiss_at_the_manhattan_court(browser: Browser) -> None:
    """At the Manhattan courts a court order stays EOIR's guidance that no response period
    is needed: the 10 days apply, the order named and cited; in Houston they do not."""
    ny, tx = screen(PENDING_NY), screen(PENDING_TX)
    assert ny.dismissal_response
    assert ny.dismissal_response.required == "yes"
    assert tx.dismissal_response
    assert tx.dismissal_response.required != "yes"
    page = _page(browser, PENDING_NY)
    block = _block(page, "dismissal-response")
    assert text_of(page, "dismissal-response-heading") == "Answering a DHS motion to dismiss"
    assert "Must the judge allow 10 days to respond" in block
    assert text_of(page, "dismissal-response-answer").startswith("Yes")
    for order in ny.dismissal_response.orders:
        assert f'<li data-code="{order}">' in block
    for source in ny.dismissal_response.sources:
        assert _cite(ny, source) in block
    other = _page(browser, PENDING_TX)
    assert text_of(other, "dismissal-response-answer").startswith(
        words("en").answer(tx.dismissal_response.required)
    )


def test_the_credible_fear_screen_in_words(browser: Browser) -> None:
    d = screen(FEAR)
    assert d.credible_fear is not None
    w = words("en")
    page = _page(browser, FEAR)
    assert text_of(page, "credible-fear-heading") == "Credible-fear screen"
    assert text_of(page, "credible-fear-standard") == w.label(
        "cf_standards", d.credible_fear.standard
    )
    assert text_of(page, "credible-fear-after") == w.label(
        "cf_routes", d.credible_fear.after_positive
    )
    bars = text_of(page, "credible-fear-bars")
    for bar in d.credible_fear.bars:
        assert w.label("cf_rules", bar) in bars
    assert str(d.credible_fear.review_days) in text_of(page, "credible-fear-review")


@pytest.mark.parametrize("case", ["sfr", "ny", "fear"])
def test_the_spanish_page_words_the_new_parts_in_spanish(browser: Browser, case: str) -> None:
    chosen = {"sfr": DISMISSED_SFR, "ny": PENDING_NY, "fear": FEAR}[case]
    d = screen(chosen, language="es")
    w, _ = words("es"), gettext_for("es")
    page = _page(browser, chosen, "es")
    shown = [b for b in HEADINGS if f'id="{b}"' in page]
    assert shown, "some block is shown"
    for block in shown:
        heading = text_of(page, f"{block}-heading")
        assert heading == _(HEADINGS[block])
        assert heading != HEADINGS[block]  # translated, not left in English
    if d.arrest_at_court:
        assert text_of(page, "arrest-at-court-heading") == "En el tribunal"
        assert text_of(page, "arrest-at-court-answer").startswith(
            w.answer(d.arrest_at_court.restricted)
        )
        assert " ".join(d.arrest_at_court.reason.split()) in text_of(page, "arrest-at-court-reason")
    if d.dismissal_response:
        assert "¿Debe el juez dar 10 días" in _block(page, "dismissal-response")
    if d.detention:
        assert text_of(page, "detention-stage") == w.label("detention_stages", d.detention.stage)
        assert text_of(page, "detention-bond") == w.answer(d.detention.bond)
        if d.detention.circuit:
            assert text_of(page, "detention-circuit").startswith(
                w.label("circuits", d.detention.circuit)
            )
    if d.credible_fear:
        assert text_of(page, "credible-fear-standard") == w.label(
            "cf_standards", d.credible_fear.standard
        )
    visible = _visible(page)
    for english in ("If arrested", "Can an immigration judge", "Immigration court", "Sources"):
        assert english not in visible


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_new_parts_show_words_not_codes(browser: Browser, law: Law, language: str) -> None:
    """The block codes too: stages, authorities, circuits, standards, rules, routes, the
    reasons' codes and the wording's keys (test_no_codes_on_screen's check, extended)."""
    codes = _codes(law)
    found = {}
    for name, case in (
        ("sfr", DISMISSED_SFR),
        ("hou", DISMISSED_HOU),
        ("tx", PENDING_TX),
        ("ny", PENDING_NY),
        ("fear", FEAR),
    ):
        d = screen(case, language=language)
        page = _page(browser, case, language)
        blocks = "".join(_block(page, b) for b in HEADINGS if f'id="{b}"' in page)
        assert blocks
        hits = _codes_in(_visible(blocks), codes | set(d.citations))
        hits += _codes_in(_visible(page), codes | set(d.citations))
        if hits:
            found[name] = sorted(set(hits))
    assert found == {}


def _answer_in(page: Page, server: LiveServer, case: Facts) -> None:
    """Screen `case` in the browser's own session (its cookies, its CSRF token) and open
    the answer page."""
    page.goto(f"{server.url}/screen")
    data: dict[str, str | float | bool] = {
        "csrf": csrf_of(page.content()),
        "asked": "",
        "action": "screen",
        **ScreeningForm.from_facts(case).values,
    }
    for _ in range(3):
        response = page.request.post(f"{server.url}/screen", form=data)
        assert response.ok, response.status
        if 'id="answer"' in response.text():
            page.goto(response.url)
            return
        data = {**form_values(response.text(), "screen-form"), "action": "screen"}
    raise AssertionError("the form never gave an answer")


def test_the_blocks_are_accessible_in_a_real_browser(page: Page, local_server: LiveServer) -> None:
    """axe-core finds nothing on pages with every block, in English and Spanish."""
    for name, case in (("ny", PENDING_NY), ("sfr", DISMISSED_SFR), ("fear", FEAR)):
        for language in ("en", "es"):
            page.goto(f"{local_server.url}/?lang={language}")
            _answer_in(page, local_server, case)
            page.wait_for_selector("#answer")
            assert page.locator("#detention").count() == 1
            assert page.locator("html").get_attribute("lang") == language
            accessible(page, f"answer-blocks-{name}-{language}")
    page.goto(f"{local_server.url}/?lang=en")
