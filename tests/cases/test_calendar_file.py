"""The cases' calendar file: valid iCalendar (RFC 5545: CRLF line ends, lines folded at 75
octets, text escaped, each component with its required properties), one all-day event per
running deadline and per hearing ahead, each with reminders 7 and 2 days before, the legal
basis cited as the law is cited, and the clients' names only when asked for."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from icalendar import Calendar

from erpath.cases.calendar_file import running_deadlines_calendar
from erpath.cases.record import open_case
from erpath.cases.view import view_case
from erpath.law.model import Law
from erpath.store import CaseStore
from erpath.store.events import EventInput

PASSPHRASE = "correct horse battery staple (test only)"
LABEL = "Oriane Tellmarch, client; (invented)"
REQUIRED = {
    "VCALENDAR": {"PRODID", "VERSION"},
    "VEVENT": {"UID", "DTSTAMP", "DTSTART"},
    "VALARM": {"ACTION", "TRIGGER", "DESCRIPTION"},
}
TEXT = {"SUMMARY", "DESCRIPTION"}


def _case(store_path: Path) -> str:
    opened = date(2026, 2, 20)
    entries = [
        EventInput(kind="case_opened", occurred_on=opened),
        EventInput(kind="hearing_scheduled", occurred_on=opened, data={"date": "2026-02-25"}),
        EventInput(kind="hearing_scheduled", occurred_on=opened, data={"date": "2026-04-01"}),
        EventInput(kind="appears_at_hearing", occurred_on=date(2026, 2, 25)),
        EventInput(kind="dhs_moves_to_dismiss", occurred_on=date(2026, 2, 25)),
    ]
    with CaseStore.open(store_path, PASSPHRASE) as store:
        return open_case(store, LABEL, entries)


def _calendar(store_path: Path, case_id: str, day: date, **options: object) -> bytes:
    with CaseStore.open(store_path, PASSPHRASE) as store:
        view = view_case(store, case_id, day)
    return running_deadlines_calendar([view], **options)  # type: ignore[arg-type]


def _content_lines(raw: bytes) -> list[tuple[str, str, str]]:
    """A strict reading of RFC 5545 section 3.1: every line ends in CRLF and has at most
    75 octets; a line beginning with a space continues the one before; each content line
    is name, parameters, ':' and value. (name, parameters, value) for each."""
    assert raw.endswith(b"\r\n")
    physical = raw[:-2].split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in physical)
    assert max(len(line) for line in physical) <= 75
    logical: list[bytes] = []
    for line in physical:
        if line.startswith((b" ", b"\t")):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    found = []
    for line in logical:
        match = re.fullmatch(r"([A-Z-]+)((?:;[A-Z-]+=[^:;]+)*):(.*)", line.decode("utf-8"))
        assert match, line
        name, params, value = match.groups()
        found.append((name, params, value))
    return found


def _components(lines: list[tuple[str, str, str]]) -> list[tuple[str, set[str]]]:
    """Each component with the properties it holds; BEGIN and END balanced."""
    stack: list[tuple[str, set[str]]] = []
    done = []
    for name, _params, value in lines:
        if name == "BEGIN":
            stack.append((value, set()))
        elif name == "END":
            kind, props = stack.pop()
            assert kind == value
            done.append((kind, props))
        else:
            stack[-1][1].add(name)
    assert stack == []
    return done


def test_the_calendar_is_valid_icalendar_with_reminders_and_hearings(
    store_path: Path, law: Law
) -> None:
    case_id = _case(store_path)
    raw = _calendar(store_path, case_id, date(2026, 3, 2))
    lines = _content_lines(raw)
    components = _components(lines)
    for kind, props in components:
        assert REQUIRED.get(kind, set()) <= props, kind
    for name, _params, value in lines:
        if name in TEXT:  # commas and semicolons in text are escaped
            assert not re.search(r"(?<!\\)[,;]", value), value
    assert any(line.startswith(b" ") for line in raw.split(b"\r\n"))  # long lines folded
    assert [k for k, _ in components].count("VEVENT") == 2  # the response and the hearing
    assert [k for k, _ in components].count("VALARM") == 4

    calendar = Calendar.from_ical(raw)
    events = {e.decoded("dtstart"): e for e in calendar.walk("VEVENT")}
    assert set(events) == {date(2026, 3, 9), date(2026, 4, 1)}  # not the hearing past
    response, hearing = events[date(2026, 3, 9)], events[date(2026, 4, 1)]
    assert str(response["SUMMARY"]) == f"Response to the DHS motion to dismiss (Case {case_id[:8]})"
    assert str(hearing["SUMMARY"]) == f"Hearing in immigration court (Case {case_id[:8]})"
    assert response.decoded("dtend") == date(2026, 3, 10)  # an all-day event
    for event in (response, hearing):
        alarms = event.walk("VALARM")
        assert sorted(a.decoded("trigger").days for a in alarms) == [-7, -2]
        texts = sorted(str(a["DESCRIPTION"]) for a in alarms)
        assert texts[0].endswith(
            "in 2 days, on " + ("March 9, 2026" if event is response else "April 1, 2026")
        )
    description = str(response["DESCRIPTION"])
    assert description.startswith(
        "Response to the DHS motion to dismiss, for the person: due March 9, 2026."
    )
    for source in ("eoir-policy-manual-app-c", "icpm-3.1-b", "5-usc-6103"):
        assert law.sources[source].cite in description
    assert [sid for sid in law.sources if sid.encode() in raw] == []
    assert b"Oriane" not in raw  # the client's name is left out by default


def test_the_clients_names_only_when_asked_and_the_words_of_the_language(
    store_path: Path,
) -> None:
    case_id = _case(store_path)
    named = Calendar.from_ical(_calendar(store_path, case_id, date(2026, 3, 2), names=True))
    titles = sorted(str(e["SUMMARY"]) for e in named.walk("VEVENT"))
    assert titles == [
        f"Hearing in immigration court ({LABEL})",
        f"Response to the DHS motion to dismiss ({LABEL})",
    ]
    assert b"Oriane Tellmarch\\, client\\; (invented)" in _calendar(
        store_path, case_id, date(2026, 3, 2), names=True
    ).replace(b"\r\n ", b"")
    spanish = Calendar.from_ical(_calendar(store_path, case_id, date(2026, 3, 2), language="es"))
    titles = sorted(str(e["SUMMARY"]) for e in spanish.walk("VEVENT"))
    assert titles == [
        f"Audiencia en el tribunal de inmigración (Caso {case_id[:8]})",
        f"Respuesta a la moción de desestimación del DHS (Caso {case_id[:8]})",
    ]
    # on a later day the response has passed and the hearing too: nothing ahead
    later = Calendar.from_ical(_calendar(store_path, case_id, date(2026, 4, 2)))
    assert list(later.walk("VEVENT")) == []
