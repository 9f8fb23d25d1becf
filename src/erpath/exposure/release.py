"""An ingested EOIR release, read from its Parquet files or its DuckDB database.

The ingest (`erpath.eoir`) writes `OUT/release.json`, `OUT/parquet/<TABLE>/*.parquet` with
the real EOIR column names and types (dates as DATE, integer keys as BIGINT, codes as
VARCHAR), and `OUT/eoir.duckdb` with a view per table. This module reads only the columns
the exposure needs, matching names without regard to case (the release mixes `IDNCASE` and
`idnCase`), and gives every column the one type the rest of the package expects: keys
Int64, dates Date, codes upper-case String with blanks as null.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import duckdb
import polars as pl

Source = Literal["auto", "parquet", "duckdb"]
Kind = Literal["key", "date", "code", "text"]

# The columns the exposure reads, by table: name -> kind. Optional tables and columns
# may be absent from a release (they are then unknown, never guessed).
CASE = "A_TblCase"
PROCEEDING = "B_TblProceeding"
CHARGES = "B_TblProceedCharges"
REPS = "tbl_RepsAssigned"
CUSTODY_HISTORY = "tbl_CustodyHistory"
APPEALS = "tblAppeal"
JUVENILE = "tbl_JuvenileHistory"
CASE_IDENTIFIERS = "A_TblCaseIdentifier"

REQUIRED: dict[str, dict[str, Kind]] = {
    CASE: {"IDNCASE": "key"},
    PROCEEDING: {"IDNPROCEEDING": "key", "IDNCASE": "key", "COMP_DATE": "date"},
    CHARGES: {"IDNCASE": "key", "CHARGE": "text"},
    REPS: {"IDNCASE": "key", "STRATTYTYPE": "code"},
    CUSTODY_HISTORY: {"IDNCASE": "key"},
    APPEALS: {"IDNCASE": "key", "datAppealFiled": "date"},
    JUVENILE: {"IDNCASE": "key", "idnJuvenile": "key"},
    CASE_IDENTIFIERS: {"IDNCASE": "key", "CASE_ID": "code"},
}
OPTIONAL: dict[str, dict[str, Kind]] = {
    CASE: {
        "NAT": "code",
        "CUSTODY": "code",
        "CASE_TYPE": "code",
        "DATE_OF_ENTRY": "date",
        "C_BIRTHDATE": "text",
        "LPR": "code",
        "E_28_DATE": "date",
    },
    PROCEEDING: {
        "OSC_DATE": "date",
        "INPUT_DATE": "date",
        "BASE_CITY_CODE": "code",
        "HEARING_LOC_CODE": "code",
        "CASE_TYPE": "code",
        "CUSTODY": "code",
        "NAT": "code",
    },
    CHARGES: {"IDNPROCEEDING": "key", "CHG_STATUS": "code"},
    REPS: {"STRATTYLEVEL": "code", "E_28_DATE": "date"},
    CUSTODY_HISTORY: {"CUSTODY": "code", "DATDETAINED": "date", "DATRELEASED": "date"},
    APPEALS: {
        "IDNPROCEEDING": "key",
        "strAppealCategory": "code",
        "strAppealType": "text",
        "datBIADecision": "date",
    },
    JUVENILE: {},
    CASE_IDENTIFIERS: {},
}
TYPES: dict[Kind, Any] = {"key": pl.Int64, "date": pl.Date, "code": pl.String, "text": pl.String}


class IngestedReleaseError(ValueError):
    """The release cannot be read; the message names the file, table or column."""


def _date(expr: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    if dtype == pl.Date:
        return expr
    if isinstance(dtype, pl.Datetime):
        return expr.dt.date()
    # Text dates as the raw release writes them: "YYYY-MM-DD[ HH:MM:SS.mmm]".
    return expr.cast(pl.String).str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False)


def _typed(name: str, kind: Kind, dtype: pl.DataType | None, alias: str) -> pl.Expr:
    if dtype is None:
        return pl.lit(None, dtype=TYPES[kind]).alias(alias)
    col = pl.col(name)
    if kind == "key":
        return col.cast(pl.Int64, strict=False).alias(alias)
    if kind == "date":
        return _date(col, dtype).alias(alias)
    return col.cast(pl.String).alias(alias)


def _clean(value: str, kind: Kind) -> str | None:
    """A code or text as the exposure compares it: trimmed, codes in upper case, blank
    as null."""
    text = value.strip()
    if kind == "code":
        text = text.upper()
    return text or None


@dataclass
class IngestedRelease:
    """One ingested release at `root`, read from `source` ("parquet" or "duckdb")."""

    root: Path
    source: Literal["parquet", "duckdb"]
    metadata: dict[str, Any] = field(default_factory=dict)

    def _parquet_files(self, table: str) -> list[Path]:
        folder = self.root / "parquet" / table
        return sorted(folder.glob("*.parquet")) or sorted(folder.glob("**/*.parquet"))

    def has(self, table: str) -> bool:
        if self.source == "parquet":
            return bool(self._parquet_files(table))
        with duckdb.connect(str(self.root / "eoir.duckdb"), read_only=True) as con:
            found = con.execute(
                "SELECT count(*) FROM information_schema.tables WHERE lower(table_name) = ?",
                [table.lower()],
            ).fetchone()
        return bool(found and found[0])

    def parquet_paths(self, table: str) -> list[str]:
        """The table's Parquet files (for readers other than polars, e.g. dask)."""
        return [str(p) for p in self._parquet_files(table)]

    def _names(self, table: str) -> list[str]:
        if self.source == "parquet":
            files = self._parquet_files(table)
            if not files:
                raise IngestedReleaseError(f"{self.root / 'parquet' / table}: no Parquet files")
            return pl.scan_parquet(files).collect_schema().names()
        with duckdb.connect(str(self.root / "eoir.duckdb"), read_only=True) as con:
            rows = con.execute(
                "SELECT column_name FROM information_schema.columns"
                " WHERE lower(table_name) = ? ORDER BY ordinal_position",
                [table.lower()],
            ).fetchall()
        if not rows:
            raise IngestedReleaseError(f"{self.root / 'eoir.duckdb'}: no table {table}")
        return [str(r[0]) for r in rows]

    def _read(self, table: str, names: list[str]) -> pl.LazyFrame:
        if self.source == "parquet":
            return pl.scan_parquet(self._parquet_files(table)).select(names)
        columns = ", ".join('"' + n.replace('"', '""') + '"' for n in names)
        with duckdb.connect(str(self.root / "eoir.duckdb"), read_only=True) as con:
            try:
                frame: pl.DataFrame = con.sql(f'SELECT {columns} FROM "{table}"').pl()
            except duckdb.Error as exc:
                raise IngestedReleaseError(f"{self.root / 'eoir.duckdb'}: {table}: {exc}") from None
        return frame.lazy()

    def juvenile_codes(self) -> dict[int, str]:
        """tblLookup_Juvenile's id -> code, from the release's database (the ingest keeps
        the lookups there); empty when it has none."""
        path = self.root / "eoir.duckdb"
        if not path.exists():
            return {}
        with duckdb.connect(str(path), read_only=True) as con:
            names = {
                str(r[0]).lower(): str(r[0])
                for r in con.execute(
                    "SELECT column_name FROM information_schema.columns"
                    " WHERE lower(table_name) = 'tbllookup_juvenile'"
                ).fetchall()
            }
            if "idnjuvenile" not in names or "strcode" not in names:
                return {}
            rows = con.execute(
                f'SELECT "{names["idnjuvenile"]}", "{names["strcode"]}" FROM tblLookup_Juvenile'
            ).fetchall()
        codes: dict[int, str] = {}
        for ident, code in rows:
            text = str(ident).strip()
            if text.isdigit() and code is not None:
                codes[int(text)] = str(code).strip().upper()
        return codes

    def present(self, table: str) -> set[str]:
        """The exposure columns of `table` that the release has (canonical names)."""
        chosen = match_columns(self._names(table), table, f"{self.root}: {table}")
        return {name for name, actual in chosen.items() if actual is not None}

    def scan(self, table: str) -> pl.LazyFrame:
        """The table's exposure columns (REQUIRED and OPTIONAL), typed, under their
        canonical names; an absent optional column is all null."""
        chosen = match_columns(self._names(table), table, f"{self.root}: {table}")
        raw = self._read(table, sorted({a for a in chosen.values() if a is not None}))
        return select_columns(raw, table, chosen)


def match_columns(names: Sequence[str], table: str, where: str) -> dict[str, str | None]:
    """Each exposure column of `table` -> the release's column of that name in any case."""
    by_lower = {name.lower(): name for name in names}
    chosen: dict[str, str | None] = {}
    for name in REQUIRED[table]:
        actual = by_lower.get(name.lower())
        if actual is None:
            raise IngestedReleaseError(f"{where}: no column {name}")
        chosen[name] = actual
    for name in OPTIONAL[table]:
        chosen[name] = by_lower.get(name.lower())
    return chosen


def select_columns(raw: pl.LazyFrame, table: str, chosen: dict[str, str | None]) -> pl.LazyFrame:
    """The exposure columns of `table`, typed and named canonically, read into memory.
    Codes and texts are cleaned (`_clean`) value by distinct value: a release has few
    distinct codes."""
    schema = raw.collect_schema()
    kinds = REQUIRED[table] | OPTIONAL[table]
    typed = raw.select(
        _typed(actual or name, kinds[name], schema[actual] if actual else None, name)
        for name, actual in chosen.items()
    ).collect()
    texts = [n for n, actual in chosen.items() if actual and kinds[n] in ("code", "text")]
    if not texts:
        return typed.lazy()
    distinct = typed.select(pl.col(n).unique().implode() for n in texts).row(0, named=True)
    fixes: list[pl.Expr] = []
    for name in texts:
        mapping = {v: _clean(v, kinds[name]) for v in distinct[name] if v is not None}
        mapping = {v: c for v, c in mapping.items() if c != v}
        if mapping:
            fixes.append(pl.col(name).replace(mapping))
    return typed.with_columns(fixes).lazy() if fixes else typed.lazy()


def open_ingested(path: Path, source: Source = "auto") -> IngestedRelease:
    """The release at `path`; "auto" reads the Parquet files when there are any, else the
    DuckDB database."""
    root = Path(path)
    if not root.is_dir():
        raise IngestedReleaseError(f"{root}: not a directory")
    metadata: dict[str, Any] = {}
    meta_path = root / "release.json"
    if meta_path.exists():
        try:
            loaded = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise IngestedReleaseError(f"{meta_path}: cannot read: {exc}") from None
        metadata = loaded if isinstance(loaded, dict) else {"value": loaded}
    has_parquet = (root / "parquet").is_dir()
    has_duckdb = (root / "eoir.duckdb").is_file()
    chosen: Literal["parquet", "duckdb"]
    if source == "auto":
        if not (has_parquet or has_duckdb):
            raise IngestedReleaseError(f"{root}: neither parquet/ nor eoir.duckdb")
        chosen = "parquet" if has_parquet else "duckdb"
    elif source == "parquet" and not has_parquet:
        raise IngestedReleaseError(f"{root / 'parquet'}: not found")
    elif source == "duckdb" and not has_duckdb:
        raise IngestedReleaseError(f"{root / 'eoir.duckdb'}: not found")
    else:
        chosen = source
    return IngestedRelease(root, chosen, metadata)


def read_tables(release: IngestedRelease, tables: Sequence[str]) -> dict[str, pl.LazyFrame | None]:
    """Each named table's exposure columns, or None for a table the release lacks (only
    the case and proceeding tables are required)."""
    result: dict[str, pl.LazyFrame | None] = {}
    for table in tables:
        if release.has(table):
            result[table] = release.scan(table)
        elif table not in (CASE, PROCEEDING):
            result[table] = None
        else:
            raise IngestedReleaseError(f"{release.root}: no table {table} ({release.source})")
    return result
