"""Shared fixtures: the bundled law and rules, loaded once."""

from __future__ import annotations

import pytest

from erpath.law.model import Law
from erpath.rules import RuleSet, bundled_rules


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return bundled_rules()


@pytest.fixture(scope="session")
def law(rules: RuleSet) -> Law:
    return rules.law
