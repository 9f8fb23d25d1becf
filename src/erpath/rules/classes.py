"""Rows the rules cannot tell apart, so that a table is answered one class at a time.

Folded with the columns a table's rows share (`Expr.fold`), the rules read a date column
only through comparisons of the date, moved by whole days or years, with a fixed date
(`arrival + 2 years > as_of` once `as_of` is fixed). Each such comparison changes value at
one or two days, found here by bisection with the row evaluator's own date arithmetic; two
dates between the same change days answer every comparison alike. A row's class is
therefore its date columns' positions among the change days and its other columns as
they are; the rules run on one row of each class.

A list column read only by asking whether it holds given values (citizenship: "VEN",
"CUB") is keyed by those answers, and any other column read only by asking whether it
equals given values (the manner of arrival: "admitted", "paroled") by which of them it
equals. A column the rules read any other way (compared with another column, returned as
a value) keeps its values. Only what the
answer reads counts: `er_applicable`, `category` and the blocking codes (`OUTPUTS`).
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np
import polars as pl

from erpath.law.moment import Side
from erpath.law.years import anniversary
from erpath.rules.expr import (
    Anniversary,
    Cmp,
    Col,
    Contains,
    Expr,
    IsIn,
    IsNull,
    Lit,
    PlusDays,
    Reached,
    When,
)
from erpath.rules.ruleset import BLOCKING_CODES, RuleSet

OUTPUTS = ("er_applicable", "category", *(f"b:{code}" for code in BLOCKING_CODES))
# Up to this many possible keys, rows are coded by a table of the keys, not by hashing.
DIRECT_CODES = 1 << 22
Shift = Callable[[date], date]


def _later(day: date, days: int) -> date:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _anniversary(day: date, years: int) -> date:
    try:
        return anniversary(day, years)
    except ValueError:
        return date.max if years > 0 else date.min


@dataclass
class _Reading:
    """What the folded rules read of each column: of a date, the days at which a
    comparison changes value; of a list, the values asked of it; of another column, the
    values it is compared with for equality; or that they read it some other way
    (`opaque`)."""

    definitions: Mapping[str, Expr]
    dates: frozenset[str]
    lists: frozenset[str]
    changes: dict[str, list[date]] = field(default_factory=dict)
    members: dict[str, set[Any]] = field(default_factory=dict)
    equals: dict[str, set[Any]] = field(default_factory=dict)
    opaque: set[str] = field(default_factory=set)
    read: set[str] = field(default_factory=set)
    seen: set[str] = field(default_factory=set)

    def term(self, e: Expr) -> tuple[str, tuple[Shift, ...]] | None:
        """`e` as a date column moved by fixed days or years, if it is one."""
        if isinstance(e, Col):
            if e.name in self.dates:
                return e.name, ()
            if e.name in self.definitions:
                return self.term(self.definitions[e.name])
            return None
        if isinstance(e, PlusDays | Anniversary):
            inner = self.term(e.a)
            by = e.days if isinstance(e, PlusDays) else e.years
            if inner is None or not isinstance(by, Lit) or not isinstance(by.value, int):
                return None
            n: int = by.value
            step: Shift = (
                (lambda d: _later(d, n))
                if isinstance(e, PlusDays)
                else (lambda d: _anniversary(d, n))
            )
            return inner[0], (*inner[1], step)
        return None

    def note(self, column: str, shifts: tuple[Shift, ...], fixed: date) -> None:
        """The first day x with f(x) >= fixed and the first with f(x) > fixed (f is
        non-decreasing): every comparison of f(x) with `fixed` changes only there."""

        def f(day: date) -> date:
            for shift in shifts:
                day = shift(day)
            return day

        self.read.add(column)
        days = self.changes.setdefault(column, [])
        for strict in (False, True):
            lo, hi = date.min.toordinal(), date.max.toordinal() + 1
            while lo < hi:
                mid = (lo + hi) // 2
                value = f(date.fromordinal(mid))
                if value > fixed or (not strict and value == fixed):
                    hi = mid
                else:
                    lo = mid + 1
            if lo <= date.max.toordinal():
                day = date.fromordinal(lo)
                if day not in days:
                    insort(days, day)

    def compared(self, e: Expr) -> tuple[str, tuple[Any, ...]] | None:
        """The column `e` compares for equality with given values, and the values (none
        for a test of null), if it does."""
        if isinstance(e, IsIn):
            target, values = e.a, e.values
        elif isinstance(e, IsNull):
            target, values = e.a, ()
        elif isinstance(e, Cmp) and e.op in ("eq", "ne") and isinstance(e.b, Lit):
            target, values = e.a, (e.b.value,)
        else:
            return None
        if not isinstance(target, Col) or target.name in self.definitions:
            return None
        if target.name in self.dates | self.lists:
            return None
        return target.name, values

    def visit(self, e: Expr) -> None:
        if isinstance(e, Col):
            if e.name in self.definitions:
                if e.name not in self.seen:
                    self.seen.add(e.name)
                    self.visit(self.definitions[e.name])
                return
            self.read.add(e.name)
            self.opaque.add(e.name)
            return
        if (compared := self.compared(e)) is not None:
            column, values = compared
            self.read.add(column)
            self.equals.setdefault(column, set()).update(values)
            return
        if isinstance(e, Contains) and isinstance(e.a, Col) and e.a.name in self.lists:
            self.read.add(e.a.name)
            self.members.setdefault(e.a.name, set()).add(e.value)
            return
        if isinstance(e, Cmp):
            for one, other in ((e.a, e.b), (e.b, e.a)):
                found = self.term(one)
                if found and isinstance(other, Lit) and type(other.value) is date:
                    self.note(found[0], found[1], other.value)
                    return
        if isinstance(e, Reached):
            self.read.update(("as_of", "as_of_instant"))
            self.opaque.add("as_of")
            return
        if isinstance(e, IsNull) and (found := self.term(e.a)):
            self.read.add(found[0])
            return
        if isinstance(e, When):
            for condition, value in e.branches:
                self.visit(condition)
                self.visit(value)
            self.visit(e.otherwise)
            return
        for value in vars(e).values():
            if isinstance(value, Expr):
                self.visit(value)


@dataclass(frozen=True)
class Classes:
    """How to key a table's rows by class: the columns read as they are, and the date
    columns read only through comparisons, each with its change days."""

    columns: tuple[str, ...]
    dates: Mapping[str, tuple[date, ...]]
    members: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    equals: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)

    def digits(self) -> list[tuple[pl.Expr, int | None]]:
        """Each key column as a code with its number of values (None: any other column,
        to be coded by its distinct values): a date column's position among its change
        days, a list column's holding each value asked of it, another column's place among
        the values it is compared with (the last but one: any other value); null is a
        value."""
        found: list[tuple[pl.Expr, int | None]] = [(pl.col(n), None) for n in self.columns]
        for name, values in self.equals.items():
            other = len(values)
            place: pl.Expr = pl.lit(other, pl.UInt64)
            for i, v in reversed(list(enumerate(values))):
                place = (
                    pl.when(pl.col(name) == pl.lit(v)).then(pl.lit(i, pl.UInt64)).otherwise(place)
                )
            null = pl.col(name).is_null()
            found.append(
                (pl.when(null).then(pl.lit(other + 1, pl.UInt64)).otherwise(place), other + 2)
            )
        for name, values in self.members.items():
            for v in values:
                held = pl.col(name).list.contains(pl.lit(v))
                code = pl.when(held.is_null()).then(0).when(held).then(2).otherwise(1)
                found.append((code, 3))
        for name, days in self.dates.items():
            position = pl.lit(pl.Series(days, dtype=pl.Date)).search_sorted(
                pl.col(name), side="right"
            )
            code = pl.when(pl.col(name).is_null()).then(len(days) + 1).otherwise(position)
            found.append((code, len(days) + 2))
        return found

    def ids(self, frame: pl.DataFrame) -> pl.Series:
        """One UInt64 per row of `frame`, 0 to the number of classes less one, equal for
        two rows exactly when they are of one class: the key columns' codes as the digits
        of a number, coded densely again whenever the number could overflow, and at the
        end."""
        digits = self.digits()
        columns = frame.select(
            (code if known is None else code.cast(pl.UInt64)).alias(f"_d{i}")
            for i, (code, known) in enumerate(digits)
        )
        result, size = pl.zeros(frame.height, pl.UInt64, eager=True).alias("_class"), 1
        for i, (_, known) in enumerate(digits):
            codes, radix = (
                (columns.get_column(f"_d{i}"), known)
                if known is not None
                else _dense(columns.get_column(f"_d{i}"))
            )
            if size * radix >= 1 << 63:
                result, size = _dense(result)
            result, size = result * radix + codes, size * radix
        if size <= DIRECT_CODES:
            return _dense_small(result, size).alias("_class")
        return _dense(result)[0].alias("_class")


def classes(
    rules: RuleSet,
    schema: Mapping[str, Any],
    fixed: Iterable[Mapping[str, Any]],
    sides: Iterable[Side] = ("start", "end"),
) -> Classes:
    """The classes of a table with columns `schema`, for every set of `fixed` columns the
    rules will be folded with (the table's constants, and each case of a split) and each
    side of the day."""
    folds = [dict(known) for known in fixed]
    key = (
        "classes",
        tuple(tuple(sorted(known.items())) for known in folds),
        tuple((n, str(t)) for n, t in schema.items()),
        tuple(sides),
    )
    return rules.remember(key, lambda: _classes(rules, schema, folds, tuple(sides)))


def _classes(
    rules: RuleSet,
    schema: Mapping[str, Any],
    fixed: list[dict[str, Any]],
    sides: tuple[Side, ...],
) -> Classes:
    dates = frozenset(n for n, t in schema.items() if t == pl.Date)
    lists = frozenset(n for n, t in schema.items() if isinstance(t, pl.List))
    changes: dict[str, set[date]] = {}
    members: dict[str, set[Any]] = {}
    equals: dict[str, set[Any]] = {}
    opaque: set[str] = set()
    read: set[str] = set()
    for known in fixed:
        for side in sides:
            definitions = {
                name: e
                for stage in rules.folded(known, side)
                for name, e in stage.items()
                if not isinstance(e, Lit)
            }
            reading = _Reading(definitions, dates - set(known), lists - set(known))
            for name in OUTPUTS:
                if name in definitions:
                    reading.visit(definitions[name])
            for column, days in reading.changes.items():
                changes.setdefault(column, set()).update(days)
            for column, values in reading.members.items():
                members.setdefault(column, set()).update(values)
            for column, values in reading.equals.items():
                equals.setdefault(column, set()).update(values)
            opaque |= reading.opaque
            read |= reading.read
    by_change = {n: tuple(sorted(changes[n])) for n in sorted(changes) if n not in opaque}
    by_member = {n: tuple(sorted(members[n])) for n in sorted(members) if n not in opaque}
    by_value = {n: tuple(sorted(equals[n], key=repr)) for n in sorted(equals) if n not in opaque}
    keyed = by_change | by_member | by_value
    kept = tuple(n for n in sorted(read) if n not in keyed)
    return Classes(kept, by_change, by_member, by_value)


def _dense_small(values: pl.Series, size: int) -> pl.Series:
    """`values`, all below `size` and none null, coded 0..n-1 in order of value: by a
    table of the `size` possible values rather than by hashing."""
    numbers = values.to_numpy()
    present = np.zeros(size, dtype=bool)
    present[numbers] = True
    code_of = np.cumsum(present, dtype=np.uint64) - np.uint64(1)
    return pl.Series(values.name, code_of[numbers], dtype=pl.UInt64)


def _dense(values: pl.Series) -> tuple[pl.Series, int]:
    """`values` coded 0..n-1 by distinct value (null is one value), as UInt64, and n."""
    distinct = values.unique()
    codes = values.replace_strict(
        distinct, pl.Series(range(distinct.len()), dtype=pl.UInt64), return_dtype=pl.UInt64
    )
    return codes, distinct.len()
