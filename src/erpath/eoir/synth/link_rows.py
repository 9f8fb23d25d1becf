"""tbl_Lead_Rider and A_TblCaseIdentifier: the links between the chunk's cases and their
tags (RESEARCH.md 1.2).

Families: the chunk's cases are cut into runs, most of one case, some of a lead case and
its riders (one, or more), in the share that gives the reference's links per case (row
counts); a link is made after both cases are filed, and the share of links the real table
shows severed (datSeveredOn) are severed, inactive, with their ending proceedings.
Case identifiers: tags drawn from tblLookUpCaseIdentifier (Zipf weights in the lookup's
order, as the generator's pools are), in the reference's tags per case.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from erpath.eoir.reference import missing_share, row_counts
from erpath.eoir.synth import model
from erpath.eoir.synth.columns import frame
from erpath.eoir.synth.draws import Draws, as_text, lookup_codes, sql_dates
from erpath.eoir.synth.timeline import Cases, Ids

LEAD_RIDER, IDENTIFIER = "tbl_Lead_Rider", "A_TblCaseIdentifier"
EXTRA_RIDERS_MEAN = 0.4  # riders beyond the first in a family (chosen)


def build_lead_rider(draws: Draws, ids: Ids, c: Cases) -> pl.DataFrame:
    rng, n_cases = draws.rng, c.n
    per_case = row_counts()[LEAD_RIDER] / row_counts()["A_TblCase"]
    # A family of 1 + k cases gives k links: the share of families that gives per_case.
    family = per_case / (1 - per_case) / (1 + EXTRA_RIDERS_MEAN)
    sizes = np.where(
        rng.random(n_cases) < family, 2 + rng.poisson(EXTRA_RIDERS_MEAN, n_cases), 1
    ).astype(np.int64)
    starts = np.cumsum(sizes) - sizes
    keep = starts < n_cases
    sizes, starts = sizes[keep], starts[keep]
    sizes = np.minimum(sizes, n_cases - starts)
    links = sizes - 1
    lead = np.repeat(starts, links)
    rider = lead + 1 + (np.arange(int(links.sum())) - np.repeat(np.cumsum(links) - links, links))
    n = len(lead)
    last_day = c.release - 1
    first = np.cumsum(c.n_proceedings) - c.n_proceedings
    last = first + c.n_proceedings - 1
    created = np.minimum(
        np.maximum(c.filed[lead], c.filed[rider]) + rng.integers(0, 30, n), last_day
    )
    severed = rng.random(n) >= missing_share(LEAD_RIDER, "datSeveredOn")
    severed_day = np.minimum(created + rng.integers(30, 900, n), last_day)
    modified = np.where(
        severed, severed_day, np.minimum(created + rng.integers(0, 60, n), last_day)
    )
    cols = {
        "idnLeadRider": as_text(ids.lead_rider.take(rng, n)[0]),
        "idnLeadCase": as_text(c.case_id[lead]),
        "idnRiderCase": as_text(c.case_id[rider]),
        "datCreatedOn": sql_dates(created),
        "datModifiedOn": sql_dates(modified),
        "datSeveredOn": sql_dates(severed_day, ~severed),
        "idnLeadProceedingStart": as_text(c.proc_id[first[lead]]),
        "idnLeadProceedingEnd": draws.blank(as_text(c.proc_id[last[lead]]), ~severed),
        "idnRiderProceedingStart": as_text(c.proc_id[first[rider]]),
        "idnRiderProceedingEnd": draws.blank(as_text(c.proc_id[last[rider]]), ~severed),
        "blnActive": pl.Series(np.where(severed, "0", "1"), dtype=pl.String),
    }
    return frame(LEAD_RIDER, draws, n, cols)


def build_identifiers(draws: Draws, ids: Ids, c: Cases) -> pl.DataFrame:
    rng = draws.rng
    per_case = row_counts()[IDENTIFIER] / row_counts()["A_TblCase"]
    case = draws.exactly(np.ones(c.n), per_case * c.n, replace=True)
    n = len(case)
    codes = lookup_codes("tblLookUpCaseIdentifier")
    weights = 1.0 / np.arange(1, len(codes) + 1, dtype=np.float64) ** model.ZIPF_EXPONENT
    cols = {
        "IDNCASEID": as_text(ids.identifier.take(rng, n)[0]),
        "IDNCASE": as_text(c.case_id[case]),
        "CASE_ID": draws.missing(draws.weighted(n, codes, list(weights)), IDENTIFIER, "CASE_ID"),
    }
    return frame(IDENTIFIER, draws, n, cols)
