"""The ways the ground may go where it turns on an unknown fact (CONTRACT.md, "Conventions
settled in use": `category` is `undetermined` where the ground turns on a missing distance
or mode of arrival; where every ground gives the same answer, the answer stands and the
explanation says "whichever applies").

The row is answered under each value of the unknowns that take few values (the split of
`erpath.rules.answer`); the cases are grouped by the ground they meet, each group a branch
with its answer, its blocks and the values it was answered with.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from typing import Any

from erpath.rules.answer import Evaluation, border_limits, evaluate_row, split_values
from erpath.rules.expr import Row
from erpath.rules.ruleset import RuleSet
from erpath.wording import Wording


@dataclass(frozen=True)
class Case:
    """One branch: the ground, the facts' values it was answered with (those of its first
    case), its answer and blocks, and the unknown facts' values that lead to it, in words."""

    category: str
    evaluation: Evaluation
    answer: str
    blocking: list[str]
    when: str


def _distance(w: Wording, miles: float, limits: list[float]) -> str:
    below = [m for m in limits if m < miles]
    above = [m for m in limits if m > miles]
    if not below:
        return w.fragment("branch_within", miles=f"{above[0]:g}")
    if not above:
        return w.fragment("branch_beyond", miles=f"{below[-1]:g}")
    return w.fragment("branch_between", low=f"{below[-1]:g}", high=f"{above[0]:g}")


def _when(w: Wording, case: dict[str, Any], limits: list[float]) -> str:
    parts = []
    for name, value in case.items():
        if name == "miles_from_land_border":
            parts.append(_distance(w, value, limits))
        else:
            parts.append(w.fragment("branch_mode", mode=w.label("arrival_modes", value)))
    return w.fragment("branch_and", items=w.join(parts)) if len(parts) > 1 else parts[0]


def branches(rules: RuleSet, row: Row, w: Wording) -> list[Case]:
    """The branches of the ground for `row`: empty where the unknowns (if any) leave one
    ground."""
    unknown = {c: v for c, v in split_values(rules.law).items() if v and row[c] is None}
    if not unknown:
        return []
    limits = border_limits(rules.law)
    grouped: dict[str, list[tuple[dict[str, Any], Evaluation]]] = {}
    for values in product(*unknown.values()):
        case = dict(zip(unknown, values, strict=True))
        ev = evaluate_row(rules, {**row, **case})
        grouped.setdefault(ev.values["category"], []).append((case, ev))
    if len(grouped) < 2:
        return []
    found = []
    for category, cases in grouped.items():
        answers = {ev.er_applicable for _, ev in cases}
        answer = answers.pop() if len(answers) == 1 else "depends"
        blocks = set.intersection(*(set(ev.blocking) for _, ev in cases))
        found.append(
            Case(
                category=category,
                evaluation=cases[0][1],
                answer=answer,
                blocking=sorted(blocks) if answer == "no" else [],
                when=w.fragment("or_separator").join(_when(w, c, limits) for c, _ in cases),
            )
        )
    return found


__all__ = ["Case", "branches"]
