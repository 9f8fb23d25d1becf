"""The encounter taken to be on the determination's day when its date is not given (the 2004
designation counts its 14 days to the encounter, 69 FR 48877)."""

from __future__ import annotations

from erpath.rules.basis import Basis
from erpath.rules.expr import Col, Expr


def expression(basis: Basis) -> Expr:
    return Col("encounter_date").is_null()
