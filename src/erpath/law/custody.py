"""Typed shapes of the law of what follows an arrest: detention and bond by stage
(data/detention.yaml; legal brief section 5) and the credible-fear screen
(data/credible_fear.yaml; brief section 4)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from erpath.law.shapes import Days, Unknown

Authority = Literal["235(b)(1)", "235(b)(2)(A)", "236(a)", "241(a)", "contested"]
Bond = Literal["yes", "no", "depends"]
Stage = Literal[
    "expedited_removal",
    "credible_fear_pending",
    "positive_credible_fear",
    "section_240",
    "final_order",
]
Entry = Literal["admitted", "paroled", "arriving", "without_inspection"]
Standard = Literal["significant_possibility", "reasonable_possibility", "reasonable_probability"]
Route = Literal["section_240", "depends"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reading(Strict):
    """What the law says of detention at a stage from `since` until the next reading:
    the authority, whether bond is open, and the open point where it is contested."""

    since: date
    authority: Authority
    bond: Bond
    sources: list[str]
    contested: str | None = None
    unknown: list[Unknown] = []

    @model_validator(mode="after")
    def _contested_is_named(self) -> Reading:
        if (self.bond == "depends") != (self.contested is not None):
            raise ValueError("a reading with bond `depends` names its `contested` point")
        return self


class CircuitReading(Reading):
    """A court of appeals' reading, binding in its circuit from `since`."""

    circuit: str


def _in_order(name: str, readings: list[Reading]) -> None:
    days = [r.since for r in readings]
    if days != sorted(days) or len(set(days)) != len(days):
        raise ValueError(f"{name}: readings must be in strictly increasing `since` order")


def reading_on(readings: list[Reading], day: date) -> Reading | None:
    """The reading in force on `day`: the last begun on or before it."""
    begun = [r for r in readings if r.since <= day]
    return begun[-1] if begun else None


class Dated(Strict):
    """Lists of readings, each in strictly increasing `since` order (the circuits'
    readings, one list for many circuits, excepted)."""

    @model_validator(mode="after")
    def _ordered(self) -> Dated:
        for name in type(self).model_fields:
            readings = getattr(self, name)
            if name != "circuits":
                _in_order(name, readings)
        return self


class Stages(Dated):
    expedited_removal: list[Reading]
    credible_fear_pending: list[Reading]
    positive_credible_fear: list[Reading]
    final_order: list[Reading]


class Section240(Dated):
    """Detention of a person in 240 proceedings (arrested after a denied dismissal, or
    before a removal order is final), by how the person came in, and the circuits'
    readings for those who entered without inspection."""

    admitted: list[Reading]
    paroled: list[Reading]
    arriving: list[Reading]
    without_inspection: list[Reading]
    circuits: list[CircuitReading]

    def by_entry(self, entry: Entry) -> list[Reading]:
        found: list[Reading] = getattr(self, entry)
        return found


class Detention(Strict):
    stages: Stages
    section_240: Section240

    def readings(self, stage: Stage) -> list[Reading]:
        """The dated readings of a stage other than section 240."""
        found: list[Reading] = getattr(self.stages, stage)
        return found


class Screen(Strict):
    """A rule of the credible-fear screen: a heightened standard or a bar, reaching the
    entries (by day and mode of arrival) or the interviews of its days."""

    id: str
    standard: Standard | None = None
    entered: Days | None = None
    interviewed: Days | None = None
    modes: list[Literal["land", "air", "sea"]] = []
    unknown: list[Unknown] = []
    sources: list[str]


class Sourced(Strict):
    sources: list[str]


class WithholdingOnly(Strict):
    states: list[str]
    until: date
    sources: list[str]


class RouteReading(Strict):
    since: date
    route: Route
    sources: list[str]
    contested: str | None = None


class CredibleFear(Strict):
    standard: Sourced
    heightened: list[Screen]
    bars: list[Screen]
    withholding_only: WithholdingOnly
    after_positive: list[RouteReading]

    def route_on(self, day: date) -> RouteReading | None:
        begun = [r for r in self.after_positive if r.since <= day]
        return begun[-1] if begun else None
