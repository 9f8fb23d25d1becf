"""How fast the exposure runs: the law engine against hand-written SQL and OpenFisca.

    python -m benchmarks.exposure [--cases N] [--seed S] [--on YYYY-MM-DD] [--dir DIR]

Writes a synthetic EOIR release of N cases (default 5,000,000) with `erpath.eoir.synthesize`
and ingests it (`erpath.eoir.ingest`) into DIR (default a temporary directory; a release
of the same size and seed already in DIR is reused, as is its ingest), then times, best
of three:

- erpath, end to end: `erpath.exposure.exposure_on` from the Parquet files to the counts
  by court (pending cases, facts table, the engine's `determine_table` with its case
  splits on the unknown mode of arrival and distance from the border);
- DuckDB SQL, end to end: `EXPOSURE_SQL`, the same pending-case selection and facts, and
  the core of the rule written by hand, from the same Parquet files to the same counts;
- erpath, rule only: `erpath.exposure.exposure.determine` and the counts, over the facts
  table of the pending cases;
- OpenFisca, rule only: the core of the rule as OpenFisca variables and dated parameters
  (openfisca-core, which `make bench` installs: it is not a dependency of erpath), over
  the same facts table, from its columns to the counts.

The SQL and OpenFisca rules are baselines for speed, not second implementations: they know
only the conditions the release can reach (entry without inspection or admission, age,
Venezuelan nationality, the 2025 designation and its stay), with the law's dates written
in. Their agreement with the engine is printed, not asserted; so are the times.
The last line is `exposure: rows_per_s=N vs_sql=R vs_openfisca=S`: cases a second end to
end; erpath's speed over SQL's end to end; erpath's speed over OpenFisca's on the rule
(`NA` when openfisca-core is not installed).
"""

from __future__ import annotations

import argparse
import importlib
import multiprocessing
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import polars as pl
from rich.console import Console
from rich.table import Table

from benchmarks.timing import REPEATS, Timing, best_of, interleaved
from erpath.eoir.samples import ingested_sample
from erpath.exposure import counts, determine, exposure_on, open_ingested, prepare_release
from erpath.exposure.citizenship import KNOWN
from erpath.exposure.citizenship import UNKNOWN as NO_ONE_COUNTRY
from erpath.exposure.pending import pending_on_days
from erpath.rules import RuleSet, bundled_rules

DEFAULT_CASES = 5_000_000
DEFAULT_SEED = 20_260_629
DEFAULT_ON = date(2025, 6, 10)

TABLES = ("A_TblCase", "B_TblProceeding", "B_TblProceedCharges", "tbl_RepsAssigned")


def exposure_sql(root: Path, on: date) -> str:
    """The exposure by court on `on`, by hand, over the release's Parquet files."""
    d = f"DATE '{on.isoformat()}'"
    files = {t: f"'{root}/parquet/{t}/*.parquet'" for t in TABLES}
    # an unknown nationality (no code, a code naming no one country, a code EOIR's lookup
    # lacks) may be Venezuelan, so it is open where the Venezuelan one is (ADR 0026)
    known = ", ".join(f"'{c}'" for c in sorted(KNOWN - NO_ONE_COUNTRY))
    # a case whose judge has decided is pending while an appeal of the case itself waits
    # at the Board (erpath.exposure.pending)
    appeals = root / "parquet" / "tblAppeal"
    board = (
        f"""
SELECT DISTINCT p.IDNCASE FROM proc p
JOIN read_parquet('{appeals}/*.parquet') a ON a.idncase = p.IDNCASE
    AND (a.idnProceeding = p.IDNPROCEEDING
         OR (a.idnProceeding IS NULL AND p.begun <= a.datAppealFiled))
WHERE upper(a.strAppealCategory) = 'IJ'
    AND upper(trim(a.strAppealType)) IN ('CASE APPEAL', 'CIRCUIT COURT REMAND')
    AND p.COMP_DATE IS NOT NULL AND greatest(a.datAppealFiled, p.COMP_DATE) <= {d}
    AND (a.datBIADecision IS NULL OR a.datBIADecision > {d})"""
        if appeals.is_dir()
        else "SELECT NULL::BIGINT AS IDNCASE WHERE false"
    )
    return f"""
WITH proc AS (
    SELECT IDNCASE, IDNPROCEEDING, coalesce(INPUT_DATE, OSC_DATE) AS begun, COMP_DATE,
        coalesce(BASE_CITY_CODE, 'unknown') AS court, CASE_TYPE, NAT
    FROM read_parquet({files["B_TblProceeding"]})
    WHERE IDNCASE IS NOT NULL AND coalesce(INPUT_DATE, OSC_DATE) <= {d}
    QUALIFY row_number() OVER (PARTITION BY IDNCASE ORDER BY IDNPROCEEDING DESC) = 1
),
board AS ({board}),
cases AS (SELECT * FROM read_parquet({files["A_TblCase"]})),
charged AS (
    SELECT IDNCASE,
        bool_or(regexp_matches(c, '^212A0?6AI( |$)')) AS ewi,
        bool_or(starts_with(c, '237A')) AS deportable
    FROM (
        SELECT IDNCASE, CHG_STATUS,
            upper(trim(regexp_replace(replace(replace(CHARGE, '(', ''), ')', ''),
                                      '\\s+', ' ', 'g'))) AS c
        FROM read_parquet({files["B_TblProceedCharges"]}))
    WHERE CHG_STATUS IS NULL OR CHG_STATUS NOT IN ('W', 'N')
    GROUP BY IDNCASE
),
facts AS (
    SELECT p.court,
        CASE WHEN c.DATE_OF_ENTRY <= {d} THEN c.DATE_OF_ENTRY END AS arrival,
        CASE WHEN c.LPR = '1' THEN 'admitted'
             WHEN coalesce(g.deportable, false) AND NOT coalesce(g.ewi, false) THEN 'admitted'
             WHEN coalesce(g.ewi, false) AND NOT coalesce(g.deportable, false) THEN 'ewi'
        END AS manner,
        last_day(try_strptime('01/' || c.C_BIRTHDATE, '%d/%m/%Y')::DATE) AS birth,
        coalesce(c.NAT, p.NAT) AS nat
    FROM proc p LEFT JOIN cases c USING (IDNCASE) LEFT JOIN charged g USING (IDNCASE)
    WHERE (p.COMP_DATE IS NULL OR p.COMP_DATE > {d} OR p.IDNCASE IN (SELECT IDNCASE FROM board))
        AND coalesce(p.CASE_TYPE, c.CASE_TYPE) = 'RMV'
),
answered AS (
    SELECT court, arrival,
        CASE WHEN arrival IS NULL OR manner IS NULL THEN 'depends'
             WHEN manner = 'admitted' THEN 'no'
             WHEN birth IS NULL OR birth + INTERVAL 18 YEAR > {d} THEN 'depends'
             WHEN (nat = 'VE' OR nat IS NULL OR nat NOT IN ({known}))
                  AND {d} >= DATE '2019-01-23' THEN 'depends'
             -- the 2025 designation operates: after its first day, not stayed, verified
             WHEN {d} > DATE '2025-01-21'
                  AND NOT ({d} BETWEEN DATE '2025-08-29' AND DATE '2026-06-22')
                  AND {d} < DATE '2026-06-30'
                  AND arrival + INTERVAL 2 YEAR > {d} THEN 'yes'
             ELSE 'depends' END AS answer
    FROM facts
)
SELECT court,
    count(*) AS pending,
    count(*) FILTER (answer = 'yes') AS exposed,
    count(*) FILTER (answer = 'depends') AS depends,
    count(*) FILTER (answer = 'no') AS not_exposed,
    count(*) FILTER (arrival IS NULL) AS no_entry_date
FROM answered GROUP BY court ORDER BY court
"""


# OpenFisca: the same core rule as variables of a person, the dates of the law as dated
# parameters (0 no, 1 yes, 2 unknown: the ambiguous first day, after the verified date).
OPENFISCA_PARAMETERS = {
    "er": {
        "interior_designation_operative": {
            "values": {
                "1997-04-01": {"value": 0},
                "2025-01-21": {"value": 2},
                "2025-01-22": {"value": 1},
                "2025-08-29": {"value": 0},
                "2026-06-23": {"value": 1},
                "2026-06-30": {"value": 2},
            }
        },
        "venezuela_air_arrivals_contested": {
            "values": {"1997-04-01": {"value": 0}, "2019-01-23": {"value": 1}}
        },
        "child_age_months": {"values": {"1997-04-01": {"value": 216}}},
        "designated_presence_months": {"values": {"1997-04-01": {"value": 24}}},
    }
}
UNKNOWN, EWI, ADMITTED = 0, 1, 2
NO, DEPENDS, YES = 0, 1, 2


def _plus_months(days: Any, months: int) -> Any:
    """`days` (datetime64[D]) `months` later, the day of month kept; 29 February in a
    common year falls on 1 March, as in the engine."""
    month = days.astype("datetime64[M]")
    return (month + months).astype("datetime64[D]") + (days - month.astype("datetime64[D]"))


def openfisca_system() -> Any:
    """The tax-benefit system of the core rule, or None without openfisca-core."""
    try:
        entities = importlib.import_module("openfisca_core.entities")
        systems = importlib.import_module("openfisca_core.taxbenefitsystems")
        variables = importlib.import_module("openfisca_core.variables")
        periods = importlib.import_module("openfisca_core.periods")
        parameters = importlib.import_module("openfisca_core.parameters")
    except ImportError:
        return None
    person = entities.build_entity(
        key="person", plural="persons", label="A respondent", is_person=True
    )
    system = systems.TaxBenefitSystem([person])

    def variable(name: str, value_type: Any, formula: Any = None, default: Any = None) -> None:
        attributes = {
            "value_type": value_type,
            "entity": person,
            "definition_period": periods.DateUnit.DAY,
            "label": name.replace("_", " "),
        }
        if default is not None:
            attributes["default_value"] = default
        if formula is not None:
            attributes["formula"] = formula
        system.add_variable(type(name, (variables.Variable,), attributes))

    for name in ("arrival_date", "birth_date"):
        variable(name, date)
    for name in ("arrival_known", "birth_known", "venezuelan"):
        variable(name, bool)
    variable("manner", int)

    def day(period: Any) -> Any:
        return np.datetime64(str(period.start))

    def adult(person: Any, period: Any, parameters: Any) -> Any:
        months = parameters(period).er.child_age_months
        birth = person("birth_date", period)
        return person("birth_known", period) & (_plus_months(birth, months) <= day(period))

    def within_two_years(person: Any, period: Any, parameters: Any) -> Any:
        months = parameters(period).er.designated_presence_months
        return _plus_months(person("arrival_date", period), months) > day(period)

    def exposure(person: Any, period: Any, parameters: Any) -> Any:
        er = parameters(period).er
        manner = person("manner", period)
        known = person("arrival_known", period) & (manner != UNKNOWN)
        operative = er.interior_designation_operative == 1
        contested = person("venezuelan", period) & (er.venezuela_air_arrivals_contested == 1)
        yes = (
            known
            & (manner == EWI)
            & person("adult", period)
            & ~contested
            & operative
            & person("within_two_years", period)
        )
        no = known & (manner == ADMITTED)
        return np.select([no, yes], [NO, YES], default=DEPENDS)

    variable("adult", bool, adult)
    variable("within_two_years", bool, within_two_years)
    variable("exposure", int, exposure)
    system.parameters = parameters.ParameterNode("", data=OPENFISCA_PARAMETERS)
    return system


def openfisca_answers(system: Any, facts: pl.DataFrame, on: date) -> Any:
    """The OpenFisca answer (NO, DEPENDS, YES) for every row of the facts table."""
    builder = importlib.import_module("openfisca_core.simulations").SimulationBuilder()
    simulation = builder.build_default_simulation(system, facts.height)
    period = on.isoformat()
    manner = facts.select(
        pl.col("arrival_manner")
        .replace_strict({"without_inspection": EWI, "admitted": ADMITTED}, default=UNKNOWN)
        .cast(pl.Int32)
    ).to_series()
    inputs = {
        "arrival_date": facts["arrival_date"].fill_null(date(1, 1, 1)).to_numpy(),
        "arrival_known": facts["arrival_date"].is_not_null().to_numpy(),
        "birth_date": facts["birth_date"].fill_null(date(1, 1, 1)).to_numpy(),
        "birth_known": facts["birth_date"].is_not_null().to_numpy(),
        # an unknown citizenship may be Venezuelan: open as the Venezuelan one is (ADR 0026)
        "venezuelan": facts["citizenship"].list.contains("VEN").fill_null(True).to_numpy(),
        "manner": manner.to_numpy(),
    }
    for name, values in inputs.items():
        simulation.set_input(name, period, values)
    return simulation.calculate("exposure", period)


def _engine_by_court(root: Path, on: date, rules: RuleSet) -> pl.DataFrame:
    return exposure_on(open_ingested(root), on, rules, dimensions=("court",)).by("court")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cases", type=int, default=DEFAULT_CASES, help="cases in the release")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the release")
    parser.add_argument("--on", type=date.fromisoformat, default=DEFAULT_ON, help="the day D")
    parser.add_argument("--dir", type=Path, default=None, help="keep the release here")
    args = parser.parse_args(argv)
    n: int = args.cases
    on: date = args.on
    console = Console(width=110)
    rules = bundled_rules()

    with tempfile.TemporaryDirectory(prefix="erpath-exposure-") as folder:
        started = time.perf_counter()
        # Written and ingested in a process of its own: the timings below start from a
        # fresh heap, as a user's exposure run would (in-process, ~20% slower after).
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(1, mp_context=spawn) as pool:
            root = pool.submit(ingested_sample, args.dir or Path(folder), n, args.seed).result()
        console.print(
            f"synthetic release: {n:,} cases, seed {args.seed}, written and ingested"
            f" (or reused) in {time.perf_counter() - started:.1f} s"
        )

        # End to end, from the Parquet files to the counts by court; the two in turn, so
        # that a busy moment of the machine falls on both.
        con = duckdb.connect()
        query = exposure_sql(root, on)
        engine_runs, sql_runs = interleaved(
            lambda: _engine_by_court(root, on, rules), lambda: con.sql(query).pl()
        )
        con.close()
        engine: pl.DataFrame = engine_runs.result
        sql: pl.DataFrame = sql_runs.result
        engine_s, sql_s = engine_runs.seconds, sql_runs.seconds
        timings = [
            Timing("erpath exposure, end to end", n, engine_s, engine_runs.cpu_seconds),
            Timing("DuckDB SQL, end to end", n, sql_s, sql_runs.cpu_seconds),
        ]

        # The rule alone, over the facts table of the pending cases.
        prepared = prepare_release(open_ingested(root)).collected()
        facts = prepared.facts(pending_on_days(prepared.spans, [on])).collect()
        pending = facts.height
        system = openfisca_system()
        openfisca_s: float | None = None
        agreement = "openfisca-core is not installed"

        def rule() -> pl.DataFrame:
            return counts(determine(rules, facts), ["court"])

        if system is None:
            rule_runs = best_of(rule)
        else:
            rule_runs, openfisca_runs = interleaved(
                rule, lambda: openfisca_answers(system, facts, on)
            )
            openfisca_s = openfisca_runs.seconds
            found = openfisca_runs.result
        answered: pl.DataFrame = rule_runs.result
        rule_s = rule_runs.seconds
        timings.append(
            Timing("erpath rule (determine), facts table", pending, rule_s, rule_runs.cpu_seconds)
        )
        if system is not None:
            timings.append(
                Timing("OpenFisca rule, facts table", pending, openfisca_runs.seconds,
                       openfisca_runs.cpu_seconds)
            )  # fmt: skip
            code = {NO: "no", DEPENDS: "depends", YES: "yes"}
            theirs = pl.Series(found).replace_strict(code, return_dtype=pl.String)
            ours = determine(rules, facts)["er_applicable"]
            agree = int((theirs == ours).sum())
            agreement = f"{agree:,} of {pending:,} ({agree / pending:.1%})"

    report = Table(title=f"Exposure on {on} over {n:,} cases (best of {REPEATS})")
    for column in ("method", "rows timed", "best s", "rows/s", "best CPU s"):
        report.add_column(column, justify="left" if column == "method" else "right")
    for t in timings:
        report.add_row(*t.cells(), f"{t.cpu_seconds:.3f}")
    console.print(report)
    console.print(f"pending 240 cases on {on}: {pending:,}; engine's answers by court equal:")
    same = engine.equals(sql.with_columns(pl.exclude("court").cast(pl.Int64)))
    console.print(f"  SQL's counts by court equal the engine's: {same}")
    console.print(f"  rule-only counts equal the end-to-end counts: {answered.equals(engine)}")
    console.print(f"  OpenFisca agrees with the engine, case by case: {agreement}")
    console.print(f"totals: {engine.drop('court').sum().rows(named=True)[0]}")

    rate = n / engine_s
    vs_sql = (n / engine_s) / (n / sql_s)
    vs_openfisca = (
        "NA" if openfisca_s is None else f"{(pending / rule_s) / (pending / openfisca_s):.2f}"
    )
    print(f"exposure: rows_per_s={int(rate)} vs_sql={vs_sql:.2f} vs_openfisca={vs_openfisca}")


if __name__ == "__main__":
    main()
