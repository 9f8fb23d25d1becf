"""The pipeline model written again, one process per person, on SimPy: the correctness
oracle of `erpath.simulate.model` (tests/simulate/test_oracle.py) and its speed baseline
(benchmarks/simulate.py), on their shared scenario (benchmarks/oracle.yaml).

It is the same small model with the law fixed: everyone is in ER's reach, every court lets
ICE arrest at the court and decides motions from the bench. Each person's path is written
as the procedure reads (a hearing, a motion, a grant, an arrest, ER, fear, the interview,
the review), with the same shares and delays, drawn with its own random stream; it shares
no code with the model but the scenario it reads and the names of the flows it counts."""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import simpy

from erpath.simulate.court_days import CourtDays
from erpath.simulate.eligibility import YES
from erpath.simulate.flows import FLOWS, INDEX
from erpath.simulate.model import Prepared

Process = Generator[Any, Any, None]
ORACLE_SCENARIO = Path(__file__).parent / "oracle.yaml"


def fixed_law(prepared: Prepared) -> Prepared:
    """`prepared` with the law fixed as this model reads it: everyone in ER's reach, arrests
    at every court allowed, every motion decided from the bench."""
    courts = prepared.courts
    every = np.ones_like(courts.arrests_allowed)
    return replace(
        prepared,
        reach=np.full_like(prepared.reach, YES),
        courts=CourtDays(courts.courts, every, every.copy()),
    )


class SimpyPipeline:
    def __init__(self, prepared: Prepared, replication: int) -> None:
        s = prepared.scenario
        self.p, self.r, self.pop = prepared, s.rates, s.population
        self.rng = np.random.default_rng([s.seed, replication, 7])
        self.env = simpy.Environment()
        self.flows = np.zeros((prepared.span, len(FLOWS)), dtype=np.int64)
        self.campaign = (s.campaign.since - prepared.first).days if s.campaign else prepared.span
        self.grant = s.grant_share()
        self.positive = s.credible_fear_share()

    def count(self, key: str) -> None:
        self.flows[int(self.env.now), INDEX[key]] += 1

    def chance(self, share: float) -> bool:
        return bool(self.rng.random() < share)

    def hearing_in(self) -> int:
        return max(1, int(np.rint(self.rng.exponential(self.r.hearing_interval_days.value))))

    def wait(self, days: float) -> simpy.Timeout:
        return self.env.timeout(int(days))

    # one person's path -------------------------------------------------------------

    def case(self, first_hearing: int) -> Process:
        yield self.wait(first_hearing)
        while True:  # a hearing is scheduled (S0)
            if self.chance(self.r.fails_to_appear.value):
                self.count("row_2")
                return
            self.count("row_1")
            while True:  # at the hearing (S1)
                if self.env.now >= self.campaign and self.chance(self.r.dhs_moves_to_dismiss.value):
                    self.count("row_3")
                    if self.chance(self.grant):
                        self.count("row_4")
                        if self.chance(self.r.ice_arrests_at_court.value):
                            self.count("row_8")
                            yield from self.custody()
                        else:
                            self.count("dismissed_not_arrested")
                        return
                    self.count("row_5")
                    yield self.wait(self.hearing_in())
                    self.count("row_6")
                    continue
                u = self.rng.random()
                if u < self.r.ij_orders_removal.value:
                    self.count("row_10")
                    yield from self.ordered()
                    return
                if u < self.r.ij_orders_removal.value + self.r.completed_otherwise.value:
                    self.count("completed_otherwise")
                    return
                self.count("hearing_continued")
                yield self.wait(self.hearing_in())
                break

    def ordered(self) -> Process:
        yield self.wait(self.p.appeal_days[int(self.env.now)])
        if self.chance(self.r.respondent_appeals_order.value):
            self.count("row_12")
            yield self.wait(self.r.bia_decision_days.value)
            self.count("row_13")
        else:
            self.count("row_11")
        if self.chance(self.r.removal_after_order.value):
            yield self.wait(self.r.days_to_removal.value)
            self.count("row_15")

    def custody(self) -> Process:
        self.count("row_16")
        if not self.chance(self.r.expresses_fear.value):
            self.count("row_21")
            yield self.wait(self.r.days_to_removal.value)
            self.count("row_23")
            return
        self.count("row_22")
        yield self.wait(self.r.days_to_interview.value)
        if self.chance(self.positive):
            self.count("row_24")
            yield self.wait(self.r.days_to_nta.value)
            self.count("row_29")
            return
        if not self.chance(self.r.review_requested.value):
            yield self.wait(self.r.days_to_removal.value)
            self.count("row_26")
            return
        self.count("row_25")
        yield self.wait(self.p.review_days[int(self.env.now)])
        if self.chance(self.r.ij_vacates.value):
            self.count("row_28")
            yield self.wait(self.r.days_to_nta.value)
            self.count("row_29")
            return
        yield self.wait(self.r.days_to_removal.value)
        self.count("row_27")

    def border(self) -> Process:
        self.count("border_encounter")
        yield from self.custody()

    def arrivals(self) -> Process:
        for _ in range(self.p.span):
            for _ in range(self.rng.poisson(self.pop.new_cases_per_day.value / self.p.weight)):
                self.count("new_case")
                self.env.process(self.case(self.hearing_in()))
            for _ in range(
                self.rng.poisson(self.pop.border_encounters_per_day.value / self.p.weight)
            ):
                self.env.process(self.border())
            yield self.wait(1)

    def run(self) -> npt.NDArray[np.int64]:
        for _ in range(round(self.pop.pending.value / self.p.weight)):
            self.env.process(self.case(self.hearing_in()))
        self.env.process(self.arrivals())
        self.env.run(until=self.p.span)
        return self.flows
