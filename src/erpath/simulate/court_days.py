"""What each immigration court allows on each day, as the answers do (legal brief 2.2, 3.2;
`erpath.answer.arrest_at_court`): whether ICE may arrest at or near the court, and whether
a DHS motion to dismiss is decided from the bench, with no response period. Asked of the
same functions that answer one person, on the days the policies and orders on them change,
and held between those days; an answer that `depends` is read as the scenario says."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt

from erpath.answer.arrest_at_court import arrest_at_court, dismissal_response
from erpath.contract.facts import Facts, Proceedings
from erpath.law.model import Law
from erpath.simulate.scenario import Readings


@dataclass(frozen=True)
class CourtDays:
    """[court, day - first] for the courts in `courts` order."""

    courts: list[str]
    arrests_allowed: npt.NDArray[np.bool_]
    bench_decision: npt.NDArray[np.bool_]


def _policy_days(law: Law, concern: str) -> set[date]:
    policy = law.policy(concern)
    days = {policy.since}
    for u in policy.unknown:
        days.add(u.from_)
        if u.to is not None:
            days.add(u.to + timedelta(days=1))
    for order in law.orders_on_policy(policy):
        for d in (order.since, order.until):
            if d is not None:
                days.add(d)
        for u in order.unknown:
            days.add(u.from_)
            if u.to is not None:
                days.add(u.to + timedelta(days=1))
    return days


def court_days(
    law: Law, courts: list[str], first: date, last: date, reading: Readings
) -> CourtDays:
    """Every court's answers for every day of [first, last]."""
    span = (last - first).days + 1
    arrests = np.zeros((len(courts), span), dtype=np.bool_)
    bench = np.zeros((len(courts), span), dtype=np.bool_)
    arrest_policy = law.policy("courthouse_arrests")
    days = sorted(
        {first}
        | {d for d in _policy_days(law, "courthouse_arrests") if first < d <= last}
        | {d for d in _policy_days(law, "dismissal_response") if first < d <= last}
    )
    for i, court in enumerate(courts):
        for j, day in enumerate(days):
            begin = (day - first).days
            end = (days[j + 1] - first).days if j + 1 < len(days) else span
            pending = Facts(as_of=day, proceedings=Proceedings(section_240="pending", court=court))
            dismissed = Facts(
                as_of=day, proceedings=Proceedings(section_240="dismissed", court=court)
            )
            restricted = arrest_at_court(dismissed, law)
            response = dismissal_response(pending, law)
            assert restricted is not None
            assert response is not None
            allowed = day >= arrest_policy.since and (
                restricted.restricted == "no"
                or (
                    restricted.restricted == "depends"
                    and reading.courthouse_arrests_unknown == "allowed"
                )
            )
            from_bench = response.required == "no" or (
                response.required == "depends"
                and reading.dismissal_response_unknown == "not_required"
            )
            arrests[i, begin:end] = allowed
            bench[i, begin:end] = from_bench
    return CourtDays(courts, arrests, bench)
