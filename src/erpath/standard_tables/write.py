"""Compute, publish and write the standard tables of an ingested release (ADR 0031).

    write_standard_tables(REL, OUT, start=date(2019, 10, 1), by=By.month) -> Written

For each table of `catalogue.STANDARDS`: OUT/<name>.parquet and .csv (the published table:
counts as text, every count under 10 shown as "<10", with primary and secondary
suppression, `erpath.exposure.tables.publish`; CSV cells neutralised,
`erpath.tables.safe_csv`) and OUT/<name>.png (its chart); OUT/tables.md and
OUT/index.json listing each file with its definition; and OUT/manifest.json, their sha256
and the release's (ADR 0029).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from erpath.eoir.codebook import CodebookError, resolve
from erpath.eoir.ingest import RELEASE_JSON, read_report
from erpath.eoir.manifest import release_of, write_manifest
from erpath.exposure.release import IngestedReleaseError, open_ingested
from erpath.exposure.tables import ALL, HIDDEN, THRESHOLD, publish, write_table
from erpath.standard_tables import asylum, backlog, completions, motions
from erpath.standard_tables.catalogue import STANDARDS, Standard
from erpath.standard_tables.charts import standard_chart
from erpath.standard_tables.names import name
from erpath.standard_tables.periods import DEFAULT_START, By, Period, period_frame, periods
from erpath.standard_tables.query import connect

READ = ("A_TblCase", "B_TblProceeding", "tbl_Court_Motions", "tbl_Court_Appln")


class StandardTablesError(Exception):
    """The release cannot give the standard tables; the message says why."""


@dataclass
class Written:
    release_date: date
    by: By
    periods: list[Period]
    files: dict[str, list[Path]] = field(default_factory=dict)  # table -> its files
    index: list[Path] = field(default_factory=list)
    manifest: Path | None = None


Progress = Callable[[int, int, str], None]  # (done, total, what)


def write_standard_tables(
    release: Path,
    out: Path,
    start: date = DEFAULT_START,
    by: By = By.month,
    on_step: Progress | None = None,
) -> Written:
    """Write the standard tables of the ingested `release` (its OUT, or DIR/ingested)."""
    try:
        root = resolve(release)
    except CodebookError as exc:
        raise StandardTablesError(str(exc)) from None
    report = read_report(root)
    if report is None:
        raise StandardTablesError(f"{root / RELEASE_JSON}: cannot be read: ingest it again")
    missing = [t for t in READ if t not in report.tables]
    if missing:
        raise StandardTablesError(
            f"{root / RELEASE_JSON}: the ingest has no {missing[0]}: ingest the release again"
        )
    try:
        chosen = periods(start, report.release_date, by)
    except ValueError as exc:
        raise StandardTablesError(str(exc)) from None
    written = Written(report.release_date, by, chosen)
    steps = len(STANDARDS) + 1
    tick = on_step or (lambda done, total, what: None)
    tick(0, steps, "backlog")
    try:
        stocks = backlog.backlog(
            open_ingested(root),
            chosen,
            lambda done, total: tick(0, steps, f"backlog: {done} of {total} month ends"),
        )
    except IngestedReleaseError as exc:
        raise StandardTablesError(str(exc)) from None
    raw: dict[str, pl.DataFrame] = {f"backlog_by_{b}": t for b, t in stocks.items()}
    with connect(root, list(report.tables), chosen) as con:
        raw["completions_by_outcome"] = completions.completions(con, chosen)
        raw["in_absentia_orders_by_court"] = completions.in_absentia(con)
        raw["dhs_motions_to_dismiss_by_court"] = motions.dhs_motions_to_dismiss(con)
        raw["asylum_decisions_by_court"] = asylum.asylum_decisions(con, "court")
        raw["asylum_decisions_by_judge"] = asylum.asylum_decisions(con, "judge")
    out.mkdir(parents=True, exist_ok=True)
    for done, standard in enumerate(STANDARDS, start=2):
        tick(done - 1, steps, standard.name)
        table = published(standard, raw[standard.name], chosen)
        paths = [write_table(table, out / f"{standard.name}{s}") for s in (".parquet", ".csv")]
        paths.append(
            standard_chart(standard, table, out / f"{standard.name}.png", report.release_date)
        )
        written.files[standard.name] = paths
    tick(steps, steps, "index")
    written.index = write_index(written, out)
    files = [p for paths in written.files.values() for p in paths]
    written.manifest = write_manifest(
        out, "standard tables", release_of(root), [*files, *written.index]
    )
    return written


def published(standard: Standard, table: pl.DataFrame, chosen: list[Period]) -> pl.DataFrame:
    """`table` as published: the groups named (their codes beside), the periods' days."""
    by, s = standard.by, standard
    judges: dict[str, str | None] = {}
    keys: list[str] = []
    if by is None:
        shown = publish(table, (), (), s.counts, s.parts, s.total, s.shares)
    else:
        if "judge_name" in table.columns:
            judges = dict(table.select("judge", "judge_name").unique("judge").rows())
            table = table.drop("judge_name")
        code = f"{by}_code"
        shown = publish(
            table.rename({by: code}), [code], ["period"], s.counts, s.parts, s.total, s.shares
        )
        shown = _every_period(shown, code, standard, chosen)
        named = pl.col(code).map_elements(lambda c: name(by, c, judges), return_dtype=pl.String)
        shown = shown.with_columns(named.alias(by))
        keys = [by, code]
    days = period_frame(chosen)
    return shown.join(days, on="period", how="left").select(
        "period", "period_start", "period_end", "complete", *keys, *s.counts, *s.shares
    )


def _every_period(
    shown: pl.DataFrame, code: str, standard: Standard, chosen: list[Period]
) -> pl.DataFrame:
    """`shown` with a total row for each period that counted no one (0, shown as "<10")."""
    present = set(shown.filter(pl.col(code) == ALL).get_column("period").to_list())
    missing = [p.label for p in chosen if p.label not in present]
    if not missing:
        return shown
    cells = dict.fromkeys(standard.counts, HIDDEN) | dict.fromkeys(standard.shares, "")
    extra = pl.DataFrame(
        [{"period": label, code: ALL, **cells} for label in missing],
        schema=dict.fromkeys(shown.columns, pl.String),
    )
    return pl.concat([shown, extra.select(shown.columns)]).sort("period", maintain_order=True)


def write_index(written: Written, out: Path) -> list[Path]:
    """OUT/index.json and OUT/tables.md: each table's files and definition."""
    first, last = written.periods[0], written.periods[-1]
    entries = []
    for standard in STANDARDS:
        entries.append(
            {
                "name": standard.name,
                "title": standard.title,
                "definition": standard.definition,
                "breakdown": standard.by,
                "counts": list(standard.counts),
                "parts": list(standard.parts),
                "total": standard.total,
                "shares": standard.shares,
                "files": [p.name for p in written.files[standard.name]],
            }
        )
    suppression = (
        f"Every count under {THRESHOLD} (0 included) is shown as {HIDDEN}; where a hidden"
        " count could be recovered by subtraction (the parts of a row add up to its total,"
        " the groups of a period to its 'all' row), the next smallest is hidden too. Each"
        " table is suppressed on its own (ADR 0012)."
    )
    index = {
        "release_date": written.release_date.isoformat(),
        "by": written.by.value,
        "from": first.label,
        "to": last.label,
        "last_period_ends": last.end.isoformat(),
        "suppression": suppression,
        "tables": entries,
    }
    json_path = out / "index.json"
    json_path.write_text(json.dumps(index, indent=2) + "\n", encoding="utf-8")
    lines: list[str] = [
        f"# Standard tables of the EOIR release of {written.release_date.isoformat()}",
        "",
        f"By {written.by.value}, {first.label} to {last.label}"
        + ("" if last.complete else f" (the last month through {last.end.isoformat()})")
        + f". {suppression} Each table is written as Parquet, CSV and a chart (PNG);"
        " courts and nationalities are named, their codes beside (`<by>_code`).",
        "",
    ]
    for standard in STANDARDS:
        lines += [f"## {standard.name}", "", f"{standard.title}.", "", standard.definition, ""]
        files = written.files[standard.name]
        parts = f" (the parts add up to `{standard.total}`)" if standard.parts else ""
        lines += [
            "Files: " + ", ".join(f"`{f.name}`" for f in files),
            "",
            "Counts: " + ", ".join(f"`{c}`" for c in standard.counts) + parts,
            "",
        ]
    md_path = out / "tables.md"
    md_path.write_text("\n".join(lines), encoding="utf-8")
    return [md_path, json_path]
