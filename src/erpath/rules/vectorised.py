"""The rules over a table: one row per person, each with its own `as_of`.

Columns in: `erpath.rules.row.FACT_COLUMNS` (missing ones are taken as unknown).
Columns out: the contract's `er_applicable`, `category` and `blocking`.
A bare date on which a timed boundary falls (the 2025 designation began at 6:00 p.m.)
is evaluated at both ends of the day; where the two differ the answer is `depends`.
"""

from __future__ import annotations

import polars as pl

from erpath.law.model import timed_boundaries
from erpath.rules.row import FACT_COLUMNS
from erpath.rules.ruleset import BLOCKING_CODES, RuleSet

OUTPUT_COLUMNS = ("er_applicable", "category", "blocking")


def _with_all_columns(table: pl.DataFrame | pl.LazyFrame) -> pl.LazyFrame:
    lazy = table.lazy()
    present = set(lazy.collect_schema().names())
    missing = [pl.lit(None, dtype=t).alias(n) for n, t in FACT_COLUMNS.items() if n not in present]
    casts = [pl.col(n).cast(t) for n, t in FACT_COLUMNS.items() if n in present]
    return lazy.with_columns(*missing).with_columns(*casts)


def _answers(rules: RuleSet, lazy: pl.LazyFrame, side: str) -> pl.LazyFrame:
    blocking = pl.concat_list(
        [
            pl.when(pl.col(f"b:{code}").fill_null(False)).then(pl.lit(code))
            for code in BLOCKING_CODES
        ]
    ).list.drop_nulls()
    return rules.frame(lazy, side).select(  # type: ignore[arg-type]
        "_row", "er_applicable", "category", blocking.alias("blocking")
    )


def determine_table(rules: RuleSet, table: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    """`er_applicable`, `category` and `blocking` for every row, in row order."""
    lazy = _with_all_columns(table).with_row_index("_row")
    end = _answers(rules, lazy, "end")
    timed_days = [b.date() for b in timed_boundaries(rules.law)]
    if not timed_days:
        return end.select(OUTPUT_COLUMNS).collect()
    ambiguous = pl.col("as_of_instant").is_null() & pl.col("as_of").is_in(timed_days)
    start = _answers(rules, lazy.filter(ambiguous), "start").select(
        "_row", pl.col("er_applicable").alias("_start")
    )
    return (
        end.join(start, on="_row", how="left", maintain_order="left")
        .with_columns(
            pl.when(pl.col("_start").is_not_null() & (pl.col("_start") != pl.col("er_applicable")))
            .then(pl.lit("depends"))
            .otherwise(pl.col("er_applicable"))
            .alias("er_applicable")
        )
        .select(OUTPUT_COLUMNS)
        .collect()
    )
