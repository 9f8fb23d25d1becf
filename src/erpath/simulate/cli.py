"""`erpath simulate`: the pipeline over time under a scenario (ADR 0034).

    erpath simulate interior-2025-2026 [--from D1] [--to D2] [--chart c.png] [--table t.csv]
    erpath simulate my-scenario.yaml --members 1000000 --replications 5
    erpath simulate interior-2025-2026 --scheduler tcp://10.0.0.5:8786
    erpath simulate interior-2025-2026 --release OUT   # the release's pending cases

SCENARIO is a bundled scenario's id or a scenario file. With --release (or --demo), the
people pending on the first day are the release's pending 240 cases, each standing for
itself unless --members samples fewer. Prints the monthly flows of the
main measures (mean, and the 5th to 95th percentile band of the seeded replications), the
readings the scenario takes of what the law leaves open, and, past the law data's verified
date, that the law is held as it stood then."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from erpath import DEMO_DATA_DIR
from erpath.exposure.cli import DataDirOption, DemoOption, ReleaseOption, release_from_options
from erpath.law.loader import bundled_law
from erpath.simulate.calibration import calibration_table
from erpath.simulate.model import prepare
from erpath.simulate.outputs import (
    CHARTED,
    chosen_parameters,
    scenario_title,
    write_chart,
    write_table,
)
from erpath.simulate.results import Results
from erpath.simulate.results import simulate as run_simulation
from erpath.simulate.scenario import Scenario, ScenarioError, bundled_scenarios, scenario_named
from erpath.wording import words

out = Console(width=140)
err = Console(stderr=True)
SHOWN = (*CHARTED, "removed_through_er_after_fear_claim")


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{option}: not a date (YYYY-MM-DD): {text!r}") from None


def _cell(mean: float, low: float, high: float) -> str:
    return f"{mean:,.0f} [{low:,.0f}-{high:,.0f}]"


def _show(results: Results) -> None:
    names = words("en").data["simulation"]["measures"]
    title = scenario_title(results.prepared.scenario, "en")
    table = Table(title=f"{title}: people per month, mean [5th-95th]")
    table.add_column("Month")
    for m in SHOWN:
        table.add_column(names[m], justify="right")
    months = results.measure(SHOWN[0]).get_column("month").to_list()
    by = {m: results.measure(m).rows(named=True) for m in SHOWN}
    for i, month in enumerate(months):
        held = " *" if by[SHOWN[0]][i]["law_held"] else ""
        table.add_row(
            f"{month:%Y-%m}{held}",
            *(_cell(by[m][i]["mean"], by[m][i]["low"], by[m][i]["high"]) for m in SHOWN),
        )
    out.print(table)


def _readings(scenario: Scenario, results: Results) -> None:
    r = scenario.readings
    law = results.prepared.law
    out.print(
        "Readings of what the law leaves open: "
        + (
            "DHS acts where the answer depends; "
            if r.depends_in_reach
            else "DHS acts only on a yes; "
        )
        + f"courthouse arrests where unknown: {r.courthouse_arrests_unknown}; "
        + "the response to a motion to dismiss where unknown: "
        + f"{r.dismissal_response_unknown.replace('_', ' ')}."
    )
    if results.prepared.last > law.verified_through:
        out.print(
            f"* After {law.verified_through}, the last day the law data is verified through, "
            "the law is held as it stood that day."
        )
    chosen = chosen_parameters(scenario, "en")
    out.print(
        f"Parameters chosen where no figure was found ({len(chosen)}): "
        + "; ".join(name for name, _ in chosen)
        + "."
    )


def _calibration(results: Results) -> None:
    """The error table against the figures the scenario is calibrated on."""
    found = calibration_table(results)
    named: dict[str, str] = words("en").data["simulation"]["figures"]
    view = Table(title="Calibration: simulated against the published figures")
    for column in ("figure", "period", "target", "simulated", "error", "tolerance", "within"):
        view.add_column(column, justify="left" if column in ("figure", "period") else "right")
    for row in found.rows(named=True):
        view.add_row(
            named.get(row["metric"], row["metric"]),
            row["period"],
            f"{row['target']:.3f}",
            f"{row['simulated']:.3f}",
            f"{row['error']:+.3f}",
            f"{row['tolerance']:.3f}",
            "yes" if row["within"] else "NO",
        )
    out.print(view)


def simulate(
    scenario: Annotated[
        str,
        typer.Argument(
            metavar="SCENARIO",
            help=f"a scenario file, or a bundled scenario: {', '.join(bundled_scenarios())}",
        ),
    ],
    first: Annotated[str | None, typer.Option("--from", help="first day (YYYY-MM-DD)")] = None,
    last: Annotated[str | None, typer.Option("--to", help="last day (YYYY-MM-DD)")] = None,
    members: Annotated[
        int | None, typer.Option(help="people modelled (the scenario's by default)", min=100)
    ] = None,
    replications: Annotated[
        int | None, typer.Option(help="seeded runs (the scenario's by default)", min=1)
    ] = None,
    chart: Annotated[Path | None, typer.Option(help="write the chart (.png or .svg)")] = None,
    table: Annotated[
        Path | None, typer.Option(help="write the monthly table (.parquet or .csv)")
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(help="run the replications on Dask: a scheduler address, or 'local'"),
    ] = None,
    release: ReleaseOption = None,
    demo: DemoOption = False,
    data_dir: DataDirOption = DEMO_DATA_DIR,
    language: Annotated[str, typer.Option("--lang", help="language of the chart and table")] = "en",
    progress: Annotated[bool, typer.Option(help="show a progress bar")] = True,
) -> None:
    """Simulate the pipeline from hearings to expedited removal under a scenario."""
    try:
        chosen = scenario_named(scenario)
    except ScenarioError as exc:
        raise typer.BadParameter("\n".join(exc.problems), param_hint="SCENARIO") from None
    if language not in ("en", "es"):
        raise typer.BadParameter(f"--lang: {language!r} is not en or es")
    for path, kinds, option in (
        (chart, (".png", ".svg"), "--chart"),
        (table, (".parquet", ".csv"), "--table"),
    ):
        if path is not None and path.suffix.lower() not in kinds:
            raise typer.BadParameter(f"{option}: {path.name}: write {' or '.join(kinds)}")
    data = release_from_options(release, "auto", demo, data_dir) if release or demo else None
    try:
        prepared = prepare(
            chosen,
            bundled_law(),
            _day(first, "--from"),
            _day(last, "--to"),
            members,
            release=data,
        )
    except (ScenarioError, ValueError) as exc:
        problems = exc.problems if isinstance(exc, ScenarioError) else [str(exc)]
        raise typer.BadParameter("\n".join(problems)) from None
    count = replications or chosen.replications
    columns = (TextColumn("runs"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, disable=not (progress and err.is_terminal)) as bar:
        task = bar.add_task("runs", total=count)
        results = run_simulation(
            prepared, count, progress=lambda n: bar.advance(task, n), scheduler=scheduler
        )
    _show(results)
    _readings(chosen, results)
    if chosen.calibration is not None:
        _calibration(results)
    if table is not None:
        for path in write_table(results, table, language):
            out.print(f"table: {path}")
    if chart is not None:
        out.print(f"chart: {write_chart(results, chart, language)}")
