"""Fourteen days shown: the 2004 designation's limit (69 FR 48877), for each class whose
presence limit is counted in days before the encounter."""

from __future__ import annotations

from erpath.rules.basis import ARRIVAL, ENCOUNTER, FINDING, GROUND_CLASS, Basis, class_key
from erpath.rules.expr import Col, Expr, any_of, when


def expression(basis: Basis) -> Expr:
    checks = []
    for d, cls in basis.law.classes():
        limit = cls.presence_under
        if limit is None or limit.years is not None:
            continue
        days = limit.days or 0
        shown = when(
            (FINDING.eq("shown"), True),
            (ARRIVAL.plus_days(days) > ENCOUNTER, False),
            (Col("evidence_run_start_at_encounter").plus_days(days) <= ENCOUNTER, True),
            otherwise=None,
        )
        checks.append(GROUND_CLASS.eq(class_key(d, cls)) & shown)
    return any_of(*checks)
