"""The reasons of the blocks around the answer are `law` unless they rest on agency guidance
alone (ADR 0025): the contested bond question cites EOIR's guidance of January 13, 2026
beside Matter of Yajure Hurtado, the class judgment and the statutes."""

from __future__ import annotations

from erpath.answer.screen import screen
from erpath.contract.facts import Facts


def _pending_in(state: str, court: str, day: str) -> Facts:
    return Facts.model_validate(
        {
            "as_of": day,
            "arrivals": [{"date": "2025-03-10", "manner": "without_inspection", "mode": "land"}],
            "encounter": {"date": day, "miles_from_land_border": 500, "state": state},
            "proceedings": {"section_240": "pending", "court": court},
        }
    )


def test_a_contested_point_citing_guidance_among_decisions_is_law() -> None:
    d = screen(_pending_in("NY", "NYC", "2026-03-01"))
    assert d.detention is not None
    contested = next(r for r in d.detention.reasons if r.code == "bond_contested")
    assert "eoir-bond-guidance-2026-01-13" in contested.sources
    assert d.citations["eoir-bond-guidance-2026-01-13"].cite.startswith("EOIR")
    assert contested.kind == "law"
    assert contested.verification == "unverified"  # INA 236(a), from general knowledge


def test_every_source_of_the_blocks_is_cited_for_a_reader() -> None:
    d = screen(_pending_in("TX", "HOU", "2026-03-01"))
    assert d.detention is not None
    assert d.arrest_at_court is not None
    assert d.dismissal_response is not None
    used = [s for r in d.detention.reasons for s in r.sources]
    used += d.arrest_at_court.sources + d.dismissal_response.sources
    assert used
    assert sorted(set(used) - set(d.citations)) == []
