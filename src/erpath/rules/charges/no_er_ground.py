"""No ground of expedited removal charged: INA 235(b)(1)(A)(i); the grounds are
law/data/grounds.yaml's."""

from __future__ import annotations

from erpath.rules.basis import Basis
from erpath.rules.expr import Col, Expr, when


def expression(basis: Basis) -> Expr:
    charged = Col("er_ground_charged")
    return when((charged.is_null(), False), otherwise=~charged)


def sources(basis: Basis) -> list[str]:
    return list(basis.law.er_grounds.sources)
