"""A dismissal not yet final: unknown while an appeal to the BIA is pending or its window is
open and appeal is not waived (8 CFR 1003.38(b); the 2026 interim final rule's 10 days;
8 CFR 1241.1, unverified); brief section 10, point 5."""

from __future__ import annotations

from erpath.rules.basis import SECTION_240, Basis
from erpath.rules.expr import AS_OF, Col, Expr, when


def expression(basis: Basis) -> Expr:
    window_open = (Col("due:bia_appeal_of_dismissal") >= AS_OF).is_true() & ~Col(
        "dismissal_appeal_waived"
    )
    open_to_appeal = Col("dismissal_appeal_pending").possible() | window_open.possible()
    return when((SECTION_240.eq("dismissed") & open_to_appeal, None), otherwise=False)
