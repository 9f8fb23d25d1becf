"""The law data verified through a day (meta.yaml `verified_through`): after it, the last known
law is applied, and said so."""

from __future__ import annotations

from erpath.rules.basis import Basis
from erpath.rules.expr import AS_OF, Expr, Lit


def expression(basis: Basis) -> Expr:
    return Lit(basis.law.verified_through) < AS_OF
