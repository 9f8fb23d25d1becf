"""Business days: weekends and the observed federal holidays of 5 U.S.C. 6103, not a
financial calendar, and executive-order closures kept apart."""

from __future__ import annotations

from datetime import date

import pytest

from erpath.procedure.calendar import (
    executive_closure,
    executive_closures,
    holiday_dates,
    holiday_name,
    is_business_day,
    next_business_day_on_or_after,
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 20), date(2026, 3, 20)),  # Friday
        (date(2026, 3, 21), date(2026, 3, 23)),  # Saturday
        (date(2026, 3, 22), date(2026, 3, 23)),  # Sunday
        (date(2026, 7, 3), date(2026, 7, 6)),  # Independence Day observed (4 July a Saturday)
        (date(2027, 7, 5), date(2027, 7, 6)),  # Independence Day observed (4 July a Sunday)
        (date(2027, 12, 31), date(2028, 1, 3)),  # New Year's Day 2028 observed, then a weekend
        (date(2025, 12, 25), date(2025, 12, 26)),  # Christmas; the 26th is not a legal holiday
        (date(2026, 11, 26), date(2026, 11, 27)),  # Thanksgiving
        (date(2026, 10, 12), date(2026, 10, 13)),  # Columbus Day: a federal holiday
        (date(2026, 4, 3), date(2026, 4, 3)),  # Good Friday: not a federal holiday
        (date(2021, 6, 18), date(2021, 6, 21)),  # Juneteenth 2021 observed
        (date(2020, 6, 19), date(2020, 6, 19)),  # Juneteenth before it was a holiday
    ],
)
def test_next_business_day_on_or_after(day: date, expected: date) -> None:
    assert next_business_day_on_or_after(day) == expected
    assert is_business_day(expected)


def test_the_holiday_list_for_a_vectorised_path() -> None:
    listed = holiday_dates(2026, 2026)
    assert listed == sorted(listed)
    assert date(2026, 7, 3) in listed
    assert date(2026, 4, 3) not in listed
    assert all(holiday_name(d) for d in listed)
    assert date(2027, 12, 31) in holiday_dates(2027, 2028)


def test_executive_order_closures_are_kept_apart_from_legal_holidays() -> None:
    assert executive_closure(date(2024, 12, 24)) is not None
    assert is_business_day(date(2024, 12, 24))
    assert not set(executive_closures(2024, 2026)) & set(holiday_dates(2024, 2026))
