"""`erpath eoir`: write a synthetic EOIR release, or ingest a release into Parquet and DuckDB.

    erpath eoir synth --cases N OUT [--seed S] [--release-date YYYY-MM-DD]
    erpath eoir ingest DIR [--out OUT] [--release-date YYYY-MM-DD] [--force] [--no-progress]
                           [--strict]
    erpath eoir codebook REL OUT [--top N] [--no-progress]

(`python -m erpath.eoir` runs the same commands.) `ingest` prints, per file, the lines
read and how many were loaded, repaired and quarantined, with the defects found, then the
report's warnings (empty files, counts that disagree with Count.txt); it exits with status
2 when the directory is not a release, 1 if the accounting does not balance, and 3 if
there are warnings and `--strict` was given. `codebook` writes OUT/codebook.md,
codebook.csv and codebook_values.csv for an ingested release (ADR 0027); it exits with
status 2 when REL is not one.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from erpath.eoir.codebook import CodebookError, write_codebook
from erpath.eoir.ingest import ingest as run_ingest
from erpath.eoir.release import ReleaseError
from erpath.eoir.report import IngestReport, TableReport
from erpath.eoir.synth import synthesize
from erpath.eoir.synth.model import DEFAULT_RELEASE_DATE

eoir_app = typer.Typer(
    help="The EOIR immigration-court release: a synthetic generator and a validating ingest.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)


def _date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {text}") from None


@eoir_app.command()
def synth(
    out_dir: Annotated[Path, typer.Argument(metavar="OUT", help="the release directory to write")],
    cases: Annotated[int, typer.Option("--cases", help="cases (10,000 to 20,000,000)")],
    seed: Annotated[int, typer.Option(help="random seed: the same seed gives the same bytes")] = 0,
    release_date: Annotated[
        str, typer.Option("--release-date", help="the release's date (YYYY-MM-DD)")
    ] = DEFAULT_RELEASE_DATE.isoformat(),
) -> None:
    """Write a synthetic release in the real format (tab-delimited Latin-1 .csv files)."""
    when = _date(release_date) or DEFAULT_RELEASE_DATE
    started = time.perf_counter()
    columns = (TextColumn("cases"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, disable=not err.is_terminal) as progress:
        task = progress.add_task("cases", total=cases)
        try:
            synthesize(
                cases,
                out_dir,
                seed=seed,
                release_date=when,
                on_chunk=lambda done: progress.update(task, completed=done),
            )
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    elapsed = time.perf_counter() - started
    counts = (out_dir / "EOIR Case Data" / "Count.txt").read_text(encoding="latin-1").splitlines()
    rows = sum(int(line.split("\t")[1]) for line in counts if "\t" in line)
    out.print(
        f"{out_dir}: {cases:,} cases, {rows:,} rows in {len(counts)} tables, release {when}, "
        f"seed {seed}, {elapsed:.1f} s"
    )


def report_tables(report: IngestReport) -> tuple[Table, Table]:
    """The accounting per file, and the defects found (rows per kind)."""
    counts = Table(title=f"EOIR release {report.release_date} ({report.release_date_source})")
    counts.add_column("file")
    for name in ("read", "loaded", "repaired", "quarantined"):
        counts.add_column(name, justify="right")
    defects = Table(title="defects (rows)")
    for name in ("file", "outcome", "kind"):
        defects.add_column(name)
    defects.add_column("rows", justify="right")
    lookups = TableReport("lookups", "", [])
    for t in report.lookups.values():
        lookups.add(t)
    for t in [*report.tables.values(), lookups]:
        counts.add_row(
            t.table, f"{t.read:,}", f"{t.loaded:,}", f"{t.repaired:,}", f"{t.quarantined:,}"
        )
        for outcome, kinds in (("repaired", t.repairs), ("quarantined", t.quarantine)):
            for kind, n in kinds.items():
                if n:
                    defects.add_row(t.table, outcome, kind, f"{n:,}")
    return counts, defects


@eoir_app.command()
def ingest(
    release: Annotated[Path, typer.Argument(metavar="DIR", help="the release directory")],
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="where to write (default DIR/ingested)")
    ] = None,
    release_date: Annotated[
        str | None, typer.Option("--release-date", help="the release's date, if not found")
    ] = None,
    force: Annotated[bool, typer.Option(help="ingest again a release already ingested")] = False,
    progress: Annotated[bool, typer.Option(help="show progress bars")] = True,
    strict: Annotated[
        bool, typer.Option("--strict", help="exit with status 3 if the report has warnings")
    ] = False,
) -> None:
    """Ingest a release into Parquet and DuckDB; every line is loaded, repaired or quarantined."""
    started = time.perf_counter()
    try:
        report = run_ingest(
            release, out_dir, progress=progress, release_date=_date(release_date), force=force
        )
    except ReleaseError as exc:
        err.print(str(exc))
        raise typer.Exit(code=2) from None
    for table in report_tables(report):
        out.print(table)
    target = out_dir if out_dir is not None else release / "ingested"
    out.print(f"{target}: {time.perf_counter() - started:.1f} s")
    for warning in report.warnings:
        err.print(f"warning: {warning}", markup=False, highlight=False, soft_wrap=True)
    if not report.balanced:
        err.print("the accounting does not balance")
        raise typer.Exit(code=1)
    if strict and report.warnings:
        err.print(f"--strict: {len(report.warnings)} warnings")
        raise typer.Exit(code=3)


@eoir_app.command()
def codebook(
    release: Annotated[
        Path,
        typer.Argument(
            metavar="REL",
            help="the ingested release (the ingest's OUT, or DIR if OUT was DIR/ingested)",
        ),
    ],
    out_dir: Annotated[Path, typer.Argument(metavar="OUT", help="the directory to write")],
    top: Annotated[int, typer.Option(min=1, max=100, help="top values per column")] = 10,
    progress: Annotated[bool, typer.Option(help="show progress bars")] = True,
) -> None:
    """Write a codebook of an ingested release: every table and column, its type, EOIR's
    definition, missingness and top values named through the lookups (Markdown and CSV)."""
    started = time.perf_counter()
    columns = (TextColumn("columns"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, disable=not (progress and err.is_terminal)) as bars:
        task = bars.add_task("columns", total=None)
        try:
            book = write_codebook(
                release,
                out_dir,
                top=top,
                on_column=lambda done, total: bars.update(task, completed=done, total=total),
            )
        except CodebookError as exc:
            err.print(str(exc), markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(code=2) from None
    tables = len({c.table for c in book.columns})
    out.print(
        f"{out_dir}: {len(book.columns):,} columns of {tables} tables, release"
        f" {book.report.release_date}, {time.perf_counter() - started:.1f} s",
        markup=False,
        highlight=False,
    )
    for path in book.files:
        out.print(f"  {path}", markup=False, highlight=False)
