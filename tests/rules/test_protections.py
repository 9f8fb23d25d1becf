"""The protections that explain (topic `protections`, issue 14): when their reasons are
shown, and that the one resting on agency guidance says it is policy (CONTRACT.md
`reasons[].kind`). The scenarios (tests/law/protections/) check what the answer is."""

from __future__ import annotations

from typing import Any

import pytest

from erpath.answer.screen import screen
from erpath.contract.facts import Facts
from erpath.rules import RuleSet


def _facts(as_of: str, **person: Any) -> Facts:
    return Facts.model_validate(
        {
            "as_of": as_of,
            "person": {"citizenship": ["HND"], "birth_date": "1990-05-04", **person},
            "arrivals": [{"date": "2024-03-01", "manner": "without_inspection", "mode": "land"}],
            "encounter": {"date": as_of, "miles_from_land_border": 850},
            "proceedings": {"section_240": "none"},
        }
    )


def _reasons(facts: Facts, rules: RuleSet) -> dict[str, Any]:
    return {r.code: r for r in screen(facts, rules).reasons}


def test_the_asylum_filing_is_explained_as_policy_from_the_filing_on(rules: RuleSet) -> None:
    reason = _reasons(_facts("2025-06-10", affirmative_asylum_filed_on="2025-06-10"), rules)[
        "affirmative_asylum_filed"
    ]
    assert (reason.holds, reason.kind, reason.decisive) == (True, "policy", False)
    assert reason.verification == "reported"


@pytest.mark.parametrize(
    ("as_of", "filed"),
    [
        ("2025-06-10", "2025-06-11"),  # filed after the day asked about
        ("2025-02-17", "2024-11-20"),  # the day before the directive
        ("2025-06-10", None),
    ],
)
def test_the_asylum_filing_is_not_explained_before_it_or_the_directive(
    rules: RuleSet, as_of: str, filed: str | None
) -> None:
    assert "affirmative_asylum_filed" not in _reasons(
        _facts(as_of, affirmative_asylum_filed_on=filed), rules
    )


def test_deferred_action_is_explained_only_when_given_and_blocks_nothing(rules: RuleSet) -> None:
    without = screen(_facts("2025-06-10"), rules)
    given = screen(
        _facts("2025-06-10", deferred_action={"kind": "other", "since": "2024-06-01"}), rules
    )
    assert "deferred_action" not in {r.code for r in without.reasons}
    reason = next(r for r in given.reasons if r.code == "deferred_action")
    assert (reason.holds, reason.kind, reason.decisive) == (True, "law", False)
    assert (given.er_applicable, given.blocking) == (without.er_applicable, without.blocking)
