"""The facts of one person's case (CONTRACT.md, "Facts"): the input of a determination.

Field names and codes are a public contract. Unknown facts are null, never guessed.
Validation names the field and the problem (`departures[0]: no arrival after 2023-12-20`).
"""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

# The days erpath reads and computes with: the law's first designation is of 1997 and its
# calendars of legal holidays run to 2100; a birth date may be earlier, but not before 1900.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)
MAX_ITEMS = 1000  # arrivals, departures or grounds in one document
MAX_EVIDENCE = 10_000  # documents of presence in one document (a daily record of years)


def within_range(day: dt.date) -> dt.date:
    """`day` itself, or ValueError when it is outside FIRST_DAY..LAST_DAY."""
    if not FIRST_DAY <= (day.date() if isinstance(day, datetime) else day) <= LAST_DAY:
        raise ValueError(
            f"{day.isoformat()} is outside the days erpath covers, {FIRST_DAY} to {LAST_DAY}"
        )
    return day


Day = Annotated[
    dt.date,
    AfterValidator(within_range),
    Field(
        json_schema_extra={
            "formatMinimum": FIRST_DAY.isoformat(),
            "formatMaximum": LAST_DAY.isoformat(),
        }
    ),
]
Country = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3")]
UsState = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="USPS state or territory code")]
Manner = Literal["without_inspection", "admitted", "paroled", "inspected_not_admitted"]
EvidenceKind = Literal[
    "lease",
    "utility_bill",
    "pay_stub",
    "tax_record",
    "bank_statement",
    "medical_record",
    "school_record",
    "religious_record",
    "remittance_receipt",
    "government_record",
    "affidavit",
    "photo",
    "other",
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class StatusPeriod(Model):
    """A status held from `since` through `until` (inclusive); `until` null: no end known."""

    since: Day
    until: Day | None = None

    @model_validator(mode="after")
    def _ordered(self) -> StatusPeriod:
        if self.until is not None and self.until < self.since:
            raise ValueError(f"until ({self.until}) is before since ({self.since})")
        return self


class Tps(StatusPeriod):
    """Temporary Protected Status granted (INA 244(a)(1)(A)), and its end where known."""


class DeferredAction(StatusPeriod):
    """Deferred action: DACA or another kind (8 CFR 236.21-236.25 for DACA)."""

    kind: Literal["daca", "other"]


class Person(Model):
    citizenship: list[Country] | None = None
    birth_date: Day | None = None
    accompanied_by: Literal["parent", "legal_guardian", "other_adult", "none"] | None = None
    uac: bool | None = None
    claimed_status: Literal["usc", "lpr", "refugee", "asylee"] | None = None
    claimed_status_verified: bool | None = None
    tps: Tps | None = Field(
        default=None, description="Temporary Protected Status: since, until (inclusive)"
    )
    deferred_action: DeferredAction | None = Field(
        default=None, description="deferred action (DACA or other): kind, since, until"
    )
    affirmative_asylum_filed_on: Day | None = Field(
        default=None, description="the day an asylum application was filed with USCIS"
    )


class Parole(Model):
    program: (
        Literal[
            "port_of_entry", "cbp_one", "chnv", "uniting_for_ukraine", "advance_parole", "other"
        ]
        | None
    ) = None
    until: Day | None = None
    terminated_on: Day | None = None


class Arrival(Model):
    date: Day
    manner: Manner | None = None
    mode: Literal["land", "air", "sea"] | None = None
    at_port_of_entry: bool | None = None
    interdicted_at_sea: bool | None = None
    parole: Parole | None = None

    @model_validator(mode="after")
    def _parole_only_when_paroled(self) -> Arrival:
        if self.parole is not None and self.manner not in ("paroled", None):
            raise ValueError(f"parole is given but manner is {self.manner!r}")
        return self


class Encounter(Model):
    date: Day | None = None
    miles_from_land_border: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    state: UsState | None = Field(
        default=None,
        description="the US state or territory (USPS code) of the encounter or arrest",
    )


class Proceedings(Model):
    section_240: Literal["none", "pending", "dismissed", "terminated", "ordered_removed"] | None = (
        None
    )
    nta_filed_on: Day | None = None
    dismissed_on: Day | None = None
    dismissal_appeal_pending: bool | None = None
    dismissal_appeal_waived: bool | None = Field(
        default=None,
        description="appeal of the dismissal waived, so it is final at once (8 CFR 1241.1, "
        "by analogy with a removal order; unverified)",
    )
    removal_ordered_on: Day | None = None
    court: str | None = Field(
        default=None,
        pattern=r"^[A-Z]{3}$",
        description="the immigration court, as the EOIR hearing-location code (NYC, SFR)",
    )
    next_hearing: Day | None = Field(default=None, description="the next hearing, if one is set")


class CredibleFear(Model):
    result: Literal["pending", "positive", "negative"] | None = None
    decided_on: Day | None = None


class IJReview(Model):
    requested: bool | None = None
    result: Literal["pending", "concur", "vacate"] | None = None
    decided_on: Day | None = None


class ExpeditedRemoval(Model):
    fear_claimed: bool | None = None
    order_issued_on: Day | None = None
    credible_fear: CredibleFear | None = None
    ij_review: IJReview | None = None


class Evidence(Model):
    """A document placing the person in the United States from `from` to `to` (inclusive)."""

    kind: EvidenceKind
    from_: Day = Field(alias="from")
    to: Day
    note: str | None = None
    issuer: str | None = Field(default=None, description="who issued it")
    issuer_type: Literal["government", "business", "personal"] | None = Field(
        default=None, description="a government, a business or institution, or a person"
    )
    file: str | None = Field(default=None, description="where the document is kept")

    @model_validator(mode="after")
    def _ordered(self) -> Evidence:
        if self.to < self.from_:
            raise ValueError(f"ends ({self.to}) before it starts ({self.from_})")
        return self


class Facts(Model):
    """One person's facts on a date (CONTRACT.md)."""

    as_of: dt.date | datetime
    person: Person = Person()
    arrivals: list[Arrival] = Field(default=[], max_length=MAX_ITEMS)
    departures: list[Day] = Field(default=[], max_length=MAX_ITEMS)
    encounter: Encounter | None = None
    inadmissibility_grounds: list[str] | None = Field(default=None, max_length=MAX_ITEMS)
    proceedings: Proceedings | None = None
    expedited_removal: ExpeditedRemoval | None = None
    presence_finding: Literal["shown", "not_shown"] | None = None
    evidence: list[Evidence] = Field(default=[], max_length=MAX_EVIDENCE)

    @field_validator("as_of", mode="before")
    @classmethod
    def _as_of_form(cls, value: object) -> object:
        if isinstance(value, str) and "T" in value:
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is None:
                raise ValueError("a date-time needs a UTC offset, e.g. 2025-01-21T18:00:00-05:00")
            return within_range(parsed)
        if isinstance(value, str):
            return within_range(dt.date.fromisoformat(value))
        if isinstance(value, dt.date):
            return within_range(value)
        raise ValueError("expected a date YYYY-MM-DD or a date-time with a UTC offset")

    @model_validator(mode="after")
    def _chronology(self) -> Facts:
        days = [a.date for a in self.arrivals]
        for i in range(1, len(days)):
            if days[i] <= days[i - 1]:
                raise ValueError(
                    f"arrivals[{i}]: {days[i]} is not after arrivals[{i - 1}] ({days[i - 1]});"
                    " list arrivals oldest first"
                )
        for i, left in enumerate(self.departures):
            if not any(day > left for day in days):
                raise ValueError(f"departures[{i}]: no arrival after {left}")
            if not any(day <= left for day in days):
                raise ValueError(f"departures[{i}]: no arrival before {left}")
        return self

    @property
    def day(self) -> dt.date:
        return self.as_of.date() if isinstance(self.as_of, datetime) else self.as_of
