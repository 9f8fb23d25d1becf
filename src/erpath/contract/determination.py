"""The determination (CONTRACT.md, "Determination"): the output of a screening."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from erpath.law.model import Verification

Answer = Literal["yes", "no", "depends"]
Category = Literal[
    "arriving_alien",
    "designated_sea",
    "designated_border_14d",
    "designated_interior",
    "none",
    "undetermined",
]
ReasonKind = Literal["law", "policy"]


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
    sources: list[str] = Field(description="the sources of this condition on `as_of`")
    verification: Verification = Field(
        description="the weakest verification among the sources (legal brief markers)"
    )
    decisive: bool = Field(
        default=False,
        description="the condition decides the answer: a block that holds (no), an open "
        "point (depends), the ground or a condition that keeps it (yes)",
    )
    kind: ReasonKind = Field(
        default="law",
        description="law (statute, regulation, court order) or policy (agency guidance that "
        "binds no court): policy where a source of the condition is",
    )


class Citation(Model):
    cite: str = Field(description="the short legal citation")
    title: str
    url: str | None
    verification: Verification


class Period(Model):
    """One stretch of days with one answer (CONTRACT.md `timeline`)."""

    from_: dt.date = Field(alias="from")
    to: dt.date | None = Field(description="inclusive; null for the last, open-ended period")
    er_applicable: Answer
    blocking: list[str]
    uncertain: list[str] = Field(description="the codes of the open points")
    because: str | None = Field(
        description="what starts the period: a law-data entry id, two_year_date, "
        "evidence_ends, verified_through, or another dated fact (parole_until, a deadline, "
        "an age); null for the first period, which starts at `as_of`"
    )
    cause: str | None = Field(
        default=None, description="what starts the period, in the determination's language"
    )


class Timeline(Model):
    as_given: list[Period]
    if_dismissed: list[Period] | None = Field(
        default=None,
        description="where a 240 case is pending: DHS's motion to dismiss granted on each "
        "day, appeal waived, the person arrested that day",
    )


class Branch(Model):
    """One way an unknown fact of the ground may go, and the answer then."""

    when: str = Field(description="the value of the unknown fact, in words")
    category: Category
    er_applicable: Answer
    blocking: list[str]
    decisive: list[str] = Field(description="the codes of the conditions that decide it")


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
    summary: str = Field(
        default="",
        description="two to four plain sentences: the answer, what decides it, and what "
        "dismissal of a pending 240 case would do and when that changes",
    )
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
    branches: list[Branch] = Field(
        default=[],
        description="where the ground turns on an unknown fact: each way it may go",
    )
    timeline: Timeline | None = None
    citations: dict[str, Citation] = Field(
        default={}, description="every source id used in the document, for a reader"
    )

    def contract_json(self) -> str:
        return self.model_dump_json(by_alias=True, indent=2)
