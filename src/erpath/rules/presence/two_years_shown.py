"""Two years shown: INA 235(b)(1)(A)(iii)(II); 8 CFR 235.3(b)(1)(ii), for each class whose
presence limit is counted in years (to the day its law data's `counted_to` names)."""

from __future__ import annotations

from erpath.rules.basis import Basis, shown_in_class
from erpath.rules.expr import Expr


def expression(basis: Basis) -> Expr:
    return shown_in_class(basis, "years")
