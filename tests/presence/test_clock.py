"""The presence clock and evidence coverage (8 CFR 235.3(b)(1)(ii))."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from erpath.contract.facts import Facts
from erpath.law.years import anniversary
from erpath.presence import (
    AbroadError,
    Stretch,
    coverage,
    gaps_within,
    last_arrival,
    period_start,
)

D = date.fromisoformat


def test_overlapping_and_adjacent_documents_merge() -> None:
    cov = coverage(
        [
            (D("2024-01-01"), D("2024-01-10")),
            (D("2024-01-05"), D("2024-01-20")),
            (D("2024-01-21"), D("2024-01-21")),
        ],
        D("2024-01-01"),
        D("2024-02-01"),
    )
    assert cov.covered == (Stretch(D("2024-01-01"), D("2024-01-21")),)
    assert cov.gaps == (Stretch(D("2024-01-22"), D("2024-01-31")),)
    assert (cov.days, cov.shown_days, cov.run_start) == (31, 21, None)


def test_evidence_outside_the_window_is_clipped_and_the_run_reaches_the_day_before() -> None:
    cov = coverage([(D("2023-06-01"), D("2024-12-31"))], D("2024-02-29"), D("2024-03-10"))
    assert cov.shown_days == 10
    assert cov.gaps == ()
    assert cov.run_start == D("2024-02-29")


def test_no_evidence_is_one_gap_over_the_whole_window() -> None:
    cov = coverage([], D("2024-02-28"), D("2024-03-02"))
    assert cov.gaps == (Stretch(D("2024-02-28"), D("2024-03-01")),)
    assert cov.days == 3
    assert cov.run_start is None


def _facts(**extra: object) -> Facts:
    return Facts.model_validate(
        {
            "as_of": "2025-06-10",
            "arrivals": [{"date": "2022-01-10"}, {"date": "2024-03-01"}],
            "departures": ["2023-12-20"],
            **extra,
        }
    )


def test_the_clock_starts_at_the_last_arrival_before_the_date() -> None:
    facts = _facts()
    arrival = last_arrival(facts, D("2025-06-10"))
    assert arrival is not None
    assert arrival.date == D("2024-03-01")
    earlier = last_arrival(facts, D("2023-12-20"))
    assert earlier is not None
    assert earlier.date == D("2022-01-10")


def test_a_date_after_a_departure_and_before_the_return_places_the_person_abroad() -> None:
    with pytest.raises(AbroadError, match="as_of: the person left the United States on 2023-12-20"):
        last_arrival(_facts(), D("2024-01-15"))


@pytest.mark.parametrize(
    ("day", "start"),
    [
        ("2025-06-10", "2023-06-10"),
        ("2028-02-29", "2026-02-28"),  # 2026-02-28 + 2 years = 2028-02-28, on or before
        ("2026-03-01", "2024-03-01"),
    ],
)
def test_the_two_years_before_a_day_start_where_their_anniversary_allows(
    day: str, start: str
) -> None:
    assert period_start(D(day), 2) == D(start)
    assert anniversary(D(start), 2) <= D(day) < anniversary(D(start) + timedelta(days=1), 2)


def test_gaps_within_the_period_are_clipped_to_its_start() -> None:
    cov = coverage([(D("2024-02-01"), D("2024-02-10"))], D("2024-01-01"), D("2024-03-01"))
    assert gaps_within(cov, D("2024-01-05")) == (
        Stretch(D("2024-01-05"), D("2024-01-31")),
        Stretch(D("2024-02-11"), D("2024-02-29")),
    )
