"""Counting in years, the one definition: the law's periods of years (two years' presence,
the age of a child, a deadline of one year) end on an anniversary.

An anniversary of 29 February in a common year is 1 March (ADR 0002: the period is not
complete until the day after 28 February); a deadline may instead name 28 February
(procedure.yaml `leap_day`).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

LeapDay = Literal["march_1", "february_28"]


def anniversary(day: date, years: int, leap_day: LeapDay = "march_1") -> date:
    """The same day `years` later (or earlier, for negative `years`); 29 February falls on
    `leap_day` in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February, and the other year is not a leap year
        return date(day.year + years, *((2, 28) if leap_day == "february_28" else (3, 1)))


def period_start(day: date, years: int) -> date:
    """The first day of the `years` immediately before `day`: the latest start whose
    `years`-th anniversary falls on or before `day` (from 29 February: 28 February)."""
    return anniversary(day, -years, leap_day="february_28")
