"""The answer for one row, splitting on the unknowns that take few values.

Kleene logic cannot see that "within 100 miles or beyond" always holds, and a bare date
on which the 2025 designation took effect (6:00 p.m. EST) is both before and after it.
Nor can it see that an arrival was by land, by air or by sea when none is recorded. So
where the day is ambiguous, or the distance or mode is unknown, the row is evaluated under
each case (each end of the day; a distance on each side of every border threshold and each
mode of arrival) and the answer is the one all cases give; where they differ, `depends`
(CONTRACT.md: `depends` only where an unknown fact decides the answer). Where the cases
meet different grounds, the category is `undetermined` and, for a `no`, the blocks are
those all cases share, or every case's where they share none (`whichever`); the
explanation says "whichever applies" (erpath.answer.branches).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import pairwise, product
from typing import Any, get_args

from erpath.contract.determination import Answer
from erpath.contract.facts import Arrival
from erpath.law.model import Law, timed_boundaries
from erpath.rules.expr import Row
from erpath.rules.ruleset import BLOCKING_CODES, RuleSet, blocking_of


@dataclass(frozen=True)
class Evaluation:
    """The rules' values for one row, and the answer after splitting on the unknowns."""

    values: dict[str, Any]
    er_applicable: Answer
    blocking: list[str]
    time_of_day: bool = False
    # The unknown facts on which the ground (category) turns though the answer does not.
    ground_unknown: tuple[str, ...] = ()
    # Where the row was split: each case (the unknown facts' values) and its evaluation.
    cases: tuple[tuple[Row, Evaluation], ...] = ()


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


UNDETERMINED = "undetermined"  # the category where the ground turns on an unknown fact


def whichever(answers: list[Evaluation]) -> tuple[Answer, list[str], str]:
    """The answer, blocks and category of the cases of one row (CONTRACT.md, "Conventions
    settled in use"): the answer all cases give (else `depends`); for a `no`, the blocks all
    cases share, or where they share none, every case's; the category all cases meet, else
    `undetermined`."""
    first = answers[0]
    same = all(a.er_applicable == first.er_applicable for a in answers)
    answer: Answer = first.er_applicable if same else "depends"
    blocking: list[str] = []
    if answer == "no":
        sets = [set(a.blocking) for a in answers]
        chosen = set.intersection(*sets) or set.union(*sets)
        blocking = [c for c in BLOCKING_CODES if c in chosen]
    categories = {a.values["category"] for a in answers}
    return answer, blocking, categories.pop() if len(categories) == 1 else UNDETERMINED


def unknown_splits(law: Law, row: Row) -> dict[str, list[Any]]:
    """The split columns (`split_values`) unknown in `row`, with the values to try."""
    return {c: v for c, v in split_values(law).items() if v and row[c] is None}


def evaluate_row(rules: RuleSet, row: Row) -> Evaluation:
    base = _day_cases(rules, row)
    unknown = unknown_splits(rules.law, row)
    if not unknown:
        return base
    split = tuple(
        (case, _day_cases(rules, {**row, **case}))
        for case in (
            dict(zip(unknown, values, strict=True)) for values in product(*unknown.values())
        )
    )
    cases = [ev for _, ev in split]
    answer, blocking, category = whichever(cases)
    if answer == "depends":
        # the open points are the one-row evaluation's (its unknown conditions)
        values = {**base.values, "category": category}
        return Evaluation(values, "depends", [], base.time_of_day, cases=split)
    if category != UNDETERMINED and base.er_applicable != "depends":
        return replace(base, cases=split)
    if category != UNDETERMINED:
        # The facts stay unknown in what the determination shows.
        first = cases[0]
        values = {**first.values, **dict.fromkeys(unknown)}
        return Evaluation(values, answer, blocking, first.time_of_day, cases=split)
    values = {**base.values, "category": category}
    return Evaluation(values, answer, blocking, ground_unknown=tuple(unknown), cases=split)
