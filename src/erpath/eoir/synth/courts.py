"""The courts of a synthetic release: how many cases each takes, and its judges (ADR 0033).

A court (tblLookupBaseCity) takes cases in proportion to its judges: its state's judges in
EOIR's court directory (reference `court_judges.csv`, 2026-05-26) shared equally among the
state's courts of the lookup that hold hearings (`erpath.places.hearing_places`). Courts
of states the directory does not list, and listings that hold no hearings (the Board,
headquarters, test and second listings), take `model.UNLISTED_COURT_JUDGES` each. A
proceeding's judge is one of its court's judges (tblLookupJudgeBaseCity), else any judge.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl

from erpath.eoir.reference import lookup_values, reference_rows
from erpath.eoir.synth import model
from erpath.places import courts, hearing_places


def state_judges() -> dict[str, int]:
    """Judges per state (two-letter code) in EOIR's court directory."""
    out: dict[str, int] = {}
    for n, row in enumerate(reference_rows("court_judges.csv"), start=2):
        try:
            out[row["state"]] = int(row["judges"])
        except ValueError:
            raise ValueError(f"court_judges.csv line {n}: judges {row['judges']!r}") from None
    return out


def court_weights(codes: list[str]) -> npt.NDArray[np.float64]:
    """The weight of each court of `codes`, in judges (see the module's docstring)."""
    known = courts()
    places = hearing_places()
    judges = state_judges()
    state = [known[c].state if c in known else "" for c in codes]
    holding = Counter(s for c, s in zip(codes, state, strict=True) if c in places)
    return np.array(
        [
            judges[s] / holding[s] if c in places and s in judges else model.UNLISTED_COURT_JUDGES
            for c, s in zip(codes, state, strict=True)
        ],
        dtype=np.float64,
    )


@dataclass(frozen=True)
class CourtJudges:
    """The judge codes of each court, flattened: court i's are codes[start[i]:start[i] +
    count[i]]."""

    codes: pl.Series
    start: npt.NDArray[np.int64]
    count: npt.NDArray[np.int64]

    @staticmethod
    def build(courts_in_order: list[str]) -> CourtJudges:
        code_of = {name: code for code, name in lookup_values()["tblLookupJudge"]}
        by_court: dict[str, dict[str, None]] = {c: {} for c in courts_in_order}
        for court, name in lookup_values()["tblLookupJudgeBaseCity"]:
            if court in by_court and name in code_of:
                by_court[court].setdefault(code_of[name], None)
        lists = [list(by_court[c]) for c in courts_in_order]
        count = np.array([len(x) for x in lists], dtype=np.int64)
        start = np.cumsum(count) - count
        return CourtJudges(pl.Series([j for x in lists for j in x], dtype=pl.String), start, count)

    def draw(
        self, rng: np.random.Generator, court: npt.NDArray[np.int64], anyone: pl.Series
    ) -> pl.Series:
        """One judge of each proceeding's court (index in the court order); `anyone`
        (a judge drawn from all) where the court has none in the lookup."""
        count = self.count[court]
        pick = self.start[court] + (rng.random(len(court)) * np.maximum(count, 1)).astype(np.int64)
        own = self.codes.gather(np.minimum(pick, max(len(self.codes) - 1, 0)))
        frame = pl.DataFrame({"own": own, "anyone": anyone, "has": count > 0})
        return frame.select(pl.when("has").then("own").otherwise("anyone")).to_series()
