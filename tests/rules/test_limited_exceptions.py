"""designations/limited_exceptions: the reason that a designation's notice reserves
exceptions whose text was not found is given only where the ground met is a class of such
a designation, with the notice's verification, and it changes no answer."""

from __future__ import annotations

from typing import Any

from erpath.answer.screen import screen
from erpath.contract.facts import Facts
from erpath.law.model import Law
from erpath.procedure.loader import bundled_procedure
from erpath.rules import RuleSet, build_rules


def _facts(as_of: str, miles: float) -> Facts:
    return Facts.model_validate(
        {
            "as_of": as_of,
            "person": {"citizenship": ["HND"], "birth_date": "1990-05-04"},
            "arrivals": [{"date": "2025-06-01", "manner": "without_inspection", "mode": "land"}],
            "encounter": {"date": as_of, "miles_from_land_border": miles},
            "proceedings": {"section_240": "none"},
        }
    )


def _reason(facts: Facts, rules: RuleSet) -> Any:
    return next((r for r in screen(facts, rules).reasons if r.code == "limited_exceptions"), None)


def test_shown_under_the_2025_designation_with_its_verification(rules: RuleSet) -> None:
    reason = _reason(_facts("2025-06-30", 850), rules)  # the interior ground, 29 days in
    assert (reason.holds, reason.decisive, reason.verification) == (True, False, "partly")


def test_not_shown_under_the_2004_border_designation(rules: RuleSet) -> None:
    facts = _facts("2025-06-10", 40)  # nine days after a land crossing, 40 miles in
    assert screen(facts, rules).category == "designated_border_14d"
    assert _reason(facts, rules) is None


def test_no_answer_turns_on_it(law: Law) -> None:
    without = {
        "designations": [
            d.model_copy(update={"exceptions_not_found": None}) for d in law.designations
        ]
    }
    plain = build_rules(law.model_copy(update=without), bundled_procedure())
    facts = _facts("2025-06-30", 850)
    assert _reason(facts, plain) is None
    assert (
        screen(facts, plain).er_applicable
        == screen(facts, build_rules(law, bundled_procedure())).er_applicable
    )
