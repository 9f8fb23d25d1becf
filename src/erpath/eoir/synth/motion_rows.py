"""tbl_Court_Motions rows: none or some per case (0.68 a case), on one of its proceedings.

REC_TYPE is the motion type (RESEARCH.md 1.2); its frequencies are not published, so they
are chosen (model.py). From 2025-05-20 a share of the motions on removal cases are DHS's
oral motions to dismiss (REC_TYPE U, filer I, method O: RESEARCH.md 4 and 7). Filing
party, decision and the other codes follow the real frequencies.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from erpath.eoir.synth import model
from erpath.eoir.synth.columns import const, frame, where
from erpath.eoir.synth.draws import Draws, as_text, day_number, hhmm, sql_dates, truth
from erpath.eoir.synth.pools import Pools
from erpath.eoir.synth.proceeding_rows import Proceedings
from erpath.eoir.synth.timeline import Cases, Ids

TABLE = "tbl_Court_Motions"


def build(draws: Draws, ids: Ids, c: Cases, procs: Proceedings, pools: Pools) -> pl.DataFrame:
    rng = draws.rng
    has = rng.random(c.n) >= model.NO_MOTION_SHARE
    counts = np.where(has, 1 + rng.poisson(model.EXTRA_MOTIONS_MEAN, c.n), 0).astype(np.int64)
    case = np.repeat(np.arange(c.n, dtype=np.int64), counts)
    n = len(case)
    offsets = (np.cumsum(c.n_proceedings) - c.n_proceedings)[case]
    proc = offsets + (rng.random(n) * c.n_proceedings[case]).astype(np.int64)
    start = c.proc_start[proc]
    end = np.where(c.proc_open[proc], c.release - 1, c.proc_end[proc])
    received = start + (rng.random(n) * np.maximum(end - start, 1)).astype(np.int64)
    # Rows of a case in the order of their receipt.
    order = np.lexsort((received, case))
    case, proc, received = case[order], proc[order], received[order]
    decided_after = rng.exponential(30.0, n).astype(np.int64)
    comp = np.minimum(received + decided_after, c.release - 1)
    motion_type = pools.motion_type.draw(rng, n)
    dismissal = (
        (c.clean_type[case] == "RMV")
        & (received >= day_number(model.DHS_DISMISSAL_FROM))
        & (rng.random(n) < model.DHS_DISMISSAL_SHARE)
    )
    # The real filer and method shares already include these motions (to Oct 2025):
    # the others are drawn so that the overall shares stay the real ones.
    share = float(dismissal.mean()) if n else 0.0
    party = draws.missing(
        draws.values(n, TABLE, "STRFILINGPARTY", ("I", share)), TABLE, "STRFILINGPARTY"
    )
    method = draws.missing(
        draws.values(n, TABLE, "STRFILINGMETHOD", ("O", share)), TABLE, "STRFILINGMETHOD"
    )
    motion_type = where(dismissal, const(n, "U"), motion_type)
    party = where(dismissal, const(n, "I"), party)
    method = where(dismissal, const(n, "O"), method)
    decision = draws.frequencies(n, TABLE, "DEC")
    undecided = truth(decision.is_null())
    judge = procs.judge.gather(proc)
    names = judge.replace_strict(pools.judge_names, default=None, return_dtype=pl.String)
    motion_id, _ = ids.motion.take(rng, n)
    cols = {
        "IDNMOTION": as_text(motion_id),
        "IDNPROCEEDING": as_text(c.proc_id[proc]),
        "IDNCASE": as_text(c.case_id[case]),
        "OSC_DATE": draws.missing(sql_dates(c.filed[case]), TABLE, "OSC_DATE"),
        "REC_TYPE": motion_type,
        "UPDATE_DATE": draws.missing(
            sql_dates(np.where(undecided, received, comp)), TABLE, "UPDATE_DATE"
        ),
        "UPDATE_TIME": draws.missing(hhmm(rng.integers(7 * 60, 18 * 60, n)), TABLE, "UPDATE_TIME"),
        "INPUT_DATE": draws.missing(sql_dates(received), TABLE, "INPUT_DATE"),
        "INPUT_TIME": draws.missing(hhmm(rng.integers(7 * 60, 18 * 60, n)), TABLE, "INPUT_TIME"),
        "BASE_CITY_CODE": draws.missing(procs.base_city.gather(proc), TABLE, "BASE_CITY_CODE"),
        "HEARING_LOC_CODE": draws.missing(
            procs.hearing_loc.gather(proc), TABLE, "HEARING_LOC_CODE"
        ),
        "IJ_CODE": draws.missing(judge, TABLE, "IJ_CODE"),
        "IJ_NAME": draws.missing(names, TABLE, "IJ_NAME"),
        "DEC": decision,
        "COMP_DATE": sql_dates(comp, undecided),
        "MOTION_RECD_DATE": draws.missing(sql_dates(received), TABLE, "MOTION_RECD_DATE"),
        "DATMOTIONDUE": draws.missing(sql_dates(received + 15), TABLE, "DATMOTIONDUE"),
        "RESP_DUE_DATE": draws.missing(sql_dates(received + 10), TABLE, "RESP_DUE_DATE"),
        "DATE_APPEAL_DUE": draws.missing(sql_dates(comp + 30), TABLE, "DATE_APPEAL_DUE"),
        "STRFILINGPARTY": party,
        "STRFILINGMETHOD": method,
        "E_28_DATE": draws.missing(sql_dates(received - 20), TABLE, "E_28_DATE"),
        "SCHEDULED_HEAR_LOC": draws.missing(
            procs.hearing_loc.gather(proc), TABLE, "SCHEDULED_HEAR_LOC"
        ),
    }
    return frame(TABLE, draws, n, cols)
