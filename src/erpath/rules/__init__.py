"""Decisions: named, cited conditions over the facts table (see `ruleset`)."""

from functools import cache

from erpath.law.loader import bundled_law
from erpath.procedure.loader import bundled_procedure
from erpath.rules.ruleset import RuleSet, build_rules


@cache
def bundled_rules() -> RuleSet:
    """The rules built from the bundled law data, once per process."""
    return build_rules(bundled_law(), bundled_procedure())


__all__ = ["RuleSet", "build_rules", "bundled_rules"]
