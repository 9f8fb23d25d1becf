"""The rules over a table: one row per person, each with its own `as_of`.

Columns in: `erpath.rules.row.FACT_COLUMNS` (missing ones are taken as unknown).
Columns out: the contract's `er_applicable`, `category` and `blocking`, in row order.
The same case splits as `erpath.rules.answer` apply: the ends of an ambiguous day, and a
distance on each side of the border thresholds where the distance is unknown.
"""

from __future__ import annotations

import polars as pl

from erpath.law.model import timed_boundaries
from erpath.law.moment import Side
from erpath.rules.answer import border_cases
from erpath.rules.row import FACT_COLUMNS
from erpath.rules.ruleset import BLOCKING_CODES, RuleSet

OUTPUT_COLUMNS = ("er_applicable", "category", "blocking")
ROW = "_row"


def _with_all_columns(table: pl.DataFrame | pl.LazyFrame) -> pl.LazyFrame:
    lazy = table.lazy()
    present = set(lazy.collect_schema().names())
    missing = [pl.lit(None, dtype=t).alias(n) for n, t in FACT_COLUMNS.items() if n not in present]
    casts = [pl.col(n).cast(t) for n, t in FACT_COLUMNS.items() if n in present]
    return lazy.with_columns(*missing).with_columns(*casts)


def _answers(rules: RuleSet, lazy: pl.LazyFrame, side: Side) -> pl.LazyFrame:
    # The blocking codes as a bit mask, then one small lookup from each mask that occurs
    # to its list of codes: far faster than building a list per row.
    mask = pl.sum_horizontal(
        pl.col(f"b:{code}").fill_null(False).cast(pl.Int32) * (1 << i)
        for i, code in enumerate(BLOCKING_CODES)
    )
    days = [b.date() for b in timed_boundaries(rules.law)]
    ambiguous = pl.col("as_of_instant").is_null() & pl.col("as_of").is_in(days)
    return rules.frame(lazy, side).select(
        ROW, "er_applicable", "category", mask.alias("_mask"), ambiguous.alias("_ambiguous")
    )


def _with_blocking(answers: pl.DataFrame) -> pl.DataFrame:
    masks = answers.get_column("_mask").unique().to_list()
    lookup = pl.DataFrame(
        {
            "_mask": masks,
            "blocking": [[c for i, c in enumerate(BLOCKING_CODES) if m >> i & 1] for m in masks],
        },
        schema={"_mask": pl.Int32, "blocking": pl.List(pl.String)},
    )
    return answers.join(lookup, on="_mask", how="left", maintain_order="left").drop("_mask")


def _replace(result: pl.DataFrame, found: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    """Take `columns` from `found` for the rows it has."""
    if found.is_empty():
        return result
    renamed = found.select(ROW, *(pl.col(c).alias(f"_new_{c}") for c in columns))
    joined = result.join(renamed, on=ROW, how="left", maintain_order="left")
    has = pl.col(f"_new_{columns[0]}").is_not_null()
    return joined.with_columns(
        pl.when(has).then(pl.col(f"_new_{c}")).otherwise(pl.col(c)).alias(c) for c in columns
    ).drop(f"_new_{c}" for c in columns)


def _day_cases(rules: RuleSet, table: pl.DataFrame) -> pl.DataFrame:
    """Answers read at the end of the day; on an ambiguous bare day, `depends` unless the
    start of the day gives the same answer."""
    answers = _answers(rules, table.lazy(), "end").collect()
    result = _with_blocking(answers.drop("_ambiguous"))
    if not answers.get_column("_ambiguous").any():
        return result
    subset = table.join(answers.filter("_ambiguous").select(ROW), on=ROW, how="semi")
    start = _answers(rules, subset.lazy(), "start").collect()
    changed = (
        result.join(start.select(ROW, pl.col("er_applicable").alias("_s")), on=ROW)
        .filter(pl.col("_s") != pl.col("er_applicable"))
        .select(
            ROW,
            pl.lit("depends").alias("er_applicable"),
            pl.lit([], dtype=pl.List(pl.String)).alias("blocking"),
        )
    )
    return _replace(result, changed, ["er_applicable", "blocking"])


def determine_table(rules: RuleSet, table: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    """`er_applicable`, `category` and `blocking` for every row, in row order."""
    facts = _with_all_columns(table).with_row_index(ROW).collect()
    result = _day_cases(rules, facts)
    open_rows = result.filter(pl.col("er_applicable") == "depends").select(ROW)
    subset = facts.join(open_rows, on=ROW, how="semi").filter(
        pl.col("miles_from_land_border").is_null()
    )
    if subset.is_empty():
        return result.select(OUTPUT_COLUMNS)
    cases = [
        _day_cases(rules, subset.with_columns(pl.lit(miles).alias("miles_from_land_border")))
        for miles in border_cases(rules.law)
    ]
    first = cases[0]
    agree = pl.col("er_applicable") != "depends"
    for i, other in enumerate(cases[1:]):
        first = first.join(
            other.select(
                ROW, pl.col("er_applicable").alias(f"_e{i}"), pl.col("blocking").alias(f"_b{i}")
            ),
            on=ROW,
        )
        agree = (
            agree
            & (pl.col(f"_e{i}") == pl.col("er_applicable"))
            & (pl.col(f"_b{i}") == pl.col("blocking"))
        )
    result = _replace(result, first.filter(agree), ["er_applicable", "blocking"])
    return result.select(OUTPUT_COLUMNS)
