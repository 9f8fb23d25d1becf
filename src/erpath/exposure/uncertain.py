"""Why the answer is `depends`: of the pending cases whose answer on D is `depends`, how
many turn on each open point (CONTRACT.md `uncertain`, erpath.rules.answer.open_codes): each
condition the rules cannot decide from what the release records, or the time of day on a
day the law changed at a time of day. A case may turn on several, so the counts overlap.

`reasons_on` gives each `depends` case its open points in the rules' order (the first is its
*first reason*); `reason_counts` counts, per reason, the cases it is a reason of (each
reason once per case: the counts overlap) and those it is the first reason of (a partition:
they add up to the `depends` count); `publish_reasons` publishes them (ADR 0026). A case of
unknown nationality is answered under each country the law names (`exposure.determine`):
its open points are those open under any of them, and the conditions that differ between
them (the nationality's exceptions).

Published like every count (`publish_open_points`): a count under 10 is "<10", and so is one
that leaves fewer than 10 of the `depends` cases out (the rest would follow by subtraction).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import polars as pl

from erpath.exposure.exposure import Prepared, citizenship_cases, determine
from erpath.exposure.facts_table import NONE_ASSUMED, Assumptions
from erpath.exposure.pending import pending_on_days
from erpath.exposure.tables import ALL, HIDDEN, THRESHOLD, hide_one_more
from erpath.rules import RuleSet, bundled_rules
from erpath.rules.answer import TIME_OF_DAY
from erpath.rules.row import FACT_COLUMNS
from erpath.rules.vectorised import constants
from erpath.wording import words

ALL_BUT_FEW = f"all but {HIDDEN}"


def open_points_on(
    prepared: Prepared, on: date, rules: RuleSet | None = None, assume: Assumptions = NONE_ASSUMED
) -> dict[str, int]:
    """Open-point code -> how many `depends` cases on `on` turn on it (private counts:
    publish with `publish_open_points`), in the rules' order, those no case turns on left
    out. The conditions are read at the end of the day, as the one-row evaluation reads
    them (the split on the mode and distance adds no open point of its own)."""
    rules = rules or bundled_rules()
    reasons = reasons_on(prepared, on, rules, assume)
    if reasons.is_empty():
        return {}
    counts = reason_counts(reasons, rules)
    return {code: n for code, n in counts.select("reason", "cases").rows() if n}


def publish_open_points(points: dict[str, int], depends: int) -> dict[str, str]:
    """The counts as published, of `depends` cases in all: none when `depends` is itself
    hidden; each count under 10 as "<10", and one that leaves out fewer than 10 cases as
    "all but <10"."""
    if depends < THRESHOLD:
        return {}
    shown: dict[str, str] = {}
    for code, n in points.items():
        if n < THRESHOLD:
            shown[code] = HIDDEN
        elif 0 < depends - n < THRESHOLD:
            shown[code] = ALL_BUT_FEW
        else:
            shown[code] = str(n)
    return shown


REASON_COUNTS = ("cases", "first")
# Open on every row the release gives: the grounds read with the mode of arrival and the
# distance from the border unknown (the split decides them; this reading does not). Put
# last in the order of the first reason, so that the first reason is the most telling.
LAST = ("outside_designation",)


def _open(rules: RuleSet, table: pl.DataFrame) -> pl.DataFrame:
    """Per row of `table` (FACT_COLUMNS), each condition's value at the end of the day
    (null: open), column per code."""
    codes = [c.code for c in rules.conditions]
    return (
        rules.frame(table, "end", constants(table, FACT_COLUMNS))
        .select(pl.col(f"c:{code}").alias(code) for code in codes)
        .collect()
    )


def open_codes_table(rules: RuleSet, table: pl.DataFrame) -> pl.Series:
    """Each row's open points (`reasons`, a list in the rules' order; the time of day where
    no condition is open), for rows whose answer is `depends`."""
    codes = [c.code for c in rules.conditions]
    values = _open(rules, table)
    unknown = values.select(pl.col(c).is_null() for c in codes)
    nationless = table.get_column("citizenship").is_null()
    if nationless.any():
        rows = table.filter(nationless)
        cases = [
            _open(
                rules,
                rows.with_columns(pl.lit(case, dtype=pl.List(pl.String)).alias("citizenship")),
            )
            for case in citizenship_cases(rules.law)
        ]
        merged = pl.DataFrame(
            {
                c: pl.DataFrame([k.get_column(c).alias(str(i)) for i, k in enumerate(cases)])
                .select(
                    pl.any_horizontal(pl.all().is_null())
                    | (pl.min_horizontal(pl.all()) != pl.max_horizontal(pl.all()))
                )
                .to_series()
                for c in codes
            }
        )
        index = nationless.arg_true()
        unknown = (
            unknown.with_row_index("_row")
            .update(merged.with_columns(index.alias("_row")), on="_row")
            .drop("_row")
        )
    return unknown.select(
        pl.concat_list(
            pl.when(pl.col(c)).then(pl.lit(c)).otherwise(pl.lit(None, dtype=pl.String))
            for c in codes
        )
        .list.drop_nulls()
        .pipe(
            lambda found: (
                pl.when(found.list.len() > 0)
                .then(found)
                .otherwise(pl.lit([TIME_OF_DAY], dtype=pl.List(pl.String)))
            )
        )
        .alias("reasons")
    ).to_series()


def reasons_on(
    prepared: Prepared,
    on: date,
    rules: RuleSet | None = None,
    assume: Assumptions = NONE_ASSUMED,
) -> pl.DataFrame:
    """One row per `depends` case on `on` (private): IDNCASE, the dimensions prepared, and
    `reasons` (its open points, in the rules' order)."""
    rules = rules or bundled_rules()
    pending = pending_on_days(prepared.spans, [on])
    facts = prepared.facts(pending, assume).collect()
    depends = determine(rules, facts).filter(pl.col("er_applicable") == "depends")
    table = depends.select(*FACT_COLUMNS)
    reasons = (
        open_codes_table(rules, table)
        if not depends.is_empty()
        else pl.Series("reasons", [], dtype=pl.List(pl.String))
    )
    return depends.select("IDNCASE", *prepared.dimensions).with_columns(reasons)


def _distinct(reasons: pl.DataFrame) -> list[list[str]]:
    return [list(r) for r in reasons.get_column("reasons").unique().to_list()]


def reason_counts(
    reasons: pl.DataFrame, rules: RuleSet | None = None, by: Sequence[str] = ()
) -> pl.DataFrame:
    """Per (`by`..., reason): `depends` (the group's depends cases), `cases` (those the
    reason is one of the open points of, each reason once per case) and `first` (those it
    is the first open point of, in the rules' order with `LAST` last: these add up to
    `depends`); every reason of the rules and
    the time of day, in that order, with a total (`by` = "all") when there is a breakdown."""
    rules = rules or bundled_rules()
    order = [c.code for c in rules.conditions] + [TIME_OF_DAY]
    keys = list(by)
    frames = [reasons.select(*keys, "reasons")]
    if keys:
        frames.append(reasons.select(*(pl.lit(ALL).alias(k) for k in keys), "reasons"))
    rank = {code: (code in LAST, i) for i, code in enumerate(order)}
    first_of = {tuple(r): min(r, key=rank.__getitem__) for r in _distinct(reasons)}
    rows = pl.concat(frames).with_columns(
        pl.col("reasons")
        .map_elements(lambda r: first_of[tuple(r)], return_dtype=pl.String)
        .alias("_first")
    )
    groups = rows.group_by(keys).agg(pl.len().alias("depends")) if keys else None
    each = rows.explode("reasons").group_by([*keys, "reasons"]).agg(pl.len().alias("cases"))
    first = rows.group_by([*keys, "_first"]).agg(pl.len().alias("first"))
    grid = pl.DataFrame({"reason": order, "_order": range(len(order))})
    if groups is not None:
        grid = groups.join(grid, how="cross")
    else:
        grid = grid.with_columns(pl.lit(reasons.height).alias("depends"))
    found = (
        grid.join(each.rename({"reasons": "reason"}), on=[*keys, "reason"], how="left")
        .join(first.rename({"_first": "reason"}), on=[*keys, "reason"], how="left")
        .with_columns(pl.col(c).fill_null(0).cast(pl.Int64) for c in ("depends", *REASON_COUNTS))
    )
    total_last = [pl.col(k) == ALL for k in keys]
    return found.sort([*total_last, *keys, "_order"]).select(
        *keys, "reason", "depends", *REASON_COUNTS
    )


def publish_reasons(
    counts: pl.DataFrame, by: Sequence[str] = (), language: str = "en"
) -> pl.DataFrame:
    """The reasons as published: each reason in words (`reason_words`); `depends`, `cases`
    and `first` as text, under 10 (0 included) as "<10", the `first` of a group also hidden
    where it alone would follow by subtraction (the smallest other one with it), and a
    `cases` count within 10 of `depends` as "all but <10"; the shares of `depends` where
    both counts are shown. Reasons no case has in any group are left out."""
    w = words(language)
    keys = list(by)
    used = counts.group_by("reason").agg(pl.col("cases").sum()).filter(pl.col("cases") > 0)
    table = counts.filter(pl.col("reason").is_in(used.get_column("reason").implode()))
    out: list[dict[str, object]] = []
    groups = table.group_by(keys, maintain_order=True) if keys else [((), table)]
    for _, group in groups:
        depends = group.get_column("depends")[0] if group.height else 0
        firsts = group.get_column("first").to_list()
        hidden = [v < THRESHOLD for v in firsts]
        while hide_one_more(firsts, hidden):
            pass
        for row, hide_first in zip(group.iter_rows(named=True), hidden, strict=True):
            shown_depends = depends >= THRESHOLD
            cases = row["cases"]
            if not shown_depends or cases < THRESHOLD:
                cases_text = HIDDEN
            elif 0 < depends - cases < THRESHOLD:
                cases_text = ALL_BUT_FEW
            else:
                cases_text = str(cases)
            first_text = HIDDEN if hide_first or not shown_depends else str(row["first"])
            out.append(
                {k: row[k] for k in keys}
                | {
                    "reason": row["reason"],
                    "reason_words": w.label("codes", row["reason"]),
                    "depends": str(depends) if shown_depends else HIDDEN,
                    "cases": cases_text,
                    "cases_share": f"{cases / depends:.1%}" if cases_text.isdigit() else "",
                    "first": first_text,
                    "first_share": f"{row['first'] / depends:.1%}" if first_text.isdigit() else "",
                }
            )
    schema = dict.fromkeys(
        [
            *keys,
            "reason",
            "reason_words",
            "depends",
            "cases",
            "cases_share",
            "first",
            "first_share",
        ],
        pl.String,
    )
    return pl.DataFrame(out, schema=schema, orient="row")
