"""The answer for one row, splitting on the unknowns that take few values.

Kleene logic cannot see that "within 100 miles or beyond" always holds, and a bare date
on which the 2025 designation took effect (6:00 p.m. EST) is both before and after it.
Nor can it see that an arrival was by land, by air or by sea when none is recorded. So
where the answer is `depends`, or the day is ambiguous, the row is evaluated under each
case (each end of the day; a distance on each side of every border threshold and each
mode of arrival, where those are unknown) and the answer is the one all cases give with
the same blocking codes; where the cases differ, the answer is `depends` (CONTRACT.md:
`depends` only where an unknown fact decides the answer).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise, product
from typing import Any, get_args

from erpath.contract.determination import Answer
from erpath.contract.facts import Arrival
from erpath.law.model import Law, timed_boundaries
from erpath.rules.expr import Row
from erpath.rules.ruleset import RuleSet, blocking_of


@dataclass(frozen=True)
class Evaluation:
    """The rules' values for one row, and the answer after splitting on the unknowns."""

    values: dict[str, Any]
    er_applicable: Answer
    blocking: list[str]
    time_of_day: bool = False
    # The unknown facts on which the ground (category) turns though the answer does not.
    ground_unknown: tuple[str, ...] = ()


def border_limits(law: Law) -> list[float]:
    """Every distance from the border at which a designation's terms change, in order."""
    return sorted(
        {
            m
            for _, c in law.classes()
            if c.border_miles
            for m in (c.border_miles.within, c.border_miles.beyond)
            if m is not None
        }
    )


def border_cases(law: Law) -> list[float]:
    """A distance on each side of every border threshold the designations use."""
    limits = border_limits(law)
    middles = [(a + b) / 2 for a, b in pairwise(limits)]
    return [0.0, *middles, limits[-1] + 1.0] if limits else []


# The `uncertain` codes the case splits add to those of the conditions.
TIME_OF_DAY = "as_of_time_of_day"
GROUND_UNKNOWN = "ground_unknown"
SPLIT_CODES = (TIME_OF_DAY, GROUND_UNKNOWN)

MODES: tuple[str, ...] = get_args(get_args(Arrival.model_fields["mode"].annotation)[0])


def split_values(law: Law) -> dict[str, list[Any]]:
    """The facts columns that take few values, each with the values to try when unknown."""
    return {"miles_from_land_border": border_cases(law), "arrival_mode": list(MODES)}


def _day_cases(rules: RuleSet, row: Row) -> Evaluation:
    end = rules.evaluate(row, "end")
    result = Evaluation(end, end["er_applicable"], blocking_of(end))
    ambiguous_days = {b.date() for b in timed_boundaries(rules.law)}
    if row["as_of_instant"] is None and row["as_of"] in ambiguous_days:
        start = rules.evaluate(row, "start")
        if start["er_applicable"] != result.er_applicable:
            return Evaluation(end, "depends", [], time_of_day=True)
    return result


def open_codes(rules: RuleSet, ev: Evaluation) -> list[str]:
    """The codes of the open points of a `depends` answer (CONTRACT.md `uncertain`): each
    condition that is unknown, then the splits' own (the time of day, the ground)."""
    if ev.er_applicable != "depends":
        return [GROUND_UNKNOWN] if ev.ground_unknown else []
    found = [c.code for c in rules.conditions if ev.values[f"c:{c.code}"] is None]
    if ev.time_of_day:
        found.append(TIME_OF_DAY)
    return [*found, *([GROUND_UNKNOWN] if ev.ground_unknown else [])]


def evaluate_row(rules: RuleSet, row: Row) -> Evaluation:
    base = _day_cases(rules, row)
    unknown = {c: v for c, v in split_values(rules.law).items() if v and row[c] is None}
    if base.er_applicable != "depends" or not unknown:
        return base
    cases: list[Evaluation] = []
    for values in product(*unknown.values()):
        case = _day_cases(rules, {**row, **dict(zip(unknown, values, strict=True))})
        if case.er_applicable == "depends" or (
            cases
            and (case.er_applicable, case.blocking) != (cases[0].er_applicable, cases[0].blocking)
        ):
            return base
        cases.append(case)
    first = cases[0]
    if all(c.values["category"] == first.values["category"] for c in cases):
        # The facts stay unknown in what the determination shows.
        return Evaluation(
            {**first.values, **dict.fromkeys(unknown)},
            first.er_applicable,
            first.blocking,
            first.time_of_day,
        )
    return Evaluation(
        base.values, first.er_applicable, first.blocking, ground_unknown=tuple(unknown)
    )
