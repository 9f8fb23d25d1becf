"""Unaccompanied alien child: 8 U.S.C. 1232(a)(5)(D) (section 240 proceedings); the definition
of 6 U.S.C. 279(g)(2), the age from the parameter `child_age_years`. DHS's own
determination (`person.uac`) decides when given. The bar came with the TVPRA (its law
data's `in_force`): none before its enactment, an open point until it took effect."""

from __future__ import annotations

from erpath.rules.basis import ENCOUNTER, Basis, dated
from erpath.rules.expr import AS_OF, Col, Expr, Lit, when

CODE = __name__.rsplit(".", 1)[1]


def expression(basis: Basis) -> Expr:
    child_years = basis.law.parameters.child_age_years
    child = dated(child_years, Col("birth_date").anniversary) > ENCOUNTER
    accompanied = Col("accompanied_by")
    derived = when(
        (accompanied.isin(("parent", "legal_guardian")), False),
        (child.eq(False), False),
        (child & accompanied.isin(("none", "other_adult")), True),
        otherwise=None,
    )
    bar = when((Col("uac").is_null(), derived), otherwise=Col("uac"))
    statute = basis.law.rules[CODE].in_force
    if statute is None:
        return bar
    return when(
        (Lit(statute.enacted) > AS_OF, False),
        (Lit(statute.effective) > AS_OF, when((bar.eq(False), False), otherwise=None)),
        otherwise=bar,
    )
