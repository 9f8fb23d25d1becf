"""The pending cases of an ingested EOIR release as the simulation's people on its first
day (`erpath simulate --release REL`): each pending 240 case of the release on that day
(`erpath.exposure`: the same cases, the same facts) with its entry date, manner of entry,
nationality and court. What the release does not record is drawn from the scenario's
shares, and said so: the entry date where none is recorded (from `entry_years`), the manner
where the charges do not say it, the evidence of presence (it records none), the
nationality where it names none, the court where it is not a hearing court."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt
import polars as pl

from erpath.exposure.citizenship import named_countries
from erpath.exposure.exposure import prepare_release
from erpath.exposure.pending import pending_on_days
from erpath.exposure.release import IngestedRelease
from erpath.law.model import Law


@dataclass(frozen=True)
class ReleaseCases:
    """One entry per pending case; None (or -1) where the release does not say."""

    arrival: list[date | None]
    without_inspection: npt.NDArray[np.int8]  # 1, 0, or -1 unknown
    citizenship: list[str | None]
    court: list[str | None]

    @property
    def size(self) -> int:
        return len(self.arrival)

    def earliest(self) -> date | None:
        known = [a for a in self.arrival if a is not None]
        return min(known) if known else None

    def named(self, law: Law) -> list[str]:
        """The nationalities of these cases the law names, sorted."""
        names = named_countries(law)
        return sorted({c for c in self.citizenship if c is not None and c in names})


def release_cases(release: IngestedRelease, on: date, law: Law) -> ReleaseCases:
    """The release's pending 240 cases on `on`."""
    prepared = prepare_release(release, dimensions=("court",), law=law)
    facts = prepared.facts(pending_on_days(prepared.spans, [on])).collect()
    manner = facts.get_column("arrival_manner")
    ewi = (
        pl.select(
            pl.when(manner == "without_inspection")
            .then(1)
            .when(manner == "admitted")
            .then(0)
            .otherwise(-1)
        )
        .to_series()
        .to_numpy()
        .astype(np.int8)
    )
    citizenship = [
        c[0] if c is not None and len(c) == 1 else None
        for c in facts.get_column("citizenship").to_list()
    ]
    return ReleaseCases(
        arrival=facts.get_column("arrival_date").to_list(),
        without_inspection=ewi,
        citizenship=citizenship,
        court=facts.get_column("court").to_list(),
    )
