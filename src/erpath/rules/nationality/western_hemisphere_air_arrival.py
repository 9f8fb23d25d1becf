"""Western Hemisphere air arrival: INA 235(b)(1)(F); until 13 January 2017 also 8 CFR
235.3(b)(1)(i). The countries and their dates are law/data/exceptions.yaml's."""

from __future__ import annotations

from erpath.rules.basis import CITIZENSHIP, MODE, Basis
from erpath.rules.expr import Col, Contains, Expr, all_of, any_of, in_period, when


def expression(basis: Basis) -> Expr:
    law = basis.law
    no_relations: list[Expr] = []
    for entry in law.western_hemisphere_without_full_relations:
        listed = Contains(CITIZENSHIP, entry.country) & in_period(entry.since, entry.until)
        no_relations.append(
            # contested: open for a national of the country, or one whose nationality is
            # not given (who may be one); no for every other nationality
            when((listed.possible(), None), otherwise=False) if entry.contested else listed
        )
    return all_of(Col("er_in_force"), MODE.eq("air"), Col("at_port"), any_of(*no_relations))


def sources(basis: Basis) -> list[str]:
    entries = basis.law.western_hemisphere_without_full_relations
    return sorted({s for e in entries for s in e.sources})
