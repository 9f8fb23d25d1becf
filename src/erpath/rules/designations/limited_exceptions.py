"""The exceptions a designation's notice reserves and the law data does not hold: 90 FR 8139
(2025) and 84 FR 35409 (2019) apply expedited removal "with limited exceptions", whose text
was not found (primary-texts.md sections 11.4 and 11.6). Explained, never decided: shown
where the ground the arrival meets is a class of such a designation (designations.yaml
`exceptions_not_found`), cited by that designation's sources."""

from __future__ import annotations

from erpath.law.model import Law
from erpath.rules.basis import GROUND_CLASS, Basis, class_key
from erpath.rules.expr import Expr


def _reserving(law: Law) -> list[str]:
    return [class_key(d, c) for d, c in law.classes() if d.exceptions_not_found]


def expression(basis: Basis) -> Expr:
    return GROUND_CLASS.isin(_reserving(basis.law))


def sources(basis: Basis) -> list[str]:
    law = basis.law
    return sorted({s for d in law.designations if d.exceptions_not_found for s in d.sources})
