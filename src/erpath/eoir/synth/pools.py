"""The code pools a synthetic release draws from, fixed once per seed.

Codes come from the reference lookups; where the real frequencies are not published
(nationality, language, hearing location, judge, notice, adjournment reason, schedule
type) they are weighted by a Zipf law in a seeded order after a few leading codes
(`model.py`). Courts are weighted by their judges, and judges drawn within their court
(`courts.py`, ADR 0033). Attorney GUIDs, short message codes and inmate-housing codes are
invented here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl

from erpath.eoir.reference import lookup_values, row_counts
from erpath.eoir.synth import model
from erpath.eoir.synth.courts import CourtJudges, court_weights
from erpath.eoir.synth.draws import lookup_codes, zipf_weights


@dataclass(frozen=True)
class Pool:
    """Codes and their weights."""

    codes: pl.Series
    weights: npt.NDArray[np.float64]

    def draw(self, rng: np.random.Generator, n: int) -> pl.Series:
        idx = rng.choice(len(self.codes), size=n, p=self.weights)
        return self.codes.gather(idx)

    def draw_index(self, rng: np.random.Generator, n: int) -> npt.NDArray[np.int64]:
        return rng.choice(len(self.codes), size=n, p=self.weights).astype(np.int64)


def _pool(codes: list[str], weights: npt.NDArray[np.float64] | list[float]) -> Pool:
    w = np.asarray(weights, dtype=np.float64)
    return Pool(pl.Series(codes, dtype=pl.String), w / w.sum())


def _zipf(rng: np.random.Generator, table: str, leading: tuple[str, ...] = ()) -> Pool:
    order, w = zipf_weights(lookup_codes(table), leading, rng, model.ZIPF_EXPONENT)
    return _pool(order, w)


@dataclass(frozen=True)
class Pools:
    nationality: Pool
    language: Pool
    base_city: Pool
    court_judges: CourtJudges
    hearing_location: Pool
    judge: Pool
    judge_names: dict[str, str]
    notice: Pool
    adjournment: Pool
    schedule_first: Pool
    schedule_later: Pool
    motion_type: Pool
    attorneys: pl.Series
    messages: Pool
    inmate_housing: Pool
    cities: Pool
    city_state: dict[str, tuple[str, int]]
    hloc_not_base: list[str]

    @staticmethod
    def build(seed: int, cases: int) -> Pools:
        rng = np.random.default_rng([seed, 7_000_001])
        court_codes = lookup_codes("tblLookupBaseCity")
        base = _pool(court_codes, court_weights(court_codes))
        base_codes = set(base.codes.to_list())
        hloc = _zipf(rng, "tblLookupHloc")
        later = _zipf(rng, "tbllookupSchedule_Type", model.LEADING_SCHEDULE_TYPES_LATER)
        later_codes = later.codes.to_list()[: len(model.LEADING_SCHEDULE_TYPES_LATER) + 8]
        # As many attorneys as the real registry has per case (tbl_EOIR_Attorney).
        per_case = row_counts()["tbl_EOIR_Attorney"] / row_counts()["A_TblCase"]
        n_attorneys = max(round(cases * per_case), 10)
        attorneys = [
            str(uuid.UUID(bytes=rng.bytes(16), version=4)).upper() for _ in range(n_attorneys)
        ]
        letters = np.array(list("ABCDEFGHJKLMNPQRSTUVWXYZ"))
        messages = sorted({f"{a}{d}" for a in letters[:12] for d in range(10)} - {"B6"})
        inmate = sorted({"".join(rng.choice(letters, 3)) for _ in range(60)})
        weights = [c[3] for c in model.CITIES]
        return Pools(
            nationality=_zipf(rng, "tblLookupNationality", model.LEADING_NATIONALITIES),
            language=_zipf(rng, "tblLanguage", model.LEADING_LANGUAGES),
            base_city=base,
            court_judges=CourtJudges.build(court_codes),
            hearing_location=hloc,
            judge=_zipf(rng, "tblLookupJudge"),
            judge_names=dict(lookup_values()["tblLookupJudge"]),
            notice=_zipf(rng, "tblLookupNOTICE"),
            adjournment=_zipf(rng, "tblAdjournmentcodes", model.LEADING_ADJOURNMENT_CODES),
            schedule_first=_pool(list(model.LEADING_SCHEDULE_TYPES_FIRST), [1.0]),
            schedule_later=_pool(later_codes, 1.0 / np.arange(1, len(later_codes) + 1)),
            motion_type=_pool(
                [m for m, _ in model.MOTION_TYPES], [w for _, w in model.MOTION_TYPES]
            ),
            attorneys=pl.Series(attorneys, dtype=pl.String),
            messages=_pool(messages, 1.0 / np.arange(1, len(messages) + 1)),
            inmate_housing=_pool(inmate, np.ones(len(inmate))),
            cities=_pool([c[0] for c in model.CITIES], weights),
            city_state={c[0]: (c[1], c[2]) for c in model.CITIES},
            hloc_not_base=[c for c in hloc.codes.to_list() if c not in base_codes][:200],
        )
