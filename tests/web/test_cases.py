"""Cases through the pages: the list with next deadlines, a legal event recorded (in the
timeline and in the store's log), an illegal one refused with the machine's message, a
new case, facts kept from a screening, and the calendar."""

from __future__ import annotations

import re
from pathlib import Path

from icalendar import Calendar

from erpath.store import CaseStore
from web.webtools import PASSPHRASE, Browser, csrf_of, screen_through


def _case(browser: Browser, label_part: str) -> tuple[str, str]:
    page = browser.get("/cases").text
    found = re.search(rf'href="/cases/([0-9a-f]{{32}})"[^>]*>([^<]*{label_part}[^<]*)<', page)
    assert found, label_part
    return found.group(1), found.group(2)


def test_the_list_shows_states_and_next_deadlines(browser: Browser) -> None:
    page = browser.get("/cases").text
    assert "Luis M. (demo, invented)" in page
    # Luis: DHS moved to dismiss five days ago; the response deadline runs
    row = re.search(r"Luis M\..*?</tr>", page, re.DOTALL)
    assert row
    assert "Response to the DHS motion to dismiss" in row.group(0)
    assert "S2" in row.group(0)


def test_a_legal_event_is_recorded_in_the_timeline_and_the_store(
    browser: Browser, web_store: Path
) -> None:
    case_id, _label = _case(browser, "Ana R")
    page = browser.get(f"/cases/{case_id}").text
    assert 'id="state"' in page
    options = re.findall(
        r'<option value="([a-z_]+)"', page.split('id="kind"')[1].split("</select>")[0]
    )
    assert "appears_at_hearing" in options
    assert "ij_grants_dismissal" not in options  # not allowed from S0
    response = browser.post(
        f"/cases/{case_id}/events",
        data={
            "csrf": csrf_of(page),
            "kind": "appears_at_hearing",
            "on": "2026-03-01",
            "document": "hearing notice (invented)",
        },
    )
    assert response.status_code == 200
    assert "Appears at the hearing" in response.text
    assert "hearing notice (invented)" in response.text
    assert re.search(r'data-code="S1">[^<]*<strong>At the hearing</strong>', response.text)
    with CaseStore.open(web_store, PASSPHRASE) as cases:
        kinds = [e.kind for e in cases.events(case_id)]
    assert kinds[-1] == "appears_at_hearing"


def test_an_illegal_event_is_refused_with_the_machines_message(
    browser: Browser, web_store: Path
) -> None:
    case_id, _label = _case(browser, "Rosa T")
    with CaseStore.open(web_store, PASSPHRASE) as cases:
        before = len(cases.events(case_id))
    page = browser.get(f"/cases/{case_id}").text
    response = browser.post(
        f"/cases/{case_id}/events",
        data={"csrf": csrf_of(page), "kind": "ij_orders_removal", "on": "2026-03-01"},
    )
    assert response.status_code == 422
    assert "cannot apply &#39;ij_orders_removal&#39; in S3" in response.text
    assert "allowed events are" in response.text
    with CaseStore.open(web_store, PASSPHRASE) as cases:
        assert len(cases.events(case_id)) == before


def test_a_new_case_and_facts_from_a_screening(browser: Browser) -> None:
    page = browser.get("/cases").text
    empty = browser.post("/cases", data={"csrf": csrf_of(page), "label": ""})
    assert empty.status_code == 422
    assert "label:" in empty.text
    created = browser.post(
        "/cases",
        data={"csrf": csrf_of(page), "label": "Test case (invented)", "hearing": "2026-04-01"},
    )
    assert created.status_code == 200
    assert "Test case (invented)" in created.text
    case_id = re.search(r'action="/cases/([0-9a-f]{32})/events"', created.text)
    assert case_id
    answer = screen_through(
        browser,
        {
            "as_of": "2026-03-02",
            "arrivals-0-date": "2025-01-10",
            "proceedings-section_240": "pending",
        },
    )
    token = re.search(r'action="/screen/([\w-]+)/case"', answer)
    assert token
    saved = browser.post(
        f"/screen/{token.group(1)}/case",
        data={"csrf": csrf_of(answer), "case_id": case_id.group(1)},
    )
    assert saved.status_code == 200
    assert "Facts recorded" in saved.text
    assert "On the next hearing (2026-04-01)" in saved.text


def test_the_calendar_download_is_icalendar(browser: Browser) -> None:
    case_id, label = _case(browser, "Omar P")
    response = browser.get(f"/cases/{case_id}/calendar.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert events
    assert all(label in str(e["SUMMARY"]) for e in events)
    everything = Calendar.from_ical(browser.get("/cases/calendar.ics").content)
    assert len(list(everything.walk("VEVENT"))) >= len(events)


def test_an_unknown_case_is_404(browser: Browser) -> None:
    assert browser.get("/cases/" + "0" * 32).status_code == 404
