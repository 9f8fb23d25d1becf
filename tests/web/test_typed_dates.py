"""Dates as people type them (erpath.web.typed_dates): month first when numbers alone,
month names in English and Spanish, and refusals that say why."""

from __future__ import annotations

from datetime import date

import pytest

from erpath.web.typed_dates import TypedDateError, read_date

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2026-01-20", date(2026, 1, 20)),
        ("1/20/2026", date(2026, 1, 20)),
        ("01-20-26", date(2026, 1, 20)),
        ("1.20.2026", date(2026, 1, 20)),
        ("05/06/2024", date(2024, 5, 6)),  # month first, as stated
        ("January 20, 2026", date(2026, 1, 20)),
        ("Jan 20 2026", date(2026, 1, 20)),
        ("20 January 2026", date(2026, 1, 20)),
        ("20 de enero de 2026", date(2026, 1, 20)),
        ("20 ene. 2026", date(2026, 1, 20)),
        ("3 de setiembre de 2025", date(2025, 9, 3)),
        ("2 de marzo de 1995", date(1995, 3, 2)),
        ("3/2/95", date(1995, 3, 2)),  # 2095 would be more than a year ahead
        ("Sept 3 2025", date(2025, 9, 3)),
    ],
)
def test_dates_people_type(typed: str, day: date) -> None:
    assert read_date(typed, TODAY) == day


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("13/12/2024", "month_first"),  # day first: refused, not guessed
        ("2/30/2026", "no_such_day"),
        ("1/1/1850", "no_such_day"),  # before the days erpath covers
        ("next Tuesday", "unreadable"),
        ("20 January", "unreadable"),  # no year
    ],
)
def test_dates_refused_with_the_reason(typed: str, problem: str) -> None:
    with pytest.raises(TypedDateError) as raised:
        read_date(typed, TODAY)
    assert raised.value.problem == problem
