"""The kinds of evidence of presence and their strength (kinds.yaml): erpath's ranking of
practitioners' guidance, not a DHS rule (legal brief section 7)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

from erpath.contract.facts import Evidence, EvidenceKind
from erpath.i18n import N_

Strength = Literal["strong", "good", "weak"]
RANK: dict[Strength, int] = {"strong": 3, "good": 2, "weak": 1}
BY_ISSUER: dict[str, Strength] = {"government": "strong", "business": "good", "personal": "weak"}
KINDS_FILE = Path(__file__).parent / "kinds.yaml"
STRENGTH_LABELS: dict[Strength, str] = {
    "strong": N_("strong"),
    "good": N_("good"),
    "weak": N_("weak"),
}
KIND_LABELS: dict[str, str] = {
    "lease": N_("Lease"),
    "utility_bill": N_("Utility bill"),
    "pay_stub": N_("Pay stub"),
    "tax_record": N_("Tax record"),
    "bank_statement": N_("Bank statement"),
    "medical_record": N_("Medical record"),
    "school_record": N_("School record"),
    "religious_record": N_("Religious record"),
    "remittance_receipt": N_("Remittance receipt"),
    "government_record": N_("Government record"),
    "affidavit": N_("Sworn affidavit"),
    "photo": N_("Photograph"),
    "other": N_("Other record"),
}


class Kind(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    strength: Strength
    examples: str


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
