"""tbl_JuvenileHistory and tbl_CasePriorityHistory: children's designations and priority
dockets, on cases of the chunk (RESEARCH.md 1.2).

A child's case is one of three kinds, each in the share of cases that gives the
reference's rows of its designation (row counts times the real frequency of each
idnJuvenile): unaccompanied (UJ when the case opens; later J1, released to a guardian or
turned 18, or J2, asylum, on a share of them), accompanied (AJ) or a juvenile case (J).
NA (not applicable) rows, two thirds of the real table, go to other cases. idnJuvenile is
the lookup's id (the position of the code in tblLookup_Juvenile, 1-6). Children's cases
are removal cases filed from 2008 (the TVPRA's procedures), and `minors` tells A_TblCase
to give them a birth date under 18. A priority history row (codes as in the real data, from
2014 on) gives UC, unaccompanied children, to unaccompanied children's cases and the
family and border codes to the others.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl

from erpath.eoir.reference import lookup_values, row_counts, value_frequencies
from erpath.eoir.synth.columns import const, frame, where
from erpath.eoir.synth.draws import Draws, Mask, as_text, day_number, sql_dates
from erpath.eoir.synth.timeline import Cases, Ids

JUVENILE, PRIORITY = "tbl_JuvenileHistory", "tbl_CasePriorityHistory"
CHILDREN_FROM = date(2008, 12, 23)  # TVPRA 2008
PRIORITY_FROM = date(2014, 7, 1)  # the priority dockets of the 2014 surge (chosen)


def _juvenile_ids() -> dict[str, str]:
    """Code -> idnJuvenile (the lookup's running id: its position)."""
    return {code: str(i + 1) for i, (code, _) in enumerate(lookup_values()["tblLookup_Juvenile"])}


def _rates() -> dict[str, float]:
    """Rows per case of each designation code (reference row counts and frequencies)."""
    per_case = row_counts()[JUVENILE] / row_counts()["A_TblCase"]
    pairs = value_frequencies()[(JUVENILE, "idnJuvenile")]
    total = sum(n for _, n in pairs)
    by_id = {v: n / total for v, n in pairs}
    return {code: per_case * by_id.get(i, 0.0) for code, i in _juvenile_ids().items()}


def draw_children(draws: Draws, c: Cases) -> dict[str, Mask]:
    """Per case of the chunk: unaccompanied (UJ), accompanied (AJ) or a juvenile case (J)."""
    rates = _rates()
    eligible = (c.clean_type == "RMV") & (c.filed >= day_number(CHILDREN_FROM))
    share = max(float(eligible.mean()), 1e-9)
    u = draws.rng.random(c.n)
    out: dict[str, Mask] = {}
    low = 0.0
    for code in ("UJ", "AJ", "J"):
        high = low + rates[code] / share
        out[code] = eligible & (u >= low) & (u < high)
        low = high
    return out


def build_juvenile(draws: Draws, ids: Ids, c: Cases, children: dict[str, Mask]) -> pl.DataFrame:
    rng, rates = draws.rng, _rates()
    uac = children["UJ"]
    first = np.cumsum(c.n_proceedings) - c.n_proceedings
    last = first + c.n_proceedings - 1
    parts: list[tuple[np.ndarray, str, np.ndarray]] = []  # cases, code, proceeding index
    for kind in ("UJ", "AJ", "J"):
        cases = np.flatnonzero(children[kind])
        parts.append((cases, kind, first[cases]))
    for kind in ("J1", "J2"):
        chance = min(rates[kind] / max(float(uac.mean()), 1e-9), 1.0)
        cases = np.flatnonzero(uac & (rng.random(c.n) < chance))
        parts.append((cases, kind, last[cases]))
    others = ~(uac | children["AJ"] | children["J"])
    chance = min(rates["NA"] / max(float(others.mean()), 1e-9), 1.0)
    cases = np.flatnonzero(others & (rng.random(c.n) < chance))
    parts.append((cases, "NA", first[cases]))
    case = np.concatenate([p[0] for p in parts]).astype(np.int64)
    proc = np.concatenate([p[2] for p in parts]).astype(np.int64)
    ids_of = _juvenile_ids()
    codes = np.concatenate([np.full(len(p[0]), ids_of[p[1]]) for p in parts])
    order = np.lexsort((proc, case))
    case, proc, codes = case[order], proc[order], codes[order]
    n = len(case)
    last_day = c.release - 1
    created = np.minimum(c.proc_start[proc] + rng.integers(0, 20, n), last_day)
    later = np.isin(codes, [ids_of["J1"], ids_of["J2"]])
    end = np.where(c.proc_open[proc], last_day, np.minimum(c.proc_end[proc], last_day))
    created = np.where(later, np.maximum(created, end - rng.integers(0, 60, n)), created)
    created = np.minimum(created, last_day)
    modified = np.minimum(created + rng.integers(0, 400, n), last_day)
    cols = {
        "idnJuvenileHistory": as_text(ids.juvenile.take(rng, n)[0]),
        "idnCase": as_text(c.case_id[case]),
        "idnProceeding": draws.missing(as_text(c.proc_id[proc]), JUVENILE, "idnProceeding"),
        "idnJuvenile": pl.Series(codes, dtype=pl.String),
        "DATCREATEDON": draws.missing(sql_dates(created), JUVENILE, "DATCREATEDON"),
        "DATMODIFIEDON": draws.missing(sql_dates(modified), JUVENILE, "DATMODIFIEDON"),
    }
    return frame(JUVENILE, draws, n, cols)


def build_priority(draws: Draws, ids: Ids, c: Cases, children: dict[str, Mask]) -> pl.DataFrame:
    rng = draws.rng
    pairs = value_frequencies()[(PRIORITY, "casePriority_code")]
    total = sum(k for _, k in pairs)
    uc_share = dict(pairs).get("UC", 0) / total
    wanted = row_counts()[PRIORITY] / row_counts()["A_TblCase"] * c.n
    recent = c.filed >= day_number(PRIORITY_FROM)
    uac, others = recent & children["UJ"], recent & ~children["UJ"]
    case = np.sort(
        np.concatenate(
            [
                draws.exactly(uac.astype(np.float64), wanted * uc_share),
                draws.exactly(others.astype(np.float64), wanted * (1 - uc_share)),
            ]
        )
    )
    n = len(case)
    rest = [(v, k) for v, k in pairs if v != "UC"]
    drawn = draws.weighted(n, [v for v, _ in rest], [k for _, k in rest])
    code = where(children["UJ"][case], const(n, "UC"), drawn)
    last_day = c.release - 1
    created = np.minimum(c.filed[case] + rng.integers(0, 30, n), last_day)
    cols = {
        "idnCasePriHistory": as_text(ids.priority.take(rng, n)[0]),
        "casePriority_code": draws.missing(code, PRIORITY, "casePriority_code"),
        "idnCase": as_text(c.case_id[case]),
        "DATCREATEDON": sql_dates(created),
        "DATMODIFIEDON": sql_dates(np.minimum(created + rng.integers(0, 90, n), last_day)),
    }
    return frame(PRIORITY, draws, n, cols)
