"""The rules of expedited removal, each condition named, cited and defined once.

`build_rules(law)` turns the law data into expressions of `erpath.rules.expr`; the same
expressions explain one person (`evaluate`) and run over a table (`frame`). A condition
that *holds* blocks expedited removal under its `blocks` code (CONTRACT.md); one that is
unknown makes the answer `depends`. Interpretive choices: docs/adr/0002-reading-the-law.md.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import polars as pl

from erpath.law.model import Designation, DesignationClass, Law, Parameter
from erpath.law.moment import Side
from erpath.procedure.calendar import holiday_dates
from erpath.procedure.model import Procedure
from erpath.rules.expr import (
    AS_OF,
    Col,
    Contains,
    Expr,
    Lit,
    Lookup,
    NextBusinessDay,
    Reached,
    Row,
    all_of,
    any_of,
    in_period,
    when,
)

# The contract's blocking codes, in the order CONTRACT.md lists them.
BLOCKING_CODES = (
    "before_expedited_removal",
    "outside_designation",
    "court_order_stay",
    "admitted",
    "paroled",
    "uac",
    "two_years_shown",
    "fourteen_days_shown",
    "western_hemisphere_air_arrival",
    "cuban_national_excepted",
    "claimed_status_verified",
    "claimed_status_review",
    "no_er_ground",
    "pending_240_proceedings",
    "ordered_removed_in_240",
)

ARRIVAL = Col("arrival_date")
MANNER = Col("arrival_manner")
MODE = Col("arrival_mode")
PROGRAM = Col("parole_program")
CITIZENSHIP = Col("citizenship")
FINDING = Col("presence_finding")
SECTION_240 = Col("section_240")
ENCOUNTER = Col("encounter")
GROUND_CLASS = Col("ground_class")
HOLIDAYS_FROM, HOLIDAYS_TO = 1997, 2100  # the years whose legal holidays move a deadline

# The deadlines a determination reports, each with the facts column holding the decision
# it runs from (CONTRACT.md `proceedings`; for credible fear, `decided_on` is taken as the
# supervisory concurrence, 8 CFR 1003.42(e)). Periods and the treatment of weekends and
# holidays are the procedure's (law/data/procedure.yaml).
DECISIONS = {
    "bia_appeal_of_dismissal": "dismissed_on",
    "bia_appeal_of_removal_order": "removal_ordered_on",
    "credible_fear_review": "cf_decided_on",
}


@dataclass(frozen=True)
class Condition:
    """A named, cited condition; when it holds it blocks ER under `blocks`."""

    code: str
    expr: Expr
    sources: tuple[str, ...]
    blocks: str | None = None
    contested: str | None = None


KEPT = 256  # computations a RuleSet remembers (`RuleSet.remember`)
T = TypeVar("T")


@dataclass
class RuleSet:
    """Stages of named expressions; each stage may use the names of the ones before."""

    law: Law
    stages: list[dict[str, Expr]] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    info: list[Condition] = field(default_factory=list)
    _memo: dict[Hashable, Any] = field(default_factory=dict, repr=False)

    def evaluate(self, row: Row, side: Side = "end") -> dict[str, Any]:
        values = dict(row)
        for stage in self.stages:
            values.update({name: e.evaluate(values, side) for name, e in stage.items()})
        return values

    def remember(self, key: Hashable, make: Callable[[], T]) -> T:
        """What `make` gives for `key` (hashable, naming the computation), computed once;
        the last `KEPT` are kept (a server folds the rules for each new day)."""
        if key not in self._memo:
            self._memo[key] = make()
            if len(self._memo) > KEPT:
                del self._memo[next(iter(self._memo))]
        value: T = self._memo[key]
        return value

    def folded(self, constants: Row, side: Side) -> list[dict[str, Expr]]:
        """The stages folded (`Expr.fold`) with `constants`, columns that hold one value on
        every row of a table (e.g. the day `as_of`): each named expression they decide is
        a `Lit`."""

        def fold() -> list[dict[str, Expr]]:
            known = dict(constants)
            stages = []
            for stage in self.stages:
                folded = {name: e.fold(known, side) for name, e in stage.items()}
                known.update({n: e.value for n, e in folded.items() if isinstance(e, Lit)})
                stages.append(folded)
            return stages

        return self.remember(("folded", tuple(sorted(constants.items())), side), fold)

    def frame(
        self, table: pl.DataFrame | pl.LazyFrame, side: Side = "end", constants: Row | None = None
    ) -> pl.LazyFrame:
        """The table with a column for every named expression, folded with `constants`."""
        fixed = constants or {}
        compiled = self.remember(
            ("compiled", tuple(sorted(fixed.items())), side),
            lambda: [
                [e.polars(side).alias(name) for name, e in stage.items()]
                for stage in self.folded(fixed, side)
            ],
        )
        lazy = table.lazy()
        for stage in compiled:
            lazy = lazy.with_columns(stage)
        return lazy


def _param(
    parameter: Parameter, on: Expr, apply: Callable[[Expr], Expr] = lambda value: value
) -> Expr:
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


def _class_key(designation: Designation, cls: DesignationClass) -> str:
    return f"{designation.id}/{cls.id}"


def build_rules(law: Law, procedure: Procedure) -> RuleSet:
    """Build every condition from the law data (and the procedure's deadlines)."""
    rules = RuleSet(law)
    arriving_since = law.designation("d0-arriving").since
    poe_programs = tuple(law.port_of_entry_parole.programs)
    years = law.parameters["designated_presence_years"].values[-1].value

    # Stage 1: facts the rules share.
    ewi_expr = MANNER.eq("without_inspection") & ~Col("arrival_interdicted_at_sea").is_true()
    at_port_expr = any_of(
        Col("arrival_at_port_of_entry"),
        MANNER.isin(("admitted", "inspected_not_admitted")),
        PROGRAM.isin(poe_programs),
    )
    # Values many rules share, computed once (stage 0).
    period_years = sorted(
        {years}
        | {
            c.presence_under.years
            for _, c in law.classes()
            if c.presence_under and c.presence_under.years
        }
    )
    shared: dict[str, Expr] = {
        "ewi": ewi_expr,
        "at_port": at_port_expr,
        "encounter": when(
            (Col("encounter_date").is_null(), AS_OF), otherwise=Col("encounter_date")
        ),
    }
    for period in period_years:
        shared[f"arrival+{period}y"] = ARRIVAL.anniversary(period)
        shared[f"evidence_run_start+{period}y"] = Col("evidence_run_start").anniversary(period)
    rules.stages.append(shared)
    ewi, at_port = Col("ewi"), Col("at_port")
    # 8 CFR 1.2: a person paroled at a port of entry remains an arriving alien, except
    # parole before 1 April 1997 or on advance parole obtained before leaving.
    poe_parolee = all_of(
        MANNER.eq("paroled"),
        at_port,
        PROGRAM.ne("advance_parole"),
        Lit(arriving_since) <= ARRIVAL,
    )
    parole_active = when(
        (Col("parole_terminated_on") <= AS_OF, False),
        (Col("parole_until") < AS_OF, False),
        (Col("parole_terminated_on").is_null() & Col("parole_until").is_null(), None),
        otherwise=True,
    )
    stage1: dict[str, Expr] = {
        "encounter": when(
            (Col("encounter_date").is_null(), AS_OF), otherwise=Col("encounter_date")
        ),
        "er_in_force": in_period(arriving_since, None),
        "two_year_date": when((ewi, Col(f"arrival+{years}y")), otherwise=None),
        "poe_parolee": poe_parolee,
        "parole_active": parole_active,
    }
    for d in law.designations:
        stage1[f"in_force:{d.id}"] = in_period(d.since, d.until)
    # Whether a court order bars each designation (unknown in an order's unknown stretch),
    # and the orders that bar ER of people paroled at a port of entry.
    stayed: dict[str, Expr] = {}
    poe_parole_stays: list[Expr] = []
    for order in law.orders:
        if order.bars is None or order.since is None:
            continue
        active = in_period(order.since, order.until)
        for window in order.unknown:
            inside = Lit(window.from_) <= AS_OF
            if window.to is not None:
                inside = inside & (Lit(window.to) >= AS_OF)
            active = when((inside, None), otherwise=active)
        if order.bars.designation is not None:
            key = f"stayed:{order.bars.designation}"
            stayed[key] = stayed[key] | active if key in stayed else active
        elif order.bars.scope == "paroled_at_port_of_entry":
            poe_parole_stays.append(active)
    stage1.update(stayed)
    holidays = tuple(holiday_dates(HOLIDAYS_FROM, HOLIDAYS_TO))
    for code, column in DECISIONS.items():
        rule = next(r for r in procedure.deadlines if r.code == code)
        on = Col(column)
        span = rule.period
        days = _param(law.parameters[span.parameter], on) if span.parameter else Lit(span.days)
        due = (
            on.plus_days(days) if rule.first_day == "next_day" else on.plus_days(days).plus_days(-1)
        )
        if rule.weekends_and_holidays == "next_business_day":
            due = NextBusinessDay(due, holidays)
        stage1[f"due:{code}"] = due
    rules.stages.append(stage1)

    # Stage 2: the terms of each ground, and the ground the arrival meets (the category).
    # 8 CFR 1.2 "arriving alien": at a port of entry, or interdicted at sea and brought in.
    arriving = any_of(
        MANNER.eq("inspected_not_admitted"),
        MANNER.eq("without_inspection") & Col("arrival_interdicted_at_sea").is_true(),
        Col("poe_parolee"),
    )
    terms: dict[str, Expr] = {}
    within_limit: dict[str, Expr] = {}
    in_force: dict[str, Expr] = {}
    ground_of: dict[str, str] = {}
    for d, cls in law.classes():
        key = _class_key(d, cls)
        ground_of[key] = cls.ground
        in_force[key] = Col(f"in_force:{d.id}")
        if cls.arriving_alien:
            terms[key] = arriving
        else:
            parts = [ewi, MODE.eq("sea") if cls.arrival == "by_sea" else MODE.ne("sea")]
            miles = Col("miles_from_land_border")
            if cls.border_miles and cls.border_miles.within is not None:
                parts.append(miles <= Lit(cls.border_miles.within))
            if cls.border_miles and cls.border_miles.beyond is not None:
                parts.append(miles > Lit(cls.border_miles.beyond))
            if cls.presence_at_least is not None:
                parts.append(ARRIVAL.plus_days(cls.presence_at_least.days or 0) <= ENCOUNTER)
            terms[key] = all_of(*parts)
        limit = cls.presence_under
        if limit is None:
            within_limit[key] = Lit(True)
        elif limit.years is not None:
            within_limit[key] = Col(f"arrival+{limit.years}y") > AS_OF
        else:
            within_limit[key] = ARRIVAL.plus_days(limit.days or 0) > ENCOUNTER
    rules.stages.append(
        {f"terms:{k}": e for k, e in terms.items()}
        | {f"within_limit:{k}": e for k, e in within_limit.items()}
    )
    terms = {k: Col(f"terms:{k}") for k in terms}
    within_limit = {k: Col(f"within_limit:{k}") for k in within_limit}
    # An unknown manner leaves no ground to name; an unknown arrival date still does, and
    # the time limits that need it are then unknown.
    unknown_arrival = MANNER.is_null()
    within_limit_possible = {k: within_limit[k].possible() for k in terms}
    always = {k: Lit(True) for k in terms}
    # A ground a court order bars yields to one it does not (the 2004 designation still
    # reaches a person within 100 miles while the 2025 designation is stayed); within
    # each, a ground whose time limit the arrivals meet comes first.
    operative = {
        k: in_force[k] & ~Col(f"stayed:{k.split('/')[0]}").is_true()
        if f"stayed:{k.split('/')[0]}" in stayed
        else in_force[k]
        for k in terms
    }
    passes = [
        (terms[k].possible() & limits[k] & (operative if free else in_force)[k], Lit(k))
        for free in (True, False)
        for limits in (within_limit_possible, always)
        for k in terms
    ]
    rules.stages.append(
        {
            "ground_class": when(
                (~Col("er_in_force"), "none"),
                (unknown_arrival, "none"),
                *passes,
                otherwise="none",
            ),
            "covered": Col("er_in_force") & any_of(*(terms[k] & in_force[k] for k in terms)),
        }
    )
    by_ground: dict[str, list[str]] = {}
    for key, ground in ground_of.items():
        by_ground.setdefault(ground, []).append(key)
    rules.stages.append(
        {"category": Lookup(GROUND_CLASS, tuple(ground_of.items()), default="none")}
    )

    # Stage 3: the conditions.
    def cond(
        code: str,
        expr: Expr,
        sources: list[str],
        blocks: str | None = None,
        contested: str | None = None,
    ) -> None:
        rules.conditions.append(Condition(code, expr, tuple(sources), blocks or code, contested))

    cond("before_expedited_removal", ~Col("er_in_force"), ["ina-235-b-1-A-i", "62-fr-10312"])
    cond(
        "outside_designation",
        Col("er_in_force") & ~Col("covered") & ~MANNER.isin(("admitted", "paroled")),
        ["ina-235-b-1-A-iii", "8-cfr-235.3-b-1-ii"],
    )
    cond("admitted", MANNER.eq("admitted"), ["ina-235-b-1-A-iii"])
    cond(
        "parole_in_effect",
        MANNER.eq("paroled") & Col("parole_active"),
        ["ina-235-b-1-A-iii"],
        blocks="paroled",
    )
    cond(
        "advance_parole",
        MANNER.eq("paroled")
        & (PROGRAM.eq("advance_parole").is_true() | (Lit(arriving_since) > ARRIVAL)),
        ["ina-235-b-1-A-iii", "8-cfr-1.2-arriving-alien"],
        blocks="paroled",
    )
    cond(
        "parole_ended",
        when(
            (MANNER.eq("paroled") & Col("parole_active").ne(True).possible(), None), otherwise=False
        ),
        ["ina-235-b-1-A-iii", "8-cfr-1.2-arriving-alien", "ice-directive-2025-02-18"],
        blocks="paroled",
        contested="parole-ended",
    )

    # Court orders: a stay of a designation blocks whoever falls under it that day.
    stays = [
        GROUND_CLASS.isin(tuple(_class_key(d, c) for c in d.classes)) & Col(f"stayed:{d.id}")
        for d in law.designations
        if f"stayed:{d.id}" in stayed
    ]
    poe_stays = [Col("poe_parolee") & active for active in poe_parole_stays]
    stay_sources = [s for o in law.orders if o.bars and o.bars.designation for s in o.sources]
    cond(
        "designation_stayed",
        any_of(*stays),
        stay_sources,
        blocks="court_order_stay",
        contested="d4-after-verified-through",
    )
    poe_sources = [s for o in law.orders if o.bars and o.bars.policy for s in o.sources]
    cond("port_of_entry_parole_stayed", any_of(*poe_stays), poe_sources, blocks="court_order_stay")

    # 6 U.S.C. 279(g)(2); 8 U.S.C. 1232(a)(5)(D).
    child_years = law.parameters["child_age_years"]
    child = _param(child_years, ENCOUNTER, Col("birth_date").anniversary) > ENCOUNTER
    accompanied = Col("accompanied_by")
    derived_uac = when(
        (accompanied.isin(("parent", "legal_guardian")), False),
        (child.eq(False), False),
        (child & accompanied.isin(("none", "other_adult")), True),
        otherwise=None,
    )
    cond(
        "uac",
        when((Col("uac").is_null(), derived_uac), otherwise=Col("uac")),
        ["8-usc-1232-a-5-D", "6-usc-279-g-2"],
    )

    # INA 235(b)(1)(A)(iii)(II); 8 CFR 235.3(b)(1)(ii): two years shown to the officer.
    two_year_checks: list[Expr] = []
    fourteen_checks: list[Expr] = []
    for d, cls in law.classes():
        limit = cls.presence_under
        if limit is None:
            continue
        key = _class_key(d, cls)
        if limit.years is not None:
            two_year_checks.append(GROUND_CLASS.eq(key) & years_shown(limit.years))
        else:
            shown = when(
                (FINDING.eq("shown"), True),
                (ARRIVAL.plus_days(limit.days or 0) > ENCOUNTER, False),
                (
                    Col("evidence_run_start_at_encounter").plus_days(limit.days or 0) <= ENCOUNTER,
                    True,
                ),
                otherwise=None,
            )
            fourteen_checks.append(GROUND_CLASS.eq(key) & shown)
    cond(
        "two_years_shown",
        any_of(*two_year_checks),
        ["ina-235-b-1-A-iii", "8-cfr-235.3-b-1-ii"],
        contested="presence-to-officer-satisfaction",
    )
    cond(
        "fourteen_days_shown",
        any_of(*fourteen_checks),
        ["69-fr-48877"],
        contested="presence-to-officer-satisfaction",
    )

    # INA 235(b)(1)(F); until 13 January 2017 also 8 CFR 235.3(b)(1)(i).
    no_relations: list[Expr] = []
    for entry in law.western_hemisphere_without_full_relations:
        listed = Contains(CITIZENSHIP, entry.country) & in_period(entry.since, entry.until)
        no_relations.append(
            when((listed.is_true(), None), otherwise=False) if entry.contested else listed
        )
    cond(
        "western_hemisphere_air_arrival",
        all_of(Col("er_in_force"), MODE.eq("air"), at_port, any_of(*no_relations)),
        sorted({s for e in law.western_hemisphere_without_full_relations for s in e.sources}),
        contested="venezuela-air-arrivals",
    )

    # 82 FR 4902: the 2002 and 2004 designations excepted Cuban nationals until 2017.
    excepted: list[Expr] = []
    excepted_sources: list[str] = []
    for d, cls in law.classes():
        for n in cls.nationals_excepted:
            excepted.append(
                GROUND_CLASS.eq(_class_key(d, cls))
                & Contains(CITIZENSHIP, n.country)
                & ~Reached(n.until)
            )
            excepted_sources.extend(
                s for s in [*d.sources, *n.sources] if s not in excepted_sources
            )
    cond("cuban_national_excepted", any_of(*excepted), excepted_sources)

    # INA 235(b)(1)(C); 8 CFR 235.3(b)(5).
    claimed = Col("claimed_status")
    verified = Col("claimed_status_verified")
    cond(
        "claimed_status_verified",
        when((claimed.is_null(), False), otherwise=verified),
        ["ina-235-b-1-C", "8-cfr-235.3-b-5"],
    )
    cond(
        "claimed_status_review",
        when((claimed.is_null(), False), otherwise=~verified),
        ["ina-235-b-1-C", "8-cfr-235.3-b-5"],
    )

    # INA 235(b)(1)(A)(i): only the grounds of law/data/grounds.yaml support ER.
    charged = Col("er_ground_charged")
    er_ground_sources = list(law.er_grounds.sources)
    cond("no_er_ground", when((charged.is_null(), False), otherwise=~charged), er_ground_sources)

    # 8 CFR 239.2(c), 1239.2(c); Matter of H.N. Ferreira; brief section 10 point 5.
    cond(
        "pending_240_proceedings",
        SECTION_240.eq("pending"),
        ["8-cfr-239.2-c", "8-cfr-1239.2-c", "h-n-ferreira"],
    )
    window_open = Col("due:bia_appeal_of_dismissal") >= AS_OF
    cond(
        "dismissal_not_final",
        when(
            (
                SECTION_240.eq("dismissed")
                & (Col("dismissal_appeal_pending").possible() | window_open.is_true()),
                None,
            ),
            otherwise=False,
        ),
        ["8-cfr-1239.2-c", "i-arc-v-doj", "8-cfr-1003.38-b", "eoir-ifr-2026-02326"],
        blocks="pending_240_proceedings",
        contested="dismissal-finality",
    )
    cond("ordered_removed_in_240", SECTION_240.eq("ordered_removed"), ["ina-240"])

    # Reasons that explain without blocking.
    ground_sources = {
        g: sorted({s for d, c in law.classes() if c.ground == g for s in d.sources})
        for g in by_ground
    }
    for ground in by_ground:
        rules.info.append(
            Condition(ground, Col("category").eq(ground), tuple(ground_sources[ground]))
        )
    rules.info.append(Condition("er_ground_assumed", charged.is_null(), ("ina-212-a-6-C-and-7",)))
    rules.info.append(
        Condition("encounter_date_assumed", Col("encounter_date").is_null(), ("69-fr-48877",))
    )
    rules.info.append(
        Condition("law_verified_through", Lit(law.verified_through) < AS_OF, ("legal-brief-10",))
    )

    stage3 = {f"c:{c.code}": c.expr for c in rules.conditions}
    stage3["presence_shown"] = years_shown(years).is_true()
    stage3.update({f"i:{c.code}": c.expr for c in rules.info})
    rules.stages.append(stage3)

    # Stage 4: each blocking code, then the answer.
    stage4: dict[str, Expr] = {}
    for code in BLOCKING_CODES:
        parts = [Col(f"c:{c.code}") for c in rules.conditions if c.blocks == code]
        stage4[f"b:{code}"] = any_of(*parts)
    rules.stages.append(stage4)
    blocks = [Col(f"b:{code}") for code in BLOCKING_CODES]
    rules.stages.append(
        {
            "er_applicable": when(
                (any_of(*(b.is_true() for b in blocks)), "no"),
                (any_of(*(b.is_null() for b in blocks)), "depends"),
                otherwise="yes",
            ),
        }
    )
    return rules


def blocking_of(values: Row) -> list[str]:
    return [code for code in BLOCKING_CODES if values[f"b:{code}"] is True]
