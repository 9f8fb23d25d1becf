"""Every condition has its wording for each outcome it can have."""

from __future__ import annotations

from erpath.rules import RuleSet
from erpath.wording import wording


def test_every_condition_has_wording_for_every_outcome(rules: RuleSet) -> None:
    texts = wording("en")
    for condition in rules.conditions:
        assert set(texts[condition.code]) == {"holds", "fails", "unknown"}, condition.code
    for info in rules.info:
        assert "holds" in texts[info.code], info.code
    assert "unknown" in texts["as_of_time_of_day"]
