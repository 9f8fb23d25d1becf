"""`erpath eoir`: write a synthetic EOIR release, or ingest a release into Parquet and DuckDB.

    erpath eoir synth --cases N OUT [--seed S] [--release-date YYYY-MM-DD]
    erpath eoir ingest DIR [--out OUT | --under PARENT] [--release-date YYYY-MM-DD] [--force]
                           [--no-progress] [--strict]
    erpath eoir codebook REL OUT [--top N] [--no-progress]
    erpath eoir verify OUT|PARENT [--release DIR] [--no-progress]
    erpath eoir diff OLD NEW [--json]

(`python -m erpath.eoir` runs the same commands.) `ingest` prints, per file, the lines
read and how many were loaded, repaired and quarantined, with the defects found, then the
report's warnings (empty files, counts that disagree with Count.txt); it exits with status
2 when the directory is not a release (or is undated: give `--release-date`; or OUT holds
a release of another date), 1 if the accounting does not balance, and 3 if there are
warnings and `--strict` was given. `codebook` writes OUT/codebook.md,
codebook.csv and codebook_values.csv for an ingested release (ADR 0027); it exits with
status 2 when REL is not one. The ingest and the codebook write `manifest.json` last: the
release's date and its source, erpath's and the law data's versions, and the sha256 of
every input and output; `verify` rehashes them and exits with status 1 on any
difference; `diff` compares two ingested releases table by table (ADR 0029).
"""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from erpath.eoir.codebook import CodebookError, write_codebook
from erpath.eoir.diff import DiffError, diff_releases
from erpath.eoir.ingest import ingest as run_ingest
from erpath.eoir.manifest import ManifestError, manifest_bytes, manifests_under, read_manifest
from erpath.eoir.manifest import verify as verify_manifest
from erpath.eoir.release import ReleaseError, count_txt_counts, open_release
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
    counts = count_txt_counts(out_dir / "EOIR Case Data" / "Count.txt")
    rows = sum(counts.values())
    out.print(
        f"{out_dir}: {cases:,} cases, {rows:,} rows in {len(counts)} tables, release {when}, "
        f"seed {seed}, {elapsed:.1f} s"
    )


def report_tables(report: IngestReport) -> tuple[Table, Table]:
    """The accounting per file (the lookups summed in one row), and the defects found
    (rows per kind); every file of the release has a row or is in the lookups' row."""
    counts = Table(title=f"EOIR release {report.release_date} ({report.release_date_source})")
    counts.add_column("file")
    counts.add_column("outcome")
    for name in ("read", "loaded", "repaired", "quarantined"):
        counts.add_column(name, justify="right")
    defects = Table(title="defects (rows)")
    for name in ("file", "outcome", "kind"):
        defects.add_column(name)
    defects.add_column("rows", justify="right")
    lookups = TableReport(f"{len(report.lookups)} lookups", "", [])
    for t in report.lookups.values():
        lookups.add(t)
    rows = [(t, "loaded") for t in report.tables.values()]
    rows += [(lookups, "lookup")]
    rows += [(t, "unknown, kept raw") for t in report.unknown.values()]
    for t, outcome in rows:
        counts.add_row(
            t.file if outcome == "unknown, kept raw" else t.table,
            outcome,
            f"{t.read:,}",
            f"{t.loaded:,}",
            f"{t.repaired:,}",
            f"{t.quarantined:,}",
        )
        for kind_of, kinds in (("repaired", t.repairs), ("quarantined", t.quarantine)):
            for kind, n in kinds.items():
                if n:
                    defects.add_row(t.table, kind_of, kind, f"{n:,}")
    for name in report.absent:
        counts.add_row(name, "absent", "", "", "", "")
    for path, why in report.refused.items():
        counts.add_row(path, f"refused: {why}", "", "", "", "")
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
    under: Annotated[
        Path | None,
        typer.Option("--under", help="write to PARENT/<release date> (one directory a release)"),
    ] = None,
    force: Annotated[
        bool, typer.Option(help="ingest again a release already ingested, or replace another")
    ] = False,
    progress: Annotated[bool, typer.Option(help="show progress bars")] = True,
    strict: Annotated[
        bool, typer.Option("--strict", help="exit with status 3 if the report has warnings")
    ] = False,
) -> None:
    """Ingest a release into Parquet and DuckDB; every line is loaded, repaired or quarantined."""
    started = time.perf_counter()
    if under is not None and out_dir is not None:
        raise typer.BadParameter("give --out or --under, not both")
    try:
        if under is not None:
            out_dir = under / open_release(release, _date(release_date)).release_date.isoformat()
        report = run_ingest(
            release, out_dir, progress=progress, release_date=_date(release_date), force=force
        )
    except ReleaseError as exc:  # the message names paths: printed as is, unwrapped
        err.print(str(exc), markup=False, highlight=False, soft_wrap=True)
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


@eoir_app.command()
def verify(
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="OUT",
            help="a directory with a manifest.json, or a parent of several (ingest --under)",
        ),
    ],
    release: Annotated[
        Path | None,
        typer.Option("--release", help="also rehash the inputs, read from this release directory"),
    ] = None,
    progress: Annotated[bool, typer.Option(help="show a progress bar")] = True,
) -> None:
    """Rehash the files OUT/manifest.json lists and report any that changed, are missing or
    are not listed (ADR 0029); a parent of releases has each verified. Exit 1 if there is
    a difference, 2 if there is no readable manifest."""
    targets = manifests_under(directory) or [directory]  # none: the error names OUT
    if release is not None and targets != [directory]:
        raise typer.BadParameter("--release: give one release's OUT, not a parent of several")
    failed = [target for target in targets if not _verify_one(target, release, progress)]
    if failed:
        raise typer.Exit(code=1)


def _verify_one(directory: Path, release: Path | None, progress: bool) -> bool:
    """Verify one manifest and print what differs; True when nothing does."""
    try:
        data = read_manifest(directory)
    except ManifestError as exc:
        err.print(str(exc), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(code=2) from None
    columns = (TextColumn("sha256"), BarColumn(), DownloadColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, disable=not (progress and err.is_terminal)) as bars:
        task = bars.add_task("sha256", total=manifest_bytes(data, release is not None))
        try:
            found = verify_manifest(directory, release, lambda n: bars.advance(task, n))
        except ManifestError as exc:
            err.print(str(exc), markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(code=2) from None
    files = len(data["outputs"]) + (len(data.get("inputs", {})) if release is not None else 0)
    for difference in found:
        out.print(f"{directory}: {difference}", markup=False, highlight=False, soft_wrap=True)
    out.print(
        f"{directory}: {data['kind']}, release {data['release_date']}"
        f" ({data['release_date_source']}), erpath {data['erpath']}, law verified through"
        f" {data['law']['verified_through']}: {files:,} files,"
        f" {'verified' if not found else f'{len(found):,} differences'}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    return not found


def _listed(values: list[str], most: int = 10) -> str:
    shown = ", ".join(values[:most])
    return shown + (f" (+{len(values) - most:,} more)" if len(values) > most else "")


@eoir_app.command()
def diff(
    old: Annotated[Path, typer.Argument(metavar="OLD", help="the older ingested release")],
    new: Annotated[Path, typer.Argument(metavar="NEW", help="the newer ingested release")],
    as_json: Annotated[bool, typer.Option("--json", help="print the difference as JSON")] = False,
) -> None:
    """Compare two ingested releases per table: rows, rows added and removed (by primary
    key), columns added, removed and renamed, and code values that appeared or
    disappeared (ADR 0029); exit 2 when OLD or NEW is not an ingested release."""
    try:
        found = diff_releases(old, new)
    except (CodebookError, DiffError) as exc:
        err.print(str(exc), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(code=2) from None
    if as_json:
        typer.echo(json.dumps(found.to_json(), indent=2))
        return
    rows = Table(title=f"EOIR releases {found.old_date} -> {found.new_date}")
    for name in ("table", "rows old", "rows new", "added", "removed"):
        rows.add_column(name, justify="left" if name == "table" else "right", no_wrap=True)
    rows.add_column("columns")
    codes = Table(title="code values")
    for name in ("table", "column", "appeared", "disappeared"):
        codes.add_column(name)
    for t in found.tables:
        columns = [f"+{c}" for c in t.columns_added] + [f"-{c}" for c in t.columns_removed]
        columns += [f"{a} -> {b}" for a, b in t.columns_renamed]
        rows.add_row(
            t.table,
            f"{t.rows_old:,}",
            f"{t.rows_new:,}",
            f"{t.added:,}",
            f"{t.removed:,}",
            ", ".join(columns),
        )
        for c in t.codes:
            codes.add_row(t.table, c.column, _listed(c.appeared), _listed(c.disappeared))
    out.print(rows)
    if codes.rows:
        out.print(codes)
