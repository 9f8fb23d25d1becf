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

from erpath.rules.answer import Evaluation, border_limits, whichever
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


def _when(w: Wording, case: Row, limits: list[float]) -> str:
    parts = []
    for name, value in case.items():
        if name == "miles_from_land_border":
            parts.append(_distance(w, value, limits))
        else:
            parts.append(w.fragment("branch_mode", mode=w.label("arrival_modes", value)))
    return w.join(parts)


def branches(rules: RuleSet, ev: Evaluation, w: Wording) -> list[Case]:
    """The branches of the ground of a row's evaluation `ev`: empty where the unknowns (if
    any) leave one ground. Each groups the cases of the split that meet one ground, and
    takes their answer and blocks as the split does (`whichever`)."""
    grouped: dict[str, list[tuple[Row, Evaluation]]] = {}
    for case, answered in ev.cases:
        grouped.setdefault(answered.values["category"], []).append((case, answered))
    if len(grouped) < 2:
        return []
    limits = border_limits(rules.law)
    found = []
    for category, cases in grouped.items():
        answer, blocking, _ = whichever([answered for _, answered in cases])
        found.append(
            Case(
                category=category,
                evaluation=cases[0][1],
                answer=answer,
                blocking=blocking,
                when=w.fragment("or_separator").join(_when(w, c, limits) for c, _ in cases),
            )
        )
    return found


__all__ = ["Case", "branches"]
