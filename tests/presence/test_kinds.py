"""The kinds of evidence: ranked, cited, and marked as guidance rather than law."""

from __future__ import annotations

from typing import get_args

from erpath.contract.facts import EvidenceKind
from erpath.law.model import Law
from erpath.presence.kinds import kinds, strongest_first


def test_every_kind_of_the_contract_is_ranked() -> None:
    assert set(kinds().kinds) == set(get_args(EvidenceKind))


def test_the_ranking_cites_known_sources_and_says_it_is_not_a_dhs_rule(law: Law) -> None:
    assert all(source in law.sources for source in kinds().sources)
    assert "not a DHS rule" in kinds().authority
    assert law.sources["practitioner-evidence-lists"].verification == "reported"


def test_strongest_first_puts_the_persons_own_kinds_first_within_a_strength() -> None:
    order = strongest_first({"utility_bill"})
    assert order[:2] == ["government_record", "tax_record"]
    assert order[2] == "utility_bill"
    assert order[-1] in ("affidavit", "other", "photo", "religious_record")
