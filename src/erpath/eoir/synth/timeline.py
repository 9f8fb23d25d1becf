"""The skeleton of a chunk of cases: identifiers, dates and outcomes of cases and proceedings.

A case is an NTA filed on a day (OSC_DATE); it runs through one or more proceedings (a
change of venue, transfer or recalendar starts a new one: RESEARCH.md 1.2) and ends on
a completion day drawn from a lognormal duration, or is still open at the release date.
Every proceeding but the last ends in an administrative completion (OTHER_COMP); the last
is open, decided (DEC_CODE) or administratively completed. The shares come from the
reference missingness of COMP_DATE, DEC_CODE and OTHER_COMP; the tables' other columns
are drawn around this skeleton.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from erpath.eoir.reference import missing_share, row_counts, value_frequencies
from erpath.eoir.synth import model
from erpath.eoir.synth.draws import Days, Draws, Mask, day_number, year_start

Ints = npt.NDArray[np.int64]
CUSTODY_CODES = ("N", "D", "R")


@dataclass
class IdSource:
    """Increasing identifiers with small gaps; the skipped ones are 'purged' records, to
    which orphan rows point (RESEARCH.md 1.6.7: records disappear between releases)."""

    next_id: int

    def take(self, rng: np.random.Generator, n: int) -> tuple[Ints, Ints]:
        gaps = 1 + (rng.random(n) < 0.03) * rng.integers(1, 4, n)
        ids = self.next_id + np.cumsum(gaps) - 1
        purged = (ids - 1)[gaps > 1]
        self.next_id = int(ids[-1]) + 1 if n else self.next_id
        return ids.astype(np.int64), purged.astype(np.int64)


@dataclass
class Ids:
    case: IdSource
    proceeding: IdSource
    schedule: IdSource
    application: IdSource
    custody: IdSource
    motion: IdSource
    charge: IdSource
    rep: IdSource
    appeal: IdSource
    bond: IdSource
    fed_court: IdSource
    three_member: IdSource
    juvenile: IdSource
    lead_rider: IdSource
    priority: IdSource
    identifier: IdSource

    @staticmethod
    def start() -> Ids:
        return Ids(
            IdSource(1_001),
            IdSource(1_001),
            IdSource(1_001),
            IdSource(1_001),
            IdSource(11),
            IdSource(1_001),
            IdSource(1),
            IdSource(1_001),
            IdSource(1_001),
            *(IdSource(1_001) for _ in range(7)),
        )


@dataclass
class Cases:
    """One chunk of cases (arrays of length n) and their proceedings (length p)."""

    release: int  # the release date, as a day number
    case_id: Ints
    purged_cases: Ints
    case_type: npt.NDArray[np.str_]  # as written (junk included)
    clean_type: npt.NDArray[np.str_]  # RMV where the written type is junk
    custody: npt.NDArray[np.str_]  # N, D or R (the written CUSTODY may be junk or empty)
    filed: Days  # OSC_DATE
    ends: Days  # completion day of the last proceeding (may be after the release)
    pending: Mask
    n_proceedings: Ints
    # proceedings, case by case in order
    proc_id: Ints
    purged_proceedings: Ints
    proc_case: Ints  # index of the case in this chunk
    proc_rank: Ints
    proc_last: Mask
    proc_start: Days
    proc_end: Days  # completion day; meaningless where proc_open
    proc_open: Mask
    proc_decided: Mask  # completed with a DEC_CODE (else OTHER_COMP, when completed)

    @property
    def n(self) -> int:
        return len(self.case_id)


def filing_year_weights(release: date) -> tuple[list[int], npt.NDArray[np.float64]]:
    years = [y for y in sorted(model.FILINGS_BY_YEAR) if y <= release.year]
    w = np.array([model.FILINGS_BY_YEAR[y] for y in years], dtype=np.float64)
    if years and years[-1] == release.year:  # only the part of the year before the release
        w[-1] *= max(day_number(release) - year_start(release.year), 1) / 365.0
    return years, w / w.sum()


def detained_by_year(release: date) -> dict[int, float]:
    """The share of each year's new cases detained (`model.DETAINED_SHARE_BY_YEAR`), the
    years without a target scaled so that all cases keep the reference's detained share."""
    years, w = filing_year_weights(release)
    fixed = model.DETAINED_SHARE_BY_YEAR
    relative = {y: model.DETAINED_RELATIVE_BY_YEAR.get(y, 1.0) for y in years}
    given = sum(wt * fixed[y] for y, wt in zip(years, w, strict=True) if y in fixed)
    rest = sum(wt * relative[y] for y, wt in zip(years, w, strict=True) if y not in fixed)
    scale = max(_custody_shares()["D"] - given, 0.0) / rest if rest else 0.0
    return {y: fixed[y] if y in fixed else min(relative[y] * scale, 1.0) for y in years}


def _share_open(median: float, release: date) -> float:
    """Share of cases open at the release for a given median duration of the ordinary
    cases of the latest years (neither detained nor credible-fear reviews), all of them
    mixed as drawn: durations by year, detained shares by year, the 2025 surge."""
    years, w = filing_year_weights(release)
    r = day_number(release)
    detained = detained_by_year(release)
    cfr = _type_share("CFR") + _type_share("RFR")
    surge_from = day_number(model.SURGE_FROM)
    total = 0.0
    for year, weight in zip(years, w, strict=True):
        groups = (
            (detained[year] * (1 - cfr), model.DETAINED_MEDIAN_DAYS),
            (cfr, model.CFR_MEDIAN_DAYS),
            ((1.0 - detained[year]) * (1 - cfr), median * duration_relative(year)),
        )
        start = year_start(year)
        end = min(year_start(year + 1), r)
        for day in np.linspace(start, end - 1, 12):
            age = max(r - day, 1.0)
            kept = 1 - model.SURGE_SHARE if day < surge_from and r > surge_from else 1.0
            for share, med in groups:
                z = (math.log(age) - math.log(med)) / model.DURATION_SIGMA
                total += weight / 12 * share * kept * 0.5 * math.erfc(z / math.sqrt(2))
    return total


def duration_relative(year: int) -> float:
    return model.DURATION_RELATIVE_BY_YEAR.get(year, 1.0)


def solve_median_days(release: date) -> float:
    """The median duration of ordinary cases that leaves PENDING_SHARE of cases open."""
    lo, hi = 10.0, 100_000.0
    for _ in range(60):
        mid = math.sqrt(lo * hi)
        if _share_open(mid, release) < model.PENDING_SHARE:
            lo = mid
        else:
            hi = mid
    return math.sqrt(lo * hi)


def _custody_shares() -> dict[str, float]:
    counts = dict(value_frequencies()[("A_TblCase", "CUSTODY")])
    total = sum(counts[c] for c in CUSTODY_CODES)
    return {c: counts[c] / total for c in CUSTODY_CODES}


def _type_share(code: str) -> float:
    pairs = value_frequencies()[("A_TblCase", "CASE_TYPE")]
    return dict(pairs).get(code, 0) / sum(n for _, n in pairs)


def decided_share_of_last() -> float:
    """Share of completed last proceedings that end with a DEC_CODE (the rest with an
    OTHER_COMP), derived from the reference missingness and row counts."""
    per_case = row_counts()["B_TblProceeding"] / row_counts()["A_TblCase"]
    decided = (1 - missing_share("B_TblProceeding", "DEC_CODE")) * per_case
    other = (1 - missing_share("B_TblProceeding", "OTHER_COMP")) * per_case - (per_case - 1)
    return decided / (decided + max(other, 0.0))


def draw_cases(draws: Draws, ids: Ids, n: int, release: date, median_days: float) -> Cases:
    rng = draws.rng
    r = day_number(release)
    case_id, purged_cases = ids.case.take(rng, n)
    case_type = draws.frequencies(n, "A_TblCase", "CASE_TYPE").fill_null("RMV").to_numpy()
    known = {c for c, k in value_frequencies()[("A_TblCase", "CASE_TYPE")] if k > 1000}
    clean_type = np.where(np.isin(case_type, list(known)), case_type, "RMV")
    years, w = filing_year_weights(release)
    year = np.array(years, dtype=np.int64)[draws.indices(n, w)]
    # Detained by the NTA's year; N and R in their reference ratio among the others.
    shares = _custody_shares()
    by_year = detained_by_year(release)
    detained_share = np.array([by_year[y] for y in years])[np.searchsorted(years, year)]
    u = rng.random(n)
    custody = np.where(
        u < detained_share,
        "D",
        np.where(
            (u - detained_share) / np.maximum(1 - detained_share, 1e-9)
            < shares["N"] / (1 - shares["D"]),
            "N",
            "R",
        ),
    )
    starts = np.array([year_start(int(y)) for y in years], dtype=np.int64)
    first = starts[np.searchsorted(years, year)]
    last = np.minimum(np.array([year_start(int(y) + 1) for y in year]), r)
    filed = first + (rng.random(n) * (last - first)).astype(np.int64)

    relative = np.array([duration_relative(int(y)) for y in years])[np.searchsorted(years, year)]
    median = np.where(custody == "D", model.DETAINED_MEDIAN_DAYS, median_days * relative)
    median = np.where(np.isin(clean_type, ["CFR", "RFR"]), model.CFR_MEDIAN_DAYS, median)
    duration = np.maximum(draws.lognormal_days(n, median, model.DURATION_SIGMA), 1)
    ends = filed + duration
    # The 2025 surge: some cases open through it complete during it instead.
    lo, hi = day_number(model.SURGE_FROM), day_number(model.SURGE_UNTIL)
    if r > lo:
        hi = min(hi, r - 1)
        surged = (filed < lo) & (ends > hi) & (rng.random(n) < model.SURGE_SHARE)
        ends = np.where(surged, lo + (rng.random(n) * (hi - lo)).astype(np.int64), ends)
    pending = ends >= r

    k = 1 + draws.indices(n, model.PROCEEDINGS_PER_CASE)
    proc_id, purged_proc = ids.proceeding.take(rng, int(k.sum()))
    proc_case = np.repeat(np.arange(n, dtype=np.int64), k)
    total = len(proc_case)
    offsets = np.cumsum(k) - k
    proc_rank = np.arange(total, dtype=np.int64) - np.repeat(offsets, k)
    proc_last = proc_rank == np.repeat(k - 1, k)
    # cut points: cumulative exponential spacings, normalised per case
    spacing = rng.exponential(1.0, total)
    cum = np.cumsum(spacing)
    case_total = np.add.reduceat(spacing, offsets)
    before = np.repeat(cum[offsets] - spacing[offsets], k)
    frac_end = (cum - before) / np.repeat(case_total, k)
    frac_start = np.maximum(frac_end - spacing / np.repeat(case_total, k), 0.0)
    span = np.repeat(np.minimum(ends, r - 1) - filed, k).astype(np.float64)
    case_filed = np.repeat(filed, k)
    proc_start = case_filed + np.floor(frac_start * span).astype(np.int64)
    proc_end = case_filed + np.floor(frac_end * span).astype(np.int64)
    proc_end = np.where(proc_last, np.repeat(ends, k), proc_end)
    proc_open = proc_last & np.repeat(pending, k)
    proc_decided = proc_last & ~proc_open & (rng.random(total) < decided_share_of_last())
    return Cases(
        release=r,
        case_id=case_id,
        purged_cases=purged_cases,
        case_type=case_type,
        clean_type=clean_type,
        custody=custody,
        filed=filed,
        ends=ends,
        pending=pending,
        n_proceedings=k,
        proc_id=proc_id,
        purged_proceedings=purged_proc,
        proc_case=proc_case,
        proc_rank=proc_rank,
        proc_last=proc_last,
        proc_start=proc_start,
        proc_end=proc_end,
        proc_open=proc_open,
        proc_decided=proc_decided,
    )
