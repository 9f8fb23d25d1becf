"""DHS motions to dismiss decided in 240 proceedings, by the period of the motion's
COMP_DATE and court: the 2025 practice of dismissing a 240 case so that the person can be
processed for expedited removal (data/RESEARCH.md 1.7 and 4.5).

A DHS motion to dismiss is a tbl_Court_Motions row with REC_TYPE `U` (tblLookupMotionType
"Motion to Dismiss"; `TP`, "Motion to Terminate", is another motion and not counted) and
STRFILINGPARTY `I` (tblLookupFiling_Method_Party "DHS"). Its decision is DEC (the release
has no lookup for it, RESEARCH.md 1.6.5): `G` granted, `D` denied, anything else or
nothing (`M`, likely moot, and others) `other`; the parts add up to `decided`, the
motions with a COMP_DATE. Counted are motions (a proceeding with two is counted twice),
whose proceeding is a 240 case's (`query.REMOVAL_PROCEEDINGS`); the court is the
motion's BASE_CITY_CODE, else its proceeding's. Oral motions made at hearings since May
2025 may not all be entered in the table (RESEARCH.md 1.7).
"""

from __future__ import annotations

import duckdb
import polars as pl

from erpath.standard_tables.query import REMOVAL_PROCEEDINGS, code, group, run

DISMISS, DHS = "U", "I"
PARTS = ("granted", "denied", "other")


def dhs_motions_to_dismiss(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Per period and court: decided, granted, denied, other."""
    dec = code("m.DEC")
    sql = f"""
        SELECT q.period,
            {group("m.BASE_CITY_CODE", "p.BASE_CITY_CODE")} AS court,
            count(*) AS decided,
            count(*) FILTER (WHERE {dec} = 'G') AS granted,
            count(*) FILTER (WHERE {dec} = 'D') AS denied,
            count(*) FILTER (WHERE {dec} IS DISTINCT FROM 'G' AND {dec} IS DISTINCT FROM 'D')
                AS other
        FROM tbl_Court_Motions_decoded m
        JOIN ({REMOVAL_PROCEEDINGS}) p ON p.IDNPROCEEDING = m.IDNPROCEEDING
        JOIN periods q ON m.COMP_DATE BETWEEN q.period_start AND q.period_end
        WHERE {code("m.REC_TYPE")} = '{DISMISS}' AND {code("m.STRFILINGPARTY")} = '{DHS}'
        GROUP BY ALL ORDER BY 1, 2
    """
    return run(con, sql, ("decided", *PARTS))
