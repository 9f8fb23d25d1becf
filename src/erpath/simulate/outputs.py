"""The simulation's tables (Parquet or CSV, by the suffix) and its chart (PNG or SVG): the
monthly flows of the measures a reader follows, each a line with its band, the detention
load by day, and a dashed line on each day the law changes, labelled in words."""

from __future__ import annotations

import textwrap
from datetime import date, timedelta
from pathlib import Path

import matplotlib.pyplot as plt
import polars as pl

from erpath.answer.law_changes import law_changes
from erpath.exposure.charts import DPI, WIDTH_INCHES, add_footnote, mdates, save_chart
from erpath.simulate.results import Results
from erpath.simulate.scenario import Scenario
from erpath.wording import words

# The measures the chart shows, in its order.
CHARTED = ("dismissal_motions", "arrests_at_court", "removed_through_er", "returned_to_240")
COLOURS = ("#455a64", "#f0a030", "#c62828", "#2e7d32")


def labelled(results: Results, language: str = "en") -> pl.DataFrame:
    """The monthly table with each measure's name in words beside its code."""
    names = _names(language)
    return results.monthly.with_columns(
        pl.col("measure").replace_strict(names).alias("label")
    ).select("month", "measure", "label", "mean", "low", "high", "law_held")


def scenario_title(scenario: Scenario, language: str) -> str:
    """A bundled scenario's title in the language; another scenario's own title."""
    titles: dict[str, str] = words(language).data["simulation"]["scenarios"]
    return titles.get(scenario.id, scenario.title)


def chosen_parameters(scenario: Scenario, language: str) -> list[tuple[str, str]]:
    """The parameters chosen where no figure was found, in words, with why."""
    names: dict[str, str] = words(language).data["simulation"]["parameters"]
    return [
        (names[name], value.source)
        for name, value in (*scenario.population, *scenario.rates)
        if getattr(value, "verification", None) == "chosen"
    ]


def _names(language: str) -> dict[str, str]:
    data: dict[str, str] = dict(words(language).data["simulation"]["measures"])
    return data


def detained_path(path: Path) -> Path:
    """Where the daily detention load is written beside the table at `path`."""
    return path.with_name(f"{path.stem}.detained{path.suffix}")


def _write(table: pl.DataFrame, path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        table.write_parquet(path)
    elif suffix == ".csv":
        table.write_csv(path)
    else:
        raise ValueError(f"{path}: write .parquet or .csv")


def write_table(results: Results, path: Path, language: str = "en") -> list[Path]:
    """The monthly table as Parquet or CSV (by the suffix of `path`), and beside it the
    people held each day (`detained_path`: day, mean, low, high)."""
    _write(labelled(results, language), path)
    _write(results.detained, detained_path(path))
    return [path, detained_path(path)]


def _changes_within(results: Results, language: str) -> list[tuple[date, str]]:
    p = results.prepared
    return [
        (day, "; ".join(texts))
        for day, texts in sorted(law_changes(p.law, language).items())
        if p.first < day <= p.last
    ]


def write_chart(results: Results, path: Path, language: str = "en") -> Path:
    """The chart of the charted measures and the detention load."""
    w = words(language).data["simulation"]
    names = _names(language)
    p = results.prepared
    fig, (top, bottom) = plt.subplots(
        2, 1, figsize=(WIDTH_INCHES, 8.0), dpi=DPI, sharex=True, height_ratios=(3, 2)
    )
    for measure, colour in zip(CHARTED, COLOURS, strict=True):
        rows = results.measure(measure)
        # a month's flow is drawn at its middle
        x = mdates.date2num([m + timedelta(days=14) for m in rows.get_column("month").to_list()])
        top.plot(x, rows.get_column("mean"), color=colour, lw=1.5, marker="o", ms=2.5,
                 label=names[measure])  # fmt: skip
        top.fill_between(x, rows.get_column("low"), rows.get_column("high"), color=colour,
                         alpha=0.2, lw=0)  # fmt: skip
    held = results.detained
    x = mdates.date2num(held.get_column("day").to_list())
    bottom.plot(x, held.get_column("mean"), color="#6a1b9a", lw=1.2, label=w["detained"])
    bottom.fill_between(x, held.get_column("low"), held.get_column("high"), color="#6a1b9a",
                        alpha=0.2, lw=0)  # fmt: skip
    for day, text in _changes_within(results, language):
        at = mdates.date2num(day)
        for ax in (top, bottom):
            ax.axvline(at, color="#7b1fa2", ls="--", lw=0.7, alpha=0.6)
        label = textwrap.shorten(text, 70, placeholder="...")
        top.text(at, 1.0, label, rotation=90, fontsize=5, va="top", ha="right",
                 transform=top.get_xaxis_transform(), color="#4a148c")  # fmt: skip
    bottom.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    top.set_ylim(bottom=0)
    bottom.set_ylim(bottom=0)
    top.set_ylabel(w["per_month"])
    bottom.set_ylabel(w["held"])
    top.set_title(
        w["chart_title"].format(title=p.scenario.title, runs=len(results.runs)), fontsize=10
    )
    top.legend(fontsize=7, loc="upper left")
    bottom.legend(fontsize=7, loc="upper left")
    note = (
        w["law_held"].format(date=words(language).date(p.law.verified_through))
        if p.last > p.law.verified_through
        else ""
    )
    footnote = w["footnote"].format(
        scenario=p.scenario.id,
        members=f"{round(p.scenario.population.pending.value / p.weight):,}",
        weight=f"{p.weight:,.1f}",
        held=note,
    )
    add_footnote(fig, "\n".join(textwrap.wrap(footnote, 180)))
    return save_chart(fig, path)
