"""Recording an event in a case: only what the procedure allows from the case's state
(refused with the state, the event and the allowed events), or one of the case's own
kinds of entry. Every change to a case is an event in its log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError

from erpath.cases.events import Event, EventInput
from erpath.facts import Facts
from erpath.procedure import Machine, bundled_machine
from erpath.store import CaseStore
from erpath.validation import problems

# Entries that are not procedural steps: the case opened, the person's facts (a facts
# document, CONTRACT.md), a hearing scheduled (data: date), a note.
CASE_KINDS = ("case_opened", "facts", "hearing_scheduled", "note")


class EventRefused(ValueError):
    """The event cannot be recorded: one line per problem."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def procedure_steps(events: list[Event], machine: Machine) -> list[Event]:
    return [e for e in events if machine.knows(e.kind)]


def check_data(kind: str, data: dict[str, Any]) -> None:
    if kind in ("facts", "case_opened") and "facts" in data:
        try:
            Facts.model_validate(data["facts"])
        except ValidationError as exc:
            raise EventRefused(problems(exc, prefix="facts.")) from None
    if kind == "hearing_scheduled":
        try:
            dt.date.fromisoformat(str(data.get("date")))
        except ValueError:
            raise EventRefused(["date: a hearing needs its date, YYYY-MM-DD"]) from None


def record(
    store: CaseStore, case_id: str, entry: EventInput, machine: Machine | None = None
) -> Event:
    """Check `entry` against the case and append it; EventRefused if it does not fit."""
    machine = machine or bundled_machine()
    if entry.kind not in CASE_KINDS and not machine.knows(entry.kind):
        raise EventRefused(
            [
                f"kind: {entry.kind!r} is neither a procedure event nor one of "
                f"{', '.join(CASE_KINDS)}"
            ]
        )
    check_data(entry.kind, entry.data)
    if machine.knows(entry.kind):
        steps = procedure_steps(store.events(case_id), machine)
        try:
            machine.history([*steps, entry])
        except ValueError as exc:
            raise EventRefused([str(exc)]) from None
    return store.append(case_id, entry)
