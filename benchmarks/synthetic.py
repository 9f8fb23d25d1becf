"""A synthetic facts table: one plausible person per row, in the columns of `FACT_COLUMNS`.

Generated column by column with polars (seeded sampling with replacement), never with a
Python loop per row, so a million rows take a second or two. The same `(n, seed)`
gives the same table with the same polars version. The mix is meant to be plausible, not
exhaustive: it reaches every ground, the dated designations and court orders, the
exclusions and the unknowns, in rough proportions.

`facts_document(row)` turns one row back into a facts document for the full screening
(one arrival, one piece of evidence covering the run), so that `facts_row` of it gives
the row again.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import polars as pl

from erpath.contract.facts import Facts
from erpath.law.loader import bundled_law
from erpath.rules.row import FACT_COLUMNS

AS_OF_FIRST = date(1996, 1, 1)
AS_OF_LAST = date(2027, 12, 31)
# Days on which the law changes (a small share of rows is put on them).
BOUNDARY_DAYS = tuple(bundled_law().boundaries())
YEAR = 365

Weights = list[tuple[Any, int]]


class _Draws:
    """Seeded draws of `n` values each; every call takes the next sub-seed."""

    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.seed = seed
        self.calls = 0

    def _next_seed(self) -> int:
        self.calls += 1
        return (self.seed * 1_000_003 + self.calls) % 2**63

    def ints(self, low: int, high: int) -> pl.Series:
        """Uniform integers in [low, high]."""
        values = pl.int_range(low, high + 1, eager=True)
        return values.sample(self.n, with_replacement=True, seed=self._next_seed())

    def chance(self, percent: float) -> pl.Series:
        """True with probability `percent` / 100."""
        return self.ints(0, 9_999) < round(percent * 100)

    def choice(self, weights: Weights, dtype: Any = pl.String) -> pl.Series:
        """A value per row, with integer weights (None is a value: unknown)."""
        lookup = [value for value, weight in weights for _ in range(weight)]
        return pl.Series(lookup, dtype=dtype).sample(
            self.n, with_replacement=True, seed=self._next_seed()
        )


def _days(column: str) -> pl.Expr:
    return pl.duration(days=pl.col(column))


def _draws(n: int, seed: int) -> pl.DataFrame:
    """The raw random columns, one draw per row each."""
    d = _Draws(n, seed)
    span = (AS_OF_LAST - AS_OF_FIRST).days
    return pl.DataFrame(
        {
            # When the determination is made.
            "as_of_offset": d.ints(0, span),
            "on_boundary": d.chance(1.5),
            "boundary_day": d.choice([(day, 1) for day in BOUNDARY_DAYS], pl.Date),
            "timed": d.chance(3),
            "utc_hour": d.ints(13, 23),  # 8 a.m. to 6 p.m. EST
            # The person.
            "primary": d.choice(
                [
                    ("MEX", 30),
                    ("GTM", 18),
                    ("HND", 15),
                    ("VEN", 12),
                    ("CUB", 8),
                    ("SLV", 5),
                    ("ECU", 3),
                    ("IND", 2),
                    (None, 7),
                ]
            ),
            "second": d.choice([(None, 95), ("ESP", 3), ("ITA", 2)]),
            "birth_known": d.chance(95),
            "minor": d.chance(7),
            "minor_days": d.ints(0, 18 * YEAR - 10),
            "adult_days": d.ints(18 * YEAR + 10, 70 * YEAR),
            "accompanied_minor": d.choice(
                [
                    ("parent", 40),
                    ("legal_guardian", 10),
                    ("other_adult", 15),
                    ("none", 25),
                    (None, 10),
                ]
            ),
            "accompanied_adult": d.choice([(None, 85), ("none", 10), ("other_adult", 5)]),
            "uac": d.choice([(None, 93), (True, 3), (False, 4)], pl.Boolean),
            "claimed_status": d.choice(
                [(None, 93), ("usc", 1), ("lpr", 2), ("refugee", 1), ("asylee", 3)]
            ),
            "claimed_verified": d.choice([(True, 3), (False, 4), (None, 3)], pl.Boolean),
            # The last arrival: days before as_of, from three spreads.
            "has_arrival": d.chance(97),
            "arrival_spread": d.ints(0, 99),
            "back_days_weeks": d.ints(0, 30),
            "back_days_two_years": d.ints(0, 2 * YEAR + 30),
            "back_days_eight_years": d.ints(0, 8 * YEAR + 2),
            "manner": d.choice(
                [
                    ("without_inspection", 70),
                    ("admitted", 8),
                    ("paroled", 10),
                    ("inspected_not_admitted", 7),
                    (None, 5),
                ]
            ),
            "mode": d.choice([("land", 75), ("air", 12), ("sea", 8), (None, 5)]),
            "port_flag": d.choice([(True, 55), (False, 25), (None, 20)], pl.Boolean),
            "interdicted": d.choice([(True, 25), (False, 60), (None, 15)], pl.Boolean),
            "program": d.choice(
                [
                    ("port_of_entry", 20),
                    ("cbp_one", 20),
                    ("chnv", 15),
                    ("uniting_for_ukraine", 10),
                    ("advance_parole", 10),
                    ("other", 10),
                    (None, 15),
                ]
            ),
            "parole_until_known": d.chance(70),
            "parole_days": d.ints(90, 2 * YEAR),
            "parole_terminated": d.chance(15),
            "terminated_after": d.ints(30, 700),
            # The encounter.
            "encounter_known": d.chance(80),
            "encounter_back": d.ints(0, 45),
            "miles_known": d.chance(92),
            "near_border": d.chance(40),
            "tenths_near": d.ints(0, 1_000),
            "tenths_far": d.ints(0, 20_000),
            # Charges, proceedings, the officer's finding, the evidence.
            "er_ground": d.choice([(None, 70), (True, 25), (False, 5)], pl.Boolean),
            "section_240": d.choice(
                [
                    ("none", 60),
                    ("pending", 10),
                    ("dismissed", 6),
                    ("ordered_removed", 4),
                    ("terminated", 2),
                    (None, 18),
                ]
            ),
            "dismissed_known": d.chance(80),
            "dismissed_back": d.ints(0, 120),
            "appeal_pending": d.choice([(True, 20), (False, 60), (None, 20)], pl.Boolean),
            "appeal_waived": d.choice([(True, 30), (False, 20), (None, 50)], pl.Boolean),
            "ordered_back": d.ints(0, YEAR),
            "cf_decided": d.chance(5),
            "cf_back": d.ints(0, 30),
            "finding": d.choice([(None, 88), ("shown", 6), ("not_shown", 6)]),
            "evidence": d.choice([("from_arrival", 35), ("later", 25), (None, 40)]),
            "evidence_after": d.ints(1, 3 * YEAR),
        }
    )


def synthetic_facts_table(n: int, seed: int) -> pl.DataFrame:
    """`n` synthetic people, one row each, with the columns and types of `FACT_COLUMNS`."""
    raw = _draws(n, seed)
    as_of = pl.col("as_of")
    arrival = pl.col("arrival_date")
    manner = pl.col("arrival_manner")
    mode = pl.col("arrival_mode")
    paroled = manner == "paroled"
    dismissed = pl.col("section_240") == "dismissed"
    known_arrival = arrival.is_not_null()
    table = (
        raw.lazy()
        .with_columns(
            pl.when("on_boundary")
            .then("boundary_day")
            .otherwise(pl.lit(AS_OF_FIRST) + _days("as_of_offset"))
            .alias("as_of"),
            pl.when(pl.col("arrival_spread") < 15)
            .then("back_days_weeks")
            .when(pl.col("arrival_spread") < 50)
            .then("back_days_two_years")
            .otherwise("back_days_eight_years")
            .alias("arrival_back"),
            pl.when("minor").then("minor_days").otherwise("adult_days").alias("age_days"),
            pl.when(pl.col("near_border"))
            .then(pl.col("tenths_near"))
            .otherwise(pl.col("tenths_far"))
            .alias("tenths"),
        )
        .with_columns(
            pl.when("timed")
            .then(
                as_of.cast(pl.Datetime("us")).dt.replace_time_zone("UTC")
                + pl.duration(hours=pl.col("utc_hour"))
            )
            .alias("as_of_instant"),
            pl.when(pl.col("primary").is_not_null())
            .then(pl.concat_list("primary", "second").list.drop_nulls())
            .alias("citizenship"),
            pl.when("birth_known").then(as_of - _days("age_days")).alias("birth_date"),
            pl.when("minor")
            .then("accompanied_minor")
            .otherwise("accompanied_adult")
            .alias("accompanied_by"),
            pl.col("uac"),
            pl.col("claimed_status"),
            pl.when(pl.col("claimed_status").is_not_null())
            .then("claimed_verified")
            .alias("claimed_status_verified"),
            pl.when("has_arrival").then(as_of - _days("arrival_back")).alias("arrival_date"),
            pl.when("encounter_known")
            .then(as_of - _days("encounter_back"))
            .alias("encounter_date"),
            pl.when("miles_known").then(pl.col("tenths") / 10.0).alias("miles_from_land_border"),
            pl.col("er_ground").alias("er_ground_charged"),
            pl.col("section_240"),
            pl.col("finding").alias("presence_finding"),
            pl.when("cf_decided").then(as_of - _days("cf_back")).alias("cf_decided_on"),
        )
        .with_columns(
            pl.when(known_arrival).then("manner").alias("arrival_manner"),
            pl.when(known_arrival).then("mode").alias("arrival_mode"),
            # The encounter is on or after the arrival, on or before as_of.
            pl.when(pl.col("encounter_date").is_not_null())
            .then(pl.max_horizontal("encounter_date", "arrival_date"))
            .alias("encounter_date"),
            pl.when(dismissed & pl.col("dismissed_known"))
            .then(as_of - _days("dismissed_back"))
            .alias("dismissed_on"),
            pl.when(dismissed).then("appeal_pending").alias("dismissal_appeal_pending"),
            pl.when(dismissed).then("appeal_waived").alias("dismissal_appeal_waived"),
            pl.when(pl.col("section_240") == "ordered_removed")
            .then(as_of - _days("ordered_back"))
            .alias("removal_ordered_on"),
            # Evidence runs to the day before as_of, from the arrival or from a later day.
            pl.when(pl.col("evidence") == "from_arrival")
            .then(arrival)
            .when(pl.col("evidence") == "later")
            .then(arrival + _days("evidence_after"))
            .alias("run_candidate"),
        )
        .with_columns(
            pl.when(manner.is_in(["admitted", "inspected_not_admitted"]))
            .then(True)
            .when(paroled)
            .then("port_flag")
            .when(manner == "without_inspection")
            .then(pl.when(pl.col("port_flag").is_not_null()).then(False))
            .alias("arrival_at_port_of_entry"),
            pl.when((mode == "sea") & (manner == "without_inspection"))
            .then("interdicted")
            .when(known_arrival)
            .then(False)
            .alias("arrival_interdicted_at_sea"),
            pl.when(paroled).then("program").alias("parole_program"),
            pl.when(paroled & pl.col("parole_until_known"))
            .then(arrival + _days("parole_days"))
            .alias("parole_until"),
            pl.when(paroled & pl.col("parole_terminated"))
            .then(arrival + _days("terminated_after"))
            .alias("parole_terminated_on"),
            pl.when(pl.col("run_candidate") < as_of)
            .then("run_candidate")
            .alias("evidence_run_start"),
        )
        .with_columns(
            pl.when(pl.col("evidence_run_start") < pl.coalesce("encounter_date", "as_of"))
            .then("evidence_run_start")
            .alias("evidence_run_start_at_encounter"),
        )
    )
    # TPS, deferred action and an affirmative asylum filing (issue 14) are not drawn: none
    # is given for anyone, so the workload stays the one the baselines implement.
    drawn = set(table.collect_schema().names())
    return table.select(
        pl.col(name).cast(dtype) if name in drawn else pl.lit(None, dtype=dtype).alias(name)
        for name, dtype in FACT_COLUMNS.items()
    ).collect()


def facts_document(row: dict[str, Any]) -> Facts:
    """A facts document whose `facts_row` is `row` (one arrival, one piece of evidence)."""
    instant: datetime | None = row["as_of_instant"]
    as_of: date | datetime = instant.astimezone(UTC) if instant is not None else row["as_of"]
    arrivals: list[dict[str, Any]] = []
    if row["arrival_date"] is not None:
        parole = {
            "program": row["parole_program"],
            "until": row["parole_until"],
            "terminated_on": row["parole_terminated_on"],
        }
        arrivals.append(
            {
                "date": row["arrival_date"],
                "manner": row["arrival_manner"],
                "mode": row["arrival_mode"],
                "at_port_of_entry": row["arrival_at_port_of_entry"],
                "interdicted_at_sea": row["arrival_interdicted_at_sea"],
                "parole": parole if any(v is not None for v in parole.values()) else None,
            }
        )
    encounter = None
    if row["encounter_date"] is not None or row["miles_from_land_border"] is not None:
        encounter = {
            "date": row["encounter_date"],
            "miles_from_land_border": row["miles_from_land_border"],
        }
    charged: bool | None = row["er_ground_charged"]
    grounds = None if charged is None else (["7"] if charged else ["9B"])
    proceedings = {
        "section_240": row["section_240"],
        "dismissed_on": row["dismissed_on"],
        "dismissal_appeal_pending": row["dismissal_appeal_pending"],
        "dismissal_appeal_waived": row["dismissal_appeal_waived"],
        "removal_ordered_on": row["removal_ordered_on"],
    }
    stage = None
    if row["cf_decided_on"] is not None:
        stage = {"credible_fear": {"result": "negative", "decided_on": row["cf_decided_on"]}}
    evidence = []
    if row["evidence_run_start"] is not None:
        evidence.append(
            {
                "kind": "lease",
                "from": row["evidence_run_start"],
                "to": row["as_of"] - timedelta(days=1),
            }
        )
    return Facts.model_validate(
        {
            "as_of": as_of,
            "person": {
                "citizenship": row["citizenship"],
                "birth_date": row["birth_date"],
                "accompanied_by": row["accompanied_by"],
                "uac": row["uac"],
                "claimed_status": row["claimed_status"],
                "claimed_status_verified": row["claimed_status_verified"],
            },
            "arrivals": arrivals,
            "encounter": encounter,
            "inadmissibility_grounds": grounds,
            "proceedings": (
                proceedings if any(v is not None for v in proceedings.values()) else None
            ),
            "expedited_removal": stage,
            "presence_finding": row["presence_finding"],
            "evidence": evidence,
        }
    )
