"""No code on screen in the guided interview and the client summary (ADR 0019): every
question page of interviews that reach every question, in both languages, and each bundled
example's client summary, show words only (the checks of test_no_codes_on_screen)."""

from __future__ import annotations

import pytest

from erpath.answer.screen import screen
from erpath.law.model import Law
from erpath.report.client_summary import render_client_summary
from erpath.web.interview import QUESTIONS
from web.test_interview import CLIENT, answer, question_of
from web.test_no_codes_on_screen import CLIENT as CLIENT_FACTS
from web.test_no_codes_on_screen import EXAMPLES, _codes, _codes_in, _facts, _visible
from web.webtools import Browser

# Answers that, between them, reach every question of the interview.
PATHS = [
    CLIENT,
    {**CLIENT, "arrivals-0-manner": "paroled", "arrivals-0-mode": "sea", "as_of": "1/21/2025"},
    {
        **CLIENT,
        "proceedings-section_240": "dismissed",
        "proceedings-dismissed_on": "1/5/2026",
        "proceedings-dismissal_appeal_pending": "no",
        "person-birth_date": "6/1/2010",
        "person-claimed_status": "lpr",
        "er-started": "yes",
        "expedited_removal-fear_claimed": "yes",
        "expedited_removal-credible_fear-result": "negative",
        "place": "miles",
    },
    {**CLIENT, "proceedings-section_240": "ordered_removed"},
    # the place not chosen on a day the circuits read bond differently: the state is asked
    {**CLIENT, "as_of": "3/1/2026", "place": "miles", "encounter-miles_from_land_border": "450"},
    {
        **CLIENT,
        "proceedings-section_240": "none",
        "arrivals-0-date": "1/15/2026",
        "arrivals-0-mode": "sea",
        "place": "city",
        "place-city": "SEA",
    },
]
# Never asked: no rule reads the date the NTA was filed, so it cannot change an answer.
NEVER_MATTERS = {"nta"}


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_interview_question_shows_words_not_codes(
    browser: Browser, law: Law, language: str
) -> None:
    codes = _codes(law)
    seen: set[str] = set()
    found: dict[str, list[str]] = {}
    for answers in PATHS:
        response = browser.get(f"/interview?lang={language}")
        while "/interview/" in str(response.url):
            assert response.status_code == 200, response.text  # every answer is taken
            question = question_of(response.text)
            seen.add(question)
            hits = _codes_in(_visible(response.text), codes)
            if hits:
                found[question] = hits
            response = answer(browser, str(response.url), response.text, answers)
        assert 'id="answer"' in response.text
    browser.get("/?lang=en")
    assert found == {}
    assert seen >= {q.id for q in QUESTIONS} - NEVER_MATTERS, "the paths reach every question"


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_client_summary_shows_words_not_codes(law: Law, language: str) -> None:
    codes = _codes(law)
    found = {}
    for path in [*EXAMPLES, CLIENT_FACTS]:
        facts = _facts(path)
        html = render_client_summary(screen(facts, language=language), facts, language, None)
        hits = _codes_in(_visible(html), codes)
        if hits:
            found[path.stem] = hits
    assert found == {}
