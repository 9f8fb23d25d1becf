"""The periods of the standard tables: each month (`--by month`) from a first month to
the release's date, the last one cut at the release's date.

A period is counted through `end`: flows (completions, orders, decisions) on the days
[start, end], the backlog as of `end`. The month of the release's date ends on that date
(the release holds nothing later), so its flows are a part of a month and its backlog is
that of the release's date. `quarter` and `fiscal_year` (EOIR's year, October to
September) would be other `By` values with their own labels and starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

import polars as pl

DEFAULT_START = date(2019, 10, 1)  # the first month of EOIR's fiscal year 2020


class By(StrEnum):
    month = "month"


@dataclass(frozen=True)
class Period:
    label: str  # "2025-01"
    start: date
    end: date  # the last day counted (the month's last, or the release's date)
    complete: bool  # False for the release's month when the release ends before it does


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


# Per `By`: the first day of the period holding a day, the next period's first day, and
# the label's format.
STEPS = {By.month: (_month_start, _next_month, "%Y-%m")}


def periods(start: date, release_date: date, by: By = By.month) -> list[Period]:
    """The periods from the one holding `start` to the one holding `release_date`."""
    begin, following, label = STEPS[by]
    first = begin(start)
    if first > release_date:
        raise ValueError(
            f"--from {first:{label}}: after the release's date ({release_date.isoformat()})"
        )
    out: list[Period] = []
    current = first
    while current <= release_date:
        last = following(current) - timedelta(days=1)
        end = min(last, release_date)
        out.append(Period(f"{current:{label}}", current, end, last <= release_date))
        current = following(current)
    return out


def period_frame(chosen: list[Period]) -> pl.DataFrame:
    """The periods as a table: period, period_start, period_end, complete."""
    return pl.DataFrame(
        {
            "period": [p.label for p in chosen],
            "period_start": [p.start for p in chosen],
            "period_end": [p.end for p in chosen],
            "complete": [p.complete for p in chosen],
        },
        schema={
            "period": pl.String,
            "period_start": pl.Date,
            "period_end": pl.Date,
            "complete": pl.Boolean,
        },
    )
