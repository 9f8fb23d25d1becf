"""The determination (CONTRACT.md, "Determination"): the output of a screening."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from erpath.law.model import Verification

Answer = Literal["yes", "no", "depends"]
Category = Literal[
    "arriving_alien", "designated_sea", "designated_border_14d", "designated_interior", "none"
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Gap(Model):
    from_: dt.date = Field(alias="from")
    to: dt.date


class Presence(Model):
    since: dt.date
    days: int
    shown_days: int
    gaps: list[Gap]
    shown: bool


class Deadline(Model):
    code: str
    due: dt.date
    sources: list[str]
    verification: Verification


class Reason(Model):
    code: str
    holds: bool | None
    text: str
    sources: list[str]
    verification: Verification = Field(
        description="the weakest verification among the sources (legal brief markers)"
    )


class Uncertain(Model):
    code: str
    reason: str


class LawInForce(Model):
    in_force: list[str]
    orders: list[str]
    verified_through: dt.date


class Counterfactual(Model):
    change: str = Field(description="the change in plain words, in the determination's language")
    er_applicable: Answer
    kind: Literal["date", "fact", "evidence"] = Field(
        description="date: the same facts on a later date; fact: one fact changed; "
        "evidence: the gaps in the evidence covered"
    )
    on: dt.date | dt.datetime | None = Field(
        default=None,
        description="for a change of date: the date, or the instant where the change falls "
        "at a time of day",
    )
    event: str | None = Field(
        default=None,
        description="the law-data entry (or two_year_date, parole_until, a deadline, a "
        "parameter) whose date it is, or the procedural step that changes the fact",
    )
    fact: str | None = Field(default=None, description="the field path of the changed fact")


class Determination(Model):
    as_of: dt.date | dt.datetime
    er_applicable: Answer
    category: Category
    blocking: list[str]
    uncertain: list[Uncertain]
    two_year_date: dt.date | None
    presence: Presence | None
    next_step: str
    deadlines: list[Deadline]
    reasons: list[Reason]
    law: LawInForce
    counterfactuals: list[Counterfactual]

    def contract_json(self) -> str:
        return self.model_dump_json(by_alias=True, indent=2)
