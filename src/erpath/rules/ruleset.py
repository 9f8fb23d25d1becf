"""The rule set: the stages of named expressions that explain one person (`evaluate`)
and run over a table (`frame`).

`build_rules(law)` derives what the rules share from the law data (the facts' shared
values, each designation in force and stayed, the due dates, the ground the arrival meets),
then takes each rule from its home (`erpath.rules.catalog`, ADR 0018). A condition that
*holds* blocks expedited removal under its `blocks` code (CONTRACT.md); one that is unknown
makes the answer `depends`. Interpretive choices: docs/adr/0002-reading-the-law.md.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import polars as pl

from erpath.law.model import Law, Presence
from erpath.law.moment import Side
from erpath.procedure.calendar import holiday_dates
from erpath.procedure.model import Procedure
from erpath.rules.basis import (
    ARRIVAL,
    GROUND_CLASS,
    MANNER,
    MODE,
    PROGRAM,
    RUN_START,
    Basis,
    Condition,
    class_key,
    complete_on,
    counted_day,
    dated,
    presence_shown,
    year_column,
    years_counted,
)
from erpath.rules.catalog import conditions
from erpath.rules.expr import (
    AS_OF,
    Col,
    Expr,
    Lit,
    Lookup,
    NextBusinessDay,
    Row,
    all_of,
    any_of,
    in_period,
    when,
)

# The contract's blocking codes, in the order CONTRACT.md lists them; one added later
# (CONTRACT.md "Additions") comes where its topic's reasons come (ADR 0018), before the
# charges and proceedings, so that the next step it names comes first.
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
    "tps_in_effect",
    "no_er_ground",
    "pending_240_proceedings",
    "ordered_removed_in_240",
)


# The deadlines a determination reports, each with the facts column holding the decision
# it runs from (CONTRACT.md `proceedings`; for credible fear, `decided_on` is taken as the
# supervisory concurrence, 8 CFR 1003.42(e)). Periods and the treatment of weekends and
# holidays are the procedure's (law/data/procedure.yaml).
DECISIONS = {
    "bia_appeal_of_dismissal": "dismissed_on",
    "bia_appeal_of_removal_order": "removal_ordered_on",
    "credible_fear_review": "cf_decided_on",
}


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


def build_rules(law: Law, procedure: Procedure) -> RuleSet:
    """Build every condition from the law data (and the procedure's deadlines)."""
    rules = RuleSet(law)
    # Expedited removal began with the ground of arriving aliens (INA 235(b)(1)(A)(i)).
    arriving_since = next(d.since for d, c in law.classes() if c.arriving_alien)
    poe_programs = tuple(law.port_of_entry_parole.programs)
    # The statute's two years (INA 235(b)(1)(A)(iii)(II)) as the designations count them:
    # the first class whose time limit is the dated parameter (CONTRACT.md `two_year_date`).
    two_years = law.parameters.designated_presence_years.id
    presence = next(p for _, c in law.classes() for p in c.periods() if p.parameter == two_years)

    # Stage 1: facts the rules share.
    ewi_expr = MANNER.eq("without_inspection") & ~Col("arrival_interdicted_at_sea").is_true()
    at_port_expr = any_of(
        Col("arrival_at_port_of_entry"),
        MANNER.isin(("admitted", "inspected_not_admitted")),
        PROGRAM.isin(poe_programs),
    )
    # Values many rules share, computed once (stage 0): among them the anniversaries of the
    # arrival and of the evidence's run that the periods of years are counted with.
    periods: set[tuple[str, int]] = set()
    for period in [presence, *(p for _, c in law.classes() for p in c.periods())]:
        for count in years_counted(law, period):
            periods.update({(ARRIVAL.name, count), (RUN_START[period.counted_to], count)})
    shared: dict[str, Expr] = {
        "ewi": ewi_expr,
        "at_port": at_port_expr,
        "encounter": when(
            (Col("encounter_date").is_null(), AS_OF), otherwise=Col("encounter_date")
        ),
    }
    for start, count in sorted(periods):
        shared[year_column(start, count)] = Col(start).anniversary(count)
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
        "two_year_date": when((ewi, complete_on(law, ARRIVAL.name, presence)), otherwise=None),
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
    calendar = procedure.business_days
    holidays = tuple(holiday_dates(calendar.first_year, calendar.last_year))
    for code, column in DECISIONS.items():
        rule = next(r for r in procedure.deadlines if r.code == code)
        on = Col(column)
        span = rule.period
        days = (
            dated(law.parameters[span.parameter], decision=on) if span.parameter else Lit(span.days)
        )
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
    limits_of: dict[str, Presence | None] = {}
    for d, cls in law.classes():
        key = class_key(d, cls)
        ground_of[key] = cls.ground
        limits_of[key] = cls.presence_under
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
            at_least = cls.presence_at_least
            if at_least is not None:
                parts.append(complete_on(law, ARRIVAL.name, at_least) <= counted_day(at_least))
            terms[key] = all_of(*parts)
        limit = cls.presence_under
        if limit is None:
            within_limit[key] = Lit(True)
        else:
            within_limit[key] = complete_on(law, ARRIVAL.name, limit) > counted_day(limit)
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
    # each, a ground whose time limit the arrivals meet comes first. When the arrivals meet
    # no ground's time limit, the ground with the longest limit comes first: ER applies if
    # any ground reaches the person, and presence shown for the longest period is shown for
    # the shorter (a person 40 miles from the border two years after crossing, who shows one
    # year, is out of the 2004 ground but still in the 2025 designation's).
    def reach(key: str) -> float:
        limit = limits_of[key]
        if limit is None:
            return float("inf")
        if limit.parameter is not None:
            parameter = law.parameters[limit.parameter]
            most = max(v.value for v in parameter.values)
            return most * 366 if parameter.unit == "years" else most
        return (limit.years or 0) * 366 + (limit.days or 0)

    longest_first = sorted(terms, key=lambda k: -reach(k))
    operative = {
        k: in_force[k] & ~Col(f"stayed:{k.split('/')[0]}").is_true()
        if f"stayed:{k.split('/')[0]}" in stayed
        else in_force[k]
        for k in terms
    }
    passes = [
        (terms[k].possible() & limits[k] & (operative if free else in_force)[k], Lit(k))
        for free in (True, False)
        for limits, order in ((within_limit_possible, list(terms)), (always, longest_first))
        for k in order
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

    # Stage 3: the conditions, each from its home (erpath.rules.<topic>.<rule>).
    basis = Basis(
        law=law,
        arriving_since=arriving_since,
        stayed=frozenset(key.removeprefix("stayed:") for key in stayed),
        poe_parole_stays=tuple(poe_parole_stays),
    )
    rules.conditions, rules.info = conditions(basis)
    stage3 = {f"c:{c.code}": c.expr for c in rules.conditions}
    stage3["presence_shown"] = presence_shown(law, presence).is_true()
    stage3.update({f"i:{c.code}": c.expr for c in rules.info})
    rules.stages.append(stage3)

    # Stage 4: each blocking code, then the answer. A condition's block is lifted where an
    # exception to it holds, and unknown where the exception is (RuleSpec `excepts`).
    stage4: dict[str, Expr] = {}
    for code in BLOCKING_CODES:
        parts = []
        for c in rules.conditions:
            if c.blocks != code:
                continue
            part: Expr = Col(f"c:{c.code}")
            for exception in (e for e in rules.conditions if e.excepts == c.code):
                part = part & ~Col(f"c:{exception.code}")
            parts.append(part)
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
