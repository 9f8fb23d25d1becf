"""A ground assumed when none is charged: INA 212(a)(6)(C) and (7)."""

from __future__ import annotations

from erpath.rules.basis import Basis
from erpath.rules.expr import Col, Expr


def expression(basis: Basis) -> Expr:
    return Col("er_ground_charged").is_null()
