"""What every rule's definition is written with: the facts' columns, the law data and what
the rule set derives from it before the rules (`Basis`), and the shapes they share.

A rule is `erpath.rules.<topic>.<rule>` (its expression), `law/data/<topic>/<rule>.yaml`
(its code, what it blocks, its sources, the contested point it rests on) and
`wording/<language>.yaml` (its words, ADR 0019): docs/adr/0018-one-home-per-rule.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from erpath.law.model import CourtOrder, Designation, DesignationClass, Law, Parameter, Presence
from erpath.rules.expr import AS_OF, Col, Expr, Lit, any_of, when

ARRIVAL = Col("arrival_date")
MANNER = Col("arrival_manner")
MODE = Col("arrival_mode")
PROGRAM = Col("parole_program")
CITIZENSHIP = Col("citizenship")
FINDING = Col("presence_finding")
SECTION_240 = Col("section_240")
ENCOUNTER = Col("encounter")
GROUND_CLASS = Col("ground_class")


@dataclass(frozen=True)
class Condition:
    """A named, cited condition; when it holds it blocks ER under `blocks` (None: it
    explains, or is an exception, and blocks nothing). An exception names the condition
    whose block it lifts (`excepts`): where it holds that block does not, where it is
    unknown the block is."""

    code: str
    expr: Expr
    sources: tuple[str, ...]
    blocks: str | None = None
    contested: str | None = None
    excepts: str | None = None


@dataclass(frozen=True)
class Basis:
    """The law data, and what the rule set derived from it for the rules: the day
    expedited removal began (the arriving-alien ground's), the designations a court order
    may stay (each has a column `stayed:<id>`), and when each order barring the policy for
    people paroled at a port of entry is in effect."""

    law: Law
    arriving_since: date
    stayed: frozenset[str]
    poe_parole_stays: tuple[Expr, ...]


def class_key(designation: Designation, cls: DesignationClass) -> str:
    """The value of `ground_class` for a class of a designation."""
    return f"{designation.id}/{cls.id}"


def designations_of(law: Law, ground_class: str | None) -> set[str]:
    """The ids of the designations one of whose classes is `ground_class`."""
    return {d.id for d, c in law.classes() if class_key(d, c) == ground_class}


def stays_of(law: Law, ground_class: str | None) -> list[CourtOrder]:
    """The court orders that bar a designation of `ground_class` (any, in force or not)."""
    reaching = designations_of(law, ground_class)
    return [o for o in law.orders if o.bars and o.bars.designation in reaching]


def keyed_day(parameter: Parameter, decision: Expr | None = None) -> Expr:
    """The day whose value of `parameter` applies (its law data's `keyed_to`): the
    determination, the encounter, or the decision a deadline runs from (`decision`)."""
    if parameter.keyed_to == "decision":
        if decision is None:
            raise ValueError(f"parameter {parameter.id} is keyed to a decision: name its date")
        return decision
    return AS_OF if parameter.keyed_to == "determination" else ENCOUNTER


def per_value(
    parameter: Parameter, make: Callable[[int], Expr], decision: Expr | None = None
) -> Expr:
    """`make` of a dated parameter's value on the day it is keyed to (`keyed_day`): a
    when-chain over its values, each branch made with its value as a constant, which
    polars computes fastest; unknown before its first value."""
    on = keyed_day(parameter, decision)
    branches = [(on >= Lit(v.since), make(v.value)) for v in reversed(parameter.values)]
    return when(*branches, otherwise=None)


def dated(
    parameter: Parameter,
    apply: Callable[[Expr], Expr] = lambda v: v,
    decision: Expr | None = None,
) -> Expr:
    """`apply` to a dated parameter's value (a literal) on the day it is keyed to."""
    return per_value(parameter, lambda value: apply(Lit(value)), decision)


# The column of the start of the unbroken run of evidence up to the day a period is counted
# to (the day before the determination, or the encounter; erpath.rules.row).
RUN_START: dict[str, str] = {
    "determination": "evidence_run_start",
    "encounter": "evidence_run_start_at_encounter",
}


def counted_day(presence: Presence) -> Expr:
    """The day a period of presence is counted to (the law data's `counted_to`)."""
    return AS_OF if presence.counted_to == "determination" else ENCOUNTER


def year_column(start: str, years: int) -> str:
    """The column holding the `years`-th anniversary of the date column `start`, computed
    once in the rule set's first stage."""
    return f"{start}+{years}y"


def unit_of(law: Law, presence: Presence) -> Literal["years", "days"]:
    """What a period of presence is counted in (a parameter's: its unit)."""
    if presence.parameter is not None:
        unit = law.parameters[presence.parameter].unit
        # The loader refuses a presence parameter in any other unit.
        assert unit != "hours", presence.parameter
        return unit
    return "years" if presence.years is not None else "days"


def limit_unit(law: Law, ground_class: str | None) -> Literal["years", "days"] | None:
    """The unit of the time limit of `ground_class` (None: it has no limit)."""
    return next(
        (
            unit_of(law, c.presence_under)
            for d, c in law.classes()
            if c.presence_under is not None and class_key(d, c) == ground_class
        ),
        None,
    )


def years_counted(law: Law, presence: Presence) -> set[int]:
    """Every number of years a period of presence can be (none when it is in days)."""
    if presence.parameter is not None:
        parameter = law.parameters[presence.parameter]
        return {v.value for v in parameter.values} if parameter.unit == "years" else set()
    return {presence.years} if presence.years is not None else set()


def complete_on(law: Law, start: str, presence: Presence) -> Expr:
    """The day a period of `presence` from the date column `start` is complete (for a
    dated parameter: with its value on the day it is keyed to)."""
    if presence.parameter is not None:
        parameter = law.parameters[presence.parameter]
        return per_value(
            parameter,
            lambda value: complete_on(
                law,
                start,
                Presence.model_validate({parameter.unit: value, "counted_to": presence.counted_to}),
            ),
        )
    if presence.years is not None:
        return Col(year_column(start, presence.years))
    return Col(start).plus_days(presence.days or 0)


def presence_shown(law: Law, presence: Presence) -> Expr:
    """The period of `presence` is shown by the day it is counted to: by an officer's
    finding, or by evidence covering every day from the last arrival; not shown when the
    last arrival is too recent or (for a period of years, which the finding is about) an
    officer found it not shown; otherwise unknown (the burden is the person's: INA
    235(b)(1)(A)(iii)(II); 8 CFR 235.3(b)(1)(ii))."""
    day = counted_day(presence)
    finding: list[tuple[Expr, Any]] = [(FINDING.eq("shown"), True)]
    if unit_of(law, presence) == "years":
        finding.append((FINDING.eq("not_shown"), False))
    return when(
        *finding,
        (complete_on(law, ARRIVAL.name, presence) > day, False),
        (complete_on(law, RUN_START[presence.counted_to], presence) <= day, True),
        otherwise=None,
    )


def shown_in_class(basis: Basis, unit: Literal["years", "days"]) -> Expr:
    """For the class the arrival meets, among those whose time limit is counted in `unit`:
    whether its period of presence is shown (`presence_shown`)."""
    law = basis.law
    checks = [
        GROUND_CLASS.eq(class_key(d, cls)) & presence_shown(law, cls.presence_under)
        for d, cls in law.classes()
        if cls.presence_under is not None and unit_of(law, cls.presence_under) == unit
    ]
    return any_of(*checks)
