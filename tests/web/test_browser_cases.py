"""The case tracker in a real browser (web.real_browser), in English and Spanish, on a desktop
1280 pixels wide and a phone 390 pixels wide: a case started from a screening with its
hearing, leading with its answer and timeline strips; the motion to dismiss made at the
hearing recorded in one step; its response deadline overdue, in red and in words, on the
list; a form from a stale tab refused with the case as it is now and the input kept; and
the calendar file with its reminders and without the client's name. Every page checked by
axe-core, with no sideways scroll; screenshots kept in build/screenshots/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import Browser, Page

from erpath.wording import words
from erpath.wording.catalogs import gettext_for
from web.real_browser import DESKTOP, PHONE, accessible, new_context, no_sideways_scroll
from web.webtools import LiveServer

RED = "rgb(155, 28, 28)"  # the stylesheet's --yes


def _checked(page: Page, name: str) -> None:
    no_sideways_scroll(page)
    accessible(page, name)


def _start_from_a_screening(page: Page, base: str, label: str) -> None:
    """The first example screened (with a next hearing added, a question the full form does
    not ask) and kept in a new case."""
    page.goto(base + "/screen?example=01-interior-pending-240")
    page.evaluate(
        "() => { const i = document.createElement('input'); i.type = 'hidden';"
        " i.name = 'proceedings-next_hearing'; i.value = '2026-04-15';"
        " document.querySelector('#screen-form').append(i); }"
    )
    page.click("#screen-form button[type=submit]")
    page.wait_for_selector("#answer")
    page.fill("#new-case-label", label)
    page.click("#open-case")
    page.wait_for_selector("#latest-screening")


@pytest.mark.parametrize("width", [DESKTOP["width"], PHONE["width"]])
@pytest.mark.parametrize("language", ["en", "es"])
def test_a_case_from_a_screening_through_the_motion_the_list_a_stale_tab_and_the_calendar(
    chromium: Browser, local_server: LiveServer, language: str, width: int
) -> None:
    _ = gettext_for(language)
    w = words(language)
    name = f"{language}-{width}"
    label = f"Browser {name} (invented)"
    context = new_context(chromium, width)
    page = context.new_page()
    base = local_server.url
    page.goto(f"{base}/?lang={language}")

    _start_from_a_screening(page, base, label)
    case_url = page.url
    assert page.inner_text("#latest-answer").startswith(w.answer("no") + ".")
    assert page.locator("#latest-screening svg.strip-bar").count() == 2
    assert w.date(dt.date(2026, 4, 15)) in page.inner_text("#hearings")
    assert page.get_attribute("#state", "data-code") == "S0"
    _checked(page, f"case-from-screening-{name}")

    # the motion made at the hearing, in one step, back on January 20
    page.fill("#motion-on", "2026-01-20")
    page.click("#motion-submit")
    page.wait_for_selector("#case-overdue")
    assert page.get_attribute("#state", "data-code") == "S2"
    overdue = page.locator("#case-overdue li").first
    assert _("Overdue by %(days)s days") % {"days": 31} in overdue.inner_text()
    assert overdue.locator(".due").evaluate("e => getComputedStyle(e).color") == RED
    _checked(page, f"case-motion-{name}")

    # a stale tab: the page opened before another change is refused, the input kept
    other = context.new_page()
    other.goto(case_url)
    other.select_option("#kind", "note")
    other.fill("#note", "called the court (invented)")
    other.click("#event-submit")
    other.wait_for_selector("#case-timeline")
    page.select_option("#kind", "note")
    page.fill("#note", "typed in the old tab (invented)")
    page.click("#event-submit")
    page.wait_for_selector("#case-changed")
    assert "called the court (invented)" in page.inner_text("#case-timeline")
    assert page.input_value("#note") == "typed in the old tab (invented)"
    assert "typed in the old tab" not in page.inner_text("#case-timeline")
    _checked(page, f"case-stale-tab-{name}")

    # the calendar: reminders 7 and 2 days before, no client's name by default
    assert not page.is_checked("#calendar-names")
    with page.expect_download() as download:
        page.click("#calendar-case")
    raw = Path(download.value.path()).read_bytes()
    assert label.encode() not in raw
    events = list(Calendar.from_ical(raw).walk("VEVENT"))
    assert {e.decoded("dtstart").isoformat() for e in events} == {"2026-04-15"}  # the hearing
    assert sorted(a.decoded("trigger").days for a in events[0].walk("VALARM")) == [-7, -2]

    # the list: the overdue response in red and in words, this case among the first
    page.goto(base + "/cases")
    row = page.locator("#case-list tbody tr", has_text=label)
    cell = row.locator("td.deadline.overdue")
    assert _("Overdue by %(days)s days") % {"days": 31} in cell.inner_text()
    assert cell.locator(".due.overdue").first.evaluate("e => getComputedStyle(e).color") == RED
    assert page.locator("#overdue-count").is_visible()
    tones = page.locator("#case-list tbody tr").evaluate_all(
        "rows => rows.map(r => !!r.querySelector('td.deadline.overdue'))"
    )
    assert tones == sorted(tones, reverse=True)  # the overdue cases first
    _checked(page, f"cases-{name}")
    page.goto(base + "/?lang=en")
    context.close()
