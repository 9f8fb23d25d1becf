"""tbl_Court_Appln rows: relief applications, most of them asylum, withholding and CAT
filed together (RESEARCH.md 6), on the case's last proceeding or an earlier one.

An application is decided when its proceeding is: granted or denied with a decided
proceeding (asylum grants drift down from 2023: model.py), T (COV/transfer) or S (admin
closure) with an administratively completed one; open otherwise.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from erpath.eoir.reference import defect_rates
from erpath.eoir.synth import model
from erpath.eoir.synth.columns import const, frame, where
from erpath.eoir.synth.draws import Draws, as_text, sql_dates, truth
from erpath.eoir.synth.pools import Pools
from erpath.eoir.synth.proceeding_rows import Proceedings
from erpath.eoir.synth.timeline import Cases, Ids

TABLE = "tbl_Court_Appln"


def build(draws: Draws, ids: Ids, c: Cases, procs: Proceedings, pools: Pools) -> pl.DataFrame:
    rng = draws.rng
    n_cases = c.n
    share = np.vectorize(model.ASYLUM_APPLICANT_SHARE.get)(c.custody)
    fear = np.isin(c.clean_type, ["CFR", "RFR"])
    asylum = ~fear & (rng.random(n_cases) < share)
    other = ~fear & ~asylum & (rng.random(n_cases) < model.OTHER_APPLICANT_SHARE)
    # Which proceeding: the last one mostly, else a random one of the case.
    offsets = np.cumsum(c.n_proceedings) - c.n_proceedings
    last_proc = offsets + c.n_proceedings - 1
    any_proc = offsets + (rng.random(n_cases) * c.n_proceedings).astype(np.int64)
    proc_of_case = np.where(rng.random(n_cases) < 0.8, last_proc, any_proc)

    case_rows: list[np.ndarray] = []
    codes: list[pl.Series] = []
    for appl, share in model.ASYLUM_TRIPLE:
        chosen = np.flatnonzero(asylum & (rng.random(n_cases) < share))
        case_rows.append(chosen)
        codes.append(const(len(chosen), appl))
    extra = np.flatnonzero((asylum & (rng.random(n_cases) < 0.15)) | other)
    case_rows.append(extra)
    codes.append(
        draws.weighted(
            len(extra),
            [a for a, _ in model.OTHER_APPLICATIONS],
            [w for _, w in model.OTHER_APPLICATIONS],
        )
    )
    order = np.argsort(np.concatenate(case_rows), kind="stable")
    case = np.concatenate(case_rows)[order]
    code = pl.concat(codes).gather(order)
    n = len(case)
    outside = draws.chance(n, defect_rates()[(TABLE, "APPL_CODE_outside_lookup")].rate)
    invented = pl.Series(list(model.OUTSIDE_CODES[(TABLE, "APPL_CODE")]))
    code = where(outside, invented.gather(rng.integers(0, len(invented), n)), code)

    proc = proc_of_case[case]
    start = c.proc_start[proc]
    end = np.where(c.proc_open[proc], c.release - 1, c.proc_end[proc])
    received = start + (rng.random(n) * np.maximum(end - start, 1) * 0.6).astype(np.int64)
    decided = truth(procs.dec_code.gather(proc).is_not_null())
    closed = truth(procs.other_comp.gather(proc).is_not_null())
    year = (1970 + c.proc_end[proc] // 365.25).astype(np.int64)
    grant_share = np.vectorize(
        lambda y: model.ASYLUM_GRANT_BY_YEAR.get(y, 0.35 if y < 2022 else 0.12)
    )(year)
    dec_code = procs.dec_code.gather(proc)
    granted = (truth(dec_code.is_in(["R", "G", "E", "Z", "H", "C"])) & (rng.random(n) < 0.85)) | (
        truth(code == "ASYL") & (rng.random(n) < grant_share * 0.5)
    )
    grant = draws.weighted(
        n,
        [g for g, _ in model.APPLICATION_GRANT_CODES],
        [w for _, w in model.APPLICATION_GRANT_CODES],
    )
    deny = draws.weighted(
        n,
        [g for g, _ in model.APPLICATION_DENIAL_CODES],
        [w for _, w in model.APPLICATION_DENIAL_CODES],
    )
    outcome = where(granted, grant, deny)
    outcome = where(
        closed,
        where(truth(procs.other_comp.gather(proc).is_in(["C", "T"])), const(n, "T"), const(n, "S")),
        outcome,
    )
    app_id, _ = ids.application.take(rng, n)
    cols = {
        "IDNPROCEEDINGAPPLN": as_text(app_id),
        "IDNPROCEEDING": as_text(c.proc_id[proc]),
        "IDNCASE": as_text(c.case_id[case]),
        "APPL_CODE": code,
        "APPL_RECD_DATE": draws.missing(sql_dates(received), TABLE, "APPL_RECD_DATE"),
        "APPL_DEC": draws.blank(outcome, ~(decided | closed) | (rng.random(n) < 0.12)),
    }
    return frame(TABLE, draws, n, cols)
