"""`erpath eoir tables REL OUT [--by month] [--from YYYY-MM] [--no-progress]`: the standard
tables of an ingested release over time (ADR 0031), joined to the `erpath eoir` app in
`erpath.cli` (this part is a layer above `erpath.eoir`).

Exits with status 2 when REL is not an ingested release, or --from is not a month or is
after the release's date; prints each file written.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from erpath.standard_tables.periods import DEFAULT_START, By
from erpath.standard_tables.write import StandardTablesError, write_standard_tables

out = Console()
err = Console(stderr=True)


def _month(text: str) -> date:
    try:
        return date.fromisoformat(f"{text}-01")
    except ValueError:
        raise typer.BadParameter(f"not a month (YYYY-MM): {text!r}", param_hint="--from") from None


def tables(
    release: Annotated[
        Path,
        typer.Argument(
            metavar="REL",
            help="the ingested release (the ingest's OUT, or DIR if OUT was DIR/ingested)",
        ),
    ],
    out_dir: Annotated[Path, typer.Argument(metavar="OUT", help="the directory to write")],
    by: Annotated[By, typer.Option("--by", help="the period of each row")] = By.month,
    start: Annotated[
        str, typer.Option("--from", help="the first month (YYYY-MM)")
    ] = f"{DEFAULT_START:%Y-%m}",
    progress: Annotated[bool, typer.Option(help="show progress")] = True,
) -> None:
    """Write the standard tables over time: the backlog by court, nationality and custody,
    completions by outcome, in-absentia orders, DHS motions to dismiss, asylum decisions
    by court and judge (counts under 10 hidden), as Parquet, CSV and a chart each."""
    first = _month(start)
    started = time.perf_counter()
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(
        *columns, TimeElapsedColumn(), console=err, disable=not (progress and err.is_terminal)
    ) as bars:
        task = bars.add_task("tables", total=None)
        try:
            written = write_standard_tables(
                release,
                out_dir,
                first,
                by,
                lambda done, total, what: bars.update(
                    task, completed=done, total=total, description=what
                ),
            )
        except StandardTablesError as exc:
            err.print(str(exc), markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(code=2) from None
    last = written.periods[-1]
    out.print(
        f"{out_dir}: {len(written.files)} tables by {by.value}, {written.periods[0].label} to"
        f" {last.label} (release {written.release_date}), {time.perf_counter() - started:.1f} s",
        markup=False,
        highlight=False,
    )
    for paths in written.files.values():
        for path in paths:
            out.print(f"  {path}", markup=False, highlight=False)
    for path in written.index:
        out.print(f"  {path}", markup=False, highlight=False)
