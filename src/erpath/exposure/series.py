"""The exposure over a range of dates, with every day on which the law changes.

The days are those of the range at a regular step, and, for every boundary of the law data
in the range (`Law.boundaries()`: designations, rescissions, court orders, the end of the
verified law), the boundary day and the days before and after it, so that each
designation's and each order's effect shows as a step on its day. The day after is needed
for a change at a time of day (the 2025 designation, from 18:00 on 21 January): a bare
date is read at both ends, so on the boundary day itself the answer is still `depends`,
and without the next day the step would be drawn up to the next regular point, late.
Nothing here knows a date of the law: the days and their labels come from the law data.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import polars as pl

from erpath.exposure.exposure import (
    Prepared,
    add_counts,
    counts,
    determined_on_days,
    prepare_release,
)
from erpath.exposure.facts_table import NONE_ASSUMED, Assumptions
from erpath.exposure.release import IngestedRelease
from erpath.law.model import Law
from erpath.law.moment import boundary_day
from erpath.rules import RuleSet, bundled_rules

ROWS_PER_BATCH = 4_000_000  # (case, day) rows answered at once


def law_events(law: Law) -> dict[date, list[str]]:
    """What changes on each boundary day of the law data, in words from the data."""
    events: dict[date, list[str]] = {}

    def add(day: date, text: str) -> None:
        events.setdefault(day, []).append(text)

    for d in law.designations:
        add(boundary_day(d.since), f"{d.id} in force")
        if d.until is not None:
            add(boundary_day(d.until), f"{d.id} ends")
        for cls in d.classes:
            for n in cls.nationals_excepted:
                add(n.until, f"{d.id}/{cls.id} no longer excepts {n.country}")
    for o in law.orders:
        if o.since is None:
            continue
        add(o.since, f"{o.id} ({o.kind}) in effect")
        if o.until is not None:
            add(o.until, f"{o.id} ends")
        for u in o.unknown:
            add(u.from_, f"{o.id}: whether in effect unknown ({u.contested})")
    for c in law.western_hemisphere_without_full_relations:
        add(c.since, f"INA 235(b)(1)(F) reaches {c.country}")
        if c.until is not None:
            add(c.until, f"INA 235(b)(1)(F) no longer reaches {c.country}")
    for p in law.parameters.values():
        for v in p.values:
            add(v.since, f"{p.id}: {v.value} {p.unit}")
    add(law.verified_through + timedelta(days=1), f"law verified through {law.verified_through}")
    for day in law.boundaries():
        events.setdefault(day, ["the law data changes"])
    return events


def series_days(start: date, end: date, every: str, law: Law) -> list[date]:
    """The days of [start, end] at the step `every` (polars interval: "1d", "1w",
    "1mo"), the law's boundary days in the range and the days before and after each."""
    if end < start:
        raise ValueError(f"the range ends ({end}) before it starts ({start})")
    regular = pl.date_range(start, end, every, eager=True).to_list()
    marked: set[date] = set()
    for day in law.boundaries():
        if start <= day <= end:
            near = (day - timedelta(days=1), day, day + timedelta(days=1))
            marked.update(d for d in near if start <= d <= end)
    return sorted({*regular, *marked})


def exposure_series(
    release: IngestedRelease | Prepared,
    start: date,
    end: date,
    every: str = "1mo",
    by: Sequence[str] = (),
    rules: RuleSet | None = None,
    assume: Assumptions = NONE_ASSUMED,
) -> pl.DataFrame:
    """The counts (`erpath.exposure.exposure.counts`) on each day of `series_days`, by
    `by`, with `law_change`: what the law data changes that day (null on other days)."""
    rules = rules or bundled_rules()
    prepared = (
        prepare_release(release, law=rules.law) if isinstance(release, IngestedRelease) else release
    )
    prepared = prepared.collected()
    days = series_days(start, end, every, rules.law)
    spans = prepared.spans.select(pl.len()).collect().item()
    per_batch = max(1, ROWS_PER_BATCH // max(int(spans), 1))
    keys = ["as_of", *by]
    parts = [
        counts(determined_on_days(prepared, days[i : i + per_batch], rules, assume), keys)
        for i in range(0, len(days), per_batch)
    ]
    table = add_counts(pl.concat(parts), keys)
    return with_days(table, days, by, rules.law)


def with_days(
    table: pl.DataFrame, days: Sequence[date], by: Sequence[str], law: Law
) -> pl.DataFrame:
    """Every day of `days` (a day with no pending case counts zero when `by` is empty),
    and the law's changes on each."""
    grid = pl.DataFrame({"as_of": list(days)}, schema={"as_of": pl.Date})
    if not by:
        table = grid.join(table, on="as_of", how="left").with_columns(
            pl.exclude("as_of").fill_null(0)
        )
    events = law_events(law)
    labels = pl.DataFrame(
        {
            "as_of": list(events),
            "law_change": ["; ".join(texts) for texts in events.values()],
        },
        schema={"as_of": pl.Date, "law_change": pl.String},
    )
    return table.join(labels, on="as_of", how="left").sort("as_of", *by)
