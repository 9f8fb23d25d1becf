"""A codebook of an ingested release: every table and column, its type, EOIR's definition,
its missingness and its most frequent values named through the lookups (ADR 0027).

    write_codebook(ingested, out, top=10, progress=True) -> Codebook

`ingested` is the ingest's output directory (with `release.json` and `eoir.duckdb`) or a
release directory whose ingest went to the default `DIR/ingested`. Written to `out`:

    codebook.md          per table, a row per column: type, definition, missing, top values
    codebook.csv         table, column, type, EOIR's type and definition, missing, distinct
    codebook_values.csv  table, column, rank, value, name (from the lookup), rows, share
    manifest.json        their sha256, the release and its manifest's sha256 (ADR 0029)

Definitions are EOIR's field definitions (`reference/column_definitions.csv`), matched by
column name: the file keeps one text per name, so a name several tables share may carry
the text written for another of them (`shared_by` says how many tables have the name).
Values are counted in the database's `<TABLE>_decoded` views (`database`), so a decision
code is named for the case type of its row. Key columns get no top values (each occurs
about once), and a value in fewer than 10 rows is not listed (`MIN_ROWS`). Lookup
tables are listed with their columns and missingness only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import duckdb
import polars as pl

from erpath.eoir.database import DECODED_SUFFIX, NAME_SUFFIX, NAMED_ONLY, create_decoded_views
from erpath.eoir.ingest import DATABASE, RELEASE_JSON, read_report
from erpath.eoir.manifest import release_of, write_manifest
from erpath.eoir.reference import reference_rows
from erpath.eoir.report import IngestReport
from erpath.eoir.schema import TABLES, table_spec
from erpath.tables.safe_csv import write_csv

TOP = 10
# A value in fewer rows is not listed (a rare value beside its count describes a few
# records; erpath publishes no count under 10, ADR 0012). Missing and distinct counts
# describe a column, not a value, and are given exactly.
MIN_ROWS = 10
ALIASES = {"sex": "GENDER"}  # the 2025 header's Sex is GENDER in EOIR's definitions


class CodebookError(Exception):
    """The directory is not an ingested release (or its outputs cannot be read)."""


@dataclass(frozen=True)
class Definition:
    text: str
    eoir_type: str
    shared_by: int  # tables (of the 97 of the autumn-2025 release) with a column of the name


@cache
def definitions() -> dict[str, Definition]:
    """Column name (lower case) -> EOIR's definition; of names that differ only in case, the
    first in the file (the core tables' upper-case spellings come first)."""
    out: dict[str, Definition] = {}
    for r in reference_rows("column_definitions.csv"):
        shared = len([t for t in r["tables"].split(";") if t])
        out.setdefault(r["column"].lower(), Definition(r["definition"], r["eoir_type"], shared))
    return out


def definition(column: str) -> Definition | None:
    name = re.sub(r"_(Remove|TO_BE_REMOVED)$", "", column).lower()
    return definitions().get(name) or definitions().get(ALIASES.get(name, "").lower())


@dataclass
class Value:
    value: str
    name: str | None
    rows: int


@dataclass
class Column:
    table: str
    position: int
    name: str
    type: str
    kind: str  # "core" or "lookup"
    definition: Definition | None
    rows: int = 0
    missing: int = 0
    distinct: int = 0
    lookup: str = ""  # the lookup(s) naming its codes
    key: bool = False  # a key column (no top values)
    top: list[Value] = field(default_factory=list)

    @property
    def missing_share(self) -> float:
        return self.missing / self.rows if self.rows else 0.0


@dataclass
class Codebook:
    report: IngestReport
    columns: list[Column]
    files: list[Path]


def resolve(path: Path) -> Path:
    """The ingest output for `path` (itself, or `path/ingested`), or a `CodebookError`."""
    if not path.is_dir():
        raise CodebookError(f"{path}: not a directory")
    for candidate in (path, path / "ingested"):
        if (candidate / RELEASE_JSON).is_file():
            if not (candidate / DATABASE).is_file():
                raise CodebookError(f"{candidate}: no {DATABASE}: ingest the release again")
            return candidate
    if (path / "EOIR Case Data").is_dir():
        raise CodebookError(
            f"{path}: a release that has not been ingested (no {RELEASE_JSON} here or in"
            f" {path / 'ingested'}): run `erpath eoir ingest {path}` first"
        )
    raise CodebookError(f"{path}: not an ingested release (no {RELEASE_JSON})")


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _empty(name: str, dtype: str) -> str:
    col = _q(name)
    return f"({col} IS NULL OR trim({col}) = '')" if dtype == "VARCHAR" else f"{col} IS NULL"


def _describe(con: duckdb.DuckDBPyConnection, name: str) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in con.execute(f"DESCRIBE {_q(name)}").fetchall()]


def _lookup_of(table: str, column: str) -> str:
    spec = table_spec(table)
    col = spec.by_name.get(spec.canonical(column))
    if col is None:
        return ""
    refs = col.domain.lookups if col.domain is not None else ()
    refs += NAMED_ONLY.get((table, col.name), ())
    return " | ".join(str(ref) for ref in refs)


def build(
    ingested: Path, top: int = TOP, on_column: Callable[[int, int], None] | None = None
) -> tuple[IngestReport, list[Column]]:
    """The codebook's columns, counted in the release's database."""
    root = resolve(ingested)
    report = read_report(root)
    if report is None:
        raise CodebookError(f"{root / RELEASE_JSON}: cannot be read: ingest the release again")
    try:
        con = duckdb.connect(str(root / DATABASE), read_only=True)
    except duckdb.Error as exc:
        raise CodebookError(f"{root / DATABASE}: cannot be opened: {exc}") from None
    with con:
        try:
            create_decoded_views(con, [table_spec(t) for t in report.tables], temporary=True)
            plan: list[tuple[str, str, list[tuple[str, str]]]] = [
                (t, "core", _describe(con, t)) for t in report.tables
            ]
            plan += [(t, "lookup", _describe(con, t)) for t in report.lookup_tables]
            total = sum(len(cols) for _, _, cols in plan)
            columns: list[Column] = []

            def tick() -> None:
                if on_column is not None:
                    on_column(len(columns), total)

            for table, kind, described in plan:
                _table_columns(con, table, kind, described, top, columns, tick)
        except duckdb.IOException as exc:
            raise CodebookError(
                f"{root}: the Parquet files of its views cannot be read ({exc}); if the"
                " ingested release was moved, ingest it again"
            ) from None
        except duckdb.Error as exc:  # a table of release.json missing from the database
            raise CodebookError(
                f"{root / DATABASE}: does not match {RELEASE_JSON} ({exc}): ingest the"
                " release again"
            ) from None
    return report, columns


def _table_columns(
    con: duckdb.DuckDBPyConnection,
    table: str,
    kind: str,
    described: list[tuple[str, str]],
    top: int,
    out: list[Column],
    tick: Callable[[], None],
) -> None:
    """Append the columns of `table` to `out`, calling `tick` after each."""
    parts = ", ".join(
        f"count(*) FILTER (WHERE {_empty(n, t)}), count(DISTINCT {_q(n)})" for n, t in described
    )
    stats = con.execute(f"SELECT count(*), {parts} FROM {_q(table)}").fetchone()
    assert stats is not None
    rows = int(stats[0])
    decoded = {n for n, _ in _describe(con, table + DECODED_SUFFIX)} if kind == "core" else set()
    for i, (name, dtype) in enumerate(described):
        col = Column(table, i + 1, name, dtype, kind, definition(name), rows)
        col.missing, col.distinct = int(stats[1 + 2 * i]), int(stats[2 + 2 * i])
        if kind == "core":
            spec = table_spec(table)
            canonical = spec.canonical(name)
            col.lookup = _lookup_of(table, name)
            spec_col = spec.by_name.get(canonical)
            col.key = spec_col is not None and spec_col.kind == "key"
            if not col.key:
                col.top = _top(con, table, name, canonical, decoded, dtype, top)
        out.append(col)
        tick()


def _top(
    con: duckdb.DuckDBPyConnection,
    table: str,
    name: str,
    canonical: str,
    decoded: set[str],
    dtype: str,
    top: int,
) -> list[Value]:
    label = canonical + NAME_SUFFIX
    if canonical in decoded and label in decoded:
        source, value, named = table + DECODED_SUFFIX, _q(canonical), _q(label)
    else:
        source, value, named = table, _q(name), "NULL"
    not_empty = _empty(canonical if named != "NULL" else name, dtype)
    rows = con.execute(
        f"SELECT CAST({value} AS VARCHAR) AS v, {named} AS n, count(*) AS c"
        f" FROM {_q(source)} WHERE NOT {not_empty} GROUP BY v, n"
        f" HAVING count(*) >= {MIN_ROWS} ORDER BY c DESC, v, n"
        f" LIMIT {int(top)}"
    ).fetchall()
    return [Value(v, n, int(c)) for v, n, c in rows]


def write_codebook(
    ingested: Path,
    out: Path,
    top: int = TOP,
    on_column: Callable[[int, int], None] | None = None,
) -> Codebook:
    """Build the codebook of `ingested` and write it to the directory `out`, then
    `out/manifest.json` (ADR 0029)."""
    report, columns = build(ingested, top, on_column)
    out.mkdir(parents=True, exist_ok=True)
    files = [
        _write_markdown(report, columns, out / "codebook.md"),
        _write_columns_csv(columns, out / "codebook.csv"),
        _write_values_csv(columns, out / "codebook_values.csv"),
    ]
    write_manifest(out, "eoir codebook", release_of(resolve(ingested)), files)
    return Codebook(report, columns, files)


def _write_columns_csv(columns: list[Column], path: Path) -> Path:
    frame = pl.DataFrame(
        {
            "table": [c.table for c in columns],
            "kind": [c.kind for c in columns],
            "position": [c.position for c in columns],
            "column": [c.name for c in columns],
            "type": [c.type for c in columns],
            "eoir_type": [c.definition.eoir_type if c.definition else None for c in columns],
            "definition": [c.definition.text if c.definition else None for c in columns],
            "shared_by": [c.definition.shared_by if c.definition else None for c in columns],
            "lookup": [c.lookup or None for c in columns],
            "rows": [c.rows for c in columns],
            "missing": [c.missing for c in columns],
            "missing_share": [round(c.missing_share, 6) for c in columns],
            "distinct": [c.distinct for c in columns],
        },
        schema_overrides={"shared_by": pl.Int64, "eoir_type": pl.String, "definition": pl.String},
    )
    return write_csv(frame, path)


def _write_values_csv(columns: list[Column], path: Path) -> Path:
    records = [
        (c.table, c.name, rank, v.value, v.name, v.rows, round(v.rows / c.rows, 6))
        for c in columns
        for rank, v in enumerate(c.top, 1)
    ]
    names = ("table", "column", "rank", "value", "name", "rows", "share")
    frame = pl.DataFrame(
        records,
        schema={
            "table": pl.String,
            "column": pl.String,
            "rank": pl.Int64,
            "value": pl.String,
            "name": pl.String,
            "rows": pl.Int64,
            "share": pl.Float64,
        },
        orient="row",
    )
    assert tuple(frame.columns) == names
    return write_csv(frame, path)


_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|#])")


def md(text: str) -> str:
    """A value safe in a Markdown table cell: control characters as `\\xNN`, Markdown's
    special characters escaped (a value from the release is never markup)."""
    text = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\x{ord(m[0]):02x}", text)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("&", "&amp;")


def _top_cell(c: Column) -> str:
    if c.key:
        return "(key)"
    return "; ".join(
        md(v.value)
        + (f" ({md(v.name)})" if v.name else "")
        + f": {v.rows:,} ({v.rows / c.rows:.1%})"
        for v in c.top
    )


def _write_markdown(report: IngestReport, columns: list[Column], path: Path) -> Path:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"# Codebook of the EOIR release of {report.release_date}",
        "",
        f"Release date {report.release_date} ({report.release_date_source}); ingested from"
        f" `{md(report.source)}`; written {now} by `erpath eoir codebook`.",
        "",
        "Definitions are EOIR's field definitions, matched by column name; a † marks a name"
        " that several tables of the release share, whose text may have been written for"
        " another of them. Missing counts empty and NULL cells of the loaded rows."
        " Top values are named through the release's lookups (a decision code for its row's"
        f" case type); keys have none, and a value in fewer than {MIN_ROWS} rows is not"
        " listed.",
        "",
    ]
    by_table: dict[str, list[Column]] = {}
    for c in columns:
        by_table.setdefault(c.table, []).append(c)
    core = [t for t in by_table if by_table[t][0].kind == "core"]
    lookups = [t for t in by_table if by_table[t][0].kind == "lookup"]
    lines += ["## Tables", ""]
    lines += [f"- {md(t)}: {by_table[t][0].rows:,} rows" for t in core]
    lines += [f"- {len(lookups)} lookups", ""]
    for table in [*core, *lookups]:
        cols = by_table[table]
        lines += [f"## {md(table)}", "", f"{cols[0].rows:,} rows, {len(cols)} columns.", ""]
        head = ["column", "type", "definition", "missing", "distinct"]
        if cols[0].kind == "core":
            head.append("top values")
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for c in cols:
            d = c.definition
            text = ""
            if d is not None:
                text = md(d.text) + (f" ({md(d.eoir_type)})" if d.eoir_type else "")
                text += " †" if d.shared_by > 1 else ""
            cells = [
                md(c.name),
                md(c.type),
                text,
                f"{c.missing:,} ({c.missing_share:.1%})",
                f"{c.distinct:,}",
            ]
            if c.kind == "core":
                cells.append(_top_cell(c))
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


__all__ = ["TABLES", "Codebook", "CodebookError", "build", "resolve", "write_codebook"]
