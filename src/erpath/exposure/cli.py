"""`erpath exposure`: how many pending 240 cases would be exposed to expedited removal if
dismissed on a date, and how that changed with each designation and court order.

    erpath exposure --on 2025-06-10 --release OUT [--by court] [--chart c.png] [--table t.csv]
    erpath exposure series --from 2024-01-01 --to 2026-06-30 --release OUT [--chart s.svg]
    erpath exposure --on 2025-06-10 --demo      # a small synthetic release, made on first use

Everything printed or written is a published table: counts under 10 people are "<10".
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich.console import Console
from rich.table import Table

from erpath import DEMO_DATA_DIR
from erpath.eoir.samples import DEMO_CASES, demo_release
from erpath.exposure.charts import breakdown_chart, series_chart
from erpath.exposure.exposure import counts, exposure_on, prepare_release
from erpath.exposure.facts_table import Assumptions
from erpath.exposure.release import IngestedRelease, IngestedReleaseError, Source, open_ingested
from erpath.exposure.series import exposure_series
from erpath.exposure.tables import publish, write_table
from erpath.exposure.uncertain import publish_reasons, reason_counts, reasons_on
from erpath.exposure.verified import verified_note, with_verified
from erpath.law.loader import bundled_law

exposure_app = typer.Typer(
    help="Pending 240 cases exposed to expedited removal if dismissed on a date.",
    invoke_without_command=True,
    no_args_is_help=False,
)
out = Console(width=120)


class By(StrEnum):
    court = "court"
    nationality = "nationality"
    custody = "custody"
    representation = "representation"
    stage = "stage"


class Mode(StrEnum):
    land = "land"
    air = "air"
    sea = "sea"


class Manner(StrEnum):
    without_inspection = "without_inspection"
    admitted = "admitted"
    paroled = "paroled"
    inspected_not_admitted = "inspected_not_admitted"


ReleaseOption = Annotated[
    Path | None,
    typer.Option(
        "--release", envvar="ERPATH_RELEASE", help="the ingested release folder (erpath.eoir)"
    ),
]
SourceOption = Annotated[str, typer.Option(help="read the release's parquet or duckdb, or auto")]
DemoOption = Annotated[
    bool,
    typer.Option(
        "--demo",
        help=f"a synthetic release of {DEMO_CASES:,} invented cases, made in --data-dir "
        "on first use (instead of --release)",
    ),
]
DataDirOption = Annotated[Path, typer.Option("--data-dir", help="where --demo keeps its release")]
ByOption = Annotated[By | None, typer.Option(help="break the counts down")]
ChartOption = Annotated[Path | None, typer.Option(help="write a chart (.png or .svg)")]
TableOption = Annotated[Path | None, typer.Option(help="write the table (.csv or .parquet)")]
SchedulerOption = Annotated[
    str | None,
    typer.Option(help="compute on Dask: a scheduler address (tcp://host:8786) or 'local'"),
]
ModeOption = Annotated[
    Mode | None, typer.Option(help="assume every respondent arrived this way (default: unknown)")
]
MannerOption = Annotated[
    Manner | None,
    typer.Option(
        help="assume this manner of entry where the data records none (LPR and "
        "charges still decide where present)"
    ),
]
MilesOption = Annotated[
    float | None,
    typer.Option(help="assume every encounter is this many miles from a land border"),
]


def _fail(message: str) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(code=2)


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _fail(f"{option}: not a date (YYYY-MM-DD): {text!r}") from None


def release_from_options(
    path: Path | None, source: str, demo: bool, data_dir: Path
) -> IngestedRelease:
    """The release of `--release`, `--source`, `--demo` and `--data-dir`; exit 2 with the
    reason where they do not give one (the exposure's commands and `erpath simulate`)."""
    if demo and path is not None:
        raise _fail("--demo and --release: choose one")
    if demo:
        path = demo_release(data_dir)
        out.print(f"demonstration: synthetic release of invented cases in {path}")
    if path is None:
        raise _fail(
            "--release: give the ingested release folder (or set ERPATH_RELEASE), or --demo"
        )
    if source not in ("auto", "parquet", "duckdb"):
        raise _fail(f"--source: one of auto, parquet, duckdb, not {source!r}")
    chosen: Source = "auto" if source == "auto" else "parquet" if source == "parquet" else "duckdb"
    try:
        return open_ingested(path, chosen)
    except IngestedReleaseError as exc:
        raise _fail(str(exc)) from None


def _show(table: pl.DataFrame, title: str) -> None:
    view = Table(*table.columns, title=title)
    for row in table.rows():
        view.add_row(*("" if v is None else str(v) for v in row))
    out.print(view)


def _assume(mode: Mode | None, miles: float | None, manner: Manner | None) -> Assumptions:
    return Assumptions(mode.value if mode else None, miles, manner.value if manner else None)


@exposure_app.callback()
def exposure(
    ctx: typer.Context,
    on: Annotated[str | None, typer.Option(help="the date D (YYYY-MM-DD)")] = None,
    release: ReleaseOption = None,
    by: ByOption = None,
    chart: ChartOption = None,
    table: TableOption = None,
    source: SourceOption = "auto",
    scheduler: SchedulerOption = None,
    assume_mode: ModeOption = None,
    assume_miles: MilesOption = None,
    assume_manner: MannerOption = None,
    demo: DemoOption = False,
    data_dir: DataDirOption = DEMO_DATA_DIR,
) -> None:
    """Pending 240 cases exposed to expedited removal if dismissed on D, by the law of D."""
    if ctx.invoked_subcommand is not None:
        return
    if on is None:
        raise _fail("--on: give the date D (YYYY-MM-DD), or use `erpath exposure series`")
    day = _day(on, "--on")
    data = release_from_options(release, source, demo, data_dir)
    keys = [by.value] if by else []
    assume = _assume(assume_mode, assume_miles, assume_manner)
    try:
        if scheduler is not None:
            from erpath.exposure.scaleout import exposure_breakdowns_on

            address = None if scheduler == "local" else scheduler
            both = exposure_breakdowns_on(
                data, day, [(), tuple(keys)], scheduler=address, assume=assume
            )
            summary, breakdown = both[()], both[tuple(keys)]
            reasons = None
        else:
            prepared = prepare_release(data, dimensions=keys).collected()
            result = exposure_on(prepared, day, assume=assume)
            summary = result.summary()
            breakdown = counts(result.cases, keys) if keys else summary
            reasons = publish_reasons(
                reason_counts(reasons_on(prepared, day, assume=assume), by=keys), keys
            )
    except IngestedReleaseError as exc:
        raise _fail(str(exc)) from None
    law = bundled_law()
    published = with_verified(publish(breakdown, keys), law, day)
    overall = publish(summary).row(0, named=True)
    note = verified_note(law, [day])
    if note:
        out.print(f"Note: {note}")
    out.print(
        f"Pending 240 cases on {day}: {overall['pending']}. If dismissed that day: "
        f"exposed {overall['exposed']} ({overall['exposed_share'] or 'hidden'}), "
        f"depends {overall['depends']}, not exposed {overall['not_exposed']}."
    )
    out.print(
        f"No entry date on or before {day} recorded: {overall['no_entry_date']} "
        f"({overall['no_entry_date_share'] or 'hidden'}); their answer is never 'exposed'."
    )
    out.print(
        "'depends': the answer turns on a fact the release does not record (how and when "
        "the person arrived, age, distance from the border) or on a contested point."
    )
    reasons_note = ""
    if reasons is None:
        out.print(
            "Why 'depends' (reasons): computed on a single machine only; leave out --scheduler."
        )
    else:
        total = reasons.filter(pl.col(keys[0]) == "all") if keys else reasons
        _show(
            total.drop(keys),
            f"Why 'depends' on {day}: each reason once per case (cases; they overlap) and "
            "the first reason of each case (first; these add up to depends)",
        )
        reasons_note = "Why depends (first reason): " + "; ".join(
            f"{r['reason_words']} {r['first_share']}"
            for r in total.iter_rows(named=True)
            if r["first_share"]
        )
    if keys:
        _show(published, f"Exposure on {day} by {keys[0]} (cells under 10: <10)")
    if table is not None:
        write_table(published, table)
        out.print(f"table: {table}")
        if reasons is not None:
            beside = reasons_path(table)
            write_table(with_verified(reasons, law, day), beside)
            out.print(f"reasons: {beside}")
    if chart is not None:
        if not keys:
            raise _fail("--chart: needs --by (the chart is of a breakdown)")
        breakdown_chart(
            published, keys[0], day, chart, note=" ".join(filter(None, [reasons_note, note]))
        )
        out.print(f"chart: {chart}")


def reasons_path(table: Path) -> Path:
    """Where the reasons of `table` go: beside it, `<name>.reasons<suffix>`."""
    return table.with_name(f"{table.stem}.reasons{table.suffix}")


@exposure_app.command("series")
def series(
    from_: Annotated[str, typer.Option("--from", help="the first date (YYYY-MM-DD)")],
    to: Annotated[str, typer.Option("--to", help="the last date (YYYY-MM-DD)")],
    release: ReleaseOption = None,
    every: Annotated[str, typer.Option(help="the step: 1d, 1w, 1mo, 1q, 1y")] = "1mo",
    by: ByOption = None,
    chart: ChartOption = None,
    table: TableOption = None,
    source: SourceOption = "auto",
    scheduler: SchedulerOption = None,
    assume_mode: ModeOption = None,
    assume_miles: MilesOption = None,
    assume_manner: MannerOption = None,
    demo: DemoOption = False,
    data_dir: DataDirOption = DEMO_DATA_DIR,
) -> None:
    """The exposure over a range of dates, with each day the law changes and the day before."""
    start, end = _day(from_, "--from"), _day(to, "--to")
    if end < start:
        raise _fail(f"--to: {end} is before --from {start}")
    data = release_from_options(release, source, demo, data_dir)
    keys = [by.value] if by else []
    assume = _assume(assume_mode, assume_miles, assume_manner)
    try:
        if scheduler is not None:
            from erpath.exposure.scaleout import exposure_series_on_dask

            address = None if scheduler == "local" else scheduler
            result = exposure_series_on_dask(
                data, start, end, every, keys, scheduler=address, assume=assume
            )
        else:
            result = exposure_series(data, start, end, every, keys, assume=assume)
    except IngestedReleaseError as exc:
        raise _fail(str(exc)) from None
    except (ValueError, pl.exceptions.ComputeError) as exc:
        raise _fail(f"--every: {exc}") from None
    labels = result.select("as_of", "law_change").unique("as_of")
    law = bundled_law()
    published = with_verified(
        publish(result.drop("law_change"), keys, within=["as_of"]).join(
            labels, on="as_of", how="left", maintain_order="left"
        ),
        law,
    )
    note = verified_note(law, [start, end])
    if note:
        out.print(f"Note: {note}")
    _show(published, f"Exposure from {start} to {end} (cells under 10: <10)")
    if table is not None:
        write_table(published, table)
        out.print(f"table: {table}")
    if chart is not None:
        if keys:
            raise _fail("--chart: the series chart is of the totals; leave out --by")
        series_chart(published, chart, note=note)
        out.print(f"chart: {chart}")
