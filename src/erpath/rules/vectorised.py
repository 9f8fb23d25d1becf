"""The rules over a table: one row per person, each with its own `as_of`.

Columns in: `erpath.rules.row.FACT_COLUMNS` (missing ones are taken as unknown).
Columns out: the contract's `er_applicable`, `category` and `blocking`, in row order.
The same case splits as `erpath.rules.answer` apply: the ends of an ambiguous day, and
where the answer is `depends`, each value of the unknowns that take few values (distance
from the border, mode of arrival). Each run of the rules is folded with the columns its
rows share (`RuleSet.frame`); the rows of a day with many rows are answered one per class
of rows the rules cannot tell apart (`erpath.rules.classes`, ADR 0013).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations, product
from typing import Any

import polars as pl

from erpath.law.model import timed_boundaries
from erpath.law.moment import Side
from erpath.rules.answer import UNDETERMINED, split_values
from erpath.rules.classes import classes
from erpath.rules.expr import Row
from erpath.rules.row import FACT_COLUMNS
from erpath.rules.ruleset import BLOCKING_CODES, RuleSet

OUTPUT_COLUMNS = ("er_applicable", "category", "blocking")
ROW = "_row"
# Rows times cases answered in one run of the rules where the rows are split on their
# unknowns (the runs are cut to this size to bound their memory).
AT_ONCE_ROWS = 50_000
# Rows of one day above which that day is answered apart (folding and classes pay for the
# extra runs of the rules; below it, they cost more than they save).
DAY_APART_ROWS = 20_000


def _with_all_columns(table: pl.DataFrame | pl.LazyFrame) -> pl.LazyFrame:
    lazy = table.lazy()
    present = set(lazy.collect_schema().names())
    missing = [pl.lit(None, dtype=t).alias(n) for n, t in FACT_COLUMNS.items() if n not in present]
    casts = [pl.col(n).cast(t) for n, t in FACT_COLUMNS.items() if n in present]
    return lazy.with_columns(*missing).with_columns(*casts)


def constants(frame: pl.DataFrame, names: Iterable[str]) -> dict[str, Any]:
    """The columns among `names` that hold one value on every row (or only nulls), with
    that value; list columns are never taken as constant."""
    scalar = [n for n in names if not isinstance(frame.schema[n], pl.List)]
    if frame.is_empty() or not scalar:
        return {}
    stats = frame.select(
        *(pl.col(n).null_count().alias(f"n:{n}") for n in scalar),
        *(pl.col(n).min().alias(f"lo:{n}") for n in scalar),
        *(pl.col(n).max().alias(f"hi:{n}") for n in scalar),
    ).row(0, named=True)
    found: dict[str, Any] = {}
    for n in scalar:
        if stats[f"n:{n}"] == frame.height:
            found[n] = None
        elif stats[f"n:{n}"] == 0 and stats[f"lo:{n}"] == stats[f"hi:{n}"]:
            found[n] = stats[f"lo:{n}"]
    return found


def _answers(rules: RuleSet, table: pl.DataFrame, side: Side, fixed: Row) -> pl.LazyFrame:
    # The blocking codes as a bit mask, then one small lookup from each mask that occurs
    # to its list of codes: far faster than building a list per row.
    mask = pl.sum_horizontal(
        pl.col(f"b:{code}").fill_null(False).cast(pl.Int32) * (1 << i)
        for i, code in enumerate(BLOCKING_CODES)
    )
    days = [b.date() for b in timed_boundaries(rules.law)]
    ambiguous = pl.col("as_of_instant").is_null() & pl.col("as_of").is_in(days)
    return rules.frame(table, side, fixed).select(
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


def _day_cases(rules: RuleSet, table: pl.DataFrame, fixed: Row | None = None) -> pl.DataFrame:
    """Answers read at the end of the day; on an ambiguous bare day, `depends` unless the
    start of the day gives the same answer. `fixed`: columns known to hold one value on
    every row (by default, found)."""
    fixed = constants(table, FACT_COLUMNS) if fixed is None else fixed
    answers = _answers(rules, table, "end", fixed).collect()
    result = _with_blocking(answers.drop("_ambiguous"))
    if not answers.get_column("_ambiguous").any():
        return result
    subset = table.join(answers.filter("_ambiguous").select(ROW), on=ROW, how="semi")
    start = _answers(rules, subset, "start", fixed).collect()
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


def _split_cases(rules: RuleSet, facts: pl.DataFrame) -> dict[str, list[Any]]:
    """The split columns (`split_values`) that are unknown on some row, with their values."""
    nulls = facts.select(pl.col(c).null_count() for c in split_values(rules.law)).row(0, named=True)
    return {c: v for c, v in split_values(rules.law).items() if v and nulls[c]}


def _whichever_at_once(
    rules: RuleSet, groups: list[tuple[pl.DataFrame, list[dict[str, Any]]]], fixed: Row
) -> pl.DataFrame:
    """For each row of each group, under each of its cases, what `erpath.rules.answer.
    whichever` gives: the answer all cases give (else `depends`), for a `no` the blocks
    all share (or, sharing none, every case's), the category all meet (else
    `undetermined`). One run of the rules over every row under every case."""
    filled = pl.concat(
        [
            rows.with_columns(
                pl.lit(value, dtype=FACT_COLUMNS[name]).alias(name) for name, value in case.items()
            )
            for rows, cases in groups
            for case in cases
        ]
    )
    filled = filled.rename({ROW: "_of"}).with_row_index(ROW)
    split = {name for _, cases in groups for case in cases for name in case}
    common = {name: value for name, value in fixed.items() if name not in split}
    answers = _day_cases(rules, filled.drop("_of"), common).join(filled.select(ROW, "_of"), on=ROW)
    answer, category = pl.col("er_applicable"), pl.col("category")
    per_row = answers.group_by("_of").agg(
        pl.when((answer == answer.first()).all()).then(answer.first()).otherwise(pl.lit("depends")),
        pl.when((category == category.first()).all())
        .then(category.first())
        .otherwise(pl.lit(UNDETERMINED))
        .alias("category"),
        pl.len().alias("_cases"),
    )
    # The blocks: those every case has, or, where none is shared, those of any case.
    counts = (
        answers.select("_of", "blocking")
        .explode("blocking")
        .drop_nulls("blocking")
        .group_by("_of", "blocking")
        .len()
        .join(per_row.select("_of", "_cases"), on="_of")
    )
    shared = counts.filter(pl.col("len") == pl.col("_cases"))
    chosen = pl.concat(
        [shared, counts.join(shared.select("_of").unique(), on="_of", how="anti")]
    ).select("_of", "blocking")
    order = {code: i for i, code in enumerate(BLOCKING_CODES)}
    lists = (
        chosen.with_columns(
            pl.col("blocking").replace_strict(order, return_dtype=pl.Int32).alias("_o")
        )
        .sort("_of", "_o")
        .group_by("_of", maintain_order=True)
        .agg(pl.col("blocking"))
    )
    empty = pl.lit([], dtype=pl.List(pl.String))
    return (
        per_row.join(lists, on="_of", how="left")
        .with_columns(
            pl.when(pl.col("er_applicable") == "no")
            .then(pl.col("blocking").fill_null(empty))
            .otherwise(empty)
            .alias("blocking")
        )
        .select(pl.col("_of").alias(ROW), *OUTPUT_COLUMNS)
    )


def _chunks(
    groups: list[tuple[pl.DataFrame, list[dict[str, Any]]]],
) -> list[list[tuple[pl.DataFrame, list[dict[str, Any]]]]]:
    """`groups` cut so that each run of the rules has at most AT_ONCE_ROWS rows times
    cases."""
    runs: list[list[tuple[pl.DataFrame, list[dict[str, Any]]]]] = [[]]
    size = 0
    for rows, cases in groups:
        step = max(1, AT_ONCE_ROWS // len(cases))
        for start in range(0, rows.height, step):
            part = rows.slice(start, step)
            if size and size + part.height * len(cases) > AT_ONCE_ROWS:
                runs.append([])
                size = 0
            runs[-1].append((part, cases))
            size += part.height * len(cases)
    return [run for run in runs if run]


def _answer_rows(rules: RuleSet, facts: pl.DataFrame, fixed: Row | None = None) -> pl.DataFrame:
    """ROW and the outputs for every row of `facts`, with the case splits; `fixed` as for
    `_day_cases`. Rows whose distance or mode is unknown are answered under each case:
    a `depends` takes the answer all cases give; the category is `undetermined` where the
    cases meet different grounds (then, or where the cases settled a `depends`, a `no`
    takes the cases' blocks), as `erpath.rules.answer.evaluate_row` does."""
    fixed = constants(facts, FACT_COLUMNS) if fixed is None else fixed
    result = _day_cases(rules, facts, fixed)
    splits = _split_cases(rules, facts)
    if not splits:
        return result
    open_rows = facts.filter(pl.any_horizontal(pl.col(c).is_null() for c in splits))
    # Rows with the same unknowns among the split columns are split together.
    groups: list[tuple[pl.DataFrame, list[dict[str, Any]]]] = []
    unknown = open_rows.select(pl.col(c).is_null() for c in splits)
    for pattern in unknown.unique().iter_rows(named=True):
        names = [c for c in splits if pattern[c]]
        rows = open_rows.filter(
            pl.all_horizontal(pl.col(c).is_null() == pattern[c] for c in splits)
        )
        cases = [
            dict(zip(names, values, strict=True)) for values in product(*(splits[c] for c in names))
        ]
        groups.append((rows, cases))
    if not groups:
        return result
    found = pl.concat([_whichever_at_once(rules, run, fixed) for run in _chunks(groups)])
    joined = result.join(
        found.select(ROW, *(pl.col(c).alias(f"_new_{c}") for c in OUTPUT_COLUMNS)),
        on=ROW,
        how="left",
        maintain_order="left",
    )
    split = pl.col("_new_er_applicable").is_not_null()
    settled = split & (pl.col("er_applicable") == "depends")
    undetermined = split & (pl.col("_new_category") == UNDETERMINED)
    return joined.with_columns(
        pl.when(settled)
        .then("_new_er_applicable")
        .otherwise("er_applicable")
        .alias("er_applicable"),
        pl.when(settled | undetermined)
        .then("_new_blocking")
        .otherwise("blocking")
        .alias("blocking"),
        pl.when(settled | undetermined)
        .then("_new_category")
        .otherwise("category")
        .alias("category"),
    ).drop(f"_new_{c}" for c in OUTPUT_COLUMNS)


def _folds(rules: RuleSet, facts: pl.DataFrame) -> list[dict[str, Any]]:
    """Every set of constants the rules are folded with for `facts`: the table's own, and
    theirs with each case of each split."""
    fixed = constants(facts, FACT_COLUMNS)
    splits = _split_cases(rules, facts)
    folds = [fixed]
    for size in range(1, len(splits) + 1):
        for names in combinations(splits, size):
            for values in product(*(splits[c] for c in names)):
                folds.append({**fixed, **dict(zip(names, values, strict=True))})
    return folds


def _determine_part(rules: RuleSet, facts: pl.DataFrame) -> pl.DataFrame:
    """ROW and the outputs. Rows that share one `as_of` are answered one row per class of
    rows the rules cannot tell apart (`erpath.rules.classes`); rows of many days, whose
    dates the rules read against their own day, one by one."""
    folds = _folds(rules, facts)
    if "as_of" not in folds[0]:
        return _answer_rows(rules, facts, folds[0])
    found = classes(rules, facts.schema, folds)
    ids = found.ids(facts)
    first = ids.is_first_distinct()
    chosen = facts.filter(first)
    answers = _answer_rows(rules, chosen)
    # Each class's answer at its id (ids run from 0), then every row's by its id.
    by_class = chosen.select(ROW, ids.filter(first)).join(answers, on=ROW).sort("_class").drop(ROW)
    return facts.select(ROW).with_columns(
        by_class.get_column(c).gather(ids) for c in OUTPUT_COLUMNS
    )


def determine_table(
    rules: RuleSet, table: pl.DataFrame | pl.LazyFrame, *, apart: int = DAY_APART_ROWS
) -> pl.DataFrame:
    """`er_applicable`, `category` and `blocking` for every row, in row order. The rows of
    a day with at least `apart` rows are answered apart, folded with that day."""
    facts = _with_all_columns(table).with_row_index(ROW).collect()
    if facts.is_empty():
        return _day_cases(rules, facts).select(OUTPUT_COLUMNS)
    sizes = facts.group_by("as_of").len()
    if sizes.height == 1:
        return _determine_part(rules, facts).select(OUTPUT_COLUMNS)
    days = sizes.filter(pl.col("len") >= apart).get_column("as_of")
    if days.is_empty():
        return _determine_part(rules, facts).select(OUTPUT_COLUMNS)
    parts = [facts.filter(pl.col("as_of") == day) for day in days]
    parts.append(facts.filter(~pl.col("as_of").is_in(days.implode()) | pl.col("as_of").is_null()))
    answered = [_determine_part(rules, part) for part in parts if not part.is_empty()]
    return pl.concat(answered).sort(ROW).select(OUTPUT_COLUMNS)
