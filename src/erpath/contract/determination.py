"""The determination (CONTRACT.md, "Determination"): the output of a screening."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from erpath.law.custody import Authority, Stage
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


class ArrestAtCourt(Model):
    """Whether a court order restricts ICE arrests at or near the immigration court of
    `proceedings.court` on `as_of` (CONTRACT.md "Additions (2026-12)")."""

    restricted: Answer
    court: str | None = Field(description="the court's EOIR code, as given")
    area: str | None = Field(description="the court's ICE area of responsibility, where known")
    orders: list[str] = Field(description="the court orders that bear on arrests at this court")
    reason: str
    sources: list[str]
    verification: Verification


class DismissalResponse(Model):
    """The time to respond to a DHS motion to dismiss at this court on `as_of` before the
    judge may grant it (legal brief section 3.2)."""

    days: int = Field(description="the practice manual's response period, in days")
    required: Answer = Field(
        description="yes: the period applies; no: none is required (EOIR's May 30, 2025 "
        "email); depends: whether it applies is not known"
    )
    orders: list[str]
    reason: str
    sources: list[str]
    verification: Verification


class Detention(Model):
    """Detention and bond for the person once arrested on `as_of` (legal brief section 5)."""

    stage: Stage = Field(description="the stage of the pipeline the arrest falls in")
    authority: Authority
    bond: Answer = Field(description="whether an immigration judge may hear a bond request")
    circuit: str | None = Field(description="the federal circuit of `encounter.state`")
    reasons: list[Reason]


class CredibleFearScreen(Model):
    """The credible-fear screen where fear is claimed or may be (legal brief section 4):
    the standard and bars by entry date and date of the interview."""

    standard: Literal[
        "significant_possibility", "reasonable_possibility", "reasonable_probability", "depends"
    ]
    bars: list[str] = Field(description="the bars an asylum officer applies or may apply")
    interview_on: dt.date = Field(description="the day of the interview the screen is read for")
    review_days: int = Field(description="the latest day of IJ review of a negative finding")
    after_positive: Literal["section_240", "depends"] = Field(
        description="what follows a positive finding: a 240 case, or it depends on DHS's "
        "election of an asylum merits interview"
    )
    reasons: list[Reason]


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
    arrest_at_court: ArrestAtCourt | None = Field(
        default=None, description="where a 240 case is pending or was, or a court is given"
    )
    dismissal_response: DismissalResponse | None = Field(
        default=None, description="where a 240 case is pending"
    )
    detention: Detention | None = None
    credible_fear: CredibleFearScreen | None = Field(
        default=None, description="where fear is claimed or expedited removal may apply"
    )
    citations: dict[str, Citation] = Field(
        default={}, description="every source id used in the document, for a reader"
    )

    def contract_json(self) -> str:
        return self.model_dump_json(by_alias=True, indent=2)
