"""A designation stayed: the orders of law/data/court_orders.yaml that bar a designation
(Make the Road New York v. Noem; its stay and vacatur), each in effect over its own days."""

from __future__ import annotations

from erpath.rules.basis import GROUND_CLASS, Basis, class_key
from erpath.rules.expr import Col, Expr, any_of


def expression(basis: Basis) -> Expr:
    stays = [
        GROUND_CLASS.isin(tuple(class_key(d, c) for c in d.classes)) & Col(f"stayed:{d.id}")
        for d in basis.law.designations
        if d.id in basis.stayed
    ]
    return any_of(*stays)


def sources(basis: Basis) -> list[str]:
    return [s for o in basis.law.orders if o.bars and o.bars.designation for s in o.sources]
