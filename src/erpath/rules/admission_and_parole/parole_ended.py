"""Parole ended: unknown, not decided (brief section 10, point 2): INA 235(b)(1)(A)(iii)
excludes the paroled; the ICE directive of 18 February 2025 and 8 CFR 1.2 are read by DHS
as leaving an arriving alien."""

from __future__ import annotations

from erpath.rules.basis import MANNER, Basis
from erpath.rules.expr import Col, Expr, when


def expression(basis: Basis) -> Expr:
    return when(
        (MANNER.eq("paroled") & Col("parole_active").ne(True).possible(), None), otherwise=False
    )
