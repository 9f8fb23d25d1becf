"""Recording events in a case: only what the procedure allows from the case's state
(refused with the state, the event and the allowed events), or one of the case's own
kinds of entry. Every change to a case is an event in its log, checked before it is
written: its dates within the days erpath covers, its facts valid, its place in the
procedure's order. A case and its first events, and an imported case, are written whole
or not at all.

The log is append-only, so a mistake is corrected by a `correction` event that
supersedes the wrong one (data `supersedes`: its id); the superseded event stays in the
log, shown as withdrawn, and counts for nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from erpath.contract.facts import Facts, within_range
from erpath.procedure import Machine, bundled_machine
from erpath.store import CaseStore, StoreError
from erpath.store.events import Event, EventInput
from erpath.validation import problems

# Entries that are not procedural steps: the case opened, the person's facts (a facts
# document, CONTRACT.md), a hearing scheduled (data: date), a note, and a correction that
# withdraws an earlier entry (data: supersedes).
CASE_KINDS = ("case_opened", "facts", "hearing_scheduled", "note", "correction")
DATE_KEYS = ("date", "supervisory_concurrence_on")  # data fields that hold a day


class EventRefused(ValueError):
    """The event cannot be recorded: one line per problem."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def procedure_steps(events: Sequence[Event], machine: Machine) -> list[Event]:
    return [e for e in events if machine.knows(e.kind)]


def superseded(events: Sequence[Event]) -> dict[str, Event]:
    """The ids of the events a correction withdrew, each with the correction."""
    return {
        str(e.data["supersedes"]): e
        for e in events
        if e.kind == "correction" and "supersedes" in e.data
    }


def standing(events: Sequence[Event]) -> list[Event]:
    """The events that count: neither withdrawn by a correction nor corrections."""
    withdrawn = superseded(events)
    return [e for e in events if e.kind != "correction" and e.id not in withdrawn]


def _day(value: object, field: str) -> None:
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        raise EventRefused([f"{field}: {str(value)[:40]!r} is not a date YYYY-MM-DD"]) from None
    try:
        within_range(day)
    except ValueError as exc:
        raise EventRefused([f"{field}: {exc}"]) from None


def check_data(kind: str, data: dict[str, Any]) -> None:
    """EventRefused unless `data` fits an entry of `kind`: valid facts, readable days."""
    if kind in ("facts", "case_opened") and "facts" in data:
        try:
            Facts.model_validate(data["facts"])
        except ValidationError as exc:
            raise EventRefused(problems(exc, prefix="facts.")) from None
    if kind == "facts" and "facts" not in data:
        raise EventRefused(["facts: a facts entry needs its facts document"])
    if kind == "hearing_scheduled" and "date" not in data:
        raise EventRefused(["date: a hearing needs its date, YYYY-MM-DD"])
    if kind == "correction" and not isinstance(data.get("supersedes"), str):
        raise EventRefused(["supersedes: a correction names the entry it withdraws"])
    for key in DATE_KEYS:
        if key in data:
            _day(data[key], key)


def _check_correction(entry: EventInput, earlier: Sequence[Event], machine: Machine) -> None:
    target_id = entry.data["supersedes"]
    target = next((e for e in earlier if e.id == target_id), None)
    if target is None:
        raise EventRefused([f"supersedes: the case has no entry {target_id}"])
    if target.kind == "correction":
        raise EventRefused(
            [f"supersedes: entry {target.seq} is itself a correction; record the entry again"]
        )
    if target_id in superseded(earlier):
        raise EventRefused([f"supersedes: entry {target.seq} was already withdrawn"])
    before = procedure_steps(standing(earlier), machine)
    after = [e for e in before if e.id != target_id]
    _, illegal_before = machine.history_until_illegal(before)
    _, illegal_after = machine.history_until_illegal(after)
    if illegal_after is not None and illegal_before is None:
        raise EventRefused(
            [
                f"supersedes: withdrawing entry {target.seq} leaves steps that cannot happen: "
                f"{illegal_after}"
            ]
        )


def check_entry(entry: EventInput, earlier: Sequence[Event], machine: Machine) -> None:
    """EventRefused unless `entry` may follow `earlier`, the case's log so far."""
    if entry.kind not in CASE_KINDS and not machine.knows(entry.kind):
        raise EventRefused(
            [
                f"kind: {entry.kind!r} is neither a procedure event nor one of "
                f"{', '.join(CASE_KINDS)}"
            ]
        )
    try:
        within_range(entry.occurred_on)
    except ValueError as exc:
        raise EventRefused([f"occurred_on: {exc}"]) from None
    check_data(entry.kind, entry.data)
    if entry.kind == "correction":
        _check_correction(entry, earlier, machine)
    elif machine.knows(entry.kind):
        steps = procedure_steps(standing(earlier), machine)
        try:
            machine.history([*steps, entry])
        except ValueError as exc:
            raise EventRefused([str(exc)]) from None


def _as_logged(entry: EventInput, seq: int) -> Event:
    """`entry` as the next event of a log being checked (a placeholder id and seq)."""
    return Event(
        **entry.model_dump(include=set(EventInput.model_fields)),
        id=entry.id if isinstance(entry, Event) else f"new-{seq}",
        case_id="-",
        seq=seq,
        recorded_at=dt.datetime.now(dt.UTC),
    )


def check_log(entries: Sequence[EventInput], machine: Machine) -> None:
    """EventRefused unless `entries`, in order, make a log each entry may join."""
    log: list[Event] = []
    for number, entry in enumerate(entries, start=1):
        try:
            check_entry(entry, log, machine)
        except EventRefused as exc:
            lines = [f"entry {number} ({entry.kind}): {line}" for line in exc.lines]
            raise EventRefused(lines) from None
        log.append(_as_logged(entry, number))


def record(
    store: CaseStore, case_id: str, entry: EventInput, machine: Machine | None = None
) -> Event:
    """Check `entry` against the case and append it; EventRefused if it does not fit."""
    machine = machine or bundled_machine()
    check_entry(entry, store.events(case_id), machine)
    return store.append(case_id, entry)


def record_all(
    store: CaseStore, case_id: str, entries: Sequence[EventInput], machine: Machine | None = None
) -> list[Event]:
    """Record `entries` in order, each checked against the case as the ones before it leave
    it, all of them before any is written; EventRefused and nothing written if one does not
    fit (two steps of one day, such as the appearance and the motion made at it)."""
    machine = machine or bundled_machine()
    log = list(store.events(case_id))
    for entry in entries:
        check_entry(entry, log, machine)
        log.append(_as_logged(entry, len(log) + 1))
    return [store.append(case_id, entry) for entry in entries]


def open_case(
    store: CaseStore, label: str, entries: Sequence[EventInput], machine: Machine | None = None
) -> str:
    """A new case with its first entries (the first `case_opened`), checked, then written
    in one transaction; EventRefused and nothing written if any entry does not fit."""
    machine = machine or bundled_machine()
    if not label.strip():
        raise EventRefused(["label: give the case a label (it is stored encrypted)"])
    if not entries or entries[0].kind != "case_opened":
        raise EventRefused(["kind: a case's first entry is case_opened"])
    check_log(entries, machine)
    return store.new_case(label, list(entries))


def import_case(
    store: CaseStore,
    label: str,
    events: Sequence[Event],
    machine: Machine | None = None,
) -> str:
    """Add a case from a bundle, after replaying its events as if recorded one by one: one
    case, new to this store, whose every entry fits. EventRefused, nothing written, if not."""
    machine = machine or bundled_machine()
    if not events:
        raise EventRefused(["events: the bundle holds no event"])
    case_ids = {e.case_id for e in events}
    if len(case_ids) != 1:
        raise EventRefused([f"case_id: the bundle's events belong to {len(case_ids)} cases"])
    (case_id,) = case_ids
    ordered = sorted(events, key=lambda e: e.seq)
    check_log(ordered, machine)
    try:
        store.import_events(case_id, label, ordered)
    except StoreError as exc:
        raise EventRefused([str(exc)]) from None
    return case_id
