"""Unaccompanied alien child: 8 U.S.C. 1232(a)(5)(D) (section 240 proceedings); the definition
of 6 U.S.C. 279(g)(2), the age from the parameter `child_age_years`. DHS's own
determination (`person.uac`) decides when given."""

from __future__ import annotations

from erpath.rules.basis import ENCOUNTER, Basis, dated
from erpath.rules.expr import Col, Expr, when


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
    return when((Col("uac").is_null(), derived), otherwise=Col("uac"))
