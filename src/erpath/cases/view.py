"""A case as counsel reads it: its events replayed into the procedure's state, what can
happen next with its legal basis, the deadlines running, and the law engine's answer on
the next hearing date and on the two-year date, with warnings when either is near."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from erpath.cases.events import Event
from erpath.cases.posture import proceedings_posture
from erpath.cases.record import procedure_steps
from erpath.determination import Determination
from erpath.facts import Facts
from erpath.presence import AbroadError, last_arrival
from erpath.procedure import (
    Deadline,
    DeadlineContext,
    History,
    Machine,
    bundled_machine,
    deadlines_of,
)
from erpath.procedure.model import Transition
from erpath.screen import screen
from erpath.store import CaseStore

TWO_YEAR_WARNING_DAYS = 60  # warn when the two-year date is this close
DEADLINE_WARNING_DAYS = 7  # warn when a deadline is due this soon


@dataclass(frozen=True)
class Screening:
    why: str  # "next hearing" or "two-year date"
    on: dt.date
    determination: Determination


@dataclass(frozen=True)
class CaseView:
    case_id: str
    label: str
    today: dt.date
    events: list[Event]
    history: History
    allowed: list[Transition]
    facts: Facts | None
    next_hearing: dt.date | None
    two_year_date: dt.date | None
    deadlines: list[Deadline]  # every deadline the case started, met or not
    screenings: list[Screening]
    warnings: list[str]

    @property
    def running(self) -> list[Deadline]:
        return [d for d in self.deadlines if d.running_on(self.today)]


def _latest(events: list[Event], kind: str) -> Event | None:
    found = [
        e
        for e in events
        if e.kind == kind or (kind == "facts" and e.kind == "case_opened" and "facts" in e.data)
    ]
    return max(found, key=lambda e: (e.occurred_on, e.seq), default=None)


def _facts_on(base: dict[str, Any], day: dt.date, history: History) -> Facts:
    """The case's facts screened on `day`, with the 240 posture the log implies."""
    document = {**base, "as_of": day.isoformat()}
    posture = proceedings_posture(history)
    if posture:
        document["proceedings"] = {
            **(base.get("proceedings") or {}),
            **{k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in posture.items()},
        }
    return Facts.model_validate(document)


def view_case(
    store: CaseStore, case_id: str, today: dt.date, machine: Machine | None = None
) -> CaseView:
    machine = machine or bundled_machine()
    events = store.events(case_id)
    label = next(c.label for c in store.cases() if c.case_id == case_id)
    history = machine.history(procedure_steps(events, machine))
    facts_event = _latest(events, "facts")
    base = facts_event.data.get("facts") if facts_event else None
    facts = Facts.model_validate({**base, "as_of": today.isoformat()}) if base else None
    hearings = [
        dt.date.fromisoformat(e.data["date"]) for e in events if e.kind == "hearing_scheduled"
    ]
    next_hearing = min((h for h in hearings if h >= today), default=None)
    arrival = None
    if facts is not None:
        try:
            arrival = last_arrival(facts, today)
        except AbroadError:
            arrival = None
    concurrence = [
        e.data["supervisory_concurrence_on"]
        for e in events
        if "supervisory_concurrence_on" in e.data
    ]
    context = DeadlineContext(
        last_arrival=arrival.date if arrival else None,
        supervisory_concurrence_on=dt.date.fromisoformat(concurrence[-1]) if concurrence else None,
    )
    deadlines = deadlines_of(history, context, machine)
    screenings: list[Screening] = []
    two_year_date = None
    warnings: list[str] = []
    if base is not None:
        if next_hearing is not None:
            d = screen(_facts_on(base, next_hearing, history))
            screenings.append(Screening("next hearing", next_hearing, d))
            two_year_date = d.two_year_date
        else:
            two_year_date = screen(_facts_on(base, today, history)).two_year_date
        if two_year_date is not None and two_year_date > today:
            d = screen(_facts_on(base, two_year_date, history))
            screenings.append(Screening("two-year date", two_year_date, d))
            if (two_year_date - today).days <= TWO_YEAR_WARNING_DAYS:
                warnings.append(
                    f"two years since the last arrival are complete on "
                    f"{two_year_date}, in {(two_year_date - today).days} days: "
                    "gather evidence of every day"
                )
    for deadline in deadlines:
        left = (deadline.due - today).days
        if deadline.running_on(today) and left <= DEADLINE_WARNING_DAYS:
            warnings.append(f"{deadline.title} is due on {deadline.due}, in {left} days")
    return CaseView(
        case_id=case_id,
        label=label,
        today=today,
        events=events,
        history=history,
        allowed=machine.allowed(history.state),
        facts=facts,
        next_hearing=next_hearing,
        two_year_date=two_year_date,
        deadlines=deadlines,
        screenings=screenings,
        warnings=warnings,
    )
