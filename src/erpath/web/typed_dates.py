"""Dates as people type them, in English or Spanish: `2026-01-20`, `1/20/2026`, `01-20-26`,
`January 20, 2026`, `Jan 20 2026`, `20 January 2026`, `20 de enero de 2026`, `20 ene 2026`.

Numbers alone are read month first (the US form, as the evidence spreadsheets are); a first
number over 12 is refused rather than read day first, since 13/12/2024 and 12/13/2024 would
then mean different days by the same rule. A two-digit year is 20YY when that is not more
than a year ahead of `today`, else 19YY."""

from __future__ import annotations

import re
from datetime import date

from babel.dates import get_month_names

from erpath.contract.facts import within_range
from erpath.wording.catalogs import LANGUAGES


class TypedDateError(ValueError):
    """A date that cannot be read: `problem` is `month_first` (a first number over 12),
    `no_such_day` (30 February) or `unreadable`."""

    def __init__(self, problem: str, typed: str) -> None:
        super().__init__(f"{typed!r}: {problem}")
        self.problem = problem
        self.typed = typed


def _months() -> dict[str, int]:
    names: dict[str, int] = {}
    for language in LANGUAGES:
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=language).items():
                names[_plain(name).rstrip(".")] = number
    names["sept"] = 9
    names["setiembre"] = 9
    return names


def _plain(text: str) -> str:
    return (
        text.casefold()
        .replace("á", "a")
        .replace("é", "e")
        .replace("í", "i")
        .replace("ó", "o")
        .replace("ú", "u")
    )


MONTHS = _months()
NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
WORDS = re.compile(r"[a-zñ]+\.?|\d+")


def _year(text: str, today: date) -> int:
    if len(text) == 4:
        return int(text)
    year = 2000 + int(text)
    return year if year <= today.year + 1 else year - 100


def _make(year: int, month: int, day: int, typed: str) -> date:
    try:
        return within_range(date(year, month, day))
    except ValueError:
        raise TypedDateError("no_such_day", typed) from None


def read_date(typed: str, today: date) -> date:
    """The day `typed` names; TypedDateError naming the problem."""
    text = _plain(typed.strip()).replace(",", " ")
    if m := ISO.match(text):
        return _make(int(m[1]), int(m[2]), int(m[3]), typed)
    if m := NUMERIC.match(text):
        month, day = int(m[1]), int(m[2])
        if month > 12:
            raise TypedDateError("month_first", typed)
        return _make(_year(m[3], today), month, day, typed)
    parts = [p.rstrip(".") for p in WORDS.findall(text) if p not in ("de", "del", "of", "the")]
    months = [MONTHS[p] for p in parts if p in MONTHS]
    numbers = [p for p in parts if p.isdigit()]
    if len(months) == 1 and len(numbers) == 2 and len(parts) == 3:
        day, year = sorted(numbers, key=len)
        if len(year) in (2, 4) and len(day) <= 2:
            return _make(_year(year, today), months[0], int(day), typed)
    raise TypedDateError("unreadable", typed)


__all__ = ["TypedDateError", "read_date"]
