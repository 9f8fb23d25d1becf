"""tbl_schedule rows: the hearings of each proceeding, cancelled and future ones included.

The first hearing of a proceeding is its HEARING_DATE; the others are spread up to its
completion, or, for an open proceeding, past the release date (future hearings are
legitimate: RESEARCH.md 1.6.9). The first is a master calendar hearing; later ones are
masters or individual hearings in the real CAL_TYPE proportions.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from erpath.eoir.reference import value_frequencies
from erpath.eoir.synth import model
from erpath.eoir.synth.case_rows import People
from erpath.eoir.synth.columns import const, frame, where
from erpath.eoir.synth.draws import Days, Draws, Mask, as_text, hhmm, rank_in_group, sql_dates
from erpath.eoir.synth.pools import Pools
from erpath.eoir.synth.proceeding_rows import HEARING_SLOTS, SLOT_WEIGHTS, Proceedings
from erpath.eoir.synth.timeline import Cases, Ids

TABLE = "tbl_schedule"


def build(
    draws: Draws, ids: Ids, c: Cases, people: People, procs: Proceedings, pools: Pools
) -> tuple[pl.DataFrame, tuple[Days, Mask, pl.Series, pl.Series]]:
    """The rows, and per case its latest hearing (date, none, time, calendar type)."""
    rng = draws.rng
    p = len(c.proc_id)
    r_extra = model.EXTRA_HEARINGS_DISPERSION
    extra = rng.negative_binomial(r_extra, r_extra / (r_extra + model.EXTRA_HEARINGS_MEAN), p)
    counts = (1 + extra).astype(np.int64)
    n = int(counts.sum())
    row_proc = np.repeat(np.arange(p, dtype=np.int64), counts)
    rank = rank_in_group(counts)
    last = rank == counts[row_proc] - 1
    case = c.proc_case[row_proc]
    detained = c.custody[case] == "D"
    is_open = c.proc_open[row_proc]
    first_day = procs.first_hearing[row_proc]
    future = c.release + rng.exponential(model.FUTURE_HEARING_MEAN_DAYS, n).astype(np.int64)
    end = np.where(
        is_open, np.maximum(future, first_day), np.maximum(c.proc_end[row_proc], first_day)
    )
    steps = np.maximum(counts[row_proc] - 1, 1)
    jitter = np.where(last | (rank == 0), 0.0, rng.uniform(-0.3, 0.3, n))
    frac = np.clip((rank + jitter) / steps, 0.0, 1.0)
    adj = first_day + np.floor(frac * (end - first_day)).astype(np.int64)
    schedule_id, _ = ids.schedule.take(rng, n)
    # A future hearing was entered and last updated before the release (ADR 0033).
    input_day = np.maximum(adj - rng.exponential(40.0, n).astype(np.int64), c.proc_start[row_proc])
    input_day = np.minimum(input_day, c.release - 1)
    update_day = np.minimum(adj + rng.integers(0, 3, n), c.release - 1)
    start_min = HEARING_SLOTS[draws.indices(n, SLOT_WEIGHTS)]
    stop_min = np.minimum(start_min + 15 * rng.integers(1, 9, n), 23 * 60)
    cal_pairs = value_frequencies()[(TABLE, "CAL_TYPE")]
    later_i_share = 0.24 * (n / max(n - p, 1))
    cal = where(
        rank == 0, const(n, "M"), where(rng.random(n) < later_i_share, const(n, "I"), const(n, "M"))
    )
    odd = rng.random(n) < sum(k for v, k in cal_pairs if v not in ("M", "I")) / sum(
        k for _, k in cal_pairs
    )
    cal = where(
        odd,
        draws.weighted(
            n,
            [v for v, _ in cal_pairs if v not in ("M", "I")],
            [k for v, k in cal_pairs if v not in ("M", "I")],
        ),
        cal,
    )
    first_type = where(detained, const(n, "MD"), pools.schedule_first.draw(rng, n))
    schedule_type = where(rank == 0, first_type, pools.schedule_later.draw(rng, n))
    prev_adj = np.where(rank == 0, adj, np.roll(adj, 1))
    elapsed = pl.Series(np.clip(adj - prev_adj, 0, 9999)).cast(pl.String).str.zfill(4)
    attorney = people.attorney[case]
    guid = pools.attorneys.gather(np.maximum(attorney, 0))
    session = (adj - 10_000) * 37 + rng.integers(0, 37, n)
    cols = {
        "IDNSCHEDULE": as_text(schedule_id),
        "IDNPROCEEDING": as_text(c.proc_id[row_proc]),
        "IDNCASE": as_text(c.case_id[case]),
        "OSC_DATE": draws.missing(sql_dates(c.filed[case]), TABLE, "OSC_DATE"),
        "LANG": draws.missing(people.lang.gather(case), TABLE, "LANG"),
        "HEARING_LOC_CODE": draws.missing(
            procs.hearing_loc.gather(row_proc), TABLE, "HEARING_LOC_CODE"
        ),
        "BASE_CITY_CODE": draws.missing(procs.base_city.gather(row_proc), TABLE, "BASE_CITY_CODE"),
        "IJ_CODE": draws.missing(procs.judge.gather(row_proc), TABLE, "IJ_CODE"),
        "INPUT_DATE": draws.missing(sql_dates(input_day), TABLE, "INPUT_DATE"),
        "INPUT_TIME": draws.missing(hhmm(rng.integers(7 * 60, 18 * 60, n)), TABLE, "INPUT_TIME"),
        "UPDATE_DATE": draws.missing(sql_dates(update_day), TABLE, "UPDATE_DATE"),
        "UPDATE_TIME": draws.missing(hhmm(rng.integers(7 * 60, 18 * 60, n)), TABLE, "UPDATE_TIME"),
        "CAL_TYPE": draws.missing(cal, TABLE, "CAL_TYPE"),
        "ADJ_DATE": draws.missing(sql_dates(adj), TABLE, "ADJ_DATE"),
        "ADJ_TIME_START": draws.missing(hhmm(start_min), TABLE, "ADJ_TIME_START"),
        "ADJ_TIME_STOP": draws.missing(hhmm(stop_min), TABLE, "ADJ_TIME_STOP"),
        "ADJ_RSN": draws.missing(pools.adjournment.draw(rng, n), TABLE, "ADJ_RSN"),
        "ADJ_MSG": draws.missing(pools.messages.draw(rng, n), TABLE, "ADJ_MSG"),
        "ADJ_ELAP_DAYS": draws.missing(elapsed, TABLE, "ADJ_ELAP_DAYS"),
        "LNGSESSNID": draws.missing(as_text(session), TABLE, "LNGSESSNID"),
        "SCHEDULE_TYPE": draws.missing(schedule_type, TABLE, "SCHEDULE_TYPE"),
        "NOTICE_CODE": draws.missing(pools.notice.draw(rng, n), TABLE, "NOTICE_CODE"),
        "EOIRAttorneyID": draws.blank(guid, (attorney < 0) | draws.chance(n, 0.26)),
    }
    out = frame(TABLE, draws, n, cols)
    # The latest hearing of each case: its last row (rows are in case order).
    case_last = np.r_[case[1:] != case[:-1], True]
    latest_rows = np.flatnonzero(case_last)
    latest_day = np.zeros(c.n, dtype=np.int64)
    latest_day[case[latest_rows]] = adj[latest_rows]
    none = np.ones(c.n, dtype=bool)
    none[case[latest_rows]] = False
    none |= draws.chance(c.n, 0.17)
    latest_time = hhmm(np.zeros(c.n, dtype=np.int64))
    latest_time = latest_time.scatter(case[latest_rows], hhmm(start_min[latest_rows]))
    latest_cal = const(c.n, "M").scatter(case[latest_rows], cal.gather(latest_rows))
    return out, (latest_day, none, latest_time, latest_cal)
