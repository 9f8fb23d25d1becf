"""The scenario's levers on the law: a stay that is never lifted, and courthouse arrests
barred in ICE areas as a court order would bar them (the answers then read the lever as
they read the law data's orders, `erpath.simulate.court_days`)."""

from __future__ import annotations

from erpath.law.model import Bars, CourtOrder, Law, Where
from erpath.places.jurisdiction import areas
from erpath.simulate.scenario import Levers, ScenarioError


def law_with_levers(law: Law, levers: Levers) -> Law:
    """`law` with the levers applied; ScenarioError for an area ICE does not have."""
    known = areas()
    problems = [
        f"levers.courthouse_arrests_barred[{n}].areas: {a!r} is not an ICE area "
        f"(one of {', '.join(sorted(known))})"
        for n, bar in enumerate(levers.courthouse_arrests_barred)
        for a in bar.areas
        if a not in known
    ]
    if problems:
        raise ScenarioError(problems)
    orders = list(law.orders)
    if levers.stay_never_lifted:
        # each stay of a designation that a vacatur ended runs on
        vacated = {o.issued_on for o in orders if o.kind == "vacatur"}
        orders = [
            o.model_copy(update={"until": None})
            if o.kind == "stay" and o.bars and o.bars.designation and o.until in vacated
            else o
            for o in orders
        ]
    policy = law.policy("courthouse_arrests")
    for n, bar in enumerate(levers.courthouse_arrests_barred, start=1):
        orders.append(
            CourtOrder(
                id=f"lever-courthouse-arrests-{n}",
                title=f"Scenario lever: courthouse arrests barred in {', '.join(bar.areas)}",
                court="scenario",
                case="scenario lever",
                kind="injunction",
                issued_on=bar.since,
                bars=Bars(policy=policy.id),
                where=Where(areas=bar.areas),
                since=bar.since,
                sources=[],
            )
        )
    return law.model_copy(update={"orders": orders})
