"""What changed between two ingested releases, table by table (ADR 0029).

    diff_releases(old, new) -> ReleaseDiff

Per core table: its rows in each release, the rows added and removed (by the primary key;
a table without a key of its own compares whole rows over the columns both releases have),
the header's columns added, removed and renamed (a column is the same one across releases
when `TableSpec.canonical` gives both spellings the same spec name: `GENDER`/`Sex`, the
`_Remove` and `_TO_BE_REMOVED` suffixes, case; RESEARCH.md 1.6.10), and for every code
column (`kind` code in the schema) the values that appeared and disappeared. It is
computed by DuckDB over the two releases' Parquet (`parquet/<TABLE>/*.parquet`, whose
columns carry the header's names); a table one release lacks counts as empty there.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from erpath.eoir.codebook import resolve
from erpath.eoir.ingest import read_report
from erpath.eoir.report import IngestReport
from erpath.eoir.schema import TABLES, TableSpec


@dataclass
class CodeChange:
    column: str  # the schema's name
    appeared: list[str]
    disappeared: list[str]


@dataclass
class TableDiff:
    table: str
    rows_old: int
    rows_new: int
    added: int  # rows whose primary key only the new release has
    removed: int  # rows whose primary key only the old release has
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    columns_renamed: list[tuple[str, str]] = field(default_factory=list)  # (old, new)
    codes: list[CodeChange] = field(default_factory=list)


@dataclass
class ReleaseDiff:
    old_date: date
    new_date: date
    tables: list[TableDiff]

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["old_date"] = self.old_date.isoformat()
        data["new_date"] = self.new_date.isoformat()
        return data


@dataclass(frozen=True)
class _Side:
    """One release's table: its header names by spec name, and its Parquet parts."""

    names: dict[str, str]  # canonical (spec) name -> the header's name
    header: list[str]
    source: str | None  # a DuckDB table expression, None when there are no rows

    @staticmethod
    def of(root: Path, report: IngestReport, spec: TableSpec) -> _Side:
        table = report.tables.get(spec.name)
        header = list(table.columns) if table is not None else []
        names = {spec.canonical(n): n for n in header}
        parts = sorted((root / "parquet" / spec.name).glob("*.parquet"))
        if not parts:
            return _Side(names, header, None)
        files = ", ".join("'" + str(p).replace("'", "''") + "'" for p in parts)
        return _Side(names, header, f"read_parquet([{files}])")


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row is not None else 0


def _values(con: duckdb.DuckDBPyConnection, side: _Side, column: str) -> set[str]:
    if side.source is None or column not in side.names:
        return set()
    col = _q(side.names[column])
    rows = con.execute(
        f"SELECT DISTINCT CAST({col} AS VARCHAR) FROM {side.source} WHERE {col} IS NOT NULL"
    ).fetchall()
    return {str(r[0]) for r in rows}


def _only_in(con: duckdb.DuckDBPyConnection, a: _Side, b: _Side, key: str) -> int:
    """Rows of `a` whose key `b` lacks; for a table without a key of its own (`key` ""),
    rows of `a` that `b` lacks, compared whole over the columns both have, as text."""
    if a.source is None:
        return 0
    if b.source is None:
        return _one(con, f"SELECT count(*) FROM {a.source}")
    if key:
        ka, kb = _q(a.names[key]), _q(b.names[key])
        return _one(
            con,
            f"SELECT count(*) FROM {a.source} AS a WHERE NOT EXISTS"
            f" (SELECT 1 FROM {b.source} AS b WHERE b.{kb} = a.{ka})",
        )
    shared = [c for c in a.names if c in b.names]
    cols_a = ", ".join(f"CAST({_q(a.names[c])} AS VARCHAR)" for c in shared)
    cols_b = ", ".join(f"CAST({_q(b.names[c])} AS VARCHAR)" for c in shared)
    return _one(
        con,
        f"SELECT count(*) FROM (SELECT {cols_a} FROM {a.source}"
        f" EXCEPT ALL SELECT {cols_b} FROM {b.source})",
    )


def _table_diff(
    con: duckdb.DuckDBPyConnection, spec: TableSpec, old: _Side, new: _Side
) -> TableDiff:
    rows = [_one(con, f"SELECT count(*) FROM {s.source}") if s.source else 0 for s in (old, new)]
    key = spec.primary_key
    diff = TableDiff(
        spec.name,
        rows[0],
        rows[1],
        added=_only_in(con, new, old, key),
        removed=_only_in(con, old, new, key),
    )
    diff.columns_added = [n for c, n in new.names.items() if c not in old.names]
    diff.columns_removed = [n for c, n in old.names.items() if c not in new.names]
    diff.columns_renamed = [
        (n, new.names[c]) for c, n in old.names.items() if c in new.names and new.names[c] != n
    ]
    for column in (c.name for c in spec.columns if c.kind == "code"):
        before, after = _values(con, old, column), _values(con, new, column)
        if before != after:
            diff.codes.append(CodeChange(column, sorted(after - before), sorted(before - after)))
    return diff


class DiffError(Exception):
    """A directory that is not an ingested release."""


def _report(root: Path) -> IngestReport:
    report = read_report(root)
    if report is None:
        raise DiffError(f"{root}: release.json cannot be read: ingest the release again")
    return report


def diff_releases(old: Path, new: Path) -> ReleaseDiff:
    """Compare the ingested releases `old` and `new` (an ingest's OUT, or a release
    directory ingested into the default `DIR/ingested`)."""
    roots = (resolve(old), resolve(new))
    reports = (_report(roots[0]), _report(roots[1]))
    tables = []
    with duckdb.connect() as con:
        for spec in TABLES:
            if all(spec.name not in r.tables for r in reports):
                continue
            sides = [_Side.of(root, r, spec) for root, r in zip(roots, reports, strict=True)]
            tables.append(_table_diff(con, spec, sides[0], sides[1]))
    return ReleaseDiff(reports[0].release_date, reports[1].release_date, tables)
