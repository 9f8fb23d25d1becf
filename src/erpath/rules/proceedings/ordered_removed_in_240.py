"""Ordered removed in 240 proceedings: INA 240."""

from __future__ import annotations

from erpath.rules.basis import SECTION_240, Basis
from erpath.rules.expr import Expr


def expression(basis: Basis) -> Expr:
    return SECTION_240.eq("ordered_removed")
