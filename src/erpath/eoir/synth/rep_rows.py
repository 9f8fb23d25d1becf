"""tbl_RepsAssigned rows: the representatives of each case, of three kinds (model.py).

- The respondent's attorneys at the court (ALIEN, COURT, parent the case): on represented
  cases, one or more EOIR-28s between the NTA and the case's end (or the release); the
  latest is the primary attorney (BLNPRIMEATTY 1), the earlier ones were replaced.
- DHS attorneys (INS, COURT, parent a proceeding): at most one a proceeding, assigned
  after it starts (INS_TA_DATE_ASSIGNED), at the proceeding's court.
- The respondent's attorneys before the Board (ALIEN, BOARD, parent an appeal): on a share
  of the chunk's appeals of a case's decision (appeal_rows.py), an EOIR-27 on the day the
  appeal is filed, at the court code BIA.

The rows of each kind are the reference's rows per case times the kind's share (DDP
value frequencies); dates and codes are present on the share of each kind's rows that
gives the real missingness (E_28_DATE on ALIEN court rows, E_27_DATE on Board rows,
INS_TA_DATE_ASSIGNED on DHS and Board rows, BASE_CITY_CODE on DHS and Board rows and a
share of the others). PARENT_TABLE keeps the real mixed spellings of each parent.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from erpath.eoir.reference import missing_share, row_counts, value_frequencies
from erpath.eoir.synth import model
from erpath.eoir.synth.appeal_rows import Appeals
from erpath.eoir.synth.case_rows import People
from erpath.eoir.synth.columns import const, frame, where
from erpath.eoir.synth.draws import Days, Draws, Mask, as_text, rank_in_group, sql_dates
from erpath.eoir.synth.proceeding_rows import Proceedings
from erpath.eoir.synth.timeline import Cases, Ids, Ints

TABLE = "tbl_RepsAssigned"
COURT, DHS, BOARD = 0, 1, 2  # the kinds of rows


def _share(column: str, value: str) -> float:
    pairs = value_frequencies()[(TABLE, column)]
    return dict(pairs)[value] / sum(n for _, n in pairs)


def _present(column: str, share_of_rows: float) -> float:
    """The share of a kind's rows (`share_of_rows` of all rows) on which `column` is
    filled, so that the column has the real share of empties."""
    return min((1 - missing_share(TABLE, column)) / share_of_rows, 1.0)


def _spellings(draws: Draws, n: int, parent: str) -> pl.Series:
    """PARENT_TABLE for `n` rows whose parent is `parent`, in its real spellings."""
    pairs = [(v, k) for v, k in value_frequencies()[(TABLE, "PARENT_TABLE")] if v.lower() == parent]
    return draws.weighted(n, [v for v, _ in pairs], [k for _, k in pairs])


def _attorneys(
    draws: Draws, c: Cases, people: People, rows: float
) -> tuple[Ints, Days, Days, Mask]:
    """The respondent's attorneys at the court, about `rows` of them: their cases and
    EOIR-28 dates (in order within each case), and per case the first EOIR-28 and
    whether the case has none."""
    rng, n = draws.rng, c.n
    last_day = np.minimum(c.ends, c.release) - 1
    room = last_day - c.filed
    represented = (people.attorney >= 0) & (room >= 1)
    extra = max(rows / max(int(represented.sum()), 1) - 1, 0.0)
    counts = np.where(represented, 1 + rng.poisson(extra, n), 0).astype(np.int64)
    gap = draws.lognormal_days(n, model.FIRST_EOIR28_MEDIAN_DAYS, model.FIRST_EOIR28_SIGMA)
    inside = (gap >= 1) & (gap <= room)
    first = c.filed + np.where(inside, gap, 1 + (rng.random(n) * room).astype(np.int64))
    case = np.repeat(np.arange(n, dtype=np.int64), counts)
    span = last_day[case] - first[case] + 1
    later = first[case] + (rng.random(len(case)) * span).astype(np.int64)
    day = np.where(rank_in_group(counts) == 0, first[case], later)
    order = np.lexsort((day, case))
    return case[order], day[order], first, ~represented


def build(
    draws: Draws, ids: Ids, c: Cases, people: People, procs: Proceedings, appeals: Appeals
) -> tuple[pl.DataFrame, tuple[Days, Mask]]:
    """The rows, and per case its first EOIR-28 and whether it has none (for A_TblCase)."""
    rng, n = draws.rng, c.n
    per_case = row_counts()[TABLE] / row_counts()["A_TblCase"]
    dhs_share = _share("STRATTYTYPE", "INS")
    board_share = _share("STRATTYLEVEL", "BOARD")
    court_share = 1 - dhs_share - board_share

    a_case, a_day, first_e28, unrepresented = _attorneys(
        draws, c, people, per_case * court_share * n
    )

    p = len(c.proc_id)
    assigned = rng.random(p) < per_case * dhs_share * n / p
    d_proc = np.flatnonzero(assigned)
    d_case = c.proc_case[d_proc]
    cap = np.where(c.proc_open, c.release - 1, c.proc_end)[d_proc]
    after = rng.exponential(model.DHS_ASSIGNED_MEAN_DAYS, len(d_proc)).astype(np.int64)
    d_day = np.minimum(c.proc_start[d_proc] + after, cap)

    last_proc = np.cumsum(c.n_proceedings) - 1
    of_decision = appeals.of_decision
    with_rep = of_decision & (
        rng.random(len(appeals.case)) < per_case * board_share * n / max(int(of_decision.sum()), 1)
    )
    b_case = appeals.case[with_rep]
    b_day = appeals.filed[with_rep]

    kind = np.repeat([COURT, DHS, BOARD], [len(a_case), len(d_case), len(b_case)])
    case = np.concatenate([a_case, d_case, b_case])
    day = np.concatenate([a_day, d_day, b_day])
    order = np.lexsort((day, case))
    kind, case, day = kind[order], case[order], day[order]
    total = len(case)
    court, dhs, board = kind == COURT, kind == DHS, kind == BOARD

    parent_idn = np.concatenate(
        [c.case_id[a_case], c.proc_id[d_proc], appeals.appeal_id[with_rep]]
    )[order]
    parent = where(
        court,
        _spellings(draws, total, "a_tblcase"),
        where(
            dhs,
            _spellings(draws, total, "b_tblproceeding"),
            _spellings(draws, total, "tblappeal"),
        ),
    )
    proc_of_row = np.concatenate([last_proc[a_case], d_proc, last_proc[b_case]])[order]
    base = where(board, const(total, "BIA"), procs.base_city.gather(proc_of_row))
    court_base = 1 - missing_share(TABLE, "BASE_CITY_CODE") - dhs_share - board_share
    # A case's latest attorney at the court is its primary one (the earlier ones were
    # replaced); DHS and Board rows are not primary on the share that gives the real 0s.
    court_rows = np.flatnonzero(court)
    replaced = np.zeros(total, dtype=bool)
    replaced[court_rows[:-1]] = case[court_rows[:-1]] == case[court_rows[1:]]
    zeros = _share("BLNPRIMEATTY", "0") * total - replaced.sum()
    others = max(int((~court).sum()), 1)
    not_primary = replaced | (~court & (rng.random(total) < max(zeros, 0.0) / others))
    u = rng.random((4, total))
    cols = {
        "IDNREPSASSIGNED": as_text(ids.rep.take(rng, total)[0]),
        "IDNCASE": as_text(c.case_id[case]),
        "STRATTYLEVEL": where(board, const(total, "BOARD"), const(total, "COURT")),
        "STRATTYTYPE": where(dhs, const(total, "INS"), const(total, "ALIEN")),
        "PARENT_TABLE": parent,
        "PARENT_IDN": as_text(parent_idn),
        "BASE_CITY_CODE": draws.blank(base, court & (u[0] >= court_base / court_share)),
        "INS_TA_DATE_ASSIGNED": sql_dates(
            day, court | (u[1] >= _present("INS_TA_DATE_ASSIGNED", dhs_share + board_share))
        ),
        "E_27_DATE": sql_dates(day, ~board | (u[2] >= _present("E_27_DATE", board_share))),
        "E_28_DATE": sql_dates(day, ~court | (u[3] >= _present("E_28_DATE", court_share))),
        "BLNPRIMEATTY": where(not_primary, const(total, "0"), const(total, "1")),
    }
    return frame(TABLE, draws, total, cols), (first_e28, unrepresented)
