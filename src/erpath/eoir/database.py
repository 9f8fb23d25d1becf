"""The DuckDB database of an ingest: one view per core table over its Parquet files, and
the release's lookups as tables (named as the release's files, e.g. tblLookupNationality).

Views read `OUT/parquet/<TABLE>/*.parquet` by absolute path, so the database answers from
any working directory; moving `OUT` means ingesting again (which then rebuilds only what
moved: the release is unchanged).
"""

from __future__ import annotations

from pathlib import Path

import duckdb


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def build_database(path: Path, views: dict[str, Path], lookups: dict[str, Path]) -> None:
    """Create the database at `path`: `views` maps a table to its final Parquet directory,
    `lookups` a lookup table to a directory of Parquet parts to copy in."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    with duckdb.connect(str(tmp)) as con:
        for name, directory in views.items():
            source = _literal(directory / "*.parquet")
            con.execute(f"CREATE VIEW {_quote(name)} AS SELECT * FROM read_parquet({source})")
        for name, directory in lookups.items():
            source = _literal(directory / "*.parquet")
            con.execute(f"CREATE TABLE {_quote(name)} AS SELECT * FROM read_parquet({source})")
        con.execute("CHECKPOINT")
    tmp.replace(path)
