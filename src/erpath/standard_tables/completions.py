"""Completions of 240 proceedings by outcome, and the removal orders made in absentia, by
the period of the proceeding's COMP_DATE ("the date the IJ entered the decision", merits
or administrative: data/RESEARCH.md 1.7).

A completion's outcome is read from DEC_CODE (tblLookupCourtDecision, strDecType C, for
case type RMV: `reference/court_decisions.csv`), else from OTHER_COMP (strDecType O):

    removal_order        X  Removal Order
    voluntary_departure  V  Voluntary Departure
    relief_granted       R  Relief Granted, G Grant, C Conditional Grant, E Grant-INA
                            Withholding, H Grant-CAT Deferral, Z Grant-CAT Withholding
    termination          T  Terminated
    dismissal            U  Dismissed by IJ
    other                any other DEC_CODE (A Abandonment, D Deny, J Jurisdiction
                            Transferred to the BIA, L, O, S, W Withdraw), or none at all
    administrative       no DEC_CODE and an OTHER_COMP (change of venue, transfer,
                            administrative closure, failure to prosecute, TPS, ...)

The parts add up to `completions`. An order in absentia is a removal order (X) with
ABSENTIA = 'Y' (RESEARCH.md 1.7); `in_person` are the other removal orders.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import polars as pl

from erpath.standard_tables.periods import Period
from erpath.standard_tables.query import REMOVAL_PROCEEDINGS, code, group, run

OUTCOMES: dict[str, tuple[str, ...]] = {
    "removal_order": ("X",),
    "voluntary_departure": ("V",),
    "relief_granted": ("R", "G", "C", "E", "H", "Z"),
    "termination": ("T",),
    "dismissal": ("U",),
}
PARTS = (*OUTCOMES, "other", "administrative")
ABSENTIA_PARTS = ("in_absentia", "in_person")


def _outcome_sql() -> str:
    dec = code("DEC_CODE")
    whens = " ".join(
        f"WHEN {dec} IN ({', '.join(repr(c) for c in codes)}) THEN '{name}'"
        for name, codes in OUTCOMES.items()
    )
    return (
        f"CASE {whens} WHEN {dec} IS NULL AND {code('OTHER_COMP')} IS NOT NULL"
        " THEN 'administrative' ELSE 'other' END"
    )


def _completed() -> str:
    """Each completed 240 proceeding in a period: period, court, outcome, absentia."""
    return f"""
        SELECT q.period, {group("p.BASE_CITY_CODE")} AS court,
            {_outcome_sql()} AS outcome, {code("p.ABSENTIA")} = 'Y' AS absentia
        FROM ({REMOVAL_PROCEEDINGS}) p
        JOIN periods q ON p.COMP_DATE BETWEEN q.period_start AND q.period_end
    """


def completions(con: duckdb.DuckDBPyConnection, chosen: Sequence[Period]) -> pl.DataFrame:
    """Per period (every one, zeros included): completions and each outcome of PARTS."""
    counts = ", ".join(f"count(*) FILTER (WHERE outcome = '{p}') AS {p}" for p in PARTS)
    sql = f"SELECT period, count(*) AS completions, {counts} FROM ({_completed()}) GROUP BY period"
    grid = pl.DataFrame({"period": [p.label for p in chosen]}, schema={"period": pl.String})
    found = run(con, sql, ["completions", *PARTS])
    return grid.join(found, on="period", how="left").fill_null(0)


def in_absentia(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Per period and court: removal orders, those in absentia and the others."""
    sql = f"""
        SELECT period, court, count(*) AS removal_orders,
            count(*) FILTER (WHERE absentia) AS in_absentia,
            count(*) FILTER (WHERE absentia IS NOT TRUE) AS in_person
        FROM ({_completed()}) WHERE outcome = 'removal_order'
        GROUP BY period, court ORDER BY period, court
    """
    return run(con, sql, ["removal_orders", *ABSENTIA_PARTS])
