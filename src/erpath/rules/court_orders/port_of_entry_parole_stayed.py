"""Port-of-entry parole stayed: the orders of law/data/court_orders.yaml that bar the policy
for people paroled at a port of entry (CHIRLA v. Noem)."""

from __future__ import annotations

from erpath.rules.basis import Basis
from erpath.rules.expr import Col, Expr, any_of


def expression(basis: Basis) -> Expr:
    return any_of(*(Col("poe_parolee") & active for active in basis.poe_parole_stays))


def sources(basis: Basis) -> list[str]:
    return [s for o in basis.law.orders if o.bars and o.bars.scope for s in o.sources]
