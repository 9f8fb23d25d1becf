"""Admitted: INA 235(b)(1)(A)(iii) reaches an alien "who has not been admitted or paroled"."""

from __future__ import annotations

from erpath.rules.basis import MANNER, Basis
from erpath.rules.expr import Expr


def expression(basis: Basis) -> Expr:
    return MANNER.eq("admitted")
