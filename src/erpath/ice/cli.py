"""`erpath ice report`: the ICE FY2019 removals and arrests report, printed as tables.

By default it reads the FY2019 files bundled in `erpath/ice/data` (data/PROVENANCE.md). Every
printed count under 10 is shown as `<10` (`erpath.ice.suppression`), in the terminal and in the
`--csv` file alike, whose text cells are neutralised (`erpath.tables.safe_csv`). A file that
cannot be read exits with status 2 and one line saying why.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table as RichTable

from erpath.ice.read import RawTable, ReadError
from erpath.ice.report import IceReport, Table, ice_report, report_frame
from erpath.ice.suppression import shown_count, shown_share
from erpath.tables.safe_csv import write_csv

ice_app = typer.Typer(help="ICE enforcement data (FY2019 FOIA release).", no_args_is_help=True)
out = Console()
SHOWN_PROBLEMS = 5


@ice_app.callback()
def ice() -> None:
    """ICE enforcement data: the FY2019 removals and administrative arrests (FOIA release)."""


def _account(read: RawTable) -> list[str]:
    skipped = Counter(s.reason for s in read.skipped)
    lines = [
        f"[bold]{Path(read.source).name}[/]: {read.lines:,} lines = {read.header_line - 1} "
        f"title/blank + 1 header + {read.loaded:,} records + {len(read.skipped):,} skipped"
        + ("" if read.accounted else " [red](does not add up)[/]"),
    ]
    lines += [f"  skipped {n:,}: {reason}" for reason, n in skipped.most_common()]
    headers = {c.name: c.header for c in read.layout.columns}
    redacted = [f"{headers[name]} {n:,}" for name, n in read.redacted.items() if n]
    if redacted:
        lines.append("  redaction marks read as null: " + ", ".join(redacted))
    for problem in read.problems[:SHOWN_PROBLEMS]:
        lines.append(
            f"  line {problem.line}: {problem.column} {problem.value!r}: {problem.reason} (null)"
        )
    if len(read.problems) > SHOWN_PROBLEMS:
        lines.append(f"  ... and {len(read.problems) - SHOWN_PROBLEMS:,} more cell problems")
    return lines


def _table(table: Table) -> RichTable:
    hidden = table.hidden()
    er = any(line.of_er is not None for line in table.lines)
    shown = RichTable(title=f"{table.title} ({table.field})", title_justify="left")
    shown.add_column("value")
    shown.add_column("label")
    shown.add_column("count", justify="right")
    shown.add_column("share", justify="right")
    if er:
        shown.add_column("of ER", justify="right")
    shown.add_column("note")
    for index, line in enumerate(table.lines):
        hide = index in hidden
        cells = [
            line.key or "",
            line.label,
            shown_count(line.count, hide),
            shown_share(line.share, hide),
        ]
        if er:
            cells.append("" if line.of_er is None else shown_share(line.of_er, hide))
        shown.add_row(*cells, line.note)
    total = ["", "[bold]Total[/]", f"[bold]{table.base:,}[/]", "100.0%"]
    shown.add_row(*total, *([""] if er else []), "")
    return shown


def show(report: IceReport) -> None:
    """Print the report: how each file was read, the four tables, the notes."""
    for read in (report.removals_read, report.arrests_read):
        for line in _account(read):
            out.print(line, highlight=False)
    for table in report.tables:
        out.print()
        out.print(_table(table))
    out.print()
    for note in report.notes:
        out.print(f"- {note}", highlight=False)


@ice_app.command()
def report(
    removals: Annotated[
        Path | None, typer.Option(help="ICE removals file (default: bundled FY2019)")
    ] = None,
    arrests: Annotated[
        Path | None, typer.Option(help="ERO arrests file (default: bundled FY2019)")
    ] = None,
    csv: Annotated[Path | None, typer.Option("--csv", help="also write the tables as CSV")] = None,
) -> None:
    """Removals by disposition with the expedited-removal share; arrests by disposition."""
    try:
        result = ice_report(removals, arrests)
    except ReadError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=2) from None
    show(result)
    if csv is not None:
        try:
            write_csv(report_frame(result), csv)
        except OSError as exc:
            typer.echo(f"{csv}: cannot write: {exc.strerror}", err=True)
            raise typer.Exit(code=2) from None
        out.print(f"wrote {csv}", highlight=False)
