"""Two years shown: INA 235(b)(1)(A)(iii)(II); 8 CFR 235.3(b)(1)(ii), for each class whose
presence limit is counted in years."""

from __future__ import annotations

from erpath.rules.basis import GROUND_CLASS, Basis, class_key, years_shown
from erpath.rules.expr import Expr, any_of


def expression(basis: Basis) -> Expr:
    checks = [
        GROUND_CLASS.eq(class_key(d, cls)) & years_shown(cls.presence_under.years)
        for d, cls in basis.law.classes()
        if cls.presence_under is not None and cls.presence_under.years is not None
    ]
    return any_of(*checks)
