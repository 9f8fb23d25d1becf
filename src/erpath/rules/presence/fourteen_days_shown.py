"""Fourteen days shown: the 2004 designation's limit (69 FR 48877), for each class whose
presence limit is counted in days (to the day its law data's `counted_to` names: the
encounter)."""

from __future__ import annotations

from erpath.rules.basis import Basis, shown_in_class
from erpath.rules.expr import Expr


def expression(basis: Basis) -> Expr:
    return shown_in_class(basis, "days")
