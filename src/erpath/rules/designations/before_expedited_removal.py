"""Before expedited removal: INA 235(b)(1)(A)(i), effective 1 April 1997 (62 FR 10312)."""

from __future__ import annotations

from erpath.rules.basis import Basis
from erpath.rules.expr import Col, Expr


def expression(basis: Basis) -> Expr:
    return ~Col("er_in_force")
