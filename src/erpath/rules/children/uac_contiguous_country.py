"""The contiguous-country exception to the unaccompanied child's section 240 placement:
8 U.S.C. 1232(a)(5)(D) excepts "an unaccompanied alien child from a contiguous country
subject to exceptions under subsection (a)(2)"; under (a)(2) DHS determines case by case
(no trafficking, no credible fear, able to decide) whether an officer who finds such a child
"at a land border or port of entry" may let them withdraw and return. No fact says what DHS
determined, so where the child may be one (a national of a country of exceptions.yaml's
`contiguous_countries`, at a port of entry or, after a land arrival, within its
`land_border_miles` of the border) the exception is unknown and the `uac` block an open
point; elsewhere it does not apply (RuleSpec `excepts`). Citizenship only: habitual
residence is not among the facts."""

from __future__ import annotations

from erpath.rules.basis import CITIZENSHIP, MODE, Basis
from erpath.rules.children import uac
from erpath.rules.expr import Col, Contains, Expr, Lit, all_of, any_of, when


def expression(basis: Basis) -> Expr:
    contiguous = basis.law.contiguous_countries
    national = any_of(*(Contains(CITIZENSHIP, country) for country in contiguous.countries))
    near = Col("miles_from_land_border") <= Lit(contiguous.land_border_miles)
    found_there = Col("at_port").is_true() | (MODE.eq("land") & near)
    child = uac.expression(basis)
    return when((all_of(national, found_there, child).possible(), None), otherwise=False)
