"""The vectorised model agrees in distribution with the same model written one process per
person on SimPy (benchmarks/simpy_pipeline.py), on seeded runs of a small scenario with the
law fixed: for each measure, the monthly counts of 40 runs of each pass a two-sample
Kolmogorov-Smirnov test. And the test tells apart a model whose fear share differs."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import numpy.typing as npt
import pytest
from benchmarks.simpy_pipeline import SimpyPipeline
from scipy.stats import ks_2samp

from erpath.simulate.model import Prepared, simulate_once
from erpath.simulate.results import Results, summarise

RUNS = 40
ALPHA = 0.001
MEASURES = (
    "hearings",
    "in_absentia_orders",
    "dismissal_motions",
    "arrests_at_court",
    "expedited_removal_placements",
    "credible_fear_referrals",
    "credible_fear_found",
    "credible_fear_reviews",
    "removed_through_er",
    "returned_to_240",
    "removal_orders",
    "removed_under_judge_order",
)


def _monthly(results: Results, measure: str) -> npt.NDArray[np.float64]:
    """Every run's monthly counts of `measure`, pooled."""
    from erpath.simulate.flows import INDEX
    from erpath.simulate.flows import MEASURES as SUMS
    from erpath.simulate.results import _month_index

    month_of_day, months = _month_index(results.prepared)
    columns = [INDEX[k] for k in SUMS[measure]]
    out: list[int] = []
    for run in results.runs:
        daily = run.flows[:, columns].sum(axis=1)
        out.extend(int(daily[month_of_day == m].sum()) for m in range(len(months)))
    return np.array(out, dtype=np.float64)


@pytest.fixture(scope="module")
def numpy_results(oracle_prepared: Prepared) -> Results:
    return summarise(oracle_prepared, [simulate_once(oracle_prepared, i) for i in range(RUNS)])


@pytest.fixture(scope="module")
def simpy_results(oracle_prepared: Prepared) -> Results:
    from erpath.simulate.model import Run

    runs = []
    for i in range(RUNS):
        model = SimpyPipeline(oracle_prepared, i)
        runs.append(Run(model.run()))
    return summarise(oracle_prepared, runs)


@pytest.mark.parametrize("measure", MEASURES)
def test_the_model_agrees_with_simpy(
    numpy_results: Results, simpy_results: Results, measure: str
) -> None:
    ours, theirs = _monthly(numpy_results, measure), _monthly(simpy_results, measure)
    assert ours.sum() > 0, f"{measure}: nothing happened, the test would prove nothing"
    result = ks_2samp(ours, theirs)
    assert result.pvalue > ALPHA, (measure, ours.mean(), theirs.mean(), result)


def test_the_test_tells_a_different_fear_share_apart(
    oracle_prepared: Prepared, simpy_results: Results
) -> None:
    scenario = oracle_prepared.scenario
    rates = scenario.rates.model_copy(
        update={"expresses_fear": scenario.rates.expresses_fear.model_copy(update={"value": 0.3})}
    )
    other = replace(oracle_prepared, scenario=scenario.model_copy(update={"rates": rates}))
    results = summarise(other, [simulate_once(other, i) for i in range(RUNS)])
    measure = "credible_fear_referrals"
    assert ks_2samp(_monthly(results, measure), _monthly(simpy_results, measure)).pvalue < ALPHA
