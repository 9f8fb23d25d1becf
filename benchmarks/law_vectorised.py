"""How fast the rules run over a table, against a row-at-a-time loop and hand-written SQL.

    python -m benchmarks.law_vectorised [--rows N] [--seed S]

Builds a synthetic facts table (`benchmarks.synthetic`) and times, best of three each:

- vectorised: `erpath.rules.vectorised.determine_table` over every row;
- scalar: `erpath.rules.answer.evaluate_row` per row (the one-person path, with the same
  case splits as `determine_table`) over the first 2,000 rows, scaled to N;
- screen: the full `erpath.answer.screen.screen` per facts document (reasons, presence,
  deadlines, counterfactuals) over the first 300 rows, scaled to N;
- DuckDB SQL: a hand-written query for the core of the rule (`CORE_RULE_SQL`) over all
  rows, reading the polars frame through the Arrow C stream interface and writing its
  answers to a table.

The SQL is a baseline for speed, not a second implementation: it leaves out the
unaccompanied-child, claimed-status, charged-ground, Western Hemisphere, Cuban-national,
CHIRLA and dismissal-finality rules, the time-of-day split and leap-day anniversaries,
and reads most unknown facts as not met. The share of rows on which it agrees with the
engine is printed, not asserted; so are the times (nothing here asserts a wall-clock time).
The last line is `law_vectorised: rows_per_s=N vs_sql=R vs_scalar=S`.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from typing import Any, TypeVar

import duckdb
import polars as pl
from rich.console import Console
from rich.table import Table

from benchmarks.synthetic import facts_document, synthetic_facts_table
from benchmarks.timing import REPEATS, Timing, best_of
from erpath.answer.screen import screen
from erpath.rules import RuleSet, bundled_rules
from erpath.rules.answer import evaluate_row
from erpath.rules.vectorised import determine_table

DEFAULT_ROWS = 1_000_000
DEFAULT_SEED = 20_260_629
SCALAR_SAMPLE = 2_000
SCREEN_SAMPLE = 300

T = TypeVar("T")

# The core rule over the table `facts` (FACT_COLUMNS plus `_row`), as one would write it
# by hand: the grounds by date and terms of arrival, the court stays of the interior
# designations, admission, parole, 240 proceedings and the two years (14 days) shown by
# the arrival date, the officer's finding and the evidence run.
CORE_RULE_SQL = """
WITH base AS (
    SELECT
        _row,
        as_of,
        arrival_date,
        arrival_manner AS manner,
        arrival_mode AS mode,
        parole_program,
        parole_until,
        parole_terminated_on,
        section_240,
        presence_finding,
        miles_from_land_border AS miles,
        evidence_run_start_at_encounter,
        coalesce(encounter_date, as_of) AS encounter,
        as_of >= DATE '1997-04-01' AS er_in_force,
        arrival_manner = 'without_inspection'
            AND NOT coalesce(arrival_interdicted_at_sea, false) AS ewi,
        CAST(arrival_date + INTERVAL 2 YEAR AS DATE) AS two_year_date,
        CAST(evidence_run_start + INTERVAL 2 YEAR AS DATE) AS evidence_two_years,
        -- 2019: 23 July 2019 until 21 March 2022; 2025: from 6 p.m. EST on 21 January 2025
        (as_of >= DATE '2019-07-23' AND as_of < DATE '2022-03-21')
            OR CASE WHEN as_of_instant IS NOT NULL
                    THEN as_of_instant >= TIMESTAMPTZ '2025-01-21 23:00:00+00'
                    ELSE as_of >= DATE '2025-01-21' END AS interior_in_force,
        -- 8 CFR 1.2: at a port of entry, interdicted at sea, or paroled at a port
        coalesce(
            arrival_manner = 'inspected_not_admitted'
            OR (arrival_manner = 'without_inspection'
                AND coalesce(arrival_interdicted_at_sea, false))
            OR (arrival_manner = 'paroled'
                AND (coalesce(arrival_at_port_of_entry, false)
                     OR parole_program IN ('port_of_entry', 'cbp_one', 'chnv',
                                           'uniting_for_ukraine'))
                AND parole_program IS DISTINCT FROM 'advance_parole'
                AND arrival_date >= DATE '1997-04-01'),
            false) AS arriving
    FROM facts
),
classed AS (
    SELECT
        *,
        CASE
            WHEN NOT er_in_force OR manner IS NULL OR arrival_date IS NULL THEN 'none'
            WHEN arriving THEN 'arriving_alien'
            -- within the time limits first
            WHEN ewi AND mode = 'sea' AND as_of >= DATE '2002-11-13'
                AND two_year_date > as_of THEN 'designated_sea'
            WHEN ewi AND mode <> 'sea' AND as_of >= DATE '2004-08-11' AND miles <= 100
                AND arrival_date + 14 > encounter THEN 'designated_border_14d'
            WHEN ewi AND mode <> 'sea' AND interior_in_force
                AND (miles > 100 OR arrival_date + 14 <= encounter)
                AND two_year_date > as_of THEN 'designated_interior'
            -- then the terms of arrival alone
            WHEN ewi AND mode = 'sea' AND as_of >= DATE '2002-11-13' THEN 'designated_sea'
            WHEN ewi AND mode <> 'sea' AND as_of >= DATE '2004-08-11' AND miles <= 100
                THEN 'designated_border_14d'
            WHEN ewi AND mode <> 'sea' AND interior_in_force AND miles > 100
                THEN 'designated_interior'
            ELSE 'none'
        END AS category
    FROM base
)
SELECT
    _row,
    CASE
        -- a blocking condition holds
        WHEN NOT er_in_force THEN 'no'
        WHEN manner = 'admitted' THEN 'no'
        WHEN manner = 'paroled'
            AND (parole_program = 'advance_parole' OR arrival_date < DATE '1997-04-01')
            THEN 'no'
        WHEN manner = 'paroled'
            AND (parole_until IS NOT NULL OR parole_terminated_on IS NOT NULL)
            AND (parole_terminated_on IS NULL OR parole_terminated_on > as_of)
            AND (parole_until IS NULL OR parole_until >= as_of) THEN 'no'
        WHEN section_240 IN ('pending', 'ordered_removed') THEN 'no'
        -- outside every ground, when the facts that place the person are known
        WHEN category = 'none' AND manner <> 'paroled'
            AND (as_of < DATE '2002-11-13'
                 OR (mode IS NOT NULL
                     AND (miles IS NOT NULL OR mode = 'sea' OR as_of < DATE '2004-08-11')))
            THEN 'no'
        WHEN category = 'designated_interior'
            AND (as_of BETWEEN DATE '2019-09-27' AND DATE '2020-09-20'
                 OR as_of BETWEEN DATE '2025-08-29' AND DATE '2026-06-22') THEN 'no'
        WHEN category IN ('designated_sea', 'designated_interior')
            AND (presence_finding = 'shown'
                 OR (presence_finding IS NULL AND two_year_date <= as_of
                     AND evidence_two_years <= as_of)) THEN 'no'
        WHEN category = 'designated_border_14d'
            AND (presence_finding = 'shown'
                 OR (arrival_date + 14 <= encounter
                     AND evidence_run_start_at_encounter + 14 <= encounter)) THEN 'no'
        -- none holds, but one is unknown
        WHEN category IN ('designated_sea', 'designated_interior')
            AND presence_finding IS NULL AND two_year_date <= as_of THEN 'depends'
        WHEN category = 'designated_border_14d' AND arrival_date + 14 <= encounter
            THEN 'depends'
        WHEN category = 'designated_interior'
            AND (as_of BETWEEN DATE '2020-09-21' AND DATE '2020-09-30'
                 OR as_of >= DATE '2026-06-30') THEN 'depends'
        WHEN manner = 'paroled' THEN 'depends'
        WHEN section_240 IS NULL THEN 'depends'
        WHEN category = 'none' THEN 'depends'
        ELSE 'yes'
    END AS er_applicable,
    category
FROM classed
"""


class ArrowStream:
    """A polars frame offered to DuckDB through the Arrow PyCapsule stream interface.

    Each scan exports a fresh stream over the frame's buffers (no pyarrow needed).
    """

    def __init__(self, frame: pl.DataFrame) -> None:
        self.frame = frame

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        return self.frame.__arrow_c_stream__(requested_schema)


def scalar_answers(rules: RuleSet, rows: Sequence[dict[str, Any]]) -> list[str]:
    """`er_applicable` row by row: the one-person path, with its case splits."""
    return [evaluate_row(rules, row).er_applicable for row in rows]


def share(agree: int, total: int) -> str:
    return f"{agree:,} of {total:,} ({agree / total:.1%})"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="rows in the table")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the table")
    args = parser.parse_args(argv)
    n: int = args.rows
    console = Console(width=110)
    rules = bundled_rules()

    start = time.perf_counter()
    table = synthetic_facts_table(n, args.seed)
    console.print(
        f"synthetic facts table: {n:,} rows, seed {args.seed}, "
        f"built in {time.perf_counter() - start:.2f} s"
    )

    # Vectorised: the engine over the whole table.
    vec = best_of(lambda: determine_table(rules, table))
    answers = vec.result
    timings = [Timing("vectorised determine_table", n, vec.seconds, vec.cpu_seconds)]

    # Scalar: the same rules one row at a time, on a sample.
    rows = table.head(SCALAR_SAMPLE).to_dicts()
    one = best_of(lambda: scalar_answers(rules, rows))
    scalar = one.result
    timings.append(Timing("scalar evaluate_row", len(rows), one.seconds, one.cpu_seconds))
    engine_sample = answers["er_applicable"].head(len(rows)).to_list()
    scalar_agree = sum(a == b for a, b in zip(scalar, engine_sample, strict=True))

    # The full screening of a facts document, on a smaller sample.
    documents = [facts_document(row) for row in rows[:SCREEN_SAMPLE]]
    screened_runs = best_of(lambda: [screen(doc, rules) for doc in documents])
    screened = screened_runs.result
    timings.append(
        Timing(
            "screen per facts document",
            len(documents),
            screened_runs.seconds,
            screened_runs.cpu_seconds,
        )
    )
    screen_agree = sum(d.er_applicable == e for d, e in zip(screened, engine_sample, strict=False))

    # Hand-written SQL over the same table, read through Arrow.
    con = duckdb.connect()
    con.register("facts", ArrowStream(table.with_row_index("_row")))
    sql = best_of(
        lambda: con.execute(f"CREATE OR REPLACE TEMP TABLE sql_answers AS {CORE_RULE_SQL}")
    )
    sql_s = sql.seconds
    timings.append(Timing("DuckDB SQL (core rule)", n, sql_s, sql.cpu_seconds))
    engine = answers.select("er_applicable", "category").with_row_index("_row")
    con.register("engine", ArrowStream(engine))
    agreement = con.execute(
        "SELECT count(*), count(*) FILTER (s.er_applicable = e.er_applicable),"
        " count(*) FILTER (s.category = e.category)"
        " FROM sql_answers s JOIN engine e USING (_row)"
    ).fetchone()
    assert agreement is not None
    total, er_agree, category_agree = (int(v) for v in agreement)
    con.close()

    report = Table(title=f"The rules over {n:,} rows (best of {REPEATS})")
    report.add_column("method")
    report.add_column("rows timed", justify="right")
    report.add_column("best s", justify="right")
    report.add_column("rows/s", justify="right")
    report.add_column(f"s for {n:,} rows", justify="right")
    report.add_column("vectorised is", justify="right")
    vec_rate = timings[0].rows_per_s
    for t in timings:
        report.add_row(*t.cells(), f"{n / t.rows_per_s:.1f}", f"{vec_rate / t.rows_per_s:.2f}x")
    console.print(report)
    console.print(f"er_applicable: {answers['er_applicable'].value_counts(sort=True).rows()}")
    console.print(f"scalar agrees with vectorised: {share(scalar_agree, len(rows))}")
    console.print(f"screen agrees with vectorised: {share(screen_agree, len(documents))}")
    console.print(f"SQL agrees with vectorised on er_applicable: {share(er_agree, total)}")
    console.print(f"SQL agrees with vectorised on category: {share(category_agree, total)}")

    sql_rate = n / sql_s
    scalar_rate = len(rows) / one.seconds
    print(
        f"law_vectorised: rows_per_s={int(vec_rate)} vs_sql={vec_rate / sql_rate:.2f}"
        f" vs_scalar={vec_rate / scalar_rate:.2f}"
    )


if __name__ == "__main__":
    main()
