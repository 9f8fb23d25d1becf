"""The kinds of evidence: ranked, cited, marked as guidance rather than law, and what to
collect for a gap sized to it."""

from __future__ import annotations

from typing import get_args

from erpath.contract.facts import EvidenceKind
from erpath.law.model import Law
from erpath.presence.kinds import documents_for, kinds, to_collect


def test_every_kind_of_the_contract_is_ranked() -> None:
    assert set(kinds().kinds) == set(get_args(EvidenceKind))


def test_the_ranking_cites_known_sources_and_says_it_is_not_a_dhs_rule(law: Law) -> None:
    assert all(source in law.sources for source in kinds().sources)
    assert "not a DHS rule" in kinds().authority
    assert law.sources["practitioner-evidence-lists"].verification == "reported"


def test_a_three_week_gap_asks_for_one_or_two_documents_of_short_stretch_kinds() -> None:
    ranked = to_collect(21)
    assert ranked == ("utility_bill", "bank_statement", "pay_stub")
    assert [documents_for(k, 21) for k in ranked] == [1, 1, 2]


def test_a_nine_month_gap_asks_for_the_strongest_long_span_kinds_first() -> None:
    ranked = to_collect(274)
    assert ranked[:3] == ("tax_record", "lease", "school_record")
    assert all(kinds().kinds[k].covers_days >= 180 for k in ranked)
    assert "government_record" not in ranked  # one day each: 274 notices
    assert "utility_bill" not in ranked  # nine bills: more than a few documents


def test_within_a_strength_the_persons_own_kinds_come_first() -> None:
    assert to_collect(21, {"pay_stub"})[0] == "utility_bill"  # fewer documents still first
    assert to_collect(21, {"bank_statement"})[:2] == ("bank_statement", "utility_bill")


def test_a_gap_no_kind_is_sized_for_lists_every_kind_fewest_documents_first() -> None:
    ranked = to_collect(5 * 365)
    assert set(ranked) == set(kinds().kinds)
    assert [documents_for(k, 5 * 365) for k in ranked[:2]] == [5, 5]
    assert ranked[:2] == ("tax_record", "lease")
