"""A table of many people on one day is answered one class of rows at a time
(`erpath.rules.classes`): every row must still get the answer the row evaluator gives it,
with dates crowded around each day at which a time limit, an age or a designation turns
(two years, fourteen days, eighteen years, 29 February, the first day of ER)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from functools import partial
from typing import Any

import polars as pl
import pytest

from erpath.law.years import anniversary
from erpath.rules import RuleSet, vectorised
from erpath.rules.answer import evaluate_row
from erpath.rules.classes import Classes, classes
from erpath.rules.row import FACT_COLUMNS, facts_frame
from erpath.rules.ruleset import KEPT
from erpath.rules.vectorised import constants, determine_table

DAYS = [
    date(2025, 1, 21),  # the 2025 designation takes effect at 6:00 p.m. EST
    date(2025, 6, 10),
    date(2024, 2, 29),
    date(2026, 3, 1),  # two years after a 29 February falls on 1 March
    date(2019, 7, 23),
    date(2025, 9, 1),  # the 2025 designation stayed
]


def _near(day: date, spread: int) -> list[date]:
    return [day + timedelta(days=d) for d in range(-spread, spread + 1)]


def _rows(
    day: date, count: int, rng: random.Random, encounters: bool = False
) -> list[dict[str, Any]]:
    """`count` people on `day`; with `encounters`, some are encountered on the day (the
    rules then read their dates against the encounter's day, a column)."""
    arrivals = [
        *_near(anniversary(day, -2), 3),
        *_near(day - timedelta(days=14), 2),
        *_near(day, 1),
        *_near(date(1997, 4, 1), 1),
        date(2020, 2, 29),
        date(1900, 1, 1),
        None,
    ]
    births = [*_near(anniversary(day, -18), 2), date(2008, 2, 29), date(1980, 6, 30), None]
    rows = []
    for _ in range(count):
        arrival = rng.choice(arrivals)
        rows.append(
            dict.fromkeys(FACT_COLUMNS)
            | {
                "as_of": day,
                "citizenship": rng.choice([["HND"], ["VEN"], ["CUB"], ["MEX", "VEN"], None]),
                "birth_date": rng.choice(births),
                "accompanied_by": rng.choice([None, "none", "parent"]),
                "arrival_date": arrival if arrival is None or arrival <= day else None,
                "arrival_manner": rng.choice(
                    ["without_inspection", "admitted", "paroled", "inspected_not_admitted", None]
                ),
                "arrival_mode": rng.choice(["land", "sea", "air", None]),
                "arrival_at_port_of_entry": rng.choice([True, False, None]),
                "miles_from_land_border": rng.choice([None, 50.0, 150.0]),
                "parole_until": rng.choice([None, *_near(day, 1)]),
                "encounter_date": rng.choice([None, day]) if encounters else None,
                "section_240": rng.choice(["none", "dismissed", "pending", None]),
                "dismissed_on": rng.choice([None, day - timedelta(days=30), day]),
                "dismissal_appeal_pending": rng.choice([False, None]),
            }
        )
    return rows


def _dismissed_adult(day: date) -> dict[str, Any]:
    """An adult who crossed by land without inspection, 150 miles from the border, whose
    240 case was dismissed two months before `day` (arrival date left to the caller)."""
    return dict.fromkeys(FACT_COLUMNS) | {
        "as_of": day,
        "citizenship": ["HND"],
        "birth_date": date(1990, 1, 1),
        "arrival_manner": "without_inspection",
        "arrival_mode": "land",
        "miles_from_land_border": 150.0,
        "section_240": "dismissed",
        "dismissed_on": day - timedelta(days=60),
        "dismissal_appeal_pending": False,
    }


@pytest.mark.parametrize("at_once", [True, False], ids=["splits-at-once", "case-by-case"])
@pytest.mark.parametrize("encounters", [False, True], ids=["as_of", "encounters"])
@pytest.mark.parametrize("day", DAYS, ids=str)
def test_each_row_gets_the_row_evaluators_answer(
    rules: RuleSet, day: date, encounters: bool, at_once: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both ways of answering the case splits (all rows under all cases in one run, or
    case by case on the rows still open) give every row its own answer."""
    if not at_once:
        monkeypatch.setattr(vectorised, "AT_ONCE_ROWS", 0)
    rows = _rows(day, 500, random.Random(day.toordinal()), encounters)
    table = determine_table(rules, facts_frame(rows)).to_dicts()
    for row, got in zip(rows, table, strict=True):
        one = evaluate_row(rules, row)
        assert (got["er_applicable"], got["blocking"]) == (one.er_applicable, one.blocking), row
        assert got["category"] == one.values["category"], row


@pytest.mark.parametrize("day", [date(2025, 6, 10), date(2026, 3, 1)], ids=str)
def test_every_arrival_and_birth_day_around_the_limits(rules: RuleSet, day: date) -> None:
    """Every arrival day of the three years before `day` and every birth day around the
    eighteenth birthday: each class's change days must fall exactly where the answers do."""
    base = _dismissed_adult(day)
    eighteen = anniversary(day, -18)
    rows = [base | {"arrival_date": day - timedelta(days=n)} for n in range(3 * 366)] + [
        base
        | {"arrival_date": day - timedelta(days=30), "birth_date": eighteen + timedelta(days=n)}
        for n in range(-40, 40)
    ]
    table = determine_table(rules, facts_frame(rows)).to_dicts()
    for row, got in zip(rows, table, strict=True):
        one = evaluate_row(rules, row)
        assert (got["er_applicable"], got["blocking"]) == (one.er_applicable, one.blocking), row


def test_dates_read_only_against_fixed_days_are_grouped(rules: RuleSet) -> None:
    """On one day with no encounter dates, arrival and birth dates are read only against
    fixed days, so they are keyed by their place among those days; where encounter dates
    vary, the arrival is read against them and keeps its value."""
    day = date(2025, 6, 10)
    frame = facts_frame(_rows(day, 200, random.Random(7)))
    found = classes(rules, frame.schema, [constants(frame, FACT_COLUMNS)])
    assert {"arrival_date", "birth_date", "parole_until"} <= set(found.dates)
    assert anniversary(day, -2) + timedelta(days=1) in found.dates["arrival_date"]
    # Every arrival of the three years before the day: a handful of classes.
    one = _dismissed_adult(day)
    every_day = facts_frame(
        [one | {"arrival_date": day - timedelta(days=n)} for n in range(3 * 366)]
    )
    found_daily = classes(rules, every_day.schema, [constants(every_day, FACT_COLUMNS)])
    assert found_daily.ids(every_day).n_unique() <= 5
    two_years = anniversary(day, -2)
    assert {two_years, two_years + timedelta(days=1)} <= set(found_daily.dates["arrival_date"])
    # Nothing about the day is left to read row by row.
    assert "as_of" not in found.columns

    varied = facts_frame(_rows(day, 200, random.Random(7), encounters=True))
    found = classes(rules, varied.schema, [constants(varied, FACT_COLUMNS)])
    assert "arrival_date" not in found.dates
    assert "arrival_date" in found.columns


@pytest.mark.parametrize("apart", [1, 30, 10_000])
def test_rows_of_several_days_in_any_order(rules: RuleSet, apart: int) -> None:
    """Days answered apart (all, those with 30 rows or more, none), in the table's order."""
    rng = random.Random(11)
    rows = [row for i, day in enumerate(DAYS) for row in _rows(day, 20 + 4 * i, rng)]
    rng.shuffle(rows)
    table = determine_table(rules, pl.DataFrame(rows, schema=FACT_COLUMNS), apart=apart)
    expected = [evaluate_row(rules, row).er_applicable for row in rows]
    assert table["er_applicable"].to_list() == expected


def test_a_ruleset_remembers_a_bounded_number_of_computations(rules: RuleSet) -> None:
    """A long-running server folds the rules for each new day: the memory stays bounded,
    and what is remembered is given back, not computed again."""
    day = date(2025, 1, 1)
    folded = rules.folded({"as_of": day}, "end")
    assert rules.folded({"as_of": day}, "end") is folded
    for n in range(KEPT + 10):
        assert rules.remember(("test", n), partial(int, n)) == n
    assert len(rules._memo) <= KEPT
    assert rules.folded({"as_of": day}, "end") is not folded  # forgotten, made again


def test_class_ids_tell_rows_apart_exactly_even_past_64_bits() -> None:
    """Nine columns of 256 values each: as digits, the first would be worth 2**64 and
    wrap to nothing; the ids are re-coded on the way and still tell apart two rows that
    differ only there."""
    names = tuple("abcdefghi")
    every = pl.DataFrame({n: list(range(256)) for n in names})
    pair = pl.DataFrame({n: [1 if n == "a" else 0, 0] for n in names})
    frame = pl.concat([every, pair]).cast(pl.Int64)
    ids = Classes(names, {}).ids(frame)
    assert ids[-2] != ids[-1]
    both = frame.with_columns(ids)
    assert both.select(names).n_unique() == ids.n_unique()
    assert both.group_by(names).agg(pl.col("_class").n_unique()).get_column("_class").max() == 1


def test_columns_read_only_against_given_values_are_keyed_by_which_they_equal(
    rules: RuleSet,
) -> None:
    """The manner of arrival is read only by asking whether it is "admitted",
    "paroled" and so on: it is keyed by which of those it is (any other value one class,
    null another), and a value the rules never name answers like any other such value."""
    day = date(2025, 6, 10)
    frame = facts_frame(_rows(day, 200, random.Random(7)))
    found = classes(rules, frame.schema, [constants(frame, FACT_COLUMNS)])
    assert "arrival_manner" in found.equals
    assert {"admitted", "paroled", "without_inspection"} <= set(found.equals["arrival_manner"])
    assert "arrival_manner" not in found.columns
    base = _dismissed_adult(day)
    odd = facts_frame([base | {"arrival_manner": m} for m in ("not_a_manner", "also_not", None)])
    ids = found.ids(odd).to_list()
    assert ids[0] == ids[1] != ids[2]


def test_class_ids_coded_by_a_table_of_keys_are_dense_and_exact() -> None:
    """Few possible keys are coded by a table of them rather than by hashing: the ids run
    0..n-1 and two rows share one exactly when their keys agree (values past those named
    are one class, null another)."""
    rng = random.Random(3)
    values = [rng.randrange(50) if rng.random() < 0.9 else None for _ in range(2000)]
    frame = pl.DataFrame({"a": values, "b": [rng.randrange(7) for _ in range(2000)]})
    ids = Classes(("b",), {}, equals={"a": tuple(range(40))}).ids(frame)
    keys = frame.select(
        pl.when(pl.col("a") >= 40).then(40).otherwise(pl.col("a")).alias("a"), "b"
    ).with_columns(ids)
    assert sorted(ids.unique().to_list()) == list(range(ids.n_unique()))
    assert keys.select("a", "b").n_unique() == ids.n_unique()
    assert keys.group_by("a", "b").agg(pl.col("_class").n_unique())["_class"].max() == 1
