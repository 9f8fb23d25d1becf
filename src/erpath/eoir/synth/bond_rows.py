"""D_TblAssociatedBond rows: bond hearings of detained and released respondents, on their
proceedings (RESEARCH.md 1.2: one row a bond decision, keyed to IDNPROCEEDING and IDNCASE).

The rows are the reference's bonds per case (row counts), spread over the proceedings of
cases that were ever detained (custody D or R): a bond is asked for early in a
proceeding and decided within days, never after the release date; the hearing repeats the
proceeding's court, site and judge. Codes follow the real frequencies and missingness.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from erpath.eoir.reference import row_counts
from erpath.eoir.synth.columns import frame
from erpath.eoir.synth.draws import Draws, as_text, hhmm, sql_dates, truth
from erpath.eoir.synth.pools import Pools
from erpath.eoir.synth.proceeding_rows import Proceedings
from erpath.eoir.synth.timeline import Cases, Ids

TABLE = "D_TblAssociatedBond"
# Bond amounts in dollars (chosen: the round sums immigration judges set; RESEARCH.md 1.4
# says only that money is text).
AMOUNTS = ("1500", "2000", "3000", "5000", "7500", "10000", "15000", "25000")


def build(draws: Draws, ids: Ids, c: Cases, procs: Proceedings, pools: Pools) -> pl.DataFrame:
    rng = draws.rng
    ever_detained = c.custody[c.proc_case] != "N"
    wanted = row_counts()[TABLE] / row_counts()["A_TblCase"] * c.n
    proc = draws.exactly(ever_detained.astype(np.float64), wanted, replace=True)
    n = len(proc)
    case = c.proc_case[proc]
    last_day = c.release - 1
    end = np.where(c.proc_open[proc], last_day, c.proc_end[proc])
    room = np.maximum(np.minimum(end - c.proc_start[proc], 120), 0)
    requested = c.proc_start[proc] + (rng.random(n) * room).astype(np.int64)
    decided = np.minimum(requested + rng.integers(0, 15, n), last_day)
    decision = draws.frequencies(n, TABLE, "DEC")
    undecided = truth(decision.is_null())
    minutes = rng.integers(480, 1020, (2, n))
    cols = {
        "IDNASSOCBOND": as_text(ids.bond.take(rng, n)[0]),
        "IDNPROCEEDING": as_text(c.proc_id[proc]),
        "IDNCASE": as_text(c.case_id[case]),
        "OSC_DATE": draws.missing(sql_dates(c.filed[case]), TABLE, "OSC_DATE"),
        "UPDATE_DATE": sql_dates(np.minimum(decided + rng.integers(0, 5, n), last_day)),
        "UPDATE_TIME": hhmm(minutes[0]),
        "INPUT_DATE": sql_dates(requested),
        "INPUT_TIME": hhmm(minutes[1]),
        "BASE_CITY_CODE": procs.base_city.gather(proc),
        "HEARING_LOC_CODE": procs.hearing_loc.gather(proc),
        "IJ_CODE": draws.missing(procs.judge.gather(proc), TABLE, "IJ_CODE"),
        "DEC": decision,
        "COMP_DATE": sql_dates(decided, undecided),
        "INITIAL_BOND": draws.missing(draws.weighted(n, AMOUNTS, [1.0] * 8), TABLE, "INITIAL_BOND"),
        "NEW_BOND": draws.missing(draws.weighted(n, AMOUNTS, [1.0] * 8), TABLE, "NEW_BOND"),
        "BOND_HEAR_REQ_DATE": sql_dates(requested),
        "DATE_APPEAL_DUE": draws.missing(
            sql_dates(decided + 30, undecided), TABLE, "DATE_APPEAL_DUE"
        ),
        "E_28_DATE": draws.missing(
            sql_dates(requested - rng.integers(0, 30, n)), TABLE, "E_28_DATE"
        ),
    }
    # The hearing columns of the 2025 header, dropped in 2026 (RESEARCH.md 1.3): the 2026
    # dictionary gives no example of them, so they are drawn here.
    hearing = np.minimum(requested + rng.integers(0, 10, n), last_day)
    adjourned = np.minimum(hearing + rng.integers(7, 30, n), last_day)
    judge = procs.judge.gather(proc)
    removed = {
        "IJ_NAME": judge.replace_strict(pools.judge_names, default=None, return_dtype=pl.String),
        "SEND_MSG_WU": pools.messages.draw(rng, n),
        "BOND_HEARING_DATE": sql_dates(hearing),
        "BOND_HEARING_TIME": hhmm(minutes[0]),
        "ADJ1_DATE": sql_dates(adjourned),
        "ADJ1_TIME": hhmm(minutes[1]),
        "ADJ1_RSN": pools.adjournment.draw(rng, n),
        "ADJ2_TIME": hhmm(minutes[0]),
        "SCHEDULED_HEAR_LOC": procs.hearing_loc.gather(proc),
    }
    for name, values in removed.items():
        column = f"{name}_TO_BE_REMOVED"
        cols[column] = draws.missing(values, TABLE, column)
    return frame(TABLE, draws, n, cols)
