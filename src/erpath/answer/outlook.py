"""What an answer amounts to, in a form two answers can be compared by: the answer, the
ground, the blocks, the open points and the two-year date, on the determination date and on
each day ahead where the law or the person's clock changes; and, where a 240 case is
pending, the same if DHS's motion to dismiss were granted on that day (the timeline's
postures, `erpath.answer.timeline`). A question whose possible answers all give the same
outlook cannot change the answer, and need not be asked (the web's guided interview)."""

from __future__ import annotations

from datetime import date
from typing import Any

from erpath.answer.timeline import HORIZON, posture_rows
from erpath.contract.facts import Facts
from erpath.presence.analysis import Policy
from erpath.rules.answer import evaluate_row, open_codes
from erpath.rules.row import facts_row
from erpath.rules.ruleset import RuleSet

Outlook = tuple[Any, ...]


def _days(rules: RuleSet, facts: Facts, values: dict[str, Any]) -> list[date]:
    end = facts.day + HORIZON
    ahead = {c.day for c in rules.law.changes() if facts.day < c.day <= end}
    two_years = values["two_year_date"]
    if two_years is not None and facts.day < two_years <= end:
        ahead.add(two_years)
    return [facts.day, *sorted(ahead)]


def outlook(rules: RuleSet, facts: Facts, policy: Policy = "daily") -> Outlook:
    """The outlook of `facts` (AbroadError or ValueError where they cannot be evaluated)."""
    base = facts_row(facts, rules.law, policy)
    first = evaluate_row(rules, base)
    days = _days(rules, facts, first.values)
    postures = [False, True] if first.values["section_240"] == "pending" else [False]
    seen: list[Any] = [first.values["category"], first.values["two_year_date"]]
    for dismissed in postures:
        for row in posture_rows(facts, base, days, policy, dismissed):
            ev = evaluate_row(rules, row)
            seen.append(
                (ev.er_applicable, tuple(sorted(ev.blocking)), tuple(open_codes(rules, ev)))
            )
    return tuple(seen)


__all__ = ["Outlook", "outlook"]
