"""Asylum decisions by the immigration judges, by the period of the decision, by court and
by judge.

An asylum application is a tbl_Court_Appln row with APPL_CODE `ASYL` (tblLookUp_Appln
"ASYLUM"; `ASYW`, withholding of removal claimed on the same form, is another application
and not counted), decided when APPL_DEC is recorded; the application has no decision date,
so its proceeding's COMP_DATE dates it (data/RESEARCH.md 1.2, 1.7 and 7). APPL_DEC by
tblLookupCourtAppDecisions: `granted` G Grant, F Full Grant, C Conditional Grant, I In
Court Stipulated Grant, P Paper Stipulated Grant; `denied` D Deny; `other` every other
code (A Abandonment, W Withdrawn, O Other, T COV/Transfer, S Admin Closure, ...). The parts
add up to `decided`; `grant_share` is granted of decided (TRAC's grant rate counts the
decisions on the merits only: granted of granted and denied). Every case type's
proceedings are read (asylum-only proceedings too). The court and judge are the
proceeding's BASE_CITY_CODE and IJ_CODE (the judge named by tblLookupJudge).
"""

from __future__ import annotations

import duckdb
import polars as pl

from erpath.standard_tables.query import code, group, run

ASYLUM = "ASYL"
GRANTED = ("G", "F", "C", "I", "P")
DENIED = ("D",)
PARTS = ("granted", "denied", "other")


def asylum_decisions(con: duckdb.DuckDBPyConnection, by: str) -> pl.DataFrame:
    """Per period and `by` ("court" or "judge", with `judge_name`): decided, granted,
    denied, other."""
    dec = code("a.APPL_DEC")
    keys = {
        "court": f"{group('p.BASE_CITY_CODE')} AS court",
        "judge": f"{group('p.IJ_CODE')} AS judge, any_value(p.IJ_CODE_NAME) AS judge_name",
    }[by]
    granted = ", ".join(f"'{c}'" for c in GRANTED)
    denied = ", ".join(f"'{c}'" for c in DENIED)
    sql = f"""
        SELECT q.period, {keys},
            count(*) AS decided,
            count(*) FILTER (WHERE {dec} IN ({granted})) AS granted,
            count(*) FILTER (WHERE {dec} IN ({denied})) AS denied,
            count(*) FILTER (WHERE {dec} NOT IN ({granted}, {denied})) AS other
        FROM tbl_Court_Appln_decoded a
        JOIN B_TblProceeding_decoded p ON p.IDNPROCEEDING = a.IDNPROCEEDING
        JOIN periods q ON p.COMP_DATE BETWEEN q.period_start AND q.period_end
        WHERE {code("a.APPL_CODE")} = '{ASYLUM}' AND {dec} IS NOT NULL
        GROUP BY q.period, {by} ORDER BY 1, 2
    """
    return run(con, sql, ("decided", *PARTS))
