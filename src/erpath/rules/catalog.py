"""Every rule, by topic, in the order their reasons are listed; and the conditions made of
them (docs/adr/0018-one-home-per-rule.md).

A rule's module gives its expression (`expression(basis)`, or `expressions(basis)` for one
reason per ground) and, when its law data's `sources` is null, `sources(basis)`: the
sources of the law data entries it reads. Its code, what it blocks and the contested point
it rests on are its law data's (`law.rules[code]`); nothing of them is typed in Python.
"""

from __future__ import annotations

from types import ModuleType

from erpath.law.model import RuleSpec
from erpath.rules import (
    admission_and_parole,
    charges,
    children,
    claimed_status,
    court_orders,
    designations,
    encounter,
    nationality,
    presence,
    proceedings,
    protections,
    verification,
)
from erpath.rules.basis import Basis, Condition

TOPICS: tuple[ModuleType, ...] = (
    designations,
    admission_and_parole,
    court_orders,
    children,
    presence,
    nationality,
    claimed_status,
    protections,
    charges,
    proceedings,
    encounter,
    verification,
)


class RuleDataError(ValueError):
    """A rule's definition and its law data do not match."""


def rule_modules() -> dict[str, tuple[str, ModuleType]]:
    """Each rule's code: its topic and its module."""
    found: dict[str, tuple[str, ModuleType]] = {}
    for topic in TOPICS:
        name = topic.__name__.rpartition(".")[2]
        for module in topic.RULES:
            found[module.__name__.rpartition(".")[2]] = (name, module)
    return found


def _spec(basis: Basis, code: str, topic: str) -> RuleSpec:
    spec = basis.law.rules.get(code)
    if spec is None:
        raise RuleDataError(f"rule {code!r} has no law data: add law/data/{topic}/{code}.yaml")
    if spec.topic != topic:
        raise RuleDataError(f"rule {code!r} is in rules/{topic}/ but its data in {spec.topic}/")
    return spec


def _sources(basis: Basis, spec: RuleSpec, module: ModuleType) -> tuple[str, ...]:
    if spec.sources is not None:
        return tuple(spec.sources)
    if not hasattr(module, "sources"):
        raise RuleDataError(
            f"{spec.topic}/{spec.code}.yaml: sources is null but the rule does not say whose"
        )
    return tuple(module.sources(basis))


def conditions(basis: Basis) -> tuple[list[Condition], list[Condition]]:
    """The blocking conditions and the explaining ones, each from its rule and law data;
    RuleDataError if a rule and its law data do not match, or law data has no rule."""
    blocking: list[Condition] = []
    explaining: list[Condition] = []
    modules = rule_modules()
    for code, (topic, module) in modules.items():
        spec = _spec(basis, code, topic)
        into = explaining if spec.explains else blocking
        blocks = None if spec.explains or spec.excepts else spec.blocks or code
        if hasattr(module, "expressions"):
            for each, (expr, sources) in module.expressions(basis).items():
                into.append(Condition(each, expr, tuple(sources), blocks, spec.contested))
        else:
            sources = _sources(basis, spec, module)
            into.append(
                Condition(
                    code, module.expression(basis), sources, blocks, spec.contested, spec.excepts
                )
            )
    orphans = sorted(set(basis.law.rules) - set(modules))
    if orphans:
        spec = basis.law.rules[orphans[0]]
        raise RuleDataError(
            f"{spec.topic}/{spec.code}.yaml: no rule defines it (erpath.rules.{spec.topic})"
        )
    return blocking, explaining
