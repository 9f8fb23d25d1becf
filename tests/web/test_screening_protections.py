"""The full screening form's protections (Temporary Protected Status, deferred action, an
asylum application filed with USCIS) over HTTP on a live loopback server: TPS in effect
screens to "No" for that reason, TPS ended before the date gives the other answer, deferred
action and the USCIS filing are explained without changing it, an end before its start is
refused beside the field with what was typed kept, and the fieldset is in Spanish. The
person and every date are invented."""

from __future__ import annotations

import re

from erpath.answer.screen import screen
from erpath.contract.facts import Facts
from erpath.web.screening_form import ScreeningForm
from web.webtools import Browser, csrf_of, form_values, screen_through

# An invented person who entered without inspection by land on 2024-03-01, met by DHS far
# from the border on 2025-06-10, no 240 case: the 2025 designation reaches them that day
# (tests/law/protections/tps_in_effect.yaml has the same facts).
PERSON = {
    "as_of": "2025-06-10",
    "arrivals-0-date": "2024-03-01",
    "arrivals-0-manner": "without_inspection",
    "arrivals-0-mode": "land",
    "encounter-date": "2025-06-10",
    "encounter-miles_from_land_border": "850",
    "person-citizenship": "HND",
    "person-birth_date": "1990-05-04",
    "proceedings-section_240": "none",
}


# The protections' fieldset, up to the next step's.
PROTECTIONS = re.compile(r'<fieldset id="step-protections">.*?(?=<fieldset id="step-240">)', re.S)


def _word(page: str) -> str:
    found = re.search(r'id="answer"><strong>(\w+)\.</strong>', page)
    assert found, "not an answer page"
    return found.group(1)


def _visible(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def test_the_form_asks_the_protections_in_a_fieldset_of_their_own(browser: Browser) -> None:
    page = browser.get("/screen").text
    found = PROTECTIONS.search(page)
    assert found, "the protections fieldset"
    block = found.group(0)
    assert "<legend>5. Protections</legend>" in block
    for name in (
        "person-tps-since",
        "person-tps-until",
        "person-deferred_action-kind",
        "person-deferred_action-since",
        "person-deferred_action-until",
        "person-affirmative_asylum_filed_on",
    ):
        assert re.search(rf'<label for="{name}">', block), name
        assert f'name="{name}"' in block, name
    assert '<option value="daca">DACA (Deferred Action for Childhood Arrivals)</option>' in block
    # the other steps follow, renumbered
    assert "6. Proceedings under" in page
    assert "8. Evidence of presence" in page


def test_tps_in_effect_screens_to_no_for_that_reason(browser: Browser) -> None:
    typed = {**PERSON, "person-tps-since": "2024-09-10", "person-tps-until": "2026-09-09"}
    page = screen_through(browser, typed)
    assert _word(page) == "No"
    assert '<li data-code="tps_in_effect">Temporary Protected Status in effect</li>' in page
    assert "Temporary Protected Status is in effect on June 10, 2025" in _visible(page)
    # the same facts as the engine reads them, through the form
    facts = Facts.model_validate(ScreeningForm(values=typed).document()[0])
    assert facts.person.tps is not None
    assert screen(facts).blocking == ["tps_in_effect"]


def test_tps_with_no_end_given_is_in_effect(browser: Browser) -> None:
    page = screen_through(browser, {**PERSON, "person-tps-since": "2024-09-10"})
    assert _word(page) == "No"
    assert '<li data-code="tps_in_effect">' in page


def test_tps_ended_before_the_date_gives_the_other_answer(browser: Browser) -> None:
    without = screen_through(browser, PERSON)
    ended = screen_through(
        browser, {**PERSON, "person-tps-since": "2024-09-10", "person-tps-until": "2025-06-09"}
    )
    assert _word(without) == "Yes"
    assert _word(ended) == "Yes"
    assert '<li data-code="tps_in_effect">' not in ended
    assert "No Temporary Protected Status is in effect on June 10, 2025" in _visible(ended)


def test_deferred_action_and_a_uscis_filing_are_explained_and_change_no_answer(
    browser: Browser,
) -> None:
    page = screen_through(
        browser,
        {
            **PERSON,
            "person-deferred_action-kind": "other",
            "person-deferred_action-since": "2025-01-15",
            "person-affirmative_asylum_filed_on": "2024-11-20",
        },
    )
    assert _word(page) == "Yes"  # as without them
    text = _visible(page)
    assert "no express exemption from expedited removal was found" in text
    assert "An asylum application was filed with USCIS on or before June 10, 2025" in text
    assert "That is policy, not law" in text


def test_an_end_before_its_start_is_refused_beside_the_field_and_kept(browser: Browser) -> None:
    page = browser.get("/screen").text
    response = browser.post(
        "/screen",
        data={
            "csrf": csrf_of(page),
            "action": "screen",
            **PERSON,
            "person-tps-since": "2025-06-01",
            "person-tps-until": "2025-01-01",
            "person-deferred_action-kind": "daca",
            "person-deferred_action-since": "2013-02-01",
            "person-deferred_action-until": "2012-01-31",
            "person-affirmative_asylum_filed_on": "2024-11-20",
        },
    )
    assert response.status_code == 422
    text = response.text
    assert 'id="answer"' not in text
    assert 'id="problems"' in text
    for name, line in (
        ("person-tps-until", "person.tps: until (2025-01-01) is before since (2025-06-01)"),
        (
            "person-deferred_action-until",
            "person.deferred_action: until (2012-01-31) is before since (2013-02-01)",
        ),
    ):
        error = re.search(rf'<div class="error" id="{name}-error">(.*?)</div>', text, re.S)
        assert error, name
        assert line in error.group(1)  # beside the end, naming the period
        assert re.search(rf'id="{name}" name="{name}" value="[\d-]+" aria-describedby="', text)
        assert re.search(rf'id="{name}"[^>]*aria-invalid="true"', text), name
        assert f'<a href="#{name}">{line}</a>' in text  # the summary links to the field
    # every answer kept as typed
    kept = form_values(text, "screen-form")
    assert kept["person-tps-since"] == "2025-06-01"
    assert kept["person-tps-until"] == "2025-01-01"
    assert kept["person-deferred_action-kind"] == "daca"
    assert kept["person-deferred_action-until"] == "2012-01-31"
    assert kept["person-affirmative_asylum_filed_on"] == "2024-11-20"
    assert kept["arrivals-0-date"] == "2024-03-01"


def test_a_missing_start_or_kind_and_a_bad_date_are_named_beside_their_fields(
    browser: Browser,
) -> None:
    page = browser.get("/screen").text
    response = browser.post(
        "/screen",
        data={
            "csrf": csrf_of(page),
            "action": "screen",
            **PERSON,
            "person-tps-until": "2026-09-09",
            "person-deferred_action-since": "2024-06-01",
            "person-affirmative_asylum_filed_on": "2024-02-30",
        },
    )
    assert response.status_code == 422
    text = response.text
    for name, said in (
        ("person-tps-since", "person.tps.since: required, missing"),
        ("person-deferred_action-kind", "person.deferred_action.kind: required, missing"),
        ("person-affirmative_asylum_filed_on", "person.affirmative_asylum_filed_on:"),
    ):
        error = re.search(rf'<div class="error" id="{name}-error">(.*?)</div>', text, re.S)
        assert error, name
        assert said in error.group(1), name
    # a day that does not exist is shown as typed, as text (a date input cannot show it)
    assert re.search(
        r'<input type="text" id="person-affirmative_asylum_filed_on" '
        r'name="person-affirmative_asylum_filed_on" value="2024-02-30"',
        text,
    )


def test_the_protections_are_kept_for_editing_and_from_a_facts_document(
    browser: Browser,
) -> None:
    typed = {
        **PERSON,
        "person-tps-since": "2024-09-10",
        "person-tps-until": "2026-09-09",
        "person-deferred_action-kind": "daca",
        "person-deferred_action-since": "2013-02-01",
        "person-affirmative_asylum_filed_on": "2024-11-20",
    }
    page = screen_through(browser, typed)
    token = re.search(r"/screen/([\w-]+)/edit", page)
    assert token
    kept = form_values(browser.get(f"/screen/{token.group(1)}/edit").text, "screen-form")
    for name in ("person-tps-since", "person-tps-until", "person-deferred_action-since"):
        assert kept[name] == typed[name], name
    assert kept["person-deferred_action-kind"] == "daca"
    # a facts document with the protections makes the same form, and back the same facts
    facts = Facts.model_validate(ScreeningForm(values=typed).document()[0])
    again = ScreeningForm.from_facts(facts)
    assert Facts.model_validate(again.document()[0]) == facts
    assert again.value("person-deferred_action-kind") == "daca"
    assert again.value("person-tps-until") == "2026-09-09"


def test_the_protections_are_in_spanish(browser: Browser) -> None:
    page = browser.get("/screen?lang=es").text
    browser.get("/?lang=en")
    found = PROTECTIONS.search(page)
    assert found
    block = found.group(0)
    assert "<legend>5. Protecciones</legend>" in block
    assert "<legend>Estatus de Protección Temporal (TPS)</legend>" in block
    assert "Fecha en que se concedió el TPS (su primer día)" in block
    assert "<legend>Acción diferida</legend>" in block
    assert "Acción diferida (DACA)" in block
    assert "Fecha de la solicitud de asilo presentada ante el USCIS" in block
    assert "ante la corte de inmigración" in block
    assert "6. Procedimiento de la" in page
    for english in ("Temporary Protected Status", "Deferred action", "Last day", "Date"):
        assert english not in _visible(block), english
