"""Typed, strictly validated shapes of procedure.yaml: states, transitions, sequels and
the deadlines a step starts. Every model forbids unknown keys, like the law data's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from erpath.law.model import Law, Source, Verification

SNAKE_CASE = r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"
STATE_ID = r"^S\d+$"

RunsFrom = Literal["event", "supervisory_concurrence", "last_arrival", "policy_first_implemented"]
Party = Literal["respondent", "immigration_judge", "dhs", "plaintiff"]
Weekends = Literal["next_business_day", "not_moved"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class State(Strict):
    id: str = Field(pattern=STATE_ID)
    code: str = Field(pattern=SNAKE_CASE)
    title: str
    terminal: bool = False
    overlay: bool = False
    open_end: str | None = None
    note: str | None = None
    # What entering the state says of the 240 case (CONTRACT.md `proceedings.section_240`;
    # a state without it leaves the posture as it was), and whether it is an appeal of the
    # decision the case was in (a dismissal appealed is not final).
    section_240: Literal["pending", "dismissed", "ordered_removed"] | None = None
    appeal: bool = False

    @model_validator(mode="after")
    def _kind(self) -> State:
        if self.terminal and (self.overlay or self.open_end):
            raise ValueError("a terminal state is neither an overlay nor an open end")
        return self

    @property
    def label(self) -> str:
        return f"{self.id} ({self.code})"


AtCourt = Literal["courthouse_arrests", "dismissal_response"]


class Transition(Strict):
    number: int = Field(ge=1)
    from_: list[str] | Literal["any"] = Field(alias="from")
    to: str
    event: str = Field(pattern=SNAKE_CASE)
    trigger: str
    sources: list[str]
    uncertain: str | None = None
    uncertain_sources: list[str] = []
    contested: list[str] = []
    reading: str | None = None
    # what of the step turns on the case's immigration court: the court orders on the
    # policy of this concern (court_orders.yaml), where they reach that court
    at_court: AtCourt | None = None


class Sequel(Strict):
    """What may follow a terminal state outside this procedure (brief row 37)."""

    number: int = Field(ge=1)
    from_: list[str] = Field(alias="from")
    leads_to: str
    event: str = Field(pattern=SNAKE_CASE)
    trigger: str
    sources: list[str]


class Period(Strict):
    days: int | None = Field(default=None, ge=1)
    years: int | None = Field(default=None, ge=1)
    parameter: str | None = None

    @model_validator(mode="after")
    def _one(self) -> Period:
        if sum(x is not None for x in (self.days, self.years, self.parameter)) != 1:
            raise ValueError("give exactly one of days, years or parameter")
        return self


class DeadlineRule(Strict):
    code: str = Field(pattern=SNAKE_CASE)
    title: str
    party: Party
    starts_on_entering: list[str] = []
    starts_with: list[int] = []
    runs_from: RunsFrom
    not_before: dt.date | None = None
    period: Period
    leap_day: Literal["february_28", "march_1"] | None = None
    first_day: Literal["next_day", "start_day"]
    weekends_and_holidays: Weekends
    when_detained: Literal["runs", "court_sets"] = "runs"
    ends_with: list[int] = []
    sources: list[str]
    rule_sources: list[str]
    uncertain: str | None = None
    uncertain_sources: list[str] = []

    @model_validator(mode="after")
    def _starts(self) -> DeadlineRule:
        if not self.starts_on_entering and not self.starts_with:
            raise ValueError("give starts_on_entering (states) or starts_with (transitions)")
        return self


class BusinessDays(Strict):
    """What a deadline moved to the next business day skips: weekends and the legal public
    holidays its sources name, as observed; the years whose holidays are precomputed for
    the table path (`erpath.procedure.calendar.holiday_dates`)."""

    sources: list[str] = Field(min_length=1)
    first_year: int
    last_year: int


class ProcedureFile(Strict):
    """procedure.yaml as written."""

    initial: str
    states: list[State]
    transitions: list[Transition]
    sequels: list[Sequel]
    business_days: BusinessDays
    deadlines: list[DeadlineRule]


@dataclass(frozen=True)
class Procedure:
    """The procedure data, cross-checked against the law data it cites."""

    initial: str
    states: dict[str, State]
    transitions: tuple[Transition, ...]
    sequels: tuple[Sequel, ...]
    deadlines: tuple[DeadlineRule, ...]
    law: Law
    business_days: BusinessDays

    def origins(self, transition: Transition) -> tuple[str, ...]:
        """The from-states of a row; `any` is every state neither terminal nor an overlay."""
        if transition.from_ == "any":
            return tuple(s.id for s in self.states.values() if not (s.terminal or s.overlay))
        return tuple(transition.from_)

    def is_overlay(self, transition: Transition) -> bool:
        return self.states[transition.to].overlay

    def cited(self, source_ids: list[str]) -> list[Source]:
        return [self.law.sources[s] for s in source_ids]

    def weakest(self, source_ids: list[str]) -> Verification:
        return self.law.weakest(source_ids)
