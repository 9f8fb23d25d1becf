"""The simulation's outputs: monthly flows per measure, for the population (people of the
model times their weight), with bands across the seeded replications (the 5th and 95th
percentiles; the mean as the central value), and the detention load by day.

A month after the law data's verified date is marked `law_held`: the law there is held as
it stood on that date (ADR 0034), and every output says so."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt
import polars as pl

from erpath.simulate.flows import DETAINED, FLOWS, INDEX, MEASURES, States
from erpath.simulate.model import Prepared, Run, simulate_once

LOW, HIGH = 5, 95  # the band's percentiles


@dataclass(frozen=True)
class Results:
    """`monthly`: month, measure, mean, low, high, law_held; `detained`: day, mean, low,
    high (people held on the day); `runs`: the replications' flows."""

    prepared: Prepared
    runs: list[Run]
    monthly: pl.DataFrame
    detained: pl.DataFrame

    def measure(self, name: str) -> pl.DataFrame:
        return self.monthly.filter(pl.col("measure") == name).sort("month")


def _month_index(prepared: Prepared) -> tuple[npt.NDArray[np.int64], list[date]]:
    days = [prepared.first + timedelta(days=d) for d in range(prepared.span)]
    months = sorted({d.replace(day=1) for d in days})
    position = {m: i for i, m in enumerate(months)}
    return np.array([position[d.replace(day=1)] for d in days], dtype=np.int64), months


def detained_by_day(flows: npt.NDArray[np.int64], states: States) -> npt.NDArray[np.int64]:
    """People held at the end of each day: everyone who entered a detained state less
    everyone who left one (the model starts with no one held)."""
    held = {states.of(p) for p in DETAINED}
    change = np.zeros(flows.shape[0], dtype=np.int64)
    for i in range(len(FLOWS)):
        inside, outside = states.target[i] in held, states.source[i] in held
        if inside and not outside:
            change += flows[:, i]
        elif outside and not inside:
            change -= flows[:, i]
    return np.cumsum(change)


def _band(values: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.float64], ...]:
    """Mean, low and high over the replications (axis 0)."""
    return (
        values.mean(axis=0),
        np.percentile(values, LOW, axis=0),
        np.percentile(values, HIGH, axis=0),
    )


def summarise(prepared: Prepared, runs: Sequence[Run]) -> Results:
    w = prepared.weight
    month_of_day, months = _month_index(prepared)
    stacked = np.stack([r.flows for r in runs])  # [rep, day, flow]
    per_month = np.zeros((len(runs), len(months), len(FLOWS)), dtype=np.int64)
    for m in range(len(months)):
        per_month[:, m, :] = stacked[:, month_of_day == m, :].sum(axis=1)
    held_after = prepared.law.verified_through
    frames = []
    for name, keys in MEASURES.items():
        values = per_month[:, :, [INDEX[k] for k in keys]].sum(axis=2) * w
        mean, low, high = _band(values.astype(np.float64))
        frames.append(
            pl.DataFrame(
                {
                    "month": months,
                    "measure": name,
                    "mean": mean,
                    "low": low,
                    "high": high,
                    "law_held": [
                        (m.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
                        > held_after
                        for m in months
                    ],
                }
            )
        )
    held = (np.stack([detained_by_day(r.flows, prepared.states) for r in runs]) * w).astype(
        np.float64
    )
    mean, low, high = _band(held)
    detained = pl.DataFrame(
        {
            "day": [prepared.first + timedelta(days=d) for d in range(prepared.span)],
            "mean": mean,
            "low": low,
            "high": high,
        }
    )
    return Results(prepared, list(runs), pl.concat(frames), detained)


Progress = Callable[[int], None]


def simulate(
    prepared: Prepared,
    replications: int | None = None,
    progress: Progress | None = None,
    scheduler: str | None = None,
) -> Results:
    """Run the seeded replications (on the Dask cluster at `scheduler` if given) and
    summarise them."""
    count = replications or prepared.scenario.replications
    if scheduler is not None:
        from erpath.simulate.cluster import on_cluster

        runs = on_cluster(prepared, count, scheduler, progress)
    else:
        runs = []
        for i in range(count):
            runs.append(simulate_once(prepared, i))
            if progress:
                progress(1)
    return summarise(prepared, runs)
