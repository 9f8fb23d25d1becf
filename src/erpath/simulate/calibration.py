"""How close a scenario comes to the published figures it is calibrated on: each target of
the scenario's `calibration:` (a metric of calibration_targets.csv), simulated over the
figure's own period as the same ratio of the model's measures, with the error and whether
it is within the scenario's tolerance."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from erpath.simulate.flows import REMOVALS
from erpath.simulate.results import Results

TARGETS_FILE = Path(__file__).parent / "data" / "calibration_targets.csv"
# metric -> (the measures added in the numerator, those in the denominator)
RATIOS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "ice_removals_share_expedited_removal": (("removed_through_er",), REMOVALS),
    "ice_removals_share_er_with_credible_fear": (
        ("removed_through_er_after_fear_claim",),
        REMOVALS,
    ),
    "ice_removals_share_reinstatement": (("removed_by_reinstatement",), REMOVALS),
    "ice_removals_share_ij_order": (("removed_under_judge_order",), REMOVALS),
    "credible_fear_positive_share_of_decided": (
        ("credible_fear_found",),
        ("credible_fear_found", "credible_fear_not_found"),
    ),
    "ij_cfr_share_vacated": (("reviews_vacated",), ("reviews_decided",)),
}


@dataclass(frozen=True)
class Figure:
    metric: str
    value: float
    period: str
    source: str


def figures() -> dict[str, list[Figure]]:
    """The published numbers by metric (a metric may have several, for several periods);
    rows whose value is not a number (a date) are left out."""
    found: dict[str, list[Figure]] = {}
    with TARGETS_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            try:
                value = float(row["value"])
            except ValueError:
                continue
            found.setdefault(row["metric"], []).append(
                Figure(row["metric"], value, row["period"], row["source"])
            )
    return found


def calibration_table(results: Results) -> pl.DataFrame:
    """One row per target: metric, period, target, simulated, error, tolerance, within;
    ValueError for a target the model has no ratio for, or the figures do not hold."""
    calibration = results.prepared.scenario.calibration
    if calibration is None:
        raise ValueError(f"scenario {results.prepared.scenario.id}: no calibration targets")
    published = figures()
    months = results.monthly.filter(
        (pl.col("month") >= calibration.window_from.replace(day=1))
        & (pl.col("month") <= calibration.window_to)
    )

    def total(names: tuple[str, ...]) -> float:
        return float(months.filter(pl.col("measure").is_in(list(names)))["mean"].sum())

    rows = []
    for target in calibration.targets:
        if target.metric not in RATIOS:
            raise ValueError(f"calibration: the model has no ratio for {target.metric!r}")
        figure = next(
            (f for f in published.get(target.metric, []) if f.period == target.period), None
        )
        if figure is None:
            raise ValueError(f"calibration: no figure {target.metric!r} for {target.period!r}")
        top, bottom = RATIOS[target.metric]
        whole = total(bottom)
        simulated = total(top) / whole if whole else float("nan")
        error = simulated - figure.value
        rows.append(
            {
                "metric": target.metric,
                "period": figure.period,
                "target": figure.value,
                "simulated": simulated,
                "error": error,
                "tolerance": target.tolerance,
                "within": abs(error) <= target.tolerance,
            }
        )
    return pl.DataFrame(rows)
