"""Outside every designation: INA 235(b)(1)(A)(iii); 8 CFR 235.3(b)(1)(ii)."""

from __future__ import annotations

from erpath.rules.basis import MANNER, Basis
from erpath.rules.expr import Col, Expr


def expression(basis: Basis) -> Expr:
    return Col("er_in_force") & ~Col("covered") & ~MANNER.isin(("admitted", "paroled"))
