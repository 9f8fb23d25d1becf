"""A chart per standard table, drawn from the published table (a hidden cell, "<10", is a
gap): the totals over the periods, and for a breakdown the largest groups, the title
saying how many of how many ("top 8 of 97"). A count on a period's last day (the
backlog) is a point on that day; a count over a period (a flow) is a step over its days,
so each month's figure is drawn on that month.
"""

from __future__ import annotations

import textwrap
from datetime import date, timedelta
from pathlib import Path

import matplotlib.pyplot as plt
import polars as pl
from matplotlib.axes import Axes

from erpath.exposure.charts import (
    DPI,
    WIDTH_INCHES,
    add_footnote,
    cell_number,
    mdates,
    save_chart,
    top_of,
)
from erpath.exposure.tables import ALL, HIDDEN, THRESHOLD
from erpath.standard_tables.catalogue import Standard

LINES = 8  # groups drawn in a breakdown's lower panel


def _draw(ax: Axes, table: pl.DataFrame, count: str, stock: bool, label: str) -> None:
    values = [cell_number(v) for v in table.get_column(count).to_list()]
    y = [float("nan") if v is None else float(v) for v in values]
    if stock:
        x = mdates.date2num(table.get_column("period_end").to_list())
        ax.plot(x, y, marker="o", ms=2, lw=1.2, label=label)
        return
    # a step over each period's days: from its first day to the next period's first
    starts: list[date] = table.get_column("period_start").to_list()
    last: date = table.get_column("period_end").to_list()[-1] + timedelta(days=1)
    x = mdates.date2num([*starts, last])
    ax.step(x, [*y, y[-1]], where="post", lw=1.2, label=label)


def standard_chart(standard: Standard, table: pl.DataFrame, path: Path, release_date: date) -> Path:
    """The chart of the published `table` of `standard`, as PNG or SVG."""
    by = standard.by
    totals = table if by is None else table.filter(pl.col(f"{by}_code") == ALL)
    panels = 1 if by is None else 2
    fig, axes = plt.subplots(
        panels, 1, figsize=(WIDTH_INCHES, 3.6 * panels), dpi=DPI, sharex=True, squeeze=False
    )
    top: Axes = axes[0][0]
    periods = totals.get_column("period").to_list()
    span = f"{periods[0]} to {periods[-1]}" if periods else ""
    top.set_title(f"{standard.title}, {span}", fontsize=10)
    for count in standard.drawn:
        _draw(top, totals, count, standard.stock, count.replace("_", " "))
    top.set_ylim(bottom=0)
    top.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    if not totals.is_empty():  # every period, those with nothing shown too
        first, last = totals.row(0, named=True), totals.row(-1, named=True)
        ends = [first["period_start"], last["period_end"] + timedelta(days=1)]
        top.set_xlim(*mdates.date2num(ends))
    top.legend(fontsize=7, loc="upper left")
    if by is not None:
        _groups(axes[1][0], standard, table, by)
    notes = [
        f"Source: EOIR case data, release of {release_date.isoformat()}; erpath (ADR 0031).",
        standard.definition,
        f"Cells under 10 are not drawn (gaps; {HIDDEN} in the table).",
    ]
    if not totals.is_empty() and not totals.get_column("complete").to_list()[-1]:
        notes.append(f"The last month ends on the release's date ({release_date.isoformat()}).")
    add_footnote(fig, "\n".join(textwrap.wrap(" ".join(notes), 180)))
    return save_chart(fig, path)


def _groups(ax: Axes, standard: Standard, table: pl.DataFrame, by: str) -> None:
    """The LINES largest groups (by their shown counts of `drawn[0]`, summed over the
    periods; a group with none shown is not drawn), the title saying how many of how
    many."""
    count = standard.drawn[0]
    groups = table.filter(pl.col(f"{by}_code") != ALL)
    sizes = (
        groups.with_columns(
            pl.col(count).map_elements(lambda v: cell_number(v) or 0, return_dtype=pl.Int64)
        )
        .group_by(f"{by}_code", by)
        .agg(pl.col(count).sum())
        .sort([count, f"{by}_code"], descending=[True, False])
    )
    chosen = sizes.filter(pl.col(count) > 0).head(LINES)
    plural = {"custody": "custody statuses", "nationality": "nationalities"}.get(by, f"{by}s")
    shown = top_of(chosen.height, sizes.height) or f"all {sizes.height}"
    what = f"{count.replace('_', ' ')} by {by}"
    if chosen.height:
        ax.set_title(f"{what}: {shown} {plural}", fontsize=9)
    else:
        ax.set_title(f"{what}: none of the {sizes.height} {plural} has a count of "
                     f"{THRESHOLD} or more in a month", fontsize=9)  # fmt: skip
    every = table.filter(pl.col(f"{by}_code") == ALL).select(
        "period", "period_start", "period_end", "complete"
    )
    for code, label in chosen.select(f"{by}_code", by).rows():
        rows = groups.filter(pl.col(f"{by}_code") == code).select("period", count)
        # a period without the group counted none: drawn as a gap (a count under 10)
        line = every.join(rows, on="period", how="left").with_columns(
            pl.col(count).fill_null(HIDDEN)
        )
        _draw(ax, line, count, standard.stock, label)
    ax.set_ylim(bottom=0)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    if chosen.height:
        ax.legend(fontsize=6, loc="upper left", ncol=2)
