"""Cases through the pages: the list with next deadlines (overdue ones first, in words),
a legal event recorded (in the timeline and in the store's log), an illegal one refused
with the machine's message, a new case, facts kept from a screening with its hearing, the
latest screening on the case page, the as-of day, the motion made at the hearing in one
step, a form from a stale page refused, and the calendar (reminders, hearings, cites, no
names unless asked)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from icalendar import Calendar
from typer.testing import CliRunner

from erpath.cases.record import record
from erpath.cli import app
from erpath.law.model import Law
from erpath.store import CaseStore
from erpath.store.events import EventInput
from web.webtools import PASSPHRASE, Browser, csrf_of, form_values, screen_through


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


def test_the_calendar_download_is_icalendar_and_names_clients_only_when_asked(
    browser: Browser,
) -> None:
    case_id, label = _case(browser, "Omar P")
    response = browser.get(f"/cases/{case_id}/calendar.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert events
    assert label.encode() not in response.content  # the client's name left out by default
    assert all(f"Case {case_id[:8]}" in str(e["SUMMARY"]) for e in events)
    named = Calendar.from_ical(browser.get(f"/cases/{case_id}/calendar.ics?names=1").content)
    assert all(label in str(e["SUMMARY"]) for e in named.walk("VEVENT"))
    assert browser.get(f"/cases/{case_id}/calendar.ics?names=yes").status_code == 422
    everything = Calendar.from_ical(browser.get("/cases/calendar.ics").content)
    assert len(list(everything.walk("VEVENT"))) >= len(events)


def test_an_unknown_case_is_404(browser: Browser) -> None:
    assert browser.get("/cases/" + "0" * 32).status_code == 404


def _new_case(browser: Browser, label: str, hearing: str = "") -> str:
    page = browser.get("/cases").text
    created = browser.post(
        "/cases", data={"csrf": csrf_of(page), "label": label, "hearing": hearing}
    )
    assert created.status_code == 200, created.text
    found = re.search(r'action="/cases/([0-9a-f]{32})/events"', created.text)
    assert found
    return found.group(1)


def _kinds(web_store: Path, case_id: str) -> list[str]:
    with CaseStore.open(web_store, PASSPHRASE) as cases:
        return [e.kind for e in cases.events(case_id)]


def _part(page: str, element_id: str) -> str:
    """The element with `element_id`, up to its closing tag (its kind not nested)."""
    found = re.search(rf'<(\w+)[^>]*id="{element_id}".*?</\1>', page, re.S)
    assert found, element_id
    return found.group(0)


def _rows(listing: str) -> list[str]:
    body = _part(listing, "case-list").split("<tbody>")[1]
    return body.split("<tr>")[1:]


def _screened(browser: Browser, next_hearing: str) -> tuple[str, str]:
    """The first example screened through /screen with a next hearing: the answer page
    and its token."""
    page = browser.get("/screen?example=01-interior-pending-240").text
    data = {**form_values(page, "screen-form"), "action": "screen"}
    data["proceedings-next_hearing"] = next_hearing
    answer = browser.post("/screen", data=data).text
    token = re.search(r'action="/screen/([\w-]+)/case"', answer)
    assert token, "no answer page"
    return answer, token.group(1)


def test_a_case_started_from_a_screening_keeps_its_hearing_and_leads_with_its_answer(
    browser: Browser, web_store: Path
) -> None:
    answer, token = _screened(browser, "2026-04-15")
    opened = browser.post(
        f"/screen/{token}/case",
        data={"csrf": csrf_of(answer), "label": "From a screening (invented)"},
    )
    assert opened.status_code == 200
    case_id = re.search(r'action="/cases/([0-9a-f]{32})/events"', opened.text)
    assert case_id
    with CaseStore.open(web_store, PASSPHRASE) as cases:
        events = cases.events(case_id.group(1))
    assert [e.kind for e in events] == ["case_opened", "hearing_scheduled"]
    assert events[0].data["facts"]["proceedings"]["next_hearing"] == "2026-04-15"
    assert events[1].data == {"date": "2026-04-15"}
    latest = _part(opened.text, "latest-screening")
    assert "The answer on the next hearing, " in latest
    assert '<time datetime="2026-04-15">April 15, 2026</time>' in latest
    assert "<strong>No.</strong>" in latest  # the 240 case is pending on that day
    summary = re.search(r'<span id="latest-summary">([^<]+)</span>', latest)
    assert summary
    assert len(summary.group(1)) > 20
    assert latest.count('<svg class="strip-bar"') == 2  # as given, and if dismissed
    assert "April 15, 2026" in _part(opened.text, "hearings")

    # the same hearing kept again is not scheduled twice; a new one is
    answer, token = _screened(browser, "2026-04-15")
    data = {"csrf": csrf_of(answer), "case_id": case_id.group(1)}
    assert browser.post(f"/screen/{token}/case", data=data).status_code == 200
    assert _kinds(web_store, case_id.group(1))[2:] == ["facts"]
    answer, token = _screened(browser, "2026-05-20")
    assert browser.post(f"/screen/{token}/case", data=data).status_code == 200
    with CaseStore.open(web_store, PASSPHRASE) as cases:
        last = cases.events(case_id.group(1))[-2:]
    assert [e.kind for e in last] == ["facts", "hearing_scheduled"]
    assert last[1].data == {"date": "2026-05-20"}


def test_a_backdated_motion_shows_the_deadline_the_command_line_shows(
    browser: Browser, web_store: Path
) -> None:
    case_id = _new_case(browser, "Backdated motion (invented)")
    page = browser.get(f"/cases/{case_id}").text
    data = {**form_values(page, "motion-form"), "motion-on": "2026-01-20"}
    data["motion-document"] = "motion to dismiss (invented)"
    recorded = browser.post(f"/cases/{case_id}/motion", data=data)
    assert recorded.status_code == 200
    with CaseStore.open(web_store, PASSPHRASE) as cases:
        steps = [(e.kind, e.occurred_on.isoformat()) for e in cases.events(case_id)[1:]]
    assert steps == [
        ("appears_at_hearing", "2026-01-20"),
        ("dhs_moves_to_dismiss", "2026-01-20"),
    ]
    # on the app's today (March 2, 2026) the 10-day response, due January 30, is overdue
    overdue = _part(recorded.text, "case-overdue")
    assert "Overdue by 31 days" in overdue
    assert "Response to the DHS motion to dismiss" in overdue
    assert '<time datetime="2026-01-30">January 30, 2026</time>' in overdue
    assert "No deadline is running" not in recorded.text
    # as of January 26 it runs, as `erpath case show --on 2026-01-26` says
    then = browser.get(f"/cases/{case_id}?as_of=2026-01-26").text
    running = _part(then, "case-deadlines")
    assert "Due in 4 days" in running
    web = set(
        re.findall(
            r'<li data-code="(\w+)" class="deadline[^"]*">.*?datetime="([\d-]+)"', running, re.S
        )
    )
    shown = CliRunner().invoke(
        app,
        ["case", "show", case_id[:8], "--on", "2026-01-26", "--store", str(web_store)],
        env={"ERPATH_PASSPHRASE": PASSPHRASE, "COLUMNS": "250"},
    )
    assert shown.exit_code == 0, shown.output
    cli = set(re.findall(r"Deadline (\w+) \(.*?\): due ([\d-]+)", shown.output))
    assert web == cli == {("response_to_dhs_motion", "2026-01-30")}

    # the list: overdue in red and in words, counted, and the overdue cases first
    listing = browser.get("/cases").text
    row = next(r for r in _rows(listing) if "Backdated motion (invented)" in r)
    assert '<td data-label="Next deadline" class="deadline overdue">' in row
    assert '<span class="due overdue">Overdue by 31 days</span>' in row
    count = re.search(r'id="overdue-count">Overdue: (\d+)<', listing)
    assert count
    assert int(count.group(1)) >= 1
    first = ['class="deadline overdue"' in r for r in _rows(listing)]
    assert first == sorted(first, reverse=True)
    soon = next(r for r in _rows(listing) if "Luis M." in r)  # the response due in 7 days
    assert '<span class="due soon">Due in 7 days</span>' in soon


def test_the_motion_at_the_hearing_is_recorded_whole_or_not_at_all(
    browser: Browser, web_store: Path
) -> None:
    case_id, _label = _case(browser, "Rosa T")  # dismissal granted: no hearing to appear at
    page = browser.get(f"/cases/{case_id}").text
    assert 'id="motion-form"' not in page
    before = _kinds(web_store, case_id)
    data = {**form_values(page, "event-form"), "motion-on": "2026-03-01"}
    refused = browser.post(f"/cases/{case_id}/motion", data=data)
    assert refused.status_code == 422
    assert "cannot apply &#39;appears_at_hearing&#39; in S3" in refused.text
    assert _kinds(web_store, case_id) == before

    fresh = _new_case(browser, "Motion mistyped (invented)")
    page = browser.get(f"/cases/{fresh}").text
    data = {**form_values(page, "motion-form"), "motion-on": "2026-02-30"}
    data["motion-note"] = "oral motion (invented)"
    bad = browser.post(f"/cases/{fresh}/motion", data=data)
    assert bad.status_code == 422
    assert "Date of the hearing: &#39;2026-02-30&#39; is not a date" in bad.text
    kept = form_values(bad.text, "motion-form")
    assert (kept["motion-on"], kept["motion-note"]) == ("2026-02-30", "oral motion (invented)")
    assert _kinds(web_store, fresh) == ["case_opened"]


def test_a_form_from_a_page_drawn_before_another_change_is_refused_with_409(
    browser: Browser, web_store: Path
) -> None:
    case_id = _new_case(browser, "Two tabs (invented)")
    first_tab = browser.get(f"/cases/{case_id}").text
    second_tab = browser.get(f"/cases/{case_id}").text
    data = {**form_values(second_tab, "event-form"), "kind": "note"}
    data["note"] = "called the client (invented)"
    assert browser.post(f"/cases/{case_id}/events", data=data).status_code == 200
    data = {**form_values(first_tab, "event-form"), "kind": "appears_at_hearing"}
    data.update(on="2026-03-01", document="hearing notice (invented)")
    stale = browser.post(f"/cases/{case_id}/events", data=data)
    assert stale.status_code == 409
    assert "This case changed since you opened it: here is the case as it is now" in stale.text
    assert 'id="problems"' not in stale.text  # not the banner of a form with errors
    assert "called the client (invented)" in _part(stale.text, "case-timeline")
    kept = form_values(stale.text, "event-form")
    assert (kept["kind"], kept["on"], kept["document"]) == (
        "appears_at_hearing",
        "2026-03-01",
        "hearing notice (invented)",
    )
    assert _kinds(web_store, case_id) == ["case_opened", "note"]
    again = browser.post(f"/cases/{case_id}/events", data=kept)  # sent from the page now
    assert again.status_code == 200
    assert _kinds(web_store, case_id)[-1] == "appears_at_hearing"


def test_a_bad_as_of_day_is_named_and_kept(browser: Browser) -> None:
    for url in ("/cases?as_of=2026-13-01", "/cases?as_of=3026-01-01"):
        bad = browser.get(url)
        assert bad.status_code == 422
        assert "As of: " in bad.text
        assert "is not a date from 1997 to 2100" in bad.text
        typed = url.split("=")[1]
        kind = "date" if typed[0] == "3" else "text"  # 3026-01-01 is a date, out of range
        assert f'<input type="{kind}" id="as_of" name="as_of" value="{typed}"' in bad.text


def test_the_calendar_has_reminders_hearings_and_legal_cites(browser: Browser, law: Law) -> None:
    label = "Calendar; with, commas (invented)"
    case_id = _new_case(browser, label, hearing="2026-04-01")
    page = browser.get(f"/cases/{case_id}").text
    data = {**form_values(page, "motion-form"), "motion-on": "2026-02-27"}
    assert browser.post(f"/cases/{case_id}/motion", data=data).status_code == 200
    raw = browser.get(f"/cases/{case_id}/calendar.ics").content
    lines = raw.split(b"\r\n")
    assert lines[-1] == b""  # every line ends in CRLF
    assert b"\n" not in b"".join(lines)
    assert max(len(line) for line in lines) <= 75  # folded at 75 octets
    calendar = Calendar.from_ical(raw)
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    short = case_id[:8]
    deadline = events[f"Response to the DHS motion to dismiss (Case {short})"]
    hearing = events[f"Hearing in immigration court (Case {short})"]
    assert deadline.decoded("dtstart").isoformat() == "2026-03-09"
    assert hearing.decoded("dtstart").isoformat() == "2026-04-01"
    for event in (deadline, hearing):
        alarms = event.walk("VALARM")
        assert sorted(a.decoded("trigger").days for a in alarms) == [-7, -2]
        assert all(str(a["ACTION"]) == "DISPLAY" and str(a["DESCRIPTION"]) for a in alarms)
    description = str(deadline["DESCRIPTION"])
    assert "Sources: " in description
    for cite in ("EOIR Policy Manual, Appendix C", "ICPM ch. 3.1(b), 5.12", "5 U.S.C. 6103"):
        assert cite in description, description
    ids = [sid for sid in law.sources if sid.encode() in raw]
    assert ids == [], "a source's id in the calendar"
    assert label.split(";")[0].encode() not in raw
    named = browser.get(f"/cases/{case_id}/calendar.ics?names=1").content
    assert b"Calendar\\; with\\, commas (invented)" in named.replace(b"\r\n ", b"")
    spanish = Calendar.from_ical(browser.get(f"/cases/{case_id}/calendar.ics?lang=es").content)
    titles = {str(e["SUMMARY"]) for e in spanish.walk("VEVENT")}
    assert f"Audiencia en el tribunal de inmigración (Caso {short})" in titles
    browser.get("/?lang=en")


def test_the_arrest_step_after_a_dismissal_says_what_an_order_does_at_the_case_court(
    browser: Browser, web_store: Path
) -> None:
    """The case page's next steps carry, for 'ICE arrests at or near the court', what the
    law says at the case's own court on the day (Pablo Sequen v. Albarran, N.D. Cal. Dec. 24,
    2025, reported: ICE's San Francisco area; not Houston)."""
    day = date(2026, 1, 15)
    ids = {}
    with CaseStore.open(web_store, PASSPHRASE) as cases:
        for court, state in (("SFR", "CA"), ("HOU", "TX")):
            facts = {
                "as_of": day.isoformat(),
                "arrivals": [
                    {"date": "2025-03-10", "manner": "without_inspection", "mode": "land"}
                ],
                "encounter": {"miles_from_land_border": 500, "state": state},
                "proceedings": {"section_240": "pending", "court": court},
            }
            ids[court] = cases.new_case(f"Dismissed at {court} (invented)")
            record(
                cases,
                ids[court],
                EventInput(kind="case_opened", occurred_on=day, data={"facts": facts}),
            )
            for kind in ("appears_at_hearing", "dhs_moves_to_dismiss", "ij_grants_dismissal"):
                record(cases, ids[court], EventInput(kind=kind, occurred_on=day))
    pages = {c: browser.get(f"/cases/{i}?as_of=2026-01-15").text for c, i in ids.items()}
    sfr, hou = (pages[c].split('id="allowed"')[1].split("</section>")[0] for c in ("SFR", "HOU"))
    assert "At this court:" in sfr
    assert (
        "A court order restricts ICE arrests at or near the immigration court in San Francisco"
        in sfr
    )
    assert "No court order restricts ICE arrests at or near the immigration court in Houston" in hou
    spanish = browser.get(f"/cases/{ids['SFR']}?as_of=2026-01-15&lang=es").text
    assert "En este tribunal:" in spanish
    assert "Una orden judicial restringe los arrestos del ICE" in spanish
