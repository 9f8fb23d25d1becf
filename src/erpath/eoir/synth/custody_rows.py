"""tbl_CustodyHistory rows: none, one or two per case by the case's custody (model.py).

Never-detained cases mostly get one `N` row (the real table holds 6.6M of them although
DDP's codebook says they should have none: RESEARCH.md 1.6.8); detained and released
cases get a `D` spell, a `R` release, or both, with dates around the NTA.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from erpath.eoir.synth import model
from erpath.eoir.synth.columns import frame
from erpath.eoir.synth.draws import Draws, as_text, rank_in_group, sql_dates
from erpath.eoir.synth.timeline import Cases, Ids

TABLE = "tbl_CustodyHistory"


def build(draws: Draws, ids: Ids, c: Cases) -> pl.DataFrame:
    rng = draws.rng
    probs = np.array([model.CUSTODY_ROWS[k] for k in c.custody])
    u = rng.random(c.n)
    counts = (u >= probs[:, 0]).astype(np.int64) + (u >= probs[:, 0] + probs[:, 1]).astype(np.int64)
    case = np.repeat(np.arange(c.n, dtype=np.int64), counts)
    rank = rank_in_group(counts)
    n = len(case)
    kind = c.custody[case]
    two = counts[case] == 2
    row_code = np.where(kind == "N", "N", np.where(two, np.where(rank == 0, "D", "R"), kind))
    detained = c.filed[case] - rng.integers(0, 15, n)
    released = detained + draws.lognormal_days(n, model.RELEASE_AFTER_MEDIAN_DAYS, 1.0)
    custody_id, _ = ids.custody.take(rng, n)
    cols = {
        "IDNCUSTODY": as_text(custody_id),
        "IDNCASE": as_text(c.case_id[case]),
        "CUSTODY": pl.Series(row_code, dtype=pl.String),
        "DATDETAINED": sql_dates(detained, (row_code == "N") | draws.chance(n, 0.22)),
        "DATRELEASED": sql_dates(
            released, (row_code != "R") | draws.chance(n, 0.06) | (released > c.release)
        ),
    }
    return frame(TABLE, draws, n, cols)
