"""The cases' calendar as an iCalendar file (RFC 5545) that calendar programs open: an
all-day event for each running deadline and each hearing ahead, with reminders 7 and 2 days
before, in the words of the wording set (erpath.wording: `cases_page.calendar`), a
deadline's legal basis cited as the law is cited (never a source's id).

A calendar is often shared or synced to a phone, so the clients' names (the cases'
labels) are left out unless asked for: each event then names its case by the first
characters of its id, which say nothing about the person."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from icalendar import Alarm, Calendar, Event

from erpath.cases.view import CaseView
from erpath.law.loader import bundled_law
from erpath.wording import Wording, words

PRODUCT = "-//erpath//case deadlines//EN"
REMINDER_DAYS = (7, 2)  # a reminder this many days before each event


@dataclass(frozen=True)
class CalendarEntry:
    uid: str  # the case id, the deadline's code or "hearing", and the day
    day: date
    summary: str
    description: str
    reminders: tuple[tuple[int, str], ...]  # (days before, the reminder's text)


def calendar_file(entries: Iterable[CalendarEntry], now: datetime | None = None) -> bytes:
    """`entries` as all-day events, each with its reminders, in one iCalendar file."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    stamp = now or datetime.now(UTC)
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.day)
        event.add("dtend", entry.day + timedelta(days=1))
        event.add("summary", entry.summary)
        event.add("description", entry.description)
        event.add("transp", "TRANSPARENT")
        for days, text in entry.reminders:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", timedelta(days=-days))
            alarm.add("description", text)
            event.add_component(alarm)
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def _say(w: Wording, key: str, **context: Any) -> str:
    """`cases_page.calendar.<key>` filled in, dates in prose."""
    template: str = w.data["cases_page"]["calendar"][key]
    return template.format(
        **{k: w.date(v) if isinstance(v, date) else v for k, v in context.items()}
    )


def _reminders(w: Wording, what: str, day: date) -> tuple[tuple[int, str], ...]:
    return tuple((n, _say(w, "reminder", what=what, days=n, day=day)) for n in REMINDER_DAYS)


def _entries(v: CaseView, w: Wording, names: bool) -> Iterator[CalendarEntry]:
    law = bundled_law()
    case = v.label if names else _say(w, "case", short=v.case_id[:8])
    for d in v.running:
        title = w.label("deadlines", d.code)
        what = _say(w, "deadline", title=title, case=case)
        sure = w.label("verification", d.verification)
        description = _say(
            w,
            "deadline_text",
            title=title,
            party=w.label("parties", d.party),
            due=d.due,
            rule=d.rule,
            cites=law.cites(d.sources),
        ) + ("" if d.verification == "verified" else " " + _say(w, "how_sure", how=sure))
        uid = f"{v.case_id}-{d.code}-{d.due.isoformat()}@erpath"
        yield CalendarEntry(uid, d.due, what, description, _reminders(w, what, d.due))
    for day in dict.fromkeys(h for h in v.hearings if h >= v.today):
        what = _say(w, "hearing", case=case)
        uid = f"{v.case_id}-hearing-{day.isoformat()}@erpath"
        description = _say(w, "hearing_text", day=day)
        yield CalendarEntry(uid, day, what, description, _reminders(w, what, day))


def running_deadlines_calendar(
    views: Iterable[CaseView], language: str = "en", names: bool = False
) -> bytes:
    """The running deadlines and the hearings ahead of the cases viewed (on each view's
    day), as an iCalendar file in `language`; the cases' labels only if `names`."""
    w = words(language)
    return calendar_file(e for v in views for e in _entries(v, w, names))
