"""Business days for filing deadlines: weekends and the observed federal holidays.

The holidays are the legal public holidays of 5 U.S.C. 6103(a), on the day federal offices
observe them (6103(b): a holiday on a Saturday is observed on the Friday before, one on a
Sunday on the Monday after), as the `holidays` package gives them for the United States
without a state (its "public" category). Days on which the President closed executive
departments by order (e.g. 24 December 2024) are not legal holidays here; they are
listed by `executive_closures` so that a deadline falling on one can say so
(docs/adr/0006-deadlines-and-business-days.md).

`holiday_dates` gives the holidays of a span of years as a sorted list, for a vectorised
path (e.g. polars' `add_business_days(0, roll="forward", holidays=...)`).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from holidays import country_holidays

ONE_DAY = timedelta(days=1)


@cache
def _observed(year: int) -> dict[date, str]:
    """The observed federal holidays the package lists for `year` (an observed New Year's
    Day on 31 December belongs to the next year's holiday but is listed under this one)."""
    return dict(country_holidays("US", years=year, observed=True, categories=("public",)).items())


@cache
def _closures(year: int) -> dict[date, str]:
    government = country_holidays("US", years=year, observed=True, categories=("government",))
    return {d: name for d, name in government.items() if d not in _observed(year)}


def holiday_name(day: date) -> str | None:
    """The holiday observed on `day`, or None."""
    return _observed(day.year).get(day)


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and holiday_name(day) is None


def next_business_day_on_or_after(day: date) -> date:
    """`day` if it is a business day, else the next one."""
    while not is_business_day(day):
        day += ONE_DAY
    return day


def why_not_business_day(day: date) -> str | None:
    """'Saturday', 'Sunday' or the holiday's name; None on a business day."""
    if day.weekday() == 5:
        return "Saturday"
    if day.weekday() == 6:
        return "Sunday"
    return holiday_name(day)


def executive_closure(day: date) -> str | None:
    """The name of an executive-order closure of federal offices on `day`, or None."""
    return _closures(day.year).get(day)


def holiday_dates(first_year: int, last_year: int) -> list[date]:
    """Every observed federal holiday from `first_year` through `last_year`, sorted."""
    return sorted(d for year in range(first_year, last_year + 1) for d in _observed(year))


def executive_closures(first_year: int, last_year: int) -> list[date]:
    """Every executive-order closure day the package lists, sorted."""
    return sorted(d for year in range(first_year, last_year + 1) for d in _closures(year))
