"""Who would be exposed to expedited removal if their pending 240 case were dismissed on D.

The answer for each pending case is the law engine's (`erpath.rules.vectorised.
determine_table` over the facts table of `erpath.exposure.facts_table`): *exposed* is
`er_applicable` "yes"; "depends" is counted beside it, never folded into either side;
"no" is not exposed. The release never records how a person arrived (land, air or sea)
nor how far from the border they were found: the engine answers under each value of
those unknowns and keeps the answer all give (ADR 0002), once per class of rows the rules
cannot tell apart (`erpath.rules.classes`).

The per-case frame stays inside this package: what is published are the counts
(`counts`), suppressed in `erpath.exposure.tables`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl

from erpath.exposure.citizenship import check_covered, named_countries
from erpath.exposure.custody import history_table
from erpath.exposure.facts_table import (
    DIMENSIONS,
    NONE_ASSUMED,
    Assumptions,
    case_attributes,
    facts_for,
    one_row_per_case,
)
from erpath.exposure.juvenile import accompaniment
from erpath.exposure.pending import REMOVAL_240, pending_on_days, proceeding_spans
from erpath.exposure.release import (
    APPEALS,
    CASE,
    CASE_IDENTIFIERS,
    CHARGES,
    CUSTODY_HISTORY,
    JUVENILE,
    PROCEEDING,
    REPS,
    IngestedRelease,
    read_tables,
)
from erpath.law.loader import bundled_law
from erpath.law.model import Law
from erpath.rules import RuleSet, bundled_rules
from erpath.rules.row import FACT_COLUMNS
from erpath.rules.vectorised import determine_table

COUNTS = ("pending", "exposed", "depends", "not_exposed", "no_entry_date")
ANSWER_COUNTS = {"exposed": "yes", "depends": "depends", "not_exposed": "no"}
TABLES = (CASE, PROCEEDING, CHARGES, REPS, CUSTODY_HISTORY, APPEALS, JUVENILE, CASE_IDENTIFIERS)
# The tables read only for a breakdown: dimension -> table.
FOR_DIMENSION = {"representation": REPS, "custody": CUSTODY_HISTORY}


def citizenship_cases(law: Law) -> list[list[str]]:
    """The citizenships an unknown nationality is answered under: none the law names, and
    each country it names (INA 235(b)(1)(F), the contiguous countries, the designations'
    excepted nationals)."""
    return [[], *([c] for c in sorted(named_countries(law)))]


def determine(rules: RuleSet, facts: pl.DataFrame) -> pl.DataFrame:
    """`facts` (FACT_COLUMNS and anything else) with `er_applicable` and `blocking`, in
    row order.

    An unknown citizenship (null: the release records no nationality, or a code naming no
    single country, or one its lookup does not hold) is answered under each of
    `citizenship_cases`, and keeps the answer all give, else `depends`: the engine reads a
    null citizenship as naming no listed country, which would count an unknown nationality
    as known to be none the law names (ADR 0026)."""
    table = facts.select(*FACT_COLUMNS)
    unknown = table.get_column("citizenship").is_null()
    if not unknown.any():
        return facts.hstack(determine_table(rules, table).select("er_applicable", "blocking"))
    # one run of the rules: the known rows, then the unknown ones under each case
    known, rows = table.filter(~unknown), table.filter(unknown)
    every = citizenship_cases(rules.law)
    tried = determine_table(
        rules,
        pl.concat(
            [
                known,
                *(
                    rows.with_columns(pl.lit(case, dtype=pl.List(pl.String)).alias("citizenship"))
                    for case in every
                ),
            ]
        ),
    ).select("er_applicable", "blocking")
    cases = [tried.slice(known.height + i * rows.height, rows.height) for i in range(len(every))]
    answers = pl.concat(
        [
            tried.head(known.height).with_columns(unknown.not_().arg_true().alias("_row")),
            _agreed(cases).with_columns(unknown.arg_true().alias("_row")),
        ]
    )
    answers = answers.sort("_row").drop("_row")
    return facts.hstack(answers)


def _agreed(cases: Sequence[pl.DataFrame]) -> pl.DataFrame:
    """Row by row, the answer every case gives, else `depends`; a "no" under every case
    blocks with the codes all cases share, else with every case's (as the engine's own
    split)."""
    answers = pl.DataFrame({f"a{i}": c.get_column("er_applicable") for i, c in enumerate(cases)})
    blocks = pl.DataFrame({f"b{i}": c.get_column("blocking") for i, c in enumerate(cases)})
    a = [pl.col(f"a{i}") for i in range(len(cases))]
    b = [pl.col(f"b{i}") for i in range(len(cases))]
    shared = b[0]
    for other in b[1:]:
        shared = shared.list.set_intersection(other)
    every = pl.concat_list(b).list.unique(maintain_order=True)
    same = pl.all_horizontal(x == a[0] for x in a)
    return pl.concat([answers, blocks], how="horizontal").select(
        pl.when(same).then(a[0]).otherwise(pl.lit("depends")).alias("er_applicable"),
        pl.when(same & (a[0] == "no"))
        .then(pl.when(shared.list.len() > 0).then(shared).otherwise(every))
        .otherwise(pl.when(same).then(b[0]).otherwise(pl.lit([], dtype=pl.List(pl.String))))
        .alias("blocking"),
    )


def counts(determined: pl.DataFrame | pl.LazyFrame, by: Sequence[str] = ()) -> pl.DataFrame:
    """The published counts by `by`: pending cases, exposed ("yes"), depends, not exposed
    ("no"), and those with no entry date on or before the day (none recorded, or only a
    later one); sorted by `by`."""
    answer = pl.col("er_applicable")
    aggregates = [
        pl.len().cast(pl.Int64).alias("pending"),
        *(
            (answer == value).sum().cast(pl.Int64).alias(name)
            for name, value in ANSWER_COUNTS.items()
        ),
        (~pl.col("entry_date_known")).sum().cast(pl.Int64).alias("no_entry_date"),
    ]
    lazy = determined.lazy()
    if not by:
        return lazy.select(aggregates).collect()
    return lazy.group_by(list(by)).agg(aggregates).sort(list(by)).collect()


def add_counts(partials: pl.DataFrame, by: Sequence[str] = ()) -> pl.DataFrame:
    """Sum partial counts (from several partitions) into the counts of `counts`."""
    if not by:
        return partials.select(pl.col(c).sum().cast(pl.Int64) for c in COUNTS)
    return (
        partials.group_by(list(by))
        .agg(pl.col(c).sum().cast(pl.Int64) for c in COUNTS)
        .sort(list(by))
    )


@dataclass(frozen=True)
class Prepared:
    """What the exposure reads of a release: each 240 proceeding's pending span
    (`erpath.exposure.pending`), each case's attributes (`facts_table`) and its dated
    custody events (`erpath.exposure.custody`; None without the custody history or the
    breakdown by custody)."""

    spans: pl.LazyFrame
    attributes: pl.LazyFrame
    dimensions: tuple[str, ...] = DIMENSIONS
    custody: pl.LazyFrame | None = None

    def collected(self) -> Prepared:
        """The same, computed once (for several days)."""
        frames = [
            self.spans,
            self.attributes,
            *([self.custody] if self.custody is not None else []),
        ]
        spans, attributes, *custody = pl.collect_all(frames)
        events = custody[0].lazy() if custody else None
        return Prepared(spans.lazy(), attributes.lazy(), self.dimensions, events)

    def facts(self, pending: pl.LazyFrame, assume: Assumptions = NONE_ASSUMED) -> pl.LazyFrame:
        """The facts table of `pending` (`erpath.exposure.pending.pending_on_days` of
        `spans`) with the dimensions (`facts_table.facts_for`)."""
        return facts_for(pending, self.attributes, assume, self.dimensions, self.custody)


def prepare(
    tables: Mapping[str, pl.LazyFrame | None],
    case_e28: bool,
    case_types: Sequence[str] = REMOVAL_240,
    dimensions: Sequence[str] = DIMENSIONS,
    law: Law | None = None,
    juvenile_codes: Mapping[int, str] | None = None,
) -> Prepared:
    """From the release's tables (`erpath.exposure.release.select_columns` of each), for
    the breakdowns by `dimensions` (the representatives are read only for
    `representation`); the charges read as `law` (by default the bundled law) says; the
    juvenile history through `juvenile_codes` (the release's tblLookup_Juvenile)."""
    cases, proceedings = tables[CASE], tables[PROCEEDING]
    assert cases is not None
    assert proceedings is not None
    cases = one_row_per_case(cases)
    reps = tables.get(REPS) if "representation" in dimensions else None
    history = tables.get(CUSTODY_HISTORY) if "custody" in dimensions else None
    return Prepared(
        proceeding_spans(proceedings, cases, case_types, tables.get(APPEALS)),
        case_attributes(
            cases,
            tables.get(CHARGES),
            reps,
            case_e28,
            law or bundled_law(),
            accompaniment(
                tables.get(JUVENILE), dict(juvenile_codes or {}), tables.get(CASE_IDENTIFIERS)
            ),
        ),
        _dimensions(dimensions),
        history_table(history) if history is not None else None,
    )


def prepare_release(
    release: IngestedRelease,
    case_types: Sequence[str] = REMOVAL_240,
    dimensions: Sequence[str] = DIMENSIONS,
    law: Law | None = None,
) -> Prepared:
    needed = [
        t
        for t in TABLES
        if all(t != table or d in dimensions for d, table in FOR_DIMENSION.items())
    ]
    tables = read_tables(release, needed)
    present = "E_28_DATE" in release.present(CASE)
    return prepare(tables, present, case_types, dimensions, law, release.juvenile_codes())


def _dimensions(dimensions: Sequence[str]) -> tuple[str, ...]:
    unknown = [d for d in dimensions if d not in DIMENSIONS]
    if unknown:
        raise ValueError(f"no breakdown by {unknown[0]!r}; one of {', '.join(DIMENSIONS)}")
    return tuple(d for d in DIMENSIONS if d in dimensions)


def determined_on_days(
    prepared: Prepared,
    days: Sequence[date],
    rules: RuleSet,
    assume: Assumptions = NONE_ASSUMED,
) -> pl.DataFrame:
    """One row per (pending case, day): `as_of`, the dimensions, `entry_date_known`,
    `er_applicable`, `blocking` (private: never published as such)."""
    check_covered(rules.law)
    pending = pending_on_days(prepared.spans, days)
    facts = prepared.facts(pending, assume).collect()
    answered = determine(rules, facts)
    return answered.select(
        "IDNCASE", "as_of", *prepared.dimensions, "entry_date_known", "er_applicable", "blocking"
    )


@dataclass(frozen=True)
class Exposure:
    """The exposure on one day: `cases` holds one row per pending case (private)."""

    on: date
    cases: pl.DataFrame
    dimensions: tuple[str, ...] = DIMENSIONS

    def summary(self) -> pl.DataFrame:
        return counts(self.cases)

    def by(self, dimension: str) -> pl.DataFrame:
        if dimension not in self.dimensions:
            raise ValueError(
                f"no breakdown by {dimension!r}; computed for {', '.join(self.dimensions)}"
            )
        return counts(self.cases, [dimension])


def exposure_on(
    release: IngestedRelease | Prepared,
    on: date,
    rules: RuleSet | None = None,
    assume: Assumptions = NONE_ASSUMED,
    dimensions: Sequence[str] = DIMENSIONS,
) -> Exposure:
    """The exposure on `on` of the release's pending 240 cases, on a single machine, for
    the breakdowns by `dimensions` (a prepared release: those it was prepared for)."""
    rules = rules or bundled_rules()
    prepared = (
        prepare_release(release, dimensions=dimensions, law=rules.law)
        if isinstance(release, IngestedRelease)
        else release
    )
    cases = determined_on_days(prepared, [on], rules, assume)
    return Exposure(on, cases.drop("as_of"), prepared.dimensions)
