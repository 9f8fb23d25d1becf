"""An asylum application filed with USCIS (`person.affirmative_asylum_filed_on`, not one
filed with the court): explained, never a block. No statute exempts a pending application
from expedited removal; the ICE directive of 18 February 2025 aims it at people "who have
not affirmatively applied for asylum with USCIS" (legal brief section 1.2: policy only).
Shown once the application was filed, on or before the date asked about, and not before
the day of the rule's sources (the directive's date in sources.yaml)."""

from __future__ import annotations

from erpath.rules.basis import Basis
from erpath.rules.expr import AS_OF, Col, Expr, Lit

CODE = __name__.rsplit(".", 1)[1]


def expression(basis: Basis) -> Expr:
    law = basis.law
    filed = Col("affirmative_asylum_filed_on") <= AS_OF
    issued = [law.sources[s].date for s in law.rules[CODE].sources or []]
    known = [day for day in issued if day is not None]
    return filed & (Lit(min(known)) <= AS_OF) if known else filed
