"""The procedure as a state machine read from procedure.yaml: what can happen next from a
state (each step with its legal basis), applying an event, and replaying a case's events
from the initial state."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Protocol

from erpath.law.model import Source, Verification
from erpath.procedure.loader import bundled_procedure
from erpath.procedure.model import Procedure, Sequel, State, Transition


class Recorded(Protocol):
    """An event of a case log (erpath.store.events.Event has these)."""

    @property
    def kind(self) -> str: ...

    @property
    def occurred_on(self) -> date: ...


EventPair = tuple[str, date]


class IllegalTransition(ValueError):
    """An event that cannot happen in a state; the message names both and what can."""

    def __init__(self, state: State, event: str, allowed: list[str], why: str = "") -> None:
        if allowed:
            text = f"allowed events are {', '.join(allowed)}"
        elif state.terminal:
            text = f"{state.id} is terminal: no event can follow"
        else:
            text = "no events are allowed"
        super().__init__(f"cannot apply {event!r} in {state.label}: {text}{why}")
        self.state = state
        self.event = event
        self.allowed = allowed


@dataclass(frozen=True)
class Step:
    """One applied event: the row it took, on which day, from and to which main state."""

    transition: Transition
    on: date
    before: str
    after: str


@dataclass(frozen=True)
class History:
    """A replayed case: its steps in date order, the main state, and the overlay states
    recorded beside it (S20)."""

    steps: tuple[Step, ...]
    state: State
    overlays: tuple[str, ...]


class Machine:
    """The procedure's states and transitions, read from the data."""

    def __init__(self, procedure: Procedure) -> None:
        self.procedure = procedure
        self._from: dict[str, list[Transition]] = {s: [] for s in procedure.states}
        for t in sorted(procedure.transitions, key=lambda t: t.number):
            for sid in procedure.origins(t):
                self._from[sid].append(t)
        self._events = {t.event for t in procedure.transitions}
        self._by_code = {s.code: s for s in procedure.states.values()}

    @property
    def initial(self) -> State:
        return self.procedure.states[self.procedure.initial]

    def state(self, key: str | State) -> State:
        """A state by id (`S12`) or code (`referred_for_credible_fear`)."""
        if isinstance(key, State):
            return key
        found = self.procedure.states.get(key) or self._by_code.get(key)
        if found is None:
            raise KeyError(f"unknown state {key!r}")
        return found

    def knows(self, event: str) -> bool:
        """Whether `event` is the event code of some transition."""
        return event in self._events

    def allowed(self, state: str | State) -> list[Transition]:
        """What can happen next from `state`, in the order of the table."""
        return list(self._from[self.state(state).id])

    def apply(self, state: str | State, event: str) -> Transition:
        """The transition `event` takes from `state`; IllegalTransition if there is none."""
        current = self.state(state)
        options = self._from[current.id]
        for t in options:
            if t.event == event:
                return t
        why = "" if self.knows(event) else f" ({event!r} is not an event of the procedure)"
        raise IllegalTransition(current, event, list(dict.fromkeys(t.event for t in options)), why)

    def lands_in(self, state: str | State, transition: Transition) -> State:
        """The main state after `transition`: its target, or `state` for an overlay."""
        current = self.state(state)
        return current if self.procedure.is_overlay(transition) else self.state(transition.to)

    def history(
        self, events: Iterable[EventPair | Recorded], through: date | None = None
    ) -> History:
        """Replay `events` from the initial state, in date order (events of one day keep
        their order), leaving out those after `through`. Raises IllegalTransition naming
        the event that cannot happen."""
        history, illegal = self.history_until_illegal(events, through)
        if illegal is not None:
            raise illegal
        return history

    def history_until_illegal(
        self, events: Iterable[EventPair | Recorded], through: date | None = None
    ) -> tuple[History, IllegalTransition | None]:
        """As `history`, but never raising: the history of the events before the first
        that cannot happen, and that event's IllegalTransition (None if all can)."""
        pairs = sorted(enumerate(_pair(e) for e in events), key=lambda x: (x[1][1], x[0]))
        if through is not None:
            pairs = [p for p in pairs if p[1][1] <= through]
        current = self.initial
        overlays: list[str] = []
        steps: list[Step] = []
        illegal = None
        for position, (event, on) in pairs:
            try:
                transition = self.apply(current, event)
            except IllegalTransition as exc:
                exc.args = (f"event {position + 1} ({event} on {on}): {exc.args[0]}",)
                illegal = exc
                break
            after = self.lands_in(current, transition)
            if self.procedure.is_overlay(transition) and transition.to not in overlays:
                overlays.append(transition.to)
            steps.append(Step(transition, on, current.id, after.id))
            current = after
        return History(tuple(steps), current, tuple(overlays)), illegal

    def replay(self, events: Iterable[EventPair | Recorded]) -> State:
        """The main state after `events`, from the initial state."""
        return self.history(events).state

    def sources(self, transition: Transition) -> list[Source]:
        """The legal basis of a transition, as citations."""
        return self.procedure.cited(transition.sources)

    def verification(self, transition: Transition) -> Verification:
        """The weakest verification among a transition's sources."""
        return self.procedure.weakest(transition.sources)

    def sequels(self, state: str | State) -> list[Sequel]:
        """What may follow a terminal state outside this procedure."""
        sid = self.state(state).id
        return [q for q in self.procedure.sequels if sid in q.from_]


def _pair(event: EventPair | Recorded) -> EventPair:
    if isinstance(event, tuple):
        return event
    return (event.kind, event.occurred_on)


@cache
def bundled_machine() -> Machine:
    """The machine of the bundled procedure, built once."""
    return Machine(bundled_procedure())
