"""Charts of published (suppressed) tables, as PNG or SVG: the breakdown on a day, and the
series over dates with the days the law changes marked.

Charts are drawn from the published tables only, so a hidden cell ("<10") is never
drawn at its size: a bar segment that is hidden is left out and labelled "<10", a point of
a series that is hidden is a gap. A chart of some of the groups says so in its title
("top 25 of 97"). The helpers `cell_number`, `add_footnote` and `save_chart` serve the
release's standard tables' charts too (`erpath.standard_tables.charts`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates
import matplotlib.pyplot as plt
import polars as pl
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from erpath.exposure.names import group_name
from erpath.exposure.tables import ALL, HIDDEN

COLOURS = {"exposed": "#c62828", "depends": "#f0a030", "not_exposed": "#9e9e9e"}
LABELS = {
    "exposed": "exposed (yes)",
    "depends": "depends",
    "not_exposed": "not exposed (no)",
    "pending": "pending 240 cases",
}
WIDTH_INCHES, DPI = 10.0, 100
mdates: Any = matplotlib.dates  # untyped: date2num, DateFormatter
TOP = 25
NAMED = ("court", "nationality")  # the breakdowns whose codes are named (names.group_name)


@dataclass(frozen=True)
class ChartWords:
    """What a chart says, for a reader of another language than the command line's English
    (the default of each chart): the title, the axis, each part's label, the footnote."""

    title: str
    axis: str
    labels: Mapping[str, str]
    footnote: str


def cell_number(cell: str) -> int | None:
    """A published count, None where it is hidden."""
    return None if cell == HIDDEN else int(cell)


def _footnote(table: pl.DataFrame, by: str) -> str:
    total = table.filter(pl.col(by) == ALL)
    row = total.row(0, named=True) if total.height else None
    share = f"; no entry date recorded: {row['no_entry_date_share'] or HIDDEN}" if row else ""
    return (
        "If the 240 case were dismissed that day; law as the erpath engine reads it. "
        f"Cells under 10 people are shown as {HIDDEN}{share}."
    )


def _noted(words: ChartWords, note: str) -> ChartWords:
    """`words` with `note` after the footnote, wrapped to the chart's width."""
    if not note:
        return words
    text = "\n".join(textwrap.wrap(f"{words.footnote} {note}", 180))
    return replace(words, footnote=text)


def add_footnote(fig: Figure, footnote: str) -> None:
    """The footnote under the axes, with room for each of its lines."""
    lines = footnote.count("\n") + 1
    height = fig.get_figheight()
    fig.text(0.01, 0.01, footnote, fontsize=6, va="bottom")
    fig.tight_layout(rect=(0, min(0.5, 0.04 + lines * 0.12 / height), 1, 1))


def save_chart(fig: Figure, path: Path) -> Path:
    """Write `fig` as PNG or SVG (by the suffix of `path`) and close it."""
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        plt.close(fig)
        raise ValueError(f"{path}: write .png or .svg")
    fig.savefig(path, format=suffix[1:])
    plt.close(fig)
    return path


def top_of(shown: int, of: int) -> str:
    """What a chart of `shown` of `of` groups says of them ("" when it shows them all)."""
    return f"top {shown} of {of}" if shown < of else ""


def breakdown_chart(
    table: pl.DataFrame,
    by: str,
    on: date,
    path: Path,
    words: ChartWords | None = None,
    note: str = "",
) -> Path:
    """Stacked bars per group of a published breakdown (the largest TOP groups); `note`
    (why `depends`, the law's verified date) is added to the footnote. With the default
    (English) words courts and nationalities are named (`erpath.exposure.names`) and the title
    says how many of the groups are shown; a caller with its own words names the groups
    and says so itself."""
    groups = table.filter(pl.col(by) != ALL)
    pending = [(cell_number(p) or 0) for p in groups.get_column("pending").to_list()]
    order = sorted(range(groups.height), key=lambda i: (-pending[i], i))[:TOP]
    rows = [groups.row(i, named=True) for i in order]
    names = words is None
    if words is None:
        shown = top_of(len(rows), groups.height)
        words = ChartWords(
            f"Exposure to expedited removal on {on}, by {by}" + (f" ({shown})" if shown else ""),
            LABELS["pending"],
            LABELS,
            _footnote(table, by),
        )
    words = _noted(words, note)
    height = 1.8 + 0.3 * max(len(rows), 1)
    fig, ax = plt.subplots(figsize=(WIDTH_INCHES, height), dpi=DPI)
    for y, row in enumerate(rows):
        left = 0
        hidden: list[str] = []
        for part, colour in COLOURS.items():
            value = cell_number(row[part])
            if value is None:
                hidden.append(words.labels[part])
                continue
            ax.barh(y, value, left=left, color=colour, height=0.7)
            left += value
        if hidden:
            ax.text(left, y, f"  {HIDDEN}: " + ", ".join(hidden), va="center", fontsize=6)
    named = names and by in NAMED
    ticks = [group_name(by, str(r[by]), "en") if named else str(r[by]) for r in rows]
    ax.set_yticks(range(len(rows)), ticks, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel(words.axis)
    ax.set_title(words.title, fontsize=10, pad=22)
    handles = [Rectangle((0, 0), 1, 1, color=c) for c in COLOURS.values()]
    ax.legend(
        handles,
        [words.labels[p] for p in COLOURS],
        fontsize=7,
        loc="lower left",
        bbox_to_anchor=(0.0, 1.01),
        ncol=3,
        frameon=False,
    )
    add_footnote(fig, words.footnote)
    return save_chart(fig, path)


def series_chart(
    table: pl.DataFrame, path: Path, words: ChartWords | None = None, note: str = ""
) -> Path:
    """Lines of a published series (no breakdown): pending, exposed and depends over the
    days, a dashed line on each day the law changes (labelled by `law_change`); `note`
    added to the footnote."""
    words = words or ChartWords(
        "Exposure to expedited removal if the 240 case were dismissed",
        LABELS["pending"],
        LABELS,
        "Dashed: a day the law changes (designation, court order). "
        f"Cells under 10 people are gaps ({HIDDEN}).",
    )
    words = _noted(words, note)
    fig, ax = plt.subplots(figsize=(WIDTH_INCHES, 5.0), dpi=DPI)
    days = table.get_column("as_of").to_list()
    x = mdates.date2num(days)
    for part, colour in [("pending", "#455a64"), *COLOURS.items()]:
        if part == "not_exposed":
            continue
        values = [cell_number(v) for v in table.get_column(part).to_list()]
        ax.plot(
            x,
            [float("nan") if v is None else v for v in values],
            color=colour,
            marker="o",
            markersize=2.5,
            lw=1.4,
            label=words.labels[part],
        )
    changes = table.filter(pl.col("law_change").is_not_null())
    for day, text in changes.select("as_of", "law_change").rows():
        at = mdates.date2num(day)
        ax.axvline(at, color="#7b1fa2", ls="--", lw=0.7, alpha=0.6)
        ax.text(
            at, 1.0, text.replace("; ", " / "), rotation=90, fontsize=5, va="top", ha="right",
            transform=ax.get_xaxis_transform(), color="#4a148c",
        )  # fmt: skip
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.set_ylim(bottom=0)
    ax.set_ylabel(words.axis)
    ax.set_title(words.title, fontsize=10)
    ax.legend(fontsize=7, loc="upper left")
    add_footnote(fig, words.footnote)
    return save_chart(fig, path)
