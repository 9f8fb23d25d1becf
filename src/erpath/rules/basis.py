"""What every rule's definition is written with: the facts' columns, the law data and what
the rule set derives from it before the rules (`Basis`), and the shapes they share.

A rule is `erpath.rules.<topic>.<rule>` (its expression), `law/data/<topic>/<rule>.yaml`
(its code, what it blocks, its sources, the contested point it rests on) and
`rules/wording/<language>.yaml` (its words): docs/adr/0018-one-home-per-rule.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from erpath.law.model import Designation, DesignationClass, Law, Parameter
from erpath.rules.expr import AS_OF, Col, Expr, Lit, when

ARRIVAL = Col("arrival_date")
MANNER = Col("arrival_manner")
MODE = Col("arrival_mode")
PROGRAM = Col("parole_program")
CITIZENSHIP = Col("citizenship")
FINDING = Col("presence_finding")
SECTION_240 = Col("section_240")
ENCOUNTER = Col("encounter")
GROUND_CLASS = Col("ground_class")


@dataclass(frozen=True)
class Condition:
    """A named, cited condition; when it holds it blocks ER under `blocks` (None: it
    explains and blocks nothing)."""

    code: str
    expr: Expr
    sources: tuple[str, ...]
    blocks: str | None = None
    contested: str | None = None


@dataclass(frozen=True)
class Basis:
    """The law data, and what the rule set derived from it for the rules: the day
    expedited removal began (the arriving-alien ground's), the designations a court order
    may stay (each has a column `stayed:<id>`), and when each order barring the policy for
    people paroled at a port of entry is in effect."""

    law: Law
    arriving_since: date
    stayed: frozenset[str]
    poe_parole_stays: tuple[Expr, ...]


def class_key(designation: Designation, cls: DesignationClass) -> str:
    """The value of `ground_class` for a class of a designation."""
    return f"{designation.id}/{cls.id}"


def dated(parameter: Parameter, on: Expr, apply: Callable[[Expr], Expr] = lambda v: v) -> Expr:
    """`apply` to a dated parameter's value on the date `on` (a when-chain over its values;
    each branch gets its value as a literal, which polars computes fastest)."""
    branches = [(on >= Lit(v.since), apply(Lit(v.value))) for v in reversed(parameter.values)]
    return when(*branches, otherwise=None)


def years_shown(years: int) -> Expr:
    """Presence of `years` before `as_of` is shown: by an officer's finding, or by evidence
    covering every day from the last arrival (or from `years` before `as_of`); not shown
    when the arrivals say the period is not complete or an officer found it not shown;
    otherwise unknown (the burden is the person's: INA 235(b)(1)(A)(iii)(II))."""
    return when(
        (FINDING.eq("shown"), True),
        (FINDING.eq("not_shown"), False),
        (Col(f"arrival+{years}y") > AS_OF, False),
        (Col(f"evidence_run_start+{years}y") <= AS_OF, True),
        otherwise=None,
    )
