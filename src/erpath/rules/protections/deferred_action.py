"""Deferred action (`person.deferred_action`, DACA or another kind): explained, never a
block. No express exemption from expedited removal was found (8 CFR 236.21-236.25; 87 FR
53152; legal brief section 1.2: practical, not law). What DACA's residence requirement
says of two years' presence is a reading the reason states, not a finding: the presence
rules still decide (presence/two_years_shown); a return on advance parole is the
advance-parole rule's (admission_and_parole/advance_parole)."""

from __future__ import annotations

from erpath.rules.basis import Basis
from erpath.rules.expr import Col, Expr


def expression(basis: Basis) -> Expr:
    return ~Col("deferred_action_kind").is_null()
