"""The kinds of evidence of presence and their strength (kinds.yaml): erpath's ranking of
practitioners' guidance, not a DHS rule (legal brief section 7). Their names and examples
are in the wording set (erpath.wording: `evidence_kinds`, `evidence_examples`)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

from erpath.contract.facts import Evidence, EvidenceKind

Strength = Literal["strong", "good", "weak"]
RANK: dict[Strength, int] = {"strong": 3, "good": 2, "weak": 1}
BY_ISSUER: dict[str, Strength] = {"government": "strong", "business": "good", "personal": "weak"}
KINDS_FILE = Path(__file__).parent / "kinds.yaml"


class Kind(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    strength: Strength


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


def strongest_first(preferred: Iterable[str] = ()) -> list[EvidenceKind]:
    """Every kind, strongest first; within a strength, the `preferred` kinds first."""
    preferred = set(preferred)
    table = kinds().kinds
    return sorted(table, key=lambda k: (-RANK[table[k].strength], k not in preferred))
