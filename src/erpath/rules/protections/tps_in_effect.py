"""Temporary Protected Status in effect: INA 244(a)(1)(A), a person granted TPS is not
removed while the status is in effect, from `person.tps.since` through `person.tps.until`
(inclusive; no end given: in effect). TPS is not an admission (Sanchez v. Mayorkas), so the
day after it ends the person stands as before it, and the other rules decide."""

from __future__ import annotations

from erpath.rules.basis import Basis
from erpath.rules.expr import AS_OF, Col, Expr, when


def expression(basis: Basis) -> Expr:
    since, until = Col("tps_since"), Col("tps_until")
    return when(
        (since.is_null(), False),
        (since > AS_OF, False),
        (until < AS_OF, False),
        otherwise=True,
    )
