"""Deadlines as an iCalendar file (RFC 5545) that calendar programs open: one all-day
event per deadline, named in the words of the wording set (erpath.wording), with its legal
basis, cited, in the description."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from erpath.cases.view import CaseView
from erpath.law.loader import bundled_law
from erpath.wording import words

PRODUCT = "-//erpath//case deadlines//EN"


@dataclass(frozen=True)
class CalendarEntry:
    case_id: str
    case_label: str
    code: str  # kept in the event's UID only
    title: str
    due: date
    basis: str  # the rule, its citations and how sure they are


def deadlines_calendar(entries: Iterable[CalendarEntry], now: datetime | None = None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    stamp = now or datetime.now(UTC)
    for entry in entries:
        event = Event()
        event.add("uid", f"{entry.case_id}-{entry.code}-{entry.due.isoformat()}@erpath")
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.due)
        event.add("dtend", entry.due + timedelta(days=1))
        event.add("summary", f"{entry.title} ({entry.case_label})")
        event.add("description", f"{entry.title}: {entry.due}. {entry.basis}")
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def running_deadlines_calendar(views: Iterable[CaseView], language: str = "en") -> bytes:
    """The running deadlines of the cases viewed, as an iCalendar file in `language`."""
    w = words(language)
    law = bundled_law()
    return deadlines_calendar(
        CalendarEntry(
            v.case_id,
            v.label,
            d.code,
            w.label("deadlines", d.code),
            d.due,
            f"{d.rule}; "
            + law.cites(d.sources)
            + (
                f" ({w.label('verification', d.verification)})"
                if d.verification != "verified"
                else ""
            ),
        )
        for v in views
        for d in v.running
    )
