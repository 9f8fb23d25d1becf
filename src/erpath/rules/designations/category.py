"""The ground the arrival meets (the contract's `category`), one explaining reason per ground,
cited by the designations whose classes name that ground."""

from __future__ import annotations

from erpath.rules.basis import Basis
from erpath.rules.expr import Col, Expr


def expressions(basis: Basis) -> dict[str, tuple[Expr, list[str]]]:
    """Each ground's reason: its expression and its sources."""
    law = basis.law
    grounds = dict.fromkeys(c.ground for _, c in law.classes())
    return {
        ground: (
            Col("category").eq(ground),
            sorted({s for d, c in law.classes() if c.ground == ground for s in d.sources}),
        )
        for ground in grounds
    }
