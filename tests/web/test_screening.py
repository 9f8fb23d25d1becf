"""The screening form end to end: the guided questions, the answer page with its citations,
bad input kept and named, the chart, the report, and Spanish."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from markupsafe import escape

from erpath.answer.screen import screen
from erpath.contract.facts import Facts
from erpath.law.loader import bundled_law
from web.webtools import EXAMPLES, Browser, csrf_of, form_values, screen_through


def test_the_form_screens_a_person_and_cites_the_law(browser: Browser) -> None:
    answer = screen_through(
        browser,
        {
            "as_of": "2025-06-10",
            "arrivals-0-date": "2024-03-01",
            "arrivals-0-manner": "without_inspection",
            "arrivals-0-mode": "land",
            "encounter-date": "2025-06-10",
            "encounter-miles_from_land_border": "850",
            "person-birth_date": "1998-02-01",
            "proceedings-section_240": "pending",
            "proceedings-nta_filed_on": "2024-04-15",
            "evidence-0-kind": "lease",
            "evidence-0-from": "2024-03-05",
            "evidence-0-to": "2025-03-04",
        },
    )
    assert re.search(r'id="answer"><strong>No\.</strong>', answer)
    assert '<li data-code="pending_240_proceedings">Section 240 case pending</li>' in answer
    law = bundled_law()
    # the pending-240 reason cites 8 CFR 1239.2(c) with a link to its source
    source = law.sources["8-cfr-1239.2-c"]
    assert source.cite in answer
    if source.url:
        assert f'href="{source.url}"' in answer
    # the law in force that day, by its title
    assert escape(law.designation("d4-nationwide-2025").title) in answer
    assert 'id="counterfactuals"' in answer
    token = re.search(r"/screen/([\w-]+)/chart-wide\.png", answer)
    assert token
    assert f"/screen/{token.group(1)}/chart-phone.png" in answer  # a phone's own drawing
    sizes = {}
    for size in ("wide", "phone"):
        chart = browser.get(f"/screen/{token.group(1)}/chart-{size}.png")
        assert chart.status_code == 200
        assert chart.headers["content-type"] == "image/png"
        assert chart.content.startswith(b"\x89PNG")
        sizes[size] = int.from_bytes(chart.content[16:20], "big")  # the PNG's width
    assert sizes["phone"] < sizes["wide"] / 2
    assert browser.get(f"/screen/{token.group(1)}/chart-huge.png").status_code == 404


def test_answers_that_make_questions_matter_add_them(browser: Browser) -> None:
    page = browser.get("/screen").text
    assert 'id="arrivals-0-parole-program"' not in page
    assert 'id="encounter-miles_from_land_border"' not in page
    response = browser.post(
        "/screen",
        data={
            "csrf": csrf_of(page),
            "as_of": "2025-06-10",
            "arrivals-0-date": "2025-06-01",
            "arrivals-0-manner": "paroled",
            "person-birth_date": "2010-05-05",
            "proceedings-section_240": "dismissed",
            "action": "screen",
        },
    )
    assert response.status_code == 200
    text = response.text
    assert 'id="new-questions"' in text
    for field in (
        "arrivals-0-parole-program",
        "person-accompanied_by",
        "proceedings-dismissed_on",
        "proceedings-nta_filed_on",
    ):
        assert f'id="{field}"' in text, field
    assert 'id="proceedings-removal_ordered_on"' not in text  # not ordered removed
    # leaving the new questions unanswered is allowed: unknown, not a guess
    again = browser.post("/screen", data={**form_values(text, "screen-form"), "action": "screen"})
    assert 'id="answer"' in again.text


def test_the_distance_is_asked_only_when_it_changes_the_answer(browser: Browser) -> None:
    def asked(manner: str) -> bool:
        page = browser.get("/screen").text
        response = browser.post(
            "/screen",
            data={
                "csrf": csrf_of(page),
                "action": "screen",
                "as_of": "2018-06-10",
                "arrivals-0-date": "2018-06-01",
                "arrivals-0-manner": manner,
                "arrivals-0-mode": "land",
                "proceedings-section_240": "none",
            },
        )
        return 'id="encounter-miles_from_land_border"' in response.text

    # nine days in the country in 2018: the 2004 designation reaches 100 miles from the
    # border and no interior designation is in force, so the distance decides
    assert asked("without_inspection")
    # an admission is outside every designated class, wherever it happened
    assert not asked("admitted")


def test_a_bad_form_keeps_what_was_typed_and_names_the_field(browser: Browser) -> None:
    page = browser.get("/screen").text
    note = "Kept-note Qx7 (invented)"
    response = browser.post(
        "/screen",
        data={
            "csrf": csrf_of(page),
            "action": "screen",
            "as_of": "2025-06-10",
            "arrivals-0-date": "2024-02-30",
            "arrivals-0-manner": "without_inspection",
            "person-citizenship": "HND",
            "evidence-0-kind": "lease",
            "evidence-0-from": "2025-01-01",
            "evidence-0-to": "2024-01-01",
            "evidence-0-note": note,
        },
    )
    assert response.status_code == 422
    text = response.text
    assert 'id="problems"' in text
    assert "arrivals[0].date:" in text
    assert "evidence[0]" in text
    # the bad date is shown as typed (as text, since a date input cannot show it)
    assert re.search(r'id="arrivals-0-date" name="arrivals-0-date" value="2024-02-30"', text)
    assert 'aria-invalid="true"' in text
    assert f'value="{note}"' in text
    assert 'value="HND"' in text
    assert re.search(r'<option value="without_inspection" selected', text)
    assert 'href="#arrivals-0-date"' in text  # the summary links to the field


def test_spanish_pages(browser: Browser) -> None:
    page = browser.get("/screen?lang=es")
    assert '<html lang="es">' in page.text
    assert "Evaluar a una persona" in page.text
    assert "Fecha de llegada" in page.text
    # the choice is kept in a cookie for the next page
    assert "Cronología" in browser.get("/law").text
    answer = screen_through(
        browser,
        {
            "as_of": "2025-06-10",
            "arrivals-0-date": "2024-03-01",
            "proceedings-section_240": "pending",
        },
    )
    summary = '<strong>No.</strong> <span id="summary">El 10 de junio de 2025 el DHS no puede'
    assert summary in answer
    assert "Caso de la sección 240 pendiente" in answer
    browser.get("/?lang=en")


def test_the_report_in_both_languages(browser: Browser) -> None:
    answer = screen_through(
        browser,
        {
            "as_of": "2025-06-10",
            "arrivals-0-date": "2024-03-01",
            "proceedings-section_240": "pending",
        },
    )
    token = re.search(r"/screen/([\w-]+)/report-es\.pdf", answer)
    assert token
    for lang in ("en", "es"):
        page = browser.get(f"/screen/{token.group(1)}/report-{lang}.html")
        assert page.status_code == 200
        assert f'lang="{lang}"' in page.text
        assert "'sha256-" in page.headers["content-security-policy"]
        pdf = browser.get(f"/screen/{token.group(1)}/report-{lang}.pdf")
        assert pdf.status_code == 200
        assert pdf.content.startswith(b"%PDF")


def test_a_result_belongs_to_its_session(browser: Browser, local_server: object) -> None:
    answer = screen_through(browser, {"as_of": "2025-06-10", "arrivals-0-date": "2024-03-01"})
    token = re.search(r"/screen/([\w-]+)/edit", answer)
    assert token
    other = Browser(browser.http.base_url.__str__())
    try:
        assert other.get(f"/screen/{token.group(1)}").status_code == 404
    finally:
        other.close()
    edit = browser.get(f"/screen/{token.group(1)}/edit")
    assert 'value="2024-03-01"' in edit.text


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_each_example_through_the_form_gives_the_engines_answer(
    browser: Browser, path: Path
) -> None:
    """The form reproduces a facts document exactly: loaded, posted, and screened, it
    gives the answer the engine gives the document."""
    expected = screen(Facts.model_validate(json.loads(path.read_text(encoding="utf-8"))))
    page = browser.get(f"/screen?example={path.stem}").text
    response = browser.post(
        "/screen", data={**form_values(page, "screen-form"), "action": "screen"}
    )
    assert 'id="answer"' in response.text, path.stem
    word = {"yes": "Yes", "no": "No", "depends": "Depends"}[expected.er_applicable]
    assert f'id="answer"><strong>{word}.</strong>' in response.text
    for code in expected.blocking:
        assert f'<li data-code="{code}">' in response.text


def test_more_rows_keep_what_was_typed(browser: Browser) -> None:
    page = browser.get("/screen").text
    assert 'id="arrivals-2-date"' not in page
    response = browser.post(
        "/screen",
        data={
            "csrf": csrf_of(page),
            "action": "more",
            "as_of": "2025-06-10",
            "arrivals-0-date": "2020-01-01",
            "arrivals-1-date": "2021-01-01",
            "arrivals-1-departed": "2020-12-01",
        },
    )
    assert response.status_code == 200
    assert 'id="arrivals-2-date"' in response.text
    assert 'id="arrivals-3-date"' in response.text
    assert 'value="2020-12-01"' in response.text
    assert 'id="answer"' not in response.text


def test_a_document_in_another_language_leaves_the_pages_in_theirs(browser: Browser) -> None:
    """The staff page is English; the client's Spanish documents do not switch it."""
    answer = screen_through(
        browser,
        {
            "as_of": "2026-01-20",
            "arrivals-0-date": "2024-08-15",
            "proceedings-section_240": "pending",
        },
    )
    token = re.search(r"/screen/([\w-]+)/client-es\.pdf", answer)
    assert token
    for document in ("report-es.html", "report-es.pdf", "client-es.pdf", "client-es.html"):
        response = browser.get(f"/screen/{token.group(1)}/{document}")
        assert response.status_code == 200, document
        assert "erpath_lang" not in response.headers.get("set-cookie", "")
    page = browser.get(f"/screen/{token.group(1)}")
    assert '<html lang="en">' in page.text
    assert browser.get(f"/screen/{token.group(1)}/report-xx.pdf").status_code == 404
