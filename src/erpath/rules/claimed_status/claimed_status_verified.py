"""A claimed status verified: INA 235(b)(1)(C); 8 CFR 235.3(b)(5)."""

from __future__ import annotations

from erpath.rules.basis import Basis
from erpath.rules.expr import Col, Expr, when


def expression(basis: Basis) -> Expr:
    claimed = Col("claimed_status")
    return when((claimed.is_null(), False), otherwise=Col("claimed_status_verified"))
