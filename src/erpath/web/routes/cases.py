"""Cases: the list with the deadlines overdue and next, one case's latest screening,
timeline, state and deadlines, adding an event (only what the procedure allows from the
case's state, or one of the case's own kinds), the motion to dismiss made at the hearing
in one step, the facts of a screening kept in a case, and the calendar. Every change is
an event recorded through erpath.cases.record, which writes it to the case's log in the
store (docs/adr/0022-the-case-pages.md).

The list and a case are seen as of a day (`?as_of=`, default today); a form carries the
number of entries of the case when its page was drawn, and a post from a page drawn before
another change is refused (409) with the case as it is now and the input kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import FormData

from erpath.cases.calendar_file import REMINDER_DAYS, running_deadlines_calendar
from erpath.cases.record import CASE_KINDS, EventRefused, open_case, record, record_all, standing
from erpath.cases.view import DEADLINE_WARNING_DAYS, CaseView, view_case
from erpath.contract.facts import Facts, within_range
from erpath.procedure import Deadline, IllegalTransition, bundled_machine
from erpath.store import CaseStore, NoSuchCase, StoreError
from erpath.store.events import Event, EventInput
from erpath.validation import DocumentError, read_json
from erpath.web.casestore import StoreService
from erpath.web.engine import lead
from erpath.web.forms import checked_form, text
from erpath.web.i18n import gettext, render
from erpath.web.routes import attachment
from erpath.web.routes.screening import _result as screening_result
from erpath.web.state import language_of, state_of

router = APIRouter(include_in_schema=False)
# The case's own kinds a user adds from the case page (`case_opened` comes with a new case).
# A correction has its own form, beside each entry of the timeline.
ADDABLE_KINDS = tuple(k for k in CASE_KINDS if k not in ("case_opened", "correction"))
# The common step made in one action: the person appears and DHS moves to dismiss there.
MOTION_AT_HEARING = ("appears_at_hearing", "dhs_moves_to_dismiss")
EVENT_FIELDS = ("kind", "on", "document", "note", "hearing", "concurrence", "facts")
MOTION_FIELDS = ("motion-on", "motion-document", "motion-note")
Gettext = Callable[[str], str]


class Changed(Exception):
    """The case has more entries than the page the form came from showed."""


@dataclass(frozen=True)
class AsOf:
    """The day the pages are seen as of: the day, what was typed, and why it was refused."""

    day: dt.date
    typed: str
    error: str | None

    @property
    def query(self) -> str:
        """`?as_of=...` to keep the day in a link, or "" for today."""
        return f"?{urlencode({'as_of': self.typed})}" if self.typed and not self.error else ""


@dataclass(frozen=True)
class Due:
    """How close a deadline is on the as-of day, in words, and its tone (the class that
    colours it): `overdue`, `soon` (within DEADLINE_WARNING_DAYS) or none."""

    words: str
    tone: str


def due_on(d: Deadline, day: dt.date, _: Gettext) -> Due:
    left = (d.due - day).days
    if left < 0:
        late = -left
        words = _("Overdue by 1 day") if late == 1 else _("Overdue by %(days)s days")
        return Due(words % {"days": late}, "overdue")
    if left == 0:
        words = _("Due today")
    elif left == 1:
        words = _("Due tomorrow")
    else:
        words = _("Due in %(days)s days") % {"days": left}
    return Due(words, "soon" if left <= DEADLINE_WARNING_DAYS else "")


@dataclass(frozen=True)
class Row:
    case_id: str
    label: str
    state: str
    overdue: list[Deadline]
    next_deadline: Deadline | None
    soon: int  # running deadlines due within DEADLINE_WARNING_DAYS
    warnings: int
    problems: list[str]

    @property
    def shown(self) -> list[Deadline]:
        """The deadlines the list shows: the overdue ones, then the next running."""
        return [*self.overdue, *([self.next_deadline] if self.next_deadline else [])]

    @property
    def first_due(self) -> dt.date | None:
        return self.shown[0].due if self.shown else None


def _store(request: Request) -> StoreService:
    store = state_of(request).store
    if store is None:
        _ = gettext(request)
        raise HTTPException(
            404, _("No case store is open: start erpath web with --store or --demo.")
        )
    return store


def _as_of(request: Request, raw: str | None) -> AsOf:
    """The as-of day typed (`raw`), else today; a bad one is named and today is used."""
    today = state_of(request).settings.day()
    typed = (raw or "").strip()
    if not typed:
        return AsOf(today, "", None)
    _ = gettext(request)
    try:
        return AsOf(within_range(dt.date.fromisoformat(typed)), typed, None)
    except ValueError:
        problem = _("As of: %(value)s is not a date from 1997 to 2100 (YYYY-MM-DD)")
        return AsOf(today, typed, problem % {"value": typed[:40]})


def _rows(cases: CaseStore, day: dt.date) -> list[Row]:
    """Every case with its overdue and next deadline: the most pressing first."""
    rows = []
    for summary in cases.cases():
        v = view_case(cases, summary.case_id, day)
        running = sorted(v.running, key=lambda d: d.due)
        soon = sum(1 for d in running if (d.due - day).days <= DEADLINE_WARNING_DAYS)
        rows.append(
            Row(
                summary.case_id,
                summary.label,
                v.history.state.id,
                sorted(v.overdue, key=lambda d: d.due),
                running[0] if running else None,
                soon,
                len(v.warnings),
                v.problems,
            )
        )
    return sorted(rows, key=lambda r: (r.first_due is None, r.first_due or dt.date.max))


async def _list_page(
    request: Request,
    as_of: AsOf,
    status: int = 200,
    values: dict[str, str] | None = None,
    problems: list[str] | None = None,
) -> HTMLResponse:
    store = _store(request)
    rows = await store.run(lambda cases: _rows(cases, as_of.day))
    _ = gettext(request)
    return render(
        request,
        "cases.html",
        status=422 if as_of.error else status,
        rows=rows,
        as_of=as_of,
        overdue=sum(len(r.overdue) for r in rows),
        soon=sum(r.soon for r in rows),
        soon_days=DEADLINE_WARNING_DAYS,
        reminders=REMINDER_DAYS,
        due=lambda d: due_on(d, as_of.day, _),
        values=values or {},
        problems=problems or [],
    )


@router.get("/cases")
async def case_list(request: Request, as_of: str | None = None) -> Response:
    return await _list_page(request, _as_of(request, as_of))


def _names(request: Request, raw: str | None) -> bool:
    """Whether the calendar may name the clients (`?names=1`); left out by default."""
    if raw in (None, "", "0"):
        return False
    if raw == "1":
        return True
    _ = gettext(request)
    raise HTTPException(422, _("names: use 1 to put the case labels in the calendar, or 0"))


@router.get("/cases/calendar.ics")
async def all_calendar(
    request: Request, as_of: str | None = None, names: str | None = None
) -> Response:
    store = _store(request)
    day = _as_of(request, as_of).day
    language, named = language_of(request), _names(request, names)
    body = await store.run(
        lambda cases: _calendar(cases, [c.case_id for c in cases.cases()], day, language, named)
    )
    return _ics(body, "erpath-deadlines.ics")


def _facts_data(raw: str) -> dict[str, Any]:
    """`{"facts": document}` from pasted JSON ({} when empty); EventRefused if unreadable."""
    if not raw:
        return {}
    try:
        document = read_json(raw, "facts")
    except DocumentError as exc:
        raise EventRefused([str(exc)]) from None
    if not isinstance(document, dict):
        raise EventRefused(["facts: a facts document is a JSON object"])
    return {"facts": document}


def _day(raw: str, name: str, today: dt.date) -> dt.date:
    if not raw:
        return today
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise EventRefused([f"{name}: {raw[:40]!r} is not a date YYYY-MM-DD"]) from None


@router.post("/cases")
async def case_new(request: Request) -> Response:
    posted = await checked_form(request)
    store = _store(request)
    today = state_of(request).settings.day()
    _ = gettext(request)
    values = {k: text(posted, k) for k in ("label", "opened", "hearing", "facts")}

    def create(cases: CaseStore) -> str:
        if not values["label"]:
            raise EventRefused([_("label: give the case a label (it is stored encrypted)")])
        opened = _day(values["opened"], "opened", today)
        entries = [
            EventInput(kind="case_opened", occurred_on=opened, data=_facts_data(values["facts"]))
        ]
        if values["hearing"]:
            hearing = _day(values["hearing"], "hearing", today)
            entries.append(
                EventInput(
                    kind="hearing_scheduled", occurred_on=opened, data={"date": hearing.isoformat()}
                )
            )
        return open_case(cases, values["label"], entries)

    try:
        case_id = await store.run(create)
    except EventRefused as exc:
        return await _list_page(
            request, _as_of(request, None), status=422, values=values, problems=exc.lines
        )
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


def _hearing_of(facts: Facts, on: dt.date, events: list[Event]) -> list[EventInput]:
    """The facts' next hearing as a `hearing_scheduled` entry, unless the case has it."""
    hearing = facts.proceedings.next_hearing if facts.proceedings else None
    scheduled = {str(e.data.get("date")) for e in standing(events) if e.kind == "hearing_scheduled"}
    if hearing is None or hearing.isoformat() in scheduled:
        return []
    return [
        EventInput(kind="hearing_scheduled", occurred_on=on, data={"date": hearing.isoformat()})
    ]


@router.post("/screen/{token}/case")
async def screen_to_case(request: Request, token: str) -> Response:
    """Keep the screened facts in a case: an existing one (a `facts` event), or a new one
    opened with them (a `case_opened` event); with the facts' next hearing scheduled."""
    posted = await checked_form(request)
    result = screening_result(request, token)
    state = state_of(request)
    _ = gettext(request)
    if state.store is None:
        raise HTTPException(404, _("No case store is open."))
    facts_data: dict[str, Any] = {"facts": result.facts.model_dump(mode="json", by_alias=True)}
    today = state.settings.day()
    case_id, label = text(posted, "case_id"), text(posted, "label")

    def save(cases: CaseStore) -> str:
        if case_id:
            kept = EventInput(kind="facts", occurred_on=today, data=facts_data)
            hearing = _hearing_of(result.facts, today, cases.events(case_id))
            record_all(cases, case_id, [kept, *hearing])
            return case_id
        opened = EventInput(kind="case_opened", occurred_on=today, data=facts_data)
        return open_case(cases, label, [opened, *_hearing_of(result.facts, today, [])])

    if not case_id and not label:
        raise HTTPException(422, _("label: give the new case a label, or choose a case."))
    try:
        saved = await state.store.run(save)
    except EventRefused as exc:
        raise HTTPException(422, "; ".join(exc.lines)) from None
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from None
    return RedirectResponse(f"/cases/{saved}", status_code=303)


def _view(cases: CaseStore, case_id: str, day: dt.date, language: str = "en") -> CaseView:
    try:
        return view_case(cases, case_id, day, language=language)
    except NoSuchCase:
        raise HTTPException(404, "no such case") from None


def _events(cases: CaseStore, case_id: str, version: str) -> list[Event]:
    """The case's log (404 for an unknown case); Changed if `version`, the number of
    entries the page showed, is not the log's (a page drawn before another change)."""
    try:
        events = cases.events(case_id)
    except NoSuchCase:
        raise HTTPException(404, "no such case") from None
    if version and version != str(len(events)):
        raise Changed
    return events


def _offers_motion(v: CaseView) -> bool:
    """Whether the case's state allows the appearance and then, from it, the motion."""
    machine = bundled_machine()
    try:
        at_hearing = machine.apply(v.history.state, MOTION_AT_HEARING[0])
        machine.apply(machine.lands_in(v.history.state, at_hearing), MOTION_AT_HEARING[1])
    except IllegalTransition:
        return False
    return True


async def _case_page(
    request: Request,
    case_id: str,
    as_of: AsOf,
    status: int = 200,
    values: dict[str, str] | None = None,
    lines: list[str] | None = None,
    changed: bool = False,
) -> HTMLResponse:
    store = _store(request)
    language = language_of(request)
    v = await store.run(lambda cases: _view(cases, case_id, as_of.day, language))
    machine = bundled_machine()
    today = state_of(request).settings.day()
    _ = gettext(request)
    return render(
        request,
        "case.html",
        status=422 if as_of.error and status == 200 else status,
        v=v,
        as_of=as_of,
        lead=lead(v.latest.determination, language) if v.latest else None,
        due=lambda d: due_on(d, as_of.day, _),
        seq_of={e.id: e.seq for e in v.events},
        version=len(v.events),
        allowed=list({t.event: t for t in v.allowed}.values()),
        motion=_offers_motion(v),
        machine=machine,
        addable=ADDABLE_KINDS,
        values={"on": today.isoformat(), "motion-on": today.isoformat(), **(values or {})},
        problems=lines or [],
        changed=changed,
    )


@router.get("/cases/{case_id}")
async def case_page(request: Request, case_id: str, as_of: str | None = None) -> Response:
    return await _case_page(request, case_id, _as_of(request, as_of))


async def _post(
    request: Request,
    case_id: str,
    posted: FormData,
    fields: tuple[str, ...],
    write: Callable[[CaseStore, dict[str, str]], None],
) -> Response:
    """Run `write` on the case with the form's `fields`, after the version check; the page
    again with the input kept if it is refused (422) or the case changed (409)."""
    store = _store(request)
    as_of = _as_of(request, text(posted, "as_of"))
    values = {k: text(posted, k) for k in fields}
    version = text(posted, "version")

    def run(cases: CaseStore) -> None:
        _events(cases, case_id, version)
        write(cases, values)

    try:
        await store.run(run)
    except Changed:
        return await _case_page(request, case_id, as_of, 409, values, changed=True)
    except EventRefused as exc:
        return await _case_page(request, case_id, as_of, 422, values, exc.lines)
    except StoreError as exc:
        raise HTTPException(422, str(exc)) from None
    return RedirectResponse(f"/cases/{case_id}{as_of.query}#timeline", status_code=303)


@router.post("/cases/{case_id}/events")
async def case_event(request: Request, case_id: str) -> Response:
    posted = await checked_form(request)
    today = state_of(request).settings.day()

    def add(cases: CaseStore, values: dict[str, str]) -> None:
        data = _facts_data(values["facts"]) if values["kind"] == "facts" else {}
        if values["hearing"]:
            data["date"] = _day(values["hearing"], "hearing", today).isoformat()
        if values["concurrence"]:
            day = _day(values["concurrence"], "concurrence", today)
            data["supervisory_concurrence_on"] = day.isoformat()
        entry = EventInput(
            kind=values["kind"] or "-",
            occurred_on=_day(values["on"], "on", today),
            source_document=values["document"] or None,
            note=values["note"] or None,
            data=data,
        )
        record(cases, case_id, entry)

    return await _post(request, case_id, posted, EVENT_FIELDS, add)


@router.post("/cases/{case_id}/motion")
async def case_motion(request: Request, case_id: str) -> Response:
    """The person appears at the hearing and DHS moves to dismiss there, the same day: both
    entries checked before either is written (erpath.cases.record.record_all)."""
    posted = await checked_form(request)
    today = state_of(request).settings.day()
    _ = gettext(request)

    def add(cases: CaseStore, values: dict[str, str]) -> None:
        on = _day(values["motion-on"], _("Date of the hearing"), today)
        entries = [
            EventInput(
                kind=kind,
                occurred_on=on,
                source_document=values["motion-document"] or None,
                note=values["motion-note"] or None,
            )
            for kind in MOTION_AT_HEARING
        ]
        record_all(cases, case_id, entries)

    return await _post(request, case_id, posted, MOTION_FIELDS, add)


@router.post("/cases/{case_id}/corrections")
async def case_correction(request: Request, case_id: str) -> Response:
    """Withdraw a wrong entry with a correction that supersedes it (the log keeps both)."""
    posted = await checked_form(request)
    today = state_of(request).settings.day()

    def correct(cases: CaseStore, values: dict[str, str]) -> None:
        entry = EventInput(
            kind="correction",
            occurred_on=today,
            note=values["note"] or None,
            data={"supersedes": values["supersedes"]},
        )
        record(cases, case_id, entry)

    return await _post(request, case_id, posted, ("supersedes", "note"), correct)


def _calendar(cases: CaseStore, ids: list[str], day: dt.date, language: str, names: bool) -> bytes:
    views = (_view(cases, case_id, day) for case_id in ids)
    return running_deadlines_calendar(views, language, names)


def _ics(body: bytes, name: str) -> Response:
    return attachment(body, "text/calendar; charset=utf-8", name)


@router.get("/cases/{case_id}/calendar.ics")
async def case_calendar(
    request: Request, case_id: str, as_of: str | None = None, names: str | None = None
) -> Response:
    store = _store(request)
    day = _as_of(request, as_of).day
    language, named = language_of(request), _names(request, names)
    body = await store.run(lambda cases: _calendar(cases, [case_id], day, language, named))
    return _ics(body, f"erpath-{case_id[:8]}.ics")
