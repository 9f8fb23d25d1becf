"""Typed, strictly validated shapes of the law data files, and queries over them.

Every model forbids unknown keys: a misspelt key is an error naming the file and the key,
never a value silently ignored (PolicyEngine-US lost parameter values that way).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from erpath.law.charges import paragraph, under
from erpath.law.custody import CredibleFear, Detention
from erpath.law.moment import Boundary, Moment, Side, boundary_day
from erpath.law.shapes import Unknown as Unknown


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# The legal research's markers, strongest first; `partly`: the primary text was read only in
# part (its summary and dates, say), as ../shared/law/primary-texts.md's table records.
Verification = Literal["verified", "partly", "reported", "unverified"]
Ground = Literal["arriving_alien", "designated_sea", "designated_border_14d", "designated_interior"]
GROUNDS: tuple[Ground, ...] = (
    "arriving_alien",
    "designated_sea",
    "designated_border_14d",
    "designated_interior",
)
VERIFICATION_ORDER: dict[Verification, int] = {
    "verified": 0,
    "partly": 1,
    "reported": 2,
    "unverified": 3,
}


class Source(Strict):
    id: str
    title: str
    cite: str
    url: str | None = None
    date: dt.date | None = None
    verification: Verification
    text: str | None = None
    kind: Literal["law", "policy"] = "law"


class Dated(Strict):
    """Something in force from `since` until the day (or instant) before `until`."""

    since: Boundary
    until: Boundary | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Dated:
        if self.until is not None and boundary_day(self.until) < boundary_day(self.since):
            raise ValueError(f"until {self.until} is before since {self.since}")
        return self

    def in_force(self, moment: Moment, side: Side = "end") -> bool:
        started = moment.reached(self.since, side)
        ended = self.until is not None and moment.reached(self.until, side)
        return started and not ended


class NationalException(Strict):
    country: str = Field(pattern=r"^[A-Z]{3}$")
    until: date
    sources: list[str]


class Presence(Strict):
    """A period of continuous presence, counted to the determination or the encounter: so
    many years or days, or a dated parameter of parameters.yaml (in its unit)."""

    years: int | None = None
    days: int | None = None
    parameter: str | None = None
    counted_to: Literal["determination", "encounter"]

    @model_validator(mode="after")
    def _one_unit(self) -> Presence:
        if sum(x is not None for x in (self.years, self.days, self.parameter)) != 1:
            raise ValueError("give exactly one of years, days or parameter")
        return self


class BorderMiles(Strict):
    within: float | None = None
    beyond: float | None = None

    @model_validator(mode="after")
    def _one_side(self) -> BorderMiles:
        if (self.within is None) == (self.beyond is None):
            raise ValueError("give exactly one of within or beyond")
        return self


class DesignationClass(Strict):
    id: str
    ground: Ground
    arriving_alien: bool = False
    arrival: Literal["by_sea", "not_by_sea"] | None = None
    border_miles: BorderMiles | None = None
    presence_at_least: Presence | None = None
    presence_under: Presence | None = None
    nationals_excepted: list[NationalException] = []

    def periods(self) -> list[Presence]:
        """The class's periods of presence (at least, under)."""
        return [p for p in (self.presence_at_least, self.presence_under) if p is not None]

    @model_validator(mode="after")
    def _terms(self) -> DesignationClass:
        if self.arriving_alien == (self.arrival is not None):
            raise ValueError("a class is either arriving_alien or has an arrival term")
        return self


class Designation(Dated):
    id: str
    title: str
    sources: list[str]
    classes: list[DesignationClass]
    # The notice's words reserving exceptions whose text was not found (90 FR 8139: "with
    # limited exceptions"), where it has them: a reason says so (designations/
    # limited_exceptions); no answer turns on them.
    exceptions_not_found: str | None = None


class Bars(Strict):
    designation: str | None = None
    policy: str | None = None
    scope: Literal["paroled_at_port_of_entry"] | None = None

    @model_validator(mode="after")
    def _one_target(self) -> Bars:
        if (self.designation is None) == (self.policy is None):
            raise ValueError("an order bars exactly one designation or policy")
        return self


class Policy(Strict):
    """A DHS or EOIR policy a court order may bar; `unknown`: stretches on which whether it
    is still in effect is not known (a withdrawal reported without its date)."""

    id: str
    title: str
    # what it governs: who may be put in ER, arrests at immigration courts, or the time
    # to answer a DHS motion to dismiss
    concerns: Literal["expedited_removal", "courthouse_arrests", "dismissal_response"] = (
        "expedited_removal"
    )
    since: date
    sources: list[str]
    unknown: list[Unknown] = []


class Where(Strict):
    """The places an order reaches: immigration courts (EOIR codes), ICE areas of
    responsibility (ICE's office names) or federal circuits; an order without `where`
    reaches the whole country."""

    courts: list[str] = []
    areas: list[str] = []
    circuits: list[str] = []

    @model_validator(mode="after")
    def _somewhere(self) -> Where:
        if not (self.courts or self.areas or self.circuits):
            raise ValueError("name at least one court, area or circuit (or omit `where`)")
        return self

    def reaches(self, court: str | None, area: str | None, circuit: str | None) -> bool | None:
        """Whether a place (a court, its area, its circuit) is within; None where too
        little of the place is known to say."""
        if court in self.courts or area in self.areas or circuit in self.circuits:
            return True
        if (self.courts and court is None) or (self.areas and area is None):
            return None
        if self.circuits and circuit is None:
            return None
        return False


class CourtOrder(Strict):
    id: str
    title: str
    court: str
    case: str
    kind: Literal[
        "injunction", "stay", "stay_denied", "partial_stay", "reversal", "vacatur", "lifted"
    ]
    issued_on: date
    # the day is the sources' approximation ("late September 2020"), not a known date
    issued_approximately: bool = False
    bars: Bars | None = None
    # a policy the court was asked to bar and declined to (held likely lawful)
    declines: Bars | None = None
    # the places it reaches; omitted: nationwide
    where: Where | None = None
    since: date | None = None
    until: date | None = None
    unknown: list[Unknown] = []
    sources: list[str]

    @model_validator(mode="after")
    def _period(self) -> CourtOrder:
        if self.bars is not None and self.since is None:
            raise ValueError("an order that bars something needs `since`")
        if self.since and self.until and self.until < self.since:
            raise ValueError(f"until {self.until} is before since {self.since}")
        return self

    def in_force(self, moment: Moment) -> bool:
        if self.since is None:
            return False
        return self.since <= moment.day and (self.until is None or moment.day < self.until)


class ParameterValue(Strict):
    since: date
    value: int
    sources: list[str]
    # a case the value does not govern, by its code (`exceptions.*` in the wording)
    exception: str | None = None


class Parameter(Strict):
    id: str
    title: str
    unit: Literal["hours", "days", "years"]
    keyed_to: Literal["decision", "determination", "encounter"]
    values: list[ParameterValue]

    @model_validator(mode="after")
    def _sorted(self) -> Parameter:
        days = [v.since for v in self.values]
        if days != sorted(days) or len(set(days)) != len(days):
            raise ValueError("values must be in strictly increasing `since` order")
        return self

    def on(self, day: date) -> ParameterValue | None:
        found = None
        for value in self.values:
            if value.since <= day:
                found = value
        return found

    def value_on(self, day: date) -> int:
        """The value on `day`; before the first, the first (the law it began with)."""
        found = self.on(day)
        return (found or self.values[0]).value


class Parameters(Strict):
    """parameters.yaml by id: each parameter the code reads is a field, so a missing one is
    an error naming it and the code reads it by name, typed (`law.parameters.child_age_years`);
    a deadline of the procedure names its parameter in its own data (`get`)."""

    bia_appeal_days: Parameter
    credible_fear_review_days: Parameter
    credible_fear_review_target_hours: Parameter
    child_age_years: Parameter
    designated_presence_years: Parameter
    removal_period_days: Parameter

    def get(self, parameter_id: str) -> Parameter | None:
        """The parameter a piece of law data names, or None."""
        if parameter_id not in type(self).model_fields:
            return None
        found: Parameter = getattr(self, parameter_id)
        return found

    def __getitem__(self, parameter_id: str) -> Parameter:
        found = self.get(parameter_id)
        if found is None:
            raise KeyError(parameter_id)
        return found

    def values(self) -> list[Parameter]:
        return [getattr(self, name) for name in type(self).model_fields]

    def items(self) -> list[tuple[str, Parameter]]:
        return [(p.id, p) for p in self.values()]


class CountryWithoutRelations(Strict):
    country: str = Field(pattern=r"^[A-Z]{3}$")
    since: date
    until: date | None = None
    contested: str | None = None
    sources: list[str]


class PortOfEntryParole(Strict):
    programs: list[str]
    sources: list[str]


class ContiguousCountries(Strict):
    """The countries contiguous with the United States (8 U.S.C. 1232(a)(2)), and how far
    from the land border an encounter after a land arrival is read as "at a land border"
    (`land_border_miles`: a reading; the statute gives no distance)."""

    countries: list[str] = Field(min_length=1)
    land_border_miles: float = Field(ge=0)
    sources: list[str]

    @model_validator(mode="after")
    def _codes(self) -> ContiguousCountries:
        for country in self.countries:
            if len(country) != 3 or not country.isupper():
                raise ValueError(f"countries: {country!r} is not an ISO 3166-1 alpha-3 code")
        return self


class ChargesOfManner(Strict):
    """Charges that say how the person last arrived (grounds.yaml `arrival_charges`)."""

    says: str
    charges: list[str] = Field(min_length=1)
    sources: list[str]

    def covers(self, charge: str) -> bool:
        """Whether `charge` is one of these or a part of one."""
        return any(under(charge, c) for c in self.charges)


class ArrivalCharges(Strict):
    without_inspection: ChargesOfManner
    admitted: ChargesOfManner


class ErGrounds(Strict):
    """The grounds of inadmissibility expedited removal reaches, as 212(a) paragraphs."""

    paragraphs: list[str] = Field(min_length=1)
    sources: list[str]

    def charged(self, grounds: list[str] | None) -> bool | None:
        """Whether one of `grounds` (as charged: "212(a)(7)", "6C") is among them;
        unknown when the grounds are."""
        if grounds is None:
            return None
        found = (paragraph(g) for g in grounds)
        return any(p is not None and p.startswith(tuple(self.paragraphs)) for p in found)


class Contested(Strict):
    id: str
    brief: str
    question: str
    sources: list[str]


class RuleSpec(Strict):
    """One rule's law data (`law/data/<topic>/<rule>.yaml`; its definition is
    `erpath.rules.<topic>.<rule>`, its scenarios `tests/law/<topic>/<rule>.yaml`).

    A condition blocks expedited removal under `blocks` (a contract code; its own code when
    omitted) when it holds; an explaining rule (`explains`) gives a reason and blocks
    nothing. `sources` cite it; null when its sources are those of the law data entries it
    reads (the orders, designations or exceptions named in `says`). `contested` names the
    open point of law it rests on, if any. A rule a statute brought in has `in_force`:
    before `enacted` it does not hold; from `enacted` to the day before `effective`,
    whether it holds is `in_force.contested`. An exception (`excepts`, the code of the rule
    whose block a statute's exception lifts) blocks nothing itself: where it holds, that
    rule's block does not; where it is unknown, that block is an open point."""

    topic: str
    code: str
    says: str
    explains: bool = False
    blocks: str | None = None
    excepts: str | None = None
    sources: list[str] | None
    contested: str | None = None
    in_force: RuleInForce | None = None

    @model_validator(mode="after")
    def _explaining_blocks_nothing(self) -> RuleSpec:
        if self.explains and self.blocks is not None:
            raise ValueError("an explaining rule blocks nothing: remove blocks")
        if self.excepts is not None and (self.explains or self.blocks is not None):
            raise ValueError("an exception blocks nothing and is not explaining: remove them")
        return self


class RuleInForce(Strict):
    """When the statute that made a rule was enacted and took effect, and the open point
    (with its sources) on the days between."""

    enacted: date
    effective: date
    contested: str
    sources: list[str]

    @model_validator(mode="after")
    def _in_order(self) -> RuleInForce:
        if self.effective < self.enacted:
            raise ValueError("effective must not be before enacted")
        return self


class Law(Strict):
    """All the law data, cross-checked: every reference points at an entry that exists."""

    verified_through: date
    sources: dict[str, Source]
    designations: list[Designation]
    policies: list[Policy]
    orders: list[CourtOrder]
    parameters: Parameters
    western_hemisphere_without_full_relations: list[CountryWithoutRelations]
    port_of_entry_parole: PortOfEntryParole
    contiguous_countries: ContiguousCountries
    er_grounds: ErGrounds
    arrival_charges: ArrivalCharges
    contested: dict[str, Contested]
    detention: Detention
    credible_fear: CredibleFear
    rules: dict[str, RuleSpec] = Field(default_factory=dict)  # by code

    def designation(self, designation_id: str) -> Designation:
        return next(d for d in self.designations if d.id == designation_id)

    def designations_in_force(self, moment: Moment, side: Side = "end") -> list[Designation]:
        return [d for d in self.designations if d.in_force(moment, side)]

    def orders_in_force(self, moment: Moment) -> list[CourtOrder]:
        return [o for o in self.orders if o.in_force(moment)]

    def policy(self, concerns: str) -> Policy:
        """The policy that governs `concerns` (courthouse_arrests, dismissal_response)."""
        return next(p for p in self.policies if p.concerns == concerns)

    def orders_on_policy(self, policy: Policy) -> list[CourtOrder]:
        """The orders that bar `policy`, or decline to, in the data's order."""
        return [
            o
            for o in self.orders
            if (o.bars and o.bars.policy == policy.id)
            or (o.declines and o.declines.policy == policy.id)
        ]

    def classes(self) -> Iterator[tuple[Designation, DesignationClass]]:
        for designation in self.designations:
            for cls in designation.classes:
                yield designation, cls

    def cites(self, source_ids: list[str]) -> str:
        """The sources' short legal citations, once each, for a reader ("8 CFR 239.2(c);
        90 FR 8139 (Jan. 24, 2025)"): never their ids."""
        return "; ".join(dict.fromkeys(self.sources[s].cite for s in source_ids))

    def sources_on(self, source_ids: list[str], moment: Moment) -> list[str]:
        """Of `source_ids`, those that speak to `moment`: a designation's or court order's
        sources only where that entry bears on it (`standing`), or, where no entry of its
        kind among those cited does, the latest one begun before it (why it no longer
        applies), less any of its sources published after the day; sources of no entry
        always."""
        standing = {s.entry.id for s in self.standing(moment)}
        keep: set[str] = set()
        owned: set[str] = set()
        for entries in (self.designations, self.orders):
            cited = [e for e in entries if set(e.sources) & set(source_ids)]
            owned.update(s for e in cited for s in e.sources)
            chosen = [e for e in cited if e.id in standing]
            if not chosen:
                begun = [(boundary_day(e.since), e) for e in cited if e.since is not None]
                before = [(day, e) for day, e in begun if day <= moment.day]
                chosen = [max(before, key=lambda x: x[0])[1]] if before else []
            keep.update(s for e in chosen for s in e.sources if self._published(s, moment.day))
        return [s for s in source_ids if s in keep or s not in owned]

    def _published(self, source_id: str, day: date) -> bool:
        published = self.sources[source_id].date
        return published is None or published <= day

    def weakest(self, source_ids: list[str]) -> Verification:
        levels = [self.sources[s].verification for s in source_ids]
        return max(levels, key=VERIFICATION_ORDER.__getitem__, default="verified")

    def changes(self) -> list[LawChange]:
        """Every change of the law by day and entry, in the data's order: designations
        (in effect, ended, a nationals' exception ending), court orders (in effect, ended,
        the start and end of an unknown period, named by its contested point), parameters,
        the Western Hemisphere countries' relations, and the day after `verified_through`."""
        found: list[LawChange] = []
        for d in self.designations:
            found.append(LawChange.at_boundary(d.since, d.id, "designation_takes_effect"))
            if d.until is not None:
                found.append(LawChange.at_boundary(d.until, d.id, "designation_ends"))
            for cls in d.classes:
                found.extend(
                    LawChange(n.until, d.id, "exception_ends") for n in cls.nationals_excepted
                )
        for o in self.orders:
            if o.since is not None:
                found.append(LawChange(o.since, o.id, "order_takes_effect"))
            if o.until is not None:
                found.append(LawChange(o.until, o.id, "order_ends"))
            for u in o.unknown:
                found.append(LawChange(u.from_, u.contested, "contested_from"))
                if u.to is not None:
                    after = date.fromordinal(u.to.toordinal() + 1)
                    found.append(LawChange(after, u.contested, "law_changes"))
        for name, p in self.parameters.items():
            found.extend(LawChange(v.since, name, "law_changes") for v in p.values)
        for code, spec in self.rules.items():
            if spec.in_force is not None:
                found.append(
                    LawChange(spec.in_force.enacted, spec.in_force.contested, "contested_from")
                )
                found.append(LawChange(spec.in_force.effective, code, "law_changes"))
        for c in self.western_hemisphere_without_full_relations:
            found.extend(
                LawChange(x, c.country, "law_changes") for x in (c.since, c.until) if x is not None
            )
        after = date.fromordinal(self.verified_through.toordinal() + 1)
        found.append(LawChange(after, "verified_through", "law_changes"))
        return found

    def standing(self, moment: Moment) -> list[Standing]:
        """The designations and court orders that bear on `moment`, each with how: in
        force; in force from, or until, a time of that day (a bare day on which it starts
        or ends at one); or, for an order, unknown on a day of its unknown period."""
        found: list[Standing] = []
        for d in self.designations:
            start, end = d.in_force(moment, "start"), d.in_force(moment, "end")
            if start and end:
                found.append(Standing(d, "in_force"))
            elif end and isinstance(d.since, datetime):
                found.append(Standing(d, "from", at=d.since))
            elif start and isinstance(d.until, datetime):
                found.append(Standing(d, "until", at=d.until))
        for o in self.orders:
            window = next((u for u in o.unknown if u.covers(moment.day)), None)
            if window is not None:
                found.append(Standing(o, "unknown", contested=window.contested))
            elif o.in_force(moment):
                found.append(Standing(o, "in_force"))
        return found

    def boundaries(self) -> list[date]:
        """Every day on which some designation, order, parameter or exception changes."""
        return sorted({c.day for c in self.changes()})


@dataclass(frozen=True)
class Standing:
    """How a designation or court order bears on a moment (`Law.standing`)."""

    entry: Designation | CourtOrder
    status: Literal["in_force", "from", "until", "unknown"]
    at: datetime | None = None  # for `from` and `until`: the instant
    contested: str | None = None  # for `unknown`: the open point


@dataclass(frozen=True)
class LawChange:
    """A day on which the law changes: the entry (a law-data id, a country or
    `verified_through`) and what happens (the key of its wording, `changes.date.*`)."""

    day: date
    entry: str
    what: str
    at: datetime | None = None  # the instant, where the change falls at a time of day

    @classmethod
    def at_boundary(cls, boundary: Boundary, entry: str, what: str) -> LawChange:
        timed = boundary if isinstance(boundary, datetime) else None
        return cls(boundary_day(boundary), entry, what, timed)


def timed_boundaries(law: Law) -> list[datetime]:
    """The boundaries that fall at a time of day, which make their day ambiguous."""
    found: list[datetime] = []
    for d in law.designations:
        found.extend(b for b in (d.since, d.until) if isinstance(b, datetime))
    return sorted(set(found))
