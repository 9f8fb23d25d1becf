"""Cases: the list with next deadlines, one case's timeline, state, deadlines and
screenings, adding an event (only what the procedure allows from the case's state, or
one of the case's own kinds), and the calendar. Every change is an event recorded through
erpath.cases.record, which writes it to the case's log in the store."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from erpath.cases.calendar_file import running_deadlines_calendar
from erpath.cases.record import CASE_KINDS, EventRefused, open_case, record
from erpath.cases.view import CaseView, view_case
from erpath.procedure import bundled_machine
from erpath.procedure.deadlines import Deadline
from erpath.store import CaseStore, NoSuchCase, StoreError
from erpath.store.events import EventInput
from erpath.validation import DocumentError, read_json
from erpath.web.casestore import StoreService
from erpath.web.forms import checked_form, text
from erpath.web.i18n import gettext, render
from erpath.web.routes import attachment
from erpath.web.state import language_of, state_of

router = APIRouter(include_in_schema=False)
# The case's own kinds a user adds from the case page (`case_opened` comes with a new case).
# A correction has its own form, beside each entry of the timeline.
ADDABLE_KINDS = tuple(k for k in CASE_KINDS if k not in ("case_opened", "correction"))


@dataclass(frozen=True)
class Row:
    case_id: str
    label: str
    state: str
    next_deadline: Deadline | None
    warnings: int
    problems: list[str]


def _store(request: Request) -> StoreService:
    store = state_of(request).store
    if store is None:
        _ = gettext(request)
        raise HTTPException(
            404, _("No case store is open: start erpath web with --store or --demo.")
        )
    return store


def _rows(cases: CaseStore, today: dt.date) -> list[Row]:
    rows = []
    for summary in cases.cases():
        v = view_case(cases, summary.case_id, today)
        nxt = min(v.running, key=lambda d: d.due, default=None)
        rows.append(
            Row(
                summary.case_id, summary.label, v.history.state.id, nxt, len(v.warnings), v.problems
            )
        )
    return rows


@router.get("/cases")
async def case_list(request: Request) -> Response:
    store = _store(request)
    today = state_of(request).settings.day()
    rows = await store.run(lambda cases: _rows(cases, today))
    return render(request, "cases.html", rows=rows, today=today, values={}, problems=[])


@router.get("/cases/calendar.ics")
async def all_calendar(request: Request) -> Response:
    store = _store(request)
    today = state_of(request).settings.day()
    language = language_of(request)
    body = await store.run(
        lambda cases: _calendar(cases, [c.case_id for c in cases.cases()], today, language)
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
        rows = await store.run(lambda cases: _rows(cases, today))
        return render(
            request,
            "cases.html",
            status=422,
            rows=rows,
            today=today,
            values=values,
            problems=exc.lines,
        )
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


def _view(cases: CaseStore, case_id: str, today: dt.date) -> CaseView:
    try:
        return view_case(cases, case_id, today)
    except NoSuchCase:
        raise HTTPException(404, "no such case") from None


def _case_page(
    request: Request,
    v: CaseView,
    status: int = 200,
    values: dict[str, str] | None = None,
    lines: list[str] | None = None,
) -> HTMLResponse:
    machine = bundled_machine()
    allowed = list({t.event: t for t in v.allowed}.values())
    return render(
        request,
        "case.html",
        status=status,
        v=v,
        seq_of={e.id: e.seq for e in v.events},
        allowed=allowed,
        machine=machine,
        addable=ADDABLE_KINDS,
        values=values or {"on": v.today.isoformat()},
        problems=lines or [],
    )


@router.get("/cases/{case_id}")
async def case_page(request: Request, case_id: str) -> Response:
    store = _store(request)
    today = state_of(request).settings.day()
    v = await store.run(lambda cases: _view(cases, case_id, today))
    return _case_page(request, v)


@router.post("/cases/{case_id}/events")
async def case_event(request: Request, case_id: str) -> Response:
    posted = await checked_form(request)
    store = _store(request)
    today = state_of(request).settings.day()
    values = {
        k: text(posted, k)
        for k in ("kind", "on", "document", "note", "hearing", "concurrence", "facts")
    }

    def add(cases: CaseStore) -> None:
        _view(cases, case_id, today)  # 404 for an unknown case
        data = _facts_data(values["facts"]) if values["kind"] == "facts" else {}
        if values["hearing"]:
            data["date"] = _day(values["hearing"], "hearing", today).isoformat()
        if values["concurrence"]:
            day = _day(values["concurrence"], "concurrence", today)
            data["supervisory_concurrence_on"] = day.isoformat()
        record(
            cases,
            case_id,
            EventInput(
                kind=values["kind"] or "-",
                occurred_on=_day(values["on"], "on", today),
                source_document=values["document"] or None,
                note=values["note"] or None,
                data=data,
            ),
        )

    try:
        await store.run(add)
    except EventRefused as exc:
        v = await store.run(lambda cases: _view(cases, case_id, today))
        return _case_page(request, v, status=422, values=values, lines=exc.lines)
    except StoreError as exc:
        raise HTTPException(422, str(exc)) from None
    return RedirectResponse(f"/cases/{case_id}#timeline", status_code=303)


@router.post("/cases/{case_id}/corrections")
async def case_correction(request: Request, case_id: str) -> Response:
    """Withdraw a wrong entry with a correction that supersedes it (the log keeps both)."""
    posted = await checked_form(request)
    store = _store(request)
    today = state_of(request).settings.day()
    values = {k: text(posted, k) for k in ("supersedes", "note")}

    def correct(cases: CaseStore) -> None:
        _view(cases, case_id, today)  # 404 for an unknown case
        entry = EventInput(
            kind="correction",
            occurred_on=today,
            note=values["note"] or None,
            data={"supersedes": values["supersedes"]},
        )
        record(cases, case_id, entry)

    try:
        await store.run(correct)
    except EventRefused as exc:
        v = await store.run(lambda cases: _view(cases, case_id, today))
        return _case_page(request, v, status=422, lines=exc.lines)
    return RedirectResponse(f"/cases/{case_id}#timeline", status_code=303)


def _calendar(cases: CaseStore, ids: list[str], today: dt.date, language: str) -> bytes:
    views = (_view(cases, case_id, today) for case_id in ids)
    return running_deadlines_calendar(views, language)


def _ics(body: bytes, name: str) -> Response:
    return attachment(body, "text/calendar; charset=utf-8", name)


@router.get("/cases/{case_id}/calendar.ics")
async def case_calendar(request: Request, case_id: str) -> Response:
    store = _store(request)
    today = state_of(request).settings.day()
    language = language_of(request)
    body = await store.run(lambda cases: _calendar(cases, [case_id], today, language))
    return _ics(body, f"erpath-{case_id[:8]}.ics")
