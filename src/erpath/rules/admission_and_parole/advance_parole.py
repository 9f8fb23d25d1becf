"""Advance parole: 8 CFR 1.2 ("arriving alien") excepts parole before 1 April 1997 and advance
parole obtained before leaving; INA 235(b)(1)(A)(iii) excludes the paroled."""

from __future__ import annotations

from erpath.rules.basis import ARRIVAL, MANNER, PROGRAM, Basis
from erpath.rules.expr import Expr, Lit


def expression(basis: Basis) -> Expr:
    return MANNER.eq("paroled") & (
        PROGRAM.eq("advance_parole").is_true() | (Lit(basis.arriving_since) > ARRIVAL)
    )
