"""`connect(release)`: an ingested EOIR release as an in-memory DuckDB, for notebooks
(docs/adr/0030-notebook-api.md).

    with connect("OUT") as db:  # the ingest's OUT, or a release dir ingested to DIR/ingested
        db.tables()  # what can be queried
        db.sql("SELECT * FROM release")  # release_date, release_date_source, source, ...
        db.sql("SELECT NAT_NAME, count(*) FROM A_TblCase_decoded GROUP BY ALL").pl()

What the connection holds, all made when it opens:

- `<TABLE>`, one view per core table over `OUT/parquet/<TABLE>/*.parquet`, the files'
  paths found from where the release is now: a release directory moved or copied works
  as it is, unlike `eoir.duckdb`, whose views keep the paths of the ingest. Columns are
  under the schema's names whatever the release's header spells (RESEARCH.md 1.6.10:
  `GENDER` as `Sex`, `*_Remove` and `*_TO_BE_REMOVED` without the suffix, any case;
  `TableSpec.canonical`), so a query runs unchanged across releases; a column the
  release lacks is absent (a query naming it fails rather than read NULLs).
- `raw.<TABLE>`: the same Parquet under the release's own column names.
- `<TABLE>_decoded`: the ingest's decoded views (ADR 0027), each code's name beside it.
- the release's lookups as tables (copied from `eoir.duckdb`, which is opened read-only
  and closed again: nothing of the release is written).
- `release`: one row, the release's date and its source (`release.json`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import TracebackType

import duckdb

from erpath.eoir.codebook import CodebookError, resolve
from erpath.eoir.database import create_decoded_views
from erpath.eoir.ingest import DATABASE, RELEASE_JSON, read_report
from erpath.eoir.report import IngestReport
from erpath.eoir.schema import table_spec
from erpath.exposure.release import IngestedRelease, open_ingested

RAW = "raw"  # the schema of the views under the release's own column names
RELEASE = "release"
_LOOKUPS = "release_database"  # eoir.duckdb while its lookups are copied


class ReleaseDataError(ValueError):
    """The path is not an ingested release, or part of it is missing or unreadable; the
    message names the file and what to do."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def canonical_columns(table: str, header: list[str]) -> list[tuple[str, str]]:
    """(name in the view, name in the release) for each column of `header`: the schema's
    name (`TableSpec.canonical`); where two header columns stand for one schema column,
    one already of that name keeps it, else the first takes it, and the other keeps its
    own name."""
    spec = table_spec(table)
    taken: set[str] = set()
    named: list[tuple[str, str]] = []
    for raw in header:
        name = spec.canonical(raw)
        if name in taken or (name != raw and name in header):
            name = raw
        taken.add(name)
        named.append((name, raw))
    return named


class ReleaseData:
    """An open connection to one ingested release (`connect`); `con` is the DuckDB
    connection itself, for what `sql` does not cover (e.g. `con.register`)."""

    def __init__(
        self, ingested: IngestedRelease, report: IngestReport, con: duckdb.DuckDBPyConnection
    ) -> None:
        self.root = ingested.root
        self.report = report
        self.con = con
        # The release as erpath.exposure reads it (erpath.exposure.release), e.g. for
        # erpath.exposure.pending.proceeding_spans.
        self.ingested = ingested

    @property
    def release_date(self) -> date:
        return self.report.release_date

    def sql(self, query: str, params: object = None) -> duckdb.DuckDBPyRelation:
        """The query's relation (`.pl()`, `.df()`, `.fetchall()`, or shown as a table)."""
        return self.con.sql(query, params=params)

    def tables(self) -> list[str]:
        """The tables and views of the release, `raw.` views included, sorted."""
        rows = self.con.execute(
            "SELECT CASE WHEN table_schema = 'main' THEN table_name"
            " ELSE table_schema || '.' || table_name END"
            " FROM information_schema.tables WHERE table_catalog = current_database()"
            " ORDER BY table_schema, table_name"
        ).fetchall()
        return [str(r[0]) for r in rows]

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> ReleaseData:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def connect(release: str | Path) -> ReleaseData:
    """The ingested release at `release` (the ingest's OUT, or a release directory ingested
    to its default `DIR/ingested`: `erpath.eoir.codebook.resolve`), opened in memory."""
    try:
        root = resolve(Path(release).expanduser().resolve())
    except CodebookError as exc:
        raise ReleaseDataError(str(exc)) from None
    report = read_report(root)
    if report is None:
        raise ReleaseDataError(f"{root / RELEASE_JSON}: cannot be read: ingest the release again")
    ingested = open_ingested(root, "parquet")
    con = duckdb.connect()
    try:
        _core_views(con, ingested, report)
        _lookups(con, root / DATABASE, report)
        create_decoded_views(con, [table_spec(t) for t in report.tables])
        _release_table(con, root, report)
    except BaseException:
        con.close()
        raise
    return ReleaseData(ingested, report, con)


def _core_views(
    con: duckdb.DuckDBPyConnection, ingested: IngestedRelease, report: IngestReport
) -> None:
    con.execute(f"CREATE SCHEMA {RAW}")
    for table in report.tables:
        files = ingested.parquet_paths(table)
        if not files:
            raise ReleaseDataError(
                f"{ingested.root / 'parquet' / table}: no Parquet files ({RELEASE_JSON}"
                " names the table): ingest the release again"
            )
        source = "[" + ", ".join(_literal(f) for f in files) + "]"
        raw = f"{RAW}.{_quote(table)}"
        try:
            con.execute(f"CREATE VIEW {raw} AS SELECT * FROM read_parquet({source})")
        except duckdb.Error as exc:
            raise ReleaseDataError(
                f"{ingested.root / 'parquet' / table}: cannot be read: {exc}"
            ) from None
        header = [r[0] for r in con.execute(f"DESCRIBE {raw}").fetchall()]
        columns = ", ".join(
            _quote(raw_name) if name == raw_name else f"{_quote(raw_name)} AS {_quote(name)}"
            for name, raw_name in canonical_columns(table, header)
        )
        con.execute(f"CREATE VIEW {_quote(table)} AS SELECT {columns} FROM {raw}")


def _lookups(con: duckdb.DuckDBPyConnection, database: Path, report: IngestReport) -> None:
    try:
        con.execute(f"ATTACH {_literal(str(database))} AS {_LOOKUPS} (READ_ONLY)")
    except duckdb.Error as exc:
        raise ReleaseDataError(f"{database}: cannot be opened: {exc}") from None
    try:
        for name in report.lookup_tables:
            try:
                con.execute(
                    f"CREATE TABLE {_quote(name)} AS SELECT * FROM {_LOOKUPS}.{_quote(name)}"
                )
            except duckdb.CatalogException:
                raise ReleaseDataError(
                    f"{database}: no lookup table {name} ({RELEASE_JSON} names it):"
                    " ingest the release again"
                ) from None
    finally:
        con.execute(f"DETACH {_LOOKUPS}")


def _release_table(con: duckdb.DuckDBPyConnection, root: Path, report: IngestReport) -> None:
    """`release`: the release's date, how it was found, where the release was ingested
    from, its fingerprint, and the ingested release's directory now."""
    con.execute(
        f"CREATE TABLE {RELEASE} AS SELECT ?::DATE AS release_date,"
        " ?::VARCHAR AS release_date_source, ?::VARCHAR AS source,"
        " ?::VARCHAR AS fingerprint, ?::VARCHAR AS directory",
        [
            report.release_date,
            report.release_date_source,
            report.source,
            report.fingerprint,
            str(root),
        ],
    )
