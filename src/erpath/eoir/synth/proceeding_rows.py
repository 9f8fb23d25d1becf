"""B_TblProceeding rows: one per proceeding, around the skeleton of `timeline.py`.

A proceeding that is not a case's last ends in an administrative completion (change of
venue, transfer, closure...), and the next one records where it came from (TRANS_IN_DATE,
PREV_*). Decisions follow the case type (RESEARCH.md 1.7: CFR A affirms and V vacates;
DEP D deports; EXC E excludes); other columns follow the real frequencies and
missingness.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from erpath.eoir.reference import defect_rates, value_frequencies
from erpath.eoir.synth import model
from erpath.eoir.synth.case_rows import People
from erpath.eoir.synth.columns import const, frame, where
from erpath.eoir.synth.draws import Days, Draws, Mask, as_text, day_number, hhmm, sql_dates, truth
from erpath.eoir.synth.pools import Pools
from erpath.eoir.synth.timeline import Cases

TABLE = "B_TblProceeding"
HEARING_SLOTS = np.array(
    [480, 510, 540, 570, 600, 630, 660, 780, 810, 840, 870, 900], dtype=np.int64
)
SLOT_WEIGHTS = np.array([2, 4, 6, 3, 3, 2, 2, 4, 4, 2, 1, 1], dtype=np.float64)


@dataclass
class Proceedings:
    """What the child tables repeat of each proceeding."""

    base_city: pl.Series
    hearing_loc: pl.Series
    judge: pl.Series
    first_hearing: Days
    no_hearing: Mask
    dec_code: pl.Series
    other_comp: pl.Series


def _decisions(draws: Draws, c: Cases) -> pl.Series:
    """DEC_CODE for every proceeding (meaningful where decided)."""
    p = len(c.proc_id)
    types = c.clean_type[c.proc_case]
    # A, D and E come from the case types below (CFR/RFR, DEP, EXC), the rest in the real
    # proportions.
    pairs = [
        (v, k) for v, k in value_frequencies()[(TABLE, "DEC_CODE")] if v not in ("A", "D", "E")
    ]
    general = draws.weighted(p, [v for v, _ in pairs], [k for _, k in pairs])
    rng = draws.rng
    fear = np.isin(types, ["CFR", "RFR"])
    fear_code = where(rng.random(p) < model.CFR_VACATED_SHARE, const(p, "V"), const(p, "A"))
    out = where(fear, fear_code, general)
    out = where((types == "DEP") & (rng.random(p) < 0.8), const(p, "D"), out)
    return where((types == "EXC") & (rng.random(p) < 0.8), const(p, "E"), out)


def build(draws: Draws, c: Cases, people: People, pools: Pools) -> tuple[pl.DataFrame, Proceedings]:
    rng = draws.rng
    p = len(c.proc_id)
    case = c.proc_case
    custody = c.custody[case]
    detained = custody == "D"
    completed = ~c.proc_open
    court = pools.base_city.draw_index(rng, p)
    base = pools.base_city.codes.gather(court)
    hloc = pools.hearing_location.draw(rng, p)
    judge = pools.court_judges.draw(rng, court, pools.judge.draw(rng, p))
    outside = draws.chance(p, defect_rates()[(TABLE, "IJ_CODE_outside_lookup")].rate)
    invented = pl.Series(list(model.OUTSIDE_CODES[(TABLE, "IJ_CODE")]))
    judge = where(outside, invented.gather(rng.integers(0, len(invented), p)), judge)

    other_pairs = value_frequencies()[(TABLE, "OTHER_COMP")]
    other = draws.weighted(p, [v for v, _ in other_pairs], [k for _, k in other_pairs])
    dec = _decisions(draws, c)
    has_dec = c.proc_decided
    has_other = completed & ~has_dec
    other_np = other.to_numpy()
    moved = has_other & np.isin(other_np, ["C", "T"])
    # The previous proceeding of the same case (for TRANS_IN_DATE and PREV_*).
    prev = np.arange(p) - 1
    first = c.proc_rank == 0
    prev = np.where(first, 0, prev)
    came_in = ~first & moved[prev]
    nxt = np.minimum(np.arange(p) + 1, p - 1)

    gap = np.where(
        detained,
        model.FIRST_HEARING_DETAINED_DAYS[0]
        + rng.exponential(model.FIRST_HEARING_DETAINED_DAYS[1], p),
        draws.lognormal_days(p, model.FIRST_HEARING_MEDIAN_DAYS, model.FIRST_HEARING_SIGMA),
    ).astype(np.int64)
    hearing = c.proc_start + gap
    hearing = np.where(completed, np.minimum(hearing, c.proc_end), hearing)
    # An open proceeding's first hearing, if not yet held, is set within a few years.
    later = c.release + rng.exponential(model.FUTURE_HEARING_MEAN_DAYS, p).astype(np.int64)
    hearing = np.where(~completed & (hearing > c.release), np.minimum(hearing, later), hearing)
    no_hearing = draws.chance(p, 0.031)
    hearing_time = hhmm(HEARING_SLOTS[draws.indices(p, SLOT_WEIGHTS)])
    decision_year = 1970 + c.proc_end // 365.25
    absentia_share = np.where(
        decision_year >= 2025, model.ABSENTIA_SHARE[1], model.ABSENTIA_SHARE[0]
    )
    absent = has_dec & truth(dec == "X") & (rng.random(p) < absentia_share)
    deported = has_dec & (
        truth(dec.is_in(["X", "D", "E"])) | (truth(dec == "V") & (rng.random(p) < 0.5))
    )
    nat = people.nat.gather(case)
    dep1 = where(rng.random(p) < 0.95, nat, pools.nationality.draw(rng, p))
    dec_type_pairs = value_frequencies()[(TABLE, "DEC_TYPE")]
    dec_type = draws.weighted(p, [v for v, _ in dec_type_pairs], [k for _, k in dec_type_pairs])
    with_dec_type = has_dec | (has_other & (rng.random(p) < 0.41))
    transfer_to = where(
        draws.chance(p, defect_rates()[(TABLE, "TRANSFER_TO_outside_lookup")].rate),
        pl.Series(pools.hloc_not_base).gather(rng.integers(0, len(pools.hloc_not_base), p)),
        base.gather(nxt),
    )
    status = where(
        moved & truth(other == "C"), const(p, "V"), where(moved, const(p, "T"), const(p, "C"))
    )
    status_present = moved | (rng.random(p) < 0.135)
    case_type = pl.Series(c.case_type).gather(case)
    flip = ~c.proc_last & (
        rng.random(p) < defect_rates()[(TABLE, "cases_with_inconsistent_case_type")].rate * 4
    )
    case_type = where(
        flip, where(truth(case_type == "RMV"), const(p, "DEP"), const(p, "RMV")), case_type
    )
    detained_day = c.filed[case] - rng.integers(0, 10, p)
    released_day = detained_day + draws.lognormal_days(p, model.RELEASE_AFTER_MEDIAN_DAYS, 1.0)
    nbr = pl.Series(c.proc_rank).cast(pl.String).str.zfill(2)
    cols = {
        "IDNPROCEEDING": as_text(c.proc_id),
        "IDNCASE": as_text(c.case_id[case]),
        "OSC_DATE": draws.missing(sql_dates(c.filed[case]), TABLE, "OSC_DATE"),
        "INPUT_DATE": draws.missing(
            sql_dates(
                np.minimum(c.proc_start + rng.exponential(12.0, p).astype(np.int64), c.release)
            ),
            TABLE,
            "INPUT_DATE",
        ),
        "BASE_CITY_CODE": draws.missing(base, TABLE, "BASE_CITY_CODE"),
        "HEARING_LOC_CODE": draws.missing(hloc, TABLE, "HEARING_LOC_CODE"),
        "IJ_CODE": draws.missing(judge, TABLE, "IJ_CODE"),
        "TRANS_IN_DATE": sql_dates(c.proc_start, ~came_in),
        "PREV_HEARING_LOC": draws.blank(hloc.gather(prev), ~came_in),
        "PREV_HEARING_BASE": draws.blank(base.gather(prev), ~came_in),
        "PREV_IJ_CODE": draws.blank(judge.gather(prev), ~came_in),
        "TRANS_NBR": draws.blank(nbr, first & (rng.random(p) >= 0.18)),
        "HEARING_DATE": sql_dates(hearing, no_hearing),
        "HEARING_TIME": draws.blank(hearing_time, no_hearing & (rng.random(p) < 0.95)),
        "DEC_TYPE": draws.blank(dec_type, ~with_dec_type),
        "DEC_CODE": draws.blank(dec, ~has_dec),
        "DEPORTED_1": draws.blank(dep1, ~deported),
        "DEPORTED_2": draws.blank(
            pools.nationality.draw(rng, p), ~deported | (rng.random(p) >= 0.022)
        ),
        "OTHER_COMP": draws.blank(other, ~has_other),
        "APPEAL_RSVD": draws.blank(
            draws.values(p, TABLE, "APPEAL_RSVD"),
            ~has_dec | (rng.random(p) >= 0.178),
        ),
        "APPEAL_NOT_FILED": draws.blank(
            draws.values(p, TABLE, "APPEAL_NOT_FILED"),
            ~completed | (rng.random(p) >= 0.044),
        ),
        "COMP_DATE": sql_dates(c.proc_end, ~completed),
        "ABSENTIA": draws.blank(
            where(absent, const(p, "Y"), const(p, "N")), ~completed | draws.chance(p, 0.033)
        ),
        "VENUE_CHG_GRANTED": sql_dates(c.proc_end, ~moved),
        "TRANSFER_TO": draws.blank(transfer_to, ~moved),
        "DATE_APPEAL_DUE_STATUS": sql_dates(c.proc_end + 30, ~completed | (rng.random(p) >= 0.84)),
        "TRANSFER_STATUS": draws.blank(status, ~status_present),
        "CUSTODY": draws.missing(pl.Series(custody), TABLE, "CUSTODY"),
        "CASE_TYPE": case_type,
        "NAT": draws.missing(nat, TABLE, "NAT"),
        "LANG": draws.missing(people.lang.gather(case), TABLE, "LANG"),
        "SCHEDULED_HEAR_LOC": draws.missing(hloc, TABLE, "SCHEDULED_HEAR_LOC"),
        "CORRECTIONAL_FAC": draws.missing(
            draws.values(p, "A_TblCase", "CORRECTIONAL_FAC"),
            TABLE,
            "CORRECTIONAL_FAC",
        ),
        "DATE_DETAINED": sql_dates(
            detained_day, ~np.isin(custody, ["D", "R"]) | draws.chance(p, 0.33)
        ),
        "DATE_RELEASED": sql_dates(
            released_day,
            ~((custody == "R") | (detained & (rng.random(p) < 0.12)))
            | (released_day > c.release),  # not yet released
        ),
    }
    procs = Proceedings(
        base_city=base,
        hearing_loc=hloc,
        judge=judge,
        first_hearing=hearing,
        no_hearing=no_hearing,
        dec_code=draws.blank(dec, ~has_dec),
        other_comp=draws.blank(other, ~has_other),
    )
    return frame(TABLE, draws, p, cols), procs


def dismissal_window() -> int:
    return day_number(model.DHS_DISMISSAL_FROM)
