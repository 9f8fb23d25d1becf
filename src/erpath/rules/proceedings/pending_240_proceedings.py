"""Pending 240 proceedings: 8 CFR 239.2(c) and 1239.2(c); Matter of H.N. Ferreira; brief
section 10, point 5."""

from __future__ import annotations

from erpath.rules.basis import SECTION_240, Basis
from erpath.rules.expr import Expr


def expression(basis: Basis) -> Expr:
    return SECTION_240.eq("pending")
