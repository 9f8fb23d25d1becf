"""tbl_EOIR_Attorney rows: the attorney registry, without names (RESEARCH.md 1.2).

The registry is the generator's pool of attorneys (pools.py), whose GUIDs the hearings'
EOIRAttorneyID hold; each chunk writes the slice of the pool proportional to its cases, so
the whole pool is written once. Registration dates fall between 2003 (the first
EOIR-28s online: chosen) and the release date; codes follow the real frequencies.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl

from erpath.eoir.synth.columns import frame
from erpath.eoir.synth.draws import Draws, as_text, day_number, sql_dates
from erpath.eoir.synth.pools import Pools

TABLE = "tbl_EOIR_Attorney"
REGISTRY_FROM = date(2003, 1, 1)


def build(draws: Draws, pools: Pools, release: int, done: int, n: int, cases: int) -> pl.DataFrame:
    """The attorneys of the chunk of cases `done`..`done + n` of `cases`."""
    rng = draws.rng
    total = len(pools.attorneys)
    lo, hi = done * total // cases, (done + n) * total // cases
    m = hi - lo
    first = day_number(REGISTRY_FROM)
    created = first + (rng.random(m) * (release - 1 - first)).astype(np.int64)
    modified = np.minimum(created + rng.integers(0, 2000, m), release - 1)
    cols = {
        "EOIRAttorneyID": pools.attorneys.slice(lo, m),
        "OldAttorneyID": draws.missing(
            as_text(np.arange(lo, hi) + 1_000_001), TABLE, "OldAttorneyID"
        ),
        "BaseCityCode": draws.missing(pools.base_city.draw(rng, m), TABLE, "BaseCityCode"),
        "datCreatedOn": sql_dates(created),
        "datModifiedOn": sql_dates(modified),
    }
    return frame(TABLE, draws, m, cols)
