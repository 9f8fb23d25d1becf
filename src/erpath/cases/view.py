"""A case as counsel reads it on a day (today, or another as-of day): its events replayed
into the procedure's state, what can happen next with its legal basis, the deadlines the
steps up to that day started (running, overdue or lapsed), the hearings scheduled, and
the law engine's answer on the next hearing date and on the two-year date, with warnings
when either is near."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from erpath.answer.arrest_at_court import at_court
from erpath.answer.screen import screen
from erpath.cases.posture import proceedings_posture
from erpath.cases.record import procedure_steps, standing, superseded
from erpath.contract.determination import Determination
from erpath.contract.facts import Facts
from erpath.law.loader import bundled_law
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
from erpath.store import CaseStore
from erpath.store.events import Event
from erpath.validation import problems
from erpath.wording import words

TWO_YEAR_WARNING_DAYS = 60  # warn when the two-year date is this close
DEADLINE_WARNING_DAYS = 7  # warn when a deadline is due this soon (it is "due soon")


@dataclass(frozen=True)
class Screening:
    why: str  # next_hearing, two_year_date (the wording's `screenings`) or view_day
    on: dt.date
    determination: Determination


@dataclass(frozen=True)
class Entry:
    """One event of the timeline: the main state after it (a procedural step that counts)
    and the correction that withdrew it, if one did."""

    event: Event
    after: str | None
    withdrawn_by: Event | None


@dataclass(frozen=True)
class CaseView:
    case_id: str
    label: str
    today: dt.date
    events: list[Event]  # every event of the log, withdrawn ones and corrections included
    timeline: list[Entry]  # the events in the order they happened
    history: History
    allowed: list[Transition]
    facts: Facts | None
    hearings: list[dt.date]  # every hearing scheduled (and not withdrawn), in date order
    next_hearing: dt.date | None
    two_year_date: dt.date | None
    deadlines: list[Deadline]  # every deadline the steps up to `today` started, met or not
    overdue: list[Deadline]  # due before `today`, and no step met or ended it
    lapsed: list[Deadline]  # due before `today`, of a kind no step of the procedure meets
    screenings: list[Screening]
    latest: Screening | None  # the answer the page leads with: next hearing, else `today`
    warnings: list[str]
    problems: list[str]  # what of the case cannot be evaluated, and why: fix by a correction
    # what the law says at the case's court on `today` of each step that turns on it
    # (procedure.yaml `at_court`: courthouse arrests, the response to a motion to dismiss)
    at_court: dict[str, str] = field(default_factory=dict)

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


def _why(exc: Exception) -> str:
    """An evaluation error as one line a user can act on."""
    if isinstance(exc, ValidationError):
        return "the facts are not valid: " + "; ".join(problems(exc))
    text = str(exc).strip().splitlines()
    # AbroadError names `as_of`, the day screened, which the caller's words already name.
    return text[0].removeprefix("as_of: ") if text else type(exc).__name__


def _timeline(events: list[Event], history: History, machine: Machine) -> list[Entry]:
    withdrawn = superseded(events)
    counted = {id(e) for e in procedure_steps(standing(events), machine)}
    steps = iter(history.steps)
    entries = []
    for e in sorted(events, key=lambda e: (e.occurred_on, e.seq)):
        step = next(steps, None) if id(e) in counted else None
        entries.append(Entry(e, step.after if step else None, withdrawn.get(e.id)))
    return entries


def _hearings(events: list[Event], found: list[str]) -> list[dt.date]:
    days = []
    for e in events:
        if e.kind != "hearing_scheduled":
            continue
        try:
            days.append(dt.date.fromisoformat(str(e.data["date"])))
        except (KeyError, ValueError):
            found.append(
                f"entry {e.seq} (hearing scheduled on {e.occurred_on}) has no readable hearing "
                "date: withdraw it with a correction and record the hearing again"
            )
    return days


def _passed(
    deadlines: list[Deadline], today: dt.date, machine: Machine
) -> tuple[list[Deadline], list[Deadline]]:
    """The deadlines due before `today` that no step met or ended: overdue where a step of
    the procedure would meet or end one of its kind (its `ends_with`), lapsed where none
    would (the log cannot say whether it was met: an asylum application filed, say)."""
    closable = {r.code for r in machine.procedure.deadlines if r.ends_with}
    passed = [d for d in deadlines if d.due < today and d.closed_on is None]
    return [d for d in passed if d.code in closable], [d for d in passed if d.code not in closable]


def view_case(
    store: CaseStore,
    case_id: str,
    today: dt.date,
    machine: Machine | None = None,
    language: str = "en",
) -> CaseView:
    """The case on `today` (any day: the as-of day), its screenings worded in `language`.
    The state is the whole log's; the deadlines are those the steps up to `today` started,
    as they stood that day. Whatever its log holds, this returns: what cannot be evaluated
    (a step the procedure does not allow, facts that place the person abroad on a date
    screened, a date erpath cannot compute with) is named in `problems`, and the rest of
    the view stands. NoSuchCase (or another StoreError) only for the store itself."""
    machine = machine or bundled_machine()
    events = store.events(case_id)
    label = next(c.label for c in store.cases() if c.case_id == case_id)
    found: list[str] = []
    counted = standing(events)
    steps = procedure_steps(counted, machine)
    history, illegal = machine.history_until_illegal(steps)
    # what had happened by `today`: a later step neither starts nor ends a deadline yet
    history_then, _ = machine.history_until_illegal(steps, through=today)
    if illegal is not None:
        found.append(
            f"the log cannot be replayed past {illegal}; the state shown is the one before it: "
            "withdraw the wrong entry with a correction"
        )
    facts_event = _latest(counted, "facts")
    base = facts_event.data.get("facts") if facts_event else None
    hearings = sorted(_hearings(counted, found))
    next_hearing = min((h for h in hearings if h >= today), default=None)
    facts = None
    arrival = None
    if base is not None:
        try:
            facts = Facts.model_validate({**base, "as_of": today.isoformat()})
            arrival = last_arrival(facts, today)
        except AbroadError:
            arrival = None
        except (ValidationError, ValueError, OverflowError) as exc:
            found.append(f"the facts cannot be read on {today}: {_why(exc)}")
            base = None
    concurrence = [
        e.data["supervisory_concurrence_on"]
        for e in counted
        if "supervisory_concurrence_on" in e.data
    ]
    deadlines: list[Deadline] = []
    try:
        context = DeadlineContext(
            last_arrival=arrival.date if arrival else None,
            supervisory_concurrence_on=(
                dt.date.fromisoformat(str(concurrence[-1])) if concurrence else None
            ),
        )
        deadlines_of(history, context, machine)  # any step's, so that a failure is named
        deadlines = deadlines_of(history_then, context, machine)
    except (ValueError, OverflowError, KeyError) as exc:
        found.append(f"the deadlines cannot be computed: {_why(exc)}")
    screenings: list[Screening] = []
    two_year_date = latest = None
    warnings: list[str] = []
    if base is not None:
        two_year_date, latest = _screenings(
            base, today, next_hearing, history, screenings, found, language
        )
        if two_year_date is not None and 0 < (two_year_date - today).days <= (
            TWO_YEAR_WARNING_DAYS
        ):
            warnings.append(
                f"two years since the last arrival are complete on "
                f"{two_year_date}, in {(two_year_date - today).days} days: "
                "gather evidence of every day"
            )
    for deadline in deadlines:
        left = (deadline.due - today).days
        if deadline.running_on(today) and left <= DEADLINE_WARNING_DAYS:
            warnings.append(f"{deadline.title} is due on {deadline.due}, in {left} days")
    overdue, lapsed = _passed(deadlines, today, machine)
    allowed = machine.allowed(history.state)
    notes = _at_court(base, today, history, allowed, found, language) if base else {}
    return CaseView(
        case_id=case_id,
        label=label,
        today=today,
        events=events,
        timeline=_timeline(events, history, machine),
        history=history,
        allowed=allowed,
        facts=facts,
        hearings=hearings,
        next_hearing=next_hearing,
        two_year_date=two_year_date,
        deadlines=deadlines,
        overdue=overdue,
        lapsed=lapsed,
        screenings=screenings,
        latest=latest,
        warnings=warnings,
        problems=found,
        at_court=notes,
    )


def _at_court(
    base: dict[str, Any],
    today: dt.date,
    history: History,
    allowed: list[Transition],
    found: list[str],
    language: str,
) -> dict[str, str]:
    """For each concern of the steps that may come next, what the law says of it at the
    case's court on `today` (proceedings.court of its facts, with the posture of its log)."""
    concerns = list(dict.fromkeys(t.at_court for t in allowed if t.at_court))
    if not concerns:
        return {}
    try:
        facts = _facts_on(base, today, history)
    except (ValidationError, ValueError) as exc:
        found.append(f"what the law says at the case's court cannot be read: {_why(exc)}")
        return {}
    law = bundled_law()
    notes = {c: at_court(facts, law, c, language) for c in concerns}
    return {c: text for c, text in notes.items() if text}


def _screen_on(
    base: dict[str, Any],
    day: dt.date,
    history: History,
    what: str,
    found: list[str],
    language: str,
) -> Determination | None:
    """The screening on `day`, or None with the reason in `found`. Broad on purpose: one
    case that cannot be screened must not stop the list, the other cases or the forms."""
    try:
        return screen(_facts_on(base, day, history), language=language)
    except Exception as exc:
        what = words("en").labels("screenings").get(what, what)  # "day of this view"
        found.append(f"the screening on the {what} ({day}) cannot be made: {_why(exc)}")
        return None


def _screenings(
    base: dict[str, Any],
    today: dt.date,
    next_hearing: dt.date | None,
    history: History,
    screenings: list[Screening],
    found: list[str],
    language: str,
) -> tuple[dt.date | None, Screening | None]:
    """Screen on the next hearing (or today) and on the two-year date ahead; the two-year
    date, and the first screening (the one a page leads with)."""
    latest = None
    if next_hearing is not None:
        d = _screen_on(base, next_hearing, history, "next_hearing", found, language)
        if d is not None:
            latest = Screening("next_hearing", next_hearing, d)
            screenings.append(latest)
    else:
        d = _screen_on(base, today, history, "day of this view", found, language)
        if d is not None:
            latest = Screening("view_day", today, d)
    two_year_date = d.two_year_date if d is not None else None
    if two_year_date is not None and two_year_date > today:
        later = _screen_on(base, two_year_date, history, "two_year_date", found, language)
        if later is not None:
            screenings.append(Screening("two_year_date", two_year_date, later))
    return two_year_date, latest
