"""Issue 10: dates at the edges of the calendar (years 0001 and 9999, 1899 and 2101, leap
days) typed in any date field of the screening form, or of the answer's follow-ups, are
answered or refused with the field named, never with a server error."""

from __future__ import annotations

import re

import pytest

from web.webtools import Browser, csrf_of, form_values

EDGE_DAYS = ("0001-01-01", "1899-12-31", "1900-01-01", "2100-12-31", "2101-01-01", "9999-12-31")
BASE = {
    "as_of": "2025-06-10",
    "arrivals-0-date": "2024-03-01",
    "arrivals-0-manner": "paroled",
    "arrivals-0-mode": "land",
    "arrivals-0-parole-program": "cbp_one",
    "arrivals-1-date": "2025-01-05",
    "arrivals-1-manner": "without_inspection",
    "arrivals-1-departed": "2024-12-20",
    "person-birth_date": "1998-02-01",
    "encounter-date": "2025-06-10",
    "encounter-miles_from_land_border": "50",
    "proceedings-section_240": "dismissed",
    "proceedings-nta_filed_on": "2024-04-15",
    "proceedings-dismissed_on": "2025-06-01",
    "expedited_removal-order_issued_on": "2025-06-02",
    "expedited_removal-credible_fear-result": "negative",
    "expedited_removal-credible_fear-decided_on": "2025-06-05",
    "evidence-0-kind": "lease",
    "evidence-0-from": "2024-03-05",
    "evidence-0-to": "2025-03-04",
}
ASKED = "time,distance,child,claim,nta,dismissal,removal_order,cf_decided,ij_review,parole-0"
DATE_FIELDS = sorted(
    [k for k, v in BASE.items() if re.fullmatch(r"\d{4}-\d\d-\d\d", v)]
    + ["arrivals-0-parole-until", "proceedings-removal_ordered_on"]
)


@pytest.mark.parametrize("name", DATE_FIELDS)
def test_an_edge_date_in_any_field_is_answered_or_named(browser: Browser, name: str) -> None:
    csrf = csrf_of(browser.get("/screen").text)
    for day in EDGE_DAYS:
        data = {**BASE, name: day, "csrf": csrf, "asked": ASKED, "action": "screen"}
        response = browser.post("/screen", data=data)
        assert response.status_code in (200, 422), (name, day, response.text[-500:])
        if response.status_code == 422 or 'id="answer"' not in response.text:
            values = form_values(response.text, "screen-form")
            assert values.get(name) == day, "what was typed is kept"
        if day[:4] in ("0001", "1899", "2101", "9999") and 'id="answer"' not in response.text:
            assert "outside the days erpath covers" in response.text, (name, day)
