"""Deadlines that a step of the procedure starts, computed from procedure.yaml: the date
each runs from, its period (days, years, or a dated parameter of the law data), and how a
last day on a weekend or federal holiday is treated (docs/adr/0006).

`deadlines_on_entering` gives what one transition starts; `deadlines_of` every deadline a
replayed case started, with the day a later step met or ended it; `deadlines_running`
those still running on a day.
"""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict

from erpath.law.model import Verification
from erpath.law.years import anniversary
from erpath.procedure.calendar import (
    executive_closure,
    next_business_day_on_or_after,
    why_not_business_day,
)
from erpath.procedure.machine import History, Machine, bundled_machine
from erpath.procedure.model import DeadlineRule, Party, Procedure, Transition, Weekends


class DeadlineContext(BaseModel):
    """Facts of the case that some deadlines run from or depend on: the last arrival
    (asylum), the supervisory concurrence (credible-fear review; else the event's date),
    the day the challenged ER provision was first implemented (systemic challenge), and
    custody (`detained=True` leaves out the 10-day response, which the court sets then).
    A deadline whose date is missing is left out."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    last_arrival: date | None = None
    detained: bool | None = None
    supervisory_concurrence_on: date | None = None
    policy_first_implemented_on: date | None = None


class Deadline(BaseModel):
    """One deadline: from which date it runs, when it is due, why, and how sure that is."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    title: str
    party: Party
    started_by: int | None  # the transition that started it; None for the initial state
    state: str  # the state whose entry started it
    starts: date  # the date the period runs from
    last_day: date  # the last day of the period, before any move
    due: date
    weekends_and_holidays: Weekends
    rule: str
    sources: list[str]
    verification: Verification
    uncertain: str | None = None
    closed_on: date | None = None
    closed_by: str | None = None  # the event that met or ended it

    def running_on(self, day: date) -> bool:
        """Due on or after `day`, and not met or ended by then."""
        return day <= self.due and (self.closed_on is None or day < self.closed_on)


NO_CONTEXT = DeadlineContext()


def _compute(
    procedure: Procedure,
    rule: DeadlineRule,
    started_by: int | None,
    state: str,
    event_on: date | None,
    context: DeadlineContext,
) -> Deadline | None:
    notes: list[str] = []
    start: date | None
    if rule.runs_from == "event":
        start = event_on
    elif rule.runs_from == "supervisory_concurrence":
        start = context.supervisory_concurrence_on or event_on
        if context.supervisory_concurrence_on is None:
            notes.append(
                f"The date of the supervisory concurrence is not given; the event's date"
                f" {event_on} is used, and the limit is earlier if the concurrence was."
            )
    elif rule.runs_from == "last_arrival":
        start = context.last_arrival
    else:
        start = context.policy_first_implemented_on
    if start is None:
        return None
    if rule.not_before is not None and start < rule.not_before:
        notes.append(f"Counted from {rule.not_before}, not from {start}.")
        start = rule.not_before
    if rule.when_detained == "court_sets" and context.detained:
        return None  # the court sets it; S0 is "not detained", so unknown custody runs

    sources = list(rule.sources)
    if rule.period.parameter is not None:
        parameter = procedure.law.parameters[rule.period.parameter]
        value = parameter.on(start)
        if value is None:
            return None
        amount, unit = value.value, parameter.unit
        sources.extend(value.sources)
    elif rule.period.years is not None:
        amount, unit = rule.period.years, "years"
    else:
        amount, unit = rule.period.days or 0, "days"
    end = (
        start + timedelta(days=amount)
        if unit == "days"
        else anniversary(start, amount, rule.leap_day or "march_1")
    )
    last_day = end - timedelta(days=1) if rule.first_day == "start_day" else end

    counted = "day 1 is that day" if rule.first_day == "start_day" else "counted from the next day"
    noun = unit if amount != 1 else unit.removesuffix("s")
    rule_text = f"{amount} {noun} from {start} ({counted}); the last day is {last_day}"
    due = last_day
    sources.extend(rule.rule_sources)
    if rule.weekends_and_holidays == "next_business_day":
        sources.extend(procedure.business_days.sources)
        due = next_business_day_on_or_after(last_day)
        if due != last_day:
            rule_text += (
                f" ({why_not_business_day(last_day)}), not a business day, so the deadline"
                f" moves to the next business day, {due}"
            )
        else:
            rule_text += ", a business day"
        closure = executive_closure(due)
        if closure is not None:
            notes.append(
                f"{due} is a day federal offices were closed by executive order ({closure});"
                " whether it is a legal holiday that moves the deadline was not checked,"
                " so it is not moved."
            )
    else:
        rule_text += "; a limit in calendar days, not moved for weekends or holidays"
    sources = list(dict.fromkeys(sources))
    uncertain = " ".join([*notes, *([rule.uncertain] if rule.uncertain else [])]) or None
    return Deadline(
        code=rule.code,
        title=rule.title,
        party=rule.party,
        started_by=started_by,
        state=state,
        starts=start,
        last_day=last_day,
        due=due,
        weekends_and_holidays=rule.weekends_and_holidays,
        rule=rule_text,
        sources=sources,
        verification=procedure.weakest(sources),
        uncertain=uncertain,
    )


def deadline(
    code: str,
    on: date,
    context: DeadlineContext = NO_CONTEXT,
    machine: Machine | None = None,
) -> Deadline | None:
    """The deadline `code` started by a step on `on` (as the screening needs it: the
    contract's facts give the decision's date, not the case's history)."""
    procedure = (machine or bundled_machine()).procedure
    rule = next(r for r in procedure.deadlines if r.code == code)
    state = rule.starts_on_entering[0] if rule.starts_on_entering else procedure.initial
    started_by = rule.starts_with[0] if rule.starts_with else None
    return _compute(procedure, rule, started_by, state, on, context)


def deadlines_on_entering(
    transition: Transition,
    on: date,
    context: DeadlineContext = NO_CONTEXT,
    machine: Machine | None = None,
) -> list[Deadline]:
    """The deadlines that taking `transition` on `on` starts."""
    procedure = (machine or bundled_machine()).procedure
    found = []
    for rule in procedure.deadlines:
        if transition.number in rule.starts_with or transition.to in rule.starts_on_entering:
            deadline = _compute(procedure, rule, transition.number, transition.to, on, context)
            if deadline is not None:
                found.append(deadline)
    return found


def deadlines_at_start(
    context: DeadlineContext = NO_CONTEXT, machine: Machine | None = None
) -> list[Deadline]:
    """The deadlines running from the initial state (S0), before any event."""
    procedure = (machine or bundled_machine()).procedure
    found = []
    for rule in procedure.deadlines:
        if procedure.initial in rule.starts_on_entering:
            deadline = _compute(procedure, rule, None, procedure.initial, None, context)
            if deadline is not None:
                found.append(deadline)
    return found


def deadlines_of(
    history: History, context: DeadlineContext = NO_CONTEXT, machine: Machine | None = None
) -> list[Deadline]:
    """Every deadline the replayed case started, in order, each with the day and event that
    met or ended it: an event in its `ends_with`, the same deadline starting again, or a
    later step into a terminal state."""
    machine = machine or bundled_machine()
    procedure = machine.procedure
    rules = {r.code: r for r in procedure.deadlines}
    found = deadlines_at_start(context, machine)
    for step in history.steps:
        started = deadlines_on_entering(step.transition, step.on, context, machine)
        codes = {d.code for d in started}
        terminal = procedure.states[step.after].terminal
        for i, d in enumerate(found):
            if d.closed_on is not None:
                continue
            ends = step.transition.number in rules[d.code].ends_with
            if ends or d.code in codes or terminal:
                found[i] = d.model_copy(
                    update={"closed_on": step.on, "closed_by": step.transition.event}
                )
        found.extend(started)
    return found


def deadlines_running(
    history: History,
    on: date,
    context: DeadlineContext = NO_CONTEXT,
    machine: Machine | None = None,
) -> list[Deadline]:
    """The deadlines running on `on`: started by a step on or before it (or by the initial
    state), due on or after it, and not met or ended by then."""
    # Steps after `on` are left out: what happens later neither starts nor ends anything yet.
    kept = History(tuple(s for s in history.steps if s.on <= on), history.state, history.overlays)
    return [d for d in deadlines_of(kept, context, machine) if d.running_on(on)]
