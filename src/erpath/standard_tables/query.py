"""Queries of an ingested release's database for the standard tables: the `<TABLE>_decoded`
views (ADR 0027: the schema's column names whatever the header spells; made again as
temporary views, as the codebook does, so an older ingest works too), with the periods as
a table `periods` (period, period_start, period_end) to join a day to its period.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

from erpath.eoir.database import create_decoded_views
from erpath.eoir.ingest import DATABASE
from erpath.eoir.schema import table_spec
from erpath.exposure.facts_table import UNKNOWN
from erpath.exposure.pending import REMOVAL_240
from erpath.standard_tables.periods import Period, period_frame


def code(column: str) -> str:
    """A code column as compared: trimmed, upper case, blank as NULL."""
    return f"nullif(upper(trim({column})), '')"


def group(*columns: str) -> str:
    """The first of `columns` (codes) recorded, else the breakdowns' `unknown`."""
    return f"coalesce({', '.join(code(c) for c in columns)}, '{UNKNOWN}')"


# The 240 proceedings, as `erpath.exposure.pending` reads them: the proceeding's CASE_TYPE,
# else its case's (A_TblCase rows whose IDNCASE is unique), in REMOVAL_240.
REMOVAL_PROCEEDINGS = f"""
    SELECT p.*
    FROM B_TblProceeding_decoded p
    LEFT JOIN (
        SELECT IDNCASE, any_value(CASE_TYPE) AS case_type
        FROM A_TblCase_decoded WHERE IDNCASE IS NOT NULL
        GROUP BY IDNCASE HAVING count(*) = 1
    ) c ON c.IDNCASE = p.IDNCASE
    WHERE coalesce({code("p.CASE_TYPE")}, {code("c.case_type")})
        IN ({", ".join(f"'{t}'" for t in REMOVAL_240)})
"""


@contextmanager
def connect(
    ingested: Path, tables: Sequence[str], chosen: Sequence[Period]
) -> Iterator[duckdb.DuckDBPyConnection]:
    """The release's database (read only) with the decoded views of `tables` and the
    periods."""
    with duckdb.connect(str(ingested / DATABASE), read_only=True) as con:
        create_decoded_views(con, [table_spec(t) for t in tables], temporary=True)
        con.register("periods", period_frame(list(chosen)).to_arrow())
        yield con


def run(con: duckdb.DuckDBPyConnection, sql: str, counts: Sequence[str]) -> pl.DataFrame:
    """The result of `sql`, its `counts` as Int64."""
    found: pl.DataFrame = con.sql(sql).pl()
    return found.with_columns(pl.col(c).cast(pl.Int64) for c in counts)
