"""Nationals excepted by a designation's own terms (the 2002 and 2004 designations excepted
Cuban nationals until 82 FR 4902), as law/data/designations.yaml lists them."""

from __future__ import annotations

from erpath.rules.basis import CITIZENSHIP, GROUND_CLASS, Basis, class_key
from erpath.rules.expr import Contains, Expr, Reached, any_of


def expression(basis: Basis) -> Expr:
    excepted = [
        GROUND_CLASS.eq(class_key(d, cls)) & Contains(CITIZENSHIP, n.country) & ~Reached(n.until)
        for d, cls in basis.law.classes()
        for n in cls.nationals_excepted
    ]
    return any_of(*excepted)


def sources(basis: Basis) -> list[str]:
    found: list[str] = []
    for d, cls in basis.law.classes():
        for n in cls.nationals_excepted:
            found.extend(s for s in [*d.sources, *n.sources] if s not in found)
    return found
