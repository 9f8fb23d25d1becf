"""The kinds of evidence of presence, their strength and the stretch one document usually
shows (kinds.yaml): erpath's ranking of practitioners' guidance, not a DHS rule (legal brief
section 7), and what to collect for a gap, sized to it. Their names and examples are in
the wording set (erpath.wording: `evidence_kinds`, `evidence_examples`)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from math import ceil
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from erpath.contract.facts import Evidence, EvidenceKind

Strength = Literal["strong", "good", "weak"]
RANK: dict[Strength, int] = {"strong": 3, "good": 2, "weak": 1}
BY_ISSUER: dict[str, Strength] = {"government": "strong", "business": "good", "personal": "weak"}
KINDS_FILE = Path(__file__).parent / "kinds.yaml"
FEW_DOCUMENTS = 3  # a gap is sized for a kind when this many of its documents cover it
OVERSIZED = 4  # ...and one of them shows no more than 4 times the gap (or a month)


class Kind(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    strength: Strength
    covers_days: int = Field(ge=1)


class Kinds(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    authority: str
    sources: list[str]
    kinds: dict[EvidenceKind, Kind]


@cache
def kinds() -> Kinds:
    return Kinds.model_validate(yaml.safe_load(KINDS_FILE.read_text(encoding="utf-8")))


def strength_of(evidence: Evidence) -> Strength:
    """The issuer's type when given (a government, a business, a person), else the kind's."""
    if evidence.issuer_type is not None:
        return BY_ISSUER[evidence.issuer_type]
    return kinds().kinds[evidence.kind].strength


def documents_for(kind: EvidenceKind, days: int) -> int:
    """How many documents of `kind`, one after another, cover `days` days."""
    return ceil(days / kinds().kinds[kind].covers_days)


def to_collect(days: int, held: Iterable[str] = ()) -> tuple[EvidenceKind, ...]:
    """The kinds to collect for a gap of `days` days, best first: the kinds sized to the gap
    (at most FEW_DOCUMENTS of them cover it, and one shows no more than OVERSIZED times the
    gap or a month: a year's lease is not what fills three weeks), strongest first, then
    fewest documents, then the kinds in `held` (the person has some already); when no kind
    is sized (a gap of years), every kind, fewest documents first."""
    table = kinds().kinds
    longest = max(OVERSIZED * days, 31)
    sized = [
        k
        for k in table
        if documents_for(k, days) <= FEW_DOCUMENTS and table[k].covers_days <= longest
    ]
    held = set(held)
    if sized:
        return tuple(
            sorted(
                sized,
                key=lambda k: (-RANK[table[k].strength], documents_for(k, days), k not in held),
            )
        )
    return tuple(
        sorted(
            table,
            key=lambda k: (documents_for(k, days), -RANK[table[k].strength], k not in held),
        )
    )
