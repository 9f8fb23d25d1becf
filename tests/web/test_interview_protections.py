"""The guided interview's status step (Temporary Protected Status, deferred action, an asylum
application filed with USCIS) over HTTP on a live loopback server. It is asked by the
interview's probe rule: TPS granted or not is tried, and the step is asked where the answer
(yes, no or depends, on the day asked about, on each dated change ahead and, for a pending
240 case, if it were dismissed) differs; deferred action and the USCIS filing change no
answer and ride along in the same step. The people and every date are invented."""

from __future__ import annotations

import re

from erpath.answer.outlook import outlook
from erpath.contract.facts import Facts
from erpath.rules import bundled_rules
from erpath.web.interview import BY_ID, Interview, facts_of, form_values, matters
from web.test_interview import CLIENT, answer, question_of, walk
from web.webtools import Browser

# An invented person who entered without inspection by land on 2024-03-01, far from the
# border, no 240 case, asked about on 2025-06-10: the 2025 designation reaches them.
EXPOSED = {
    "as_of": "6/10/2025",
    "proceedings-section_240": "none",
    "arrivals-0-date": "March 1, 2024",
    "arrivals-0-manner": "without_inspection",
    "arrivals-0-mode": "land",
    "person-citizenship": "HND",
    "place": "miles",
    "encounter-miles_from_land_border": "850",
    "person-birth_date": "5/4/1990",
    "er-started": "no",
}
STATUS = "status"


def _word(page: str) -> str:
    found = re.search(r'id="answer"><strong>(\w+)\.</strong>', page)
    assert found, "not an answer page"
    return found.group(1)


def _status_page(browser: Browser, answers: dict[str, str], lang: str = "en") -> str:
    """The status step's page, answering the questions before it from `answers`."""
    response = browser.get(f"/interview?lang={lang}")
    while question_of(response.text) != STATUS:
        response = answer(browser, str(response.url), response.text, answers)
        assert "/interview/" in str(response.url), "the status step is not asked"
    return response.text


def test_the_status_step_is_asked_for_a_person_exposed_to_expedited_removal(
    browser: Browser,
) -> None:
    asked, page = walk(browser, EXPOSED)
    assert STATUS in asked
    assert asked.index(STATUS) == asked.index("claim") + 1  # with the person's status
    assert _word(page) == "Yes"  # no protection given: the designation reaches them


def test_tps_in_effect_answered_in_the_interview_gives_no_for_that_reason(
    browser: Browser,
) -> None:
    granted = {**EXPOSED, "person-tps-since": "September 10, 2024", "person-tps-until": "9/9/2026"}
    asked, page = walk(browser, granted)
    assert STATUS in asked
    assert _word(page) == "No"
    assert '<li data-code="tps_in_effect">Temporary Protected Status in effect</li>' in page
    # TPS ends on 9/9/2026, within the outlook's three years: what decides after it is asked
    assert "presence" in asked


def test_tps_ended_before_the_date_gives_the_other_answer(browser: Browser) -> None:
    ended = {**EXPOSED, "person-tps-since": "9/10/2024", "person-tps-until": "June 9, 2025"}
    _asked, page = walk(browser, ended)
    assert _word(page) == "Yes"
    assert '<li data-code="tps_in_effect">' not in page


def test_deferred_action_and_a_uscis_filing_are_taken_and_explained(browser: Browser) -> None:
    filed = {
        **EXPOSED,
        "person-deferred_action-kind": "other",
        "person-deferred_action-since": "1/15/2025",
        "person-affirmative_asylum_filed_on": "November 20, 2024",
    }
    _asked, page = walk(browser, filed)
    assert _word(page) == "Yes"  # they change no answer
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "no express exemption from expedited removal was found" in text
    assert "An asylum application was filed with USCIS on or before June 10, 2025" in text


def test_the_client_with_a_pending_case_is_asked_since_a_dismissal_would_expose_them(
    browser: Browser,
) -> None:
    """The client of issue 12: the pending 240 case blocks expedited removal today, but the
    outlook also reads the case as dismissed on each day ahead, where TPS would change the
    answer; by the probe rule the step is asked. With TPS in effect the answer stays No, and
    now for TPS too."""
    asked, _page = walk(browser, CLIENT)
    assert STATUS in asked
    _asked, page = walk(browser, {**CLIENT, "person-tps-since": "2/1/2025"})
    assert _word(page) == "No"
    assert '<li data-code="tps_in_effect">' in page
    assert '<li data-code="pending_240_proceedings">' in page


def test_the_status_step_is_not_asked_where_expedited_removal_cannot_apply_anyway(
    browser: Browser,
) -> None:
    """Ordered removed by a judge, or admitted: No on every day and in every posture with
    TPS or without, so the step is not asked (TPS would only add its own block)."""
    for answers in (
        {**CLIENT, "proceedings-section_240": "ordered_removed"},
        {**EXPOSED, "arrivals-0-manner": "admitted"},
    ):
        asked, page = walk(browser, answers)
        assert STATUS not in asked, asked
        assert _word(page) == "No"


def test_the_step_compares_answers_not_blocks() -> None:
    """For the admitted person TPS changes the outlook's blocks (its own block is added) but
    no answer: the step's probes are compared by the answers alone, so it is not asked."""
    values = {
        "as_of": "2025-06-10",
        "proceedings-section_240": "none",
        "arrivals-0-date": "2024-03-01",
        "arrivals-0-manner": "admitted",
        "arrivals-0-mode": "land",
        "place": "miles",
        "encounter-miles_from_land_border": "850",
    }
    rules = bundled_rules()
    outlooks = []
    for since in ("", "2025-06-10"):
        facts, lines, _paths = facts_of({**values, "person-tps-since": since})
        assert isinstance(facts, Facts), lines
        outlooks.append(outlook(rules, facts))
    assert outlooks[0] != outlooks[1]  # the blocks differ
    assert not matters(BY_ID[STATUS], values)
    assert matters(BY_ID[STATUS], {**values, "arrivals-0-manner": "without_inspection"})


def test_an_end_before_its_start_is_refused_beside_its_field_and_kept(browser: Browser) -> None:
    page = _status_page(browser, EXPOSED)
    url = re.search(r'action="(/interview/[\w-]+)"', page)
    assert url
    typed = {
        "person-tps-since": "September 10, 2024",
        "person-tps-until": "9/9/2024",
        "person-deferred_action-kind": "daca",
        "person-deferred_action-since": "2/1/2013",
        "person-deferred_action-until": "January 31, 2012",
    }
    refused = answer(browser, url.group(1), page, typed)
    assert refused.status_code == 422
    assert question_of(refused.text) == STATUS
    text = refused.text
    for name in ("person-tps-until", "person-deferred_action-until"):
        error = re.search(rf'<div class="error" id="{name}-error">(.*?)</div>', text, re.S)
        assert error, name
        assert "The last day comes before the first day: check both dates." in error.group(1)
        assert re.search(rf'id="{name}" name="{name}" value="{typed[name]}"', text), name
        assert re.search(rf'id="{name}"[^>]*aria-invalid="true"', text), name
        assert f'<li><a href="#{name}">' in text  # the summary links to the field
    assert 'value="September 10, 2024"' in text  # every answer kept as typed
    assert re.search(r'value="daca" checked', text)
    visible = re.sub(r"<[^>]+>", " ", text)
    assert "person.tps" not in visible  # no field path on screen
    assert "person-tps" not in visible
    # corrected, the step is taken and the interview goes on
    fixed = answer(browser, url.group(1), text, {**typed, "person-tps-until": "9/9/2026"})
    assert "person-deferred_action-until-error" in fixed.text  # the other end still refused
    done = answer(
        browser,
        url.group(1),
        fixed.text,
        {**typed, "person-tps-until": "9/9/2026", "person-deferred_action-until": ""},
    )
    assert done.status_code == 200
    assert "/interview/" not in str(done.url) or question_of(done.text) != STATUS


def test_a_missing_start_or_kind_is_named_beside_its_field(browser: Browser) -> None:
    page = _status_page(browser, EXPOSED)
    url = re.search(r'action="(/interview/[\w-]+)"', page)
    assert url
    refused = answer(
        browser,
        url.group(1),
        page,
        {"person-tps-until": "9/9/2026", "person-deferred_action-since": "1/15/2025"},
    )
    assert refused.status_code == 422
    for name, said in (
        ("person-tps-since", "Give the first day too: the rest cannot be read without it."),
        (
            "person-deferred_action-kind",
            "Choose DACA or another kind of deferred action for these dates.",
        ),
    ):
        error = re.search(rf'<div class="error" id="{name}-error">(.*?)</div>', refused.text, re.S)
        assert error, name
        assert said in error.group(1), name


def test_a_date_typed_badly_is_refused_beside_its_question(browser: Browser) -> None:
    page = _status_page(browser, EXPOSED)
    url = re.search(r'action="(/interview/[\w-]+)"', page)
    assert url
    refused = answer(
        browser, url.group(1), page, {"person-affirmative_asylum_filed_on": "13/5/2024"}
    )
    assert refused.status_code == 422
    assert "numbers are read month first" in refused.text
    assert 'value="13/5/2024"' in refused.text


def test_the_status_step_is_in_spanish(browser: Browser) -> None:
    browser.get("/?lang=es")
    try:
        page = _status_page(browser, EXPOSED, "es")
    finally:
        browser.get("/?lang=en")
    assert '<h1 id="question" data-code="status">Estatus y solicitudes</h1>' in page
    assert "<legend>Estatus de Protección Temporal (TPS)</legend>" in page
    assert "Fecha en que se concedió el TPS" in page
    assert "Acción diferida (DACA)" in page
    assert "Fecha de la solicitud de asilo presentada ante el USCIS" in page
    assert "Ninguna, o no lo sé" in page
    visible = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    for english in ("Temporary Protected Status", "Deferred action", "Last day", "Why this"):
        assert english not in visible, english


def test_the_form_values_of_the_step_make_the_facts() -> None:
    iv = Interview(values={"as_of": "2025-06-10"})
    iv.answer(
        BY_ID[STATUS],
        {
            "person-tps-since": "2024-09-10",
            "person-deferred_action-kind": "daca",
            "person-deferred_action-since": "2013-02-01",
            "person-affirmative_asylum_filed_on": "2024-11-20",
        },
    )
    facts, lines, _paths = facts_of(form_values(iv.values))
    assert facts is not None, lines
    assert facts.person.tps is not None
    assert facts.person.tps.until is None
    assert facts.person.deferred_action is not None
    assert facts.person.deferred_action.kind == "daca"
    assert str(facts.person.affirmative_asylum_filed_on) == "2024-11-20"
