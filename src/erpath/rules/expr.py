"""A small expression language with two evaluators: one row in Python, a table in polars.

Each rule of `erpath.rules` is written once in this language. `evaluate` runs it on one
person's row (a dict) to explain a determination; `polars` compiles it for millions of
rows. Logic is three-valued (Kleene, as in polars): `None` is an unknown fact or a
contested point, `False & None` is `False`, `True | None` is `True`, comparisons with
`None` are `None`, and `when` treats an unknown condition as not met.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

import polars as pl

from erpath.law.moment import Boundary, Side, boundary_day
from erpath.law.years import anniversary

Row = Mapping[str, Any]


class Expr:
    """A node; combine with & | ~ and the comparison methods."""

    # Whether an unknown operand makes the node unknown (comparisons, arithmetic).
    strict = False

    def evaluate(self, row: Row, side: Side) -> Any:
        raise NotImplementedError

    def polars(self, side: Side) -> pl.Expr:
        raise NotImplementedError

    def fold(self, known: Row, side: Side) -> Expr:
        """This node with the columns in `known` read as constants and every part that
        then no longer depends on a row computed once: the same answers, less work for
        a table whose rows share those columns (e.g. one day for all)."""
        operands = {
            f.name: value.fold(known, side)
            for f in fields(self)  # type: ignore[arg-type]
            if isinstance(value := getattr(self, f.name), Expr)
        }
        node = replace(self, **operands)  # type: ignore[type-var]
        if all(isinstance(o, Lit) for o in operands.values()):
            return Lit(node.evaluate({}, side))
        if self.strict and any(isinstance(o, Lit) and o.value is None for o in operands.values()):
            return Lit(None)
        return node

    def __and__(self, other: Expr) -> Expr:
        return And(self, other)

    def __or__(self, other: Expr) -> Expr:
        return Or(self, other)

    def __invert__(self) -> Expr:
        return Not(self)

    def eq(self, value: Any) -> Expr:
        return Cmp("eq", self, _wrap(value))

    def ne(self, value: Any) -> Expr:
        return Cmp("ne", self, _wrap(value))

    def __lt__(self, other: Any) -> Expr:
        return Cmp("lt", self, _wrap(other))

    def __le__(self, other: Any) -> Expr:
        return Cmp("le", self, _wrap(other))

    def __gt__(self, other: Any) -> Expr:
        return Cmp("gt", self, _wrap(other))

    def __ge__(self, other: Any) -> Expr:
        return Cmp("ge", self, _wrap(other))

    def isin(self, values: Sequence[Any]) -> Expr:
        return IsIn(self, tuple(values))

    def is_null(self) -> Expr:
        return IsNull(self)

    def is_true(self) -> Expr:
        """True only when known to be true (unknown counts as no)."""
        return FillNull(self, Lit(False))

    def possible(self) -> Expr:
        """True unless known to be false (unknown counts as yes)."""
        return FillNull(self, Lit(True))

    def plus_days(self, days: Expr | int) -> Expr:
        return PlusDays(self, _wrap(days))

    def anniversary(self, years: Expr | int) -> Expr:
        return Anniversary(self, _wrap(years))


def _wrap(value: Any) -> Expr:
    return value if isinstance(value, Expr) else Lit(value)


@dataclass(frozen=True, eq=False)
class Col(Expr):
    name: str

    def evaluate(self, row: Row, side: Side) -> Any:
        return row[self.name]

    def polars(self, side: Side) -> pl.Expr:
        return pl.col(self.name)

    def fold(self, known: Row, side: Side) -> Expr:
        return Lit(known[self.name]) if self.name in known else self


@dataclass(frozen=True, eq=False)
class Lit(Expr):
    value: Any

    def evaluate(self, row: Row, side: Side) -> Any:
        return self.value

    def polars(self, side: Side) -> pl.Expr:
        if self.value is None:
            return pl.lit(None)
        return pl.lit(self.value)

    def fold(self, known: Row, side: Side) -> Expr:
        return self


_OPS: dict[str, Callable[[Any, Any], Any]] = {
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "lt": lambda a, b: a < b,
    "le": lambda a, b: a <= b,
    "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b,
}


@dataclass(frozen=True, eq=False)
class Cmp(Expr):
    strict = True

    op: str
    a: Expr
    b: Expr

    def evaluate(self, row: Row, side: Side) -> Any:
        x, y = self.a.evaluate(row, side), self.b.evaluate(row, side)
        if x is None or y is None:
            return None
        return _OPS[self.op](x, y)

    def polars(self, side: Side) -> pl.Expr:
        x, y = self.a.polars(side), self.b.polars(side)
        return {
            "eq": x.eq,
            "ne": x.ne,
            "lt": x.lt,
            "le": x.le,
            "gt": x.gt,
            "ge": x.ge,
        }[self.op](y)


@dataclass(frozen=True, eq=False)
class And(Expr):
    a: Expr
    b: Expr

    def evaluate(self, row: Row, side: Side) -> Any:
        x, y = self.a.evaluate(row, side), self.b.evaluate(row, side)
        if x is False or y is False:
            return False
        if x is None or y is None:
            return None
        return True

    def polars(self, side: Side) -> pl.Expr:
        return self.a.polars(side) & self.b.polars(side)

    def fold(self, known: Row, side: Side) -> Expr:
        return _fold_kleene(And, self, known, side, absorbing=False)


@dataclass(frozen=True, eq=False)
class Or(Expr):
    a: Expr
    b: Expr

    def evaluate(self, row: Row, side: Side) -> Any:
        x, y = self.a.evaluate(row, side), self.b.evaluate(row, side)
        if x is True or y is True:
            return True
        if x is None or y is None:
            return None
        return False

    def polars(self, side: Side) -> pl.Expr:
        return self.a.polars(side) | self.b.polars(side)

    def fold(self, known: Row, side: Side) -> Expr:
        return _fold_kleene(Or, self, known, side, absorbing=True)


def _fold_kleene(
    kind: type[And | Or], node: And | Or, known: Row, side: Side, absorbing: bool
) -> Expr:
    """`absorbing` (False for and, True for or) decides alone; the other constant drops out."""
    a, b = node.a.fold(known, side), node.b.fold(known, side)
    if isinstance(a, Lit) and isinstance(b, Lit):
        return Lit(kind(a, b).evaluate({}, side))
    for x, y in ((a, b), (b, a)):
        if isinstance(x, Lit) and x.value is absorbing:
            return x
        if isinstance(x, Lit) and x.value is (not absorbing):
            return y
    return kind(a, b)


@dataclass(frozen=True, eq=False)
class Not(Expr):
    strict = True

    a: Expr

    def evaluate(self, row: Row, side: Side) -> Any:
        x = self.a.evaluate(row, side)
        return None if x is None else not x

    def polars(self, side: Side) -> pl.Expr:
        return ~self.a.polars(side)


@dataclass(frozen=True, eq=False)
class IsNull(Expr):
    a: Expr

    def evaluate(self, row: Row, side: Side) -> Any:
        return self.a.evaluate(row, side) is None

    def polars(self, side: Side) -> pl.Expr:
        return self.a.polars(side).is_null()


@dataclass(frozen=True, eq=False)
class FillNull(Expr):
    a: Expr
    default: Expr

    def evaluate(self, row: Row, side: Side) -> Any:
        x = self.a.evaluate(row, side)
        return self.default.evaluate(row, side) if x is None else x

    def polars(self, side: Side) -> pl.Expr:
        return self.a.polars(side).fill_null(self.default.polars(side))

    def fold(self, known: Row, side: Side) -> Expr:
        a = self.a.fold(known, side)
        if isinstance(a, Lit):
            return self.default.fold(known, side) if a.value is None else a
        return FillNull(a, self.default.fold(known, side))


@dataclass(frozen=True, eq=False)
class IsIn(Expr):
    strict = True

    a: Expr
    values: tuple[Any, ...]

    def evaluate(self, row: Row, side: Side) -> Any:
        x = self.a.evaluate(row, side)
        return None if x is None else x in self.values

    def polars(self, side: Side) -> pl.Expr:
        return self.a.polars(side).is_in(list(self.values))  # null stays null


@dataclass(frozen=True, eq=False)
class Contains(Expr):
    """Whether a list column (e.g. citizenships) holds `value`; unknown if the list is."""

    strict = True

    a: Expr
    value: str

    def evaluate(self, row: Row, side: Side) -> Any:
        items = self.a.evaluate(row, side)
        return None if items is None else self.value in items

    def polars(self, side: Side) -> pl.Expr:
        return self.a.polars(side).list.contains(pl.lit(self.value))


@dataclass(frozen=True, eq=False)
class Lookup(Expr):
    """The value `mapping` gives the key, else `default` (also for an unknown key)."""

    a: Expr
    mapping: tuple[tuple[Any, Any], ...]
    default: Any

    def evaluate(self, row: Row, side: Side) -> Any:
        return dict(self.mapping).get(self.a.evaluate(row, side), self.default)

    def polars(self, side: Side) -> pl.Expr:
        return self.a.polars(side).replace_strict(dict(self.mapping), default=pl.lit(self.default))


@dataclass(frozen=True, eq=False)
class When(Expr):
    """The value of the first branch whose condition holds, else `otherwise`."""

    branches: tuple[tuple[Expr, Expr], ...]
    otherwise: Expr

    def evaluate(self, row: Row, side: Side) -> Any:
        for condition, value in self.branches:
            if condition.evaluate(row, side) is True:
                return value.evaluate(row, side)
        return self.otherwise.evaluate(row, side)

    def polars(self, side: Side) -> pl.Expr:
        (first_cond, first_value), *rest = self.branches
        chain: Any = pl.when(first_cond.polars(side)).then(first_value.polars(side))
        for condition, value in rest:
            chain = chain.when(condition.polars(side)).then(value.polars(side))
        result: pl.Expr = chain.otherwise(self.otherwise.polars(side))
        return result

    def fold(self, known: Row, side: Side) -> Expr:
        branches: list[tuple[Expr, Expr]] = []
        otherwise = self.otherwise
        for condition, value in self.branches:
            folded = condition.fold(known, side)
            if not isinstance(folded, Lit):
                branches.append((folded, value.fold(known, side)))
            elif folded.value is True:
                otherwise = value
                break
        if not branches:
            return otherwise.fold(known, side)
        return When(tuple(branches), otherwise.fold(known, side))


def when(*branches: tuple[Expr, Any], otherwise: Any = None) -> Expr:
    return When(tuple((c, _wrap(v)) for c, v in branches), _wrap(otherwise))


def any_of(*items: Expr) -> Expr:
    result = items[0]
    for item in items[1:]:
        result = result | item
    return result


def all_of(*items: Expr) -> Expr:
    result = items[0]
    for item in items[1:]:
        result = result & item
    return result


@dataclass(frozen=True, eq=False)
class PlusDays(Expr):
    strict = True

    a: Expr
    days: Expr

    def evaluate(self, row: Row, side: Side) -> Any:
        x, n = self.a.evaluate(row, side), self.days.evaluate(row, side)
        return None if x is None or n is None else x + timedelta(days=n)

    def polars(self, side: Side) -> pl.Expr:
        return self.a.polars(side) + pl.duration(days=self.days.polars(side))


@dataclass(frozen=True, eq=False)
class Anniversary(Expr):
    strict = True

    a: Expr
    years: Expr

    def evaluate(self, row: Row, side: Side) -> Any:
        x, n = self.a.evaluate(row, side), self.years.evaluate(row, side)
        return None if x is None or n is None else anniversary(x, n)

    def polars(self, side: Side) -> pl.Expr:
        x = self.a.polars(side)
        by = (
            f"{self.years.value}y"
            if isinstance(self.years, Lit)
            else pl.format("{}y", self.years.polars(side))
        )
        shifted = x.dt.offset_by(by)
        leap_day = (x.dt.month() == 2) & (x.dt.day() == 29) & (shifted.dt.day() == 28)
        return pl.when(leap_day).then(shifted + pl.duration(days=1)).otherwise(shifted)


@dataclass(frozen=True, eq=False)
class NextBusinessDay(Expr):
    """The day itself if a business day, else the next one (weekends and `holidays`)."""

    strict = True

    a: Expr
    holidays: tuple[date, ...]

    def evaluate(self, row: Row, side: Side) -> Any:
        day = self.a.evaluate(row, side)
        if day is None:
            return None
        closed = set(self.holidays)
        while day.weekday() >= 5 or day in closed:
            day += timedelta(days=1)
        return day

    def polars(self, side: Side) -> pl.Expr:
        # A lookup from every day of the holiday list's years to its next business day:
        # far faster than add_business_days with a long holiday list.
        days, rolled = _business_days(self.holidays)
        return self.a.polars(side).replace_strict(days, rolled, default=self.a.polars(side))


@cache
def _business_days(holidays: tuple[date, ...]) -> tuple[pl.Series, pl.Series]:
    first, last = date(min(holidays).year, 1, 1), date(max(holidays).year, 12, 31)
    closed = set(holidays)
    days, rolled = [], []
    nxt = last
    while nxt.weekday() >= 5 or nxt in closed:
        nxt += timedelta(days=1)
    day = last
    while day >= first:  # backwards: each day's answer is itself, or the next day's
        if day.weekday() < 5 and day not in closed:
            nxt = day
        days.append(day)
        rolled.append(nxt)
        day -= timedelta(days=1)
    return pl.Series(days, dtype=pl.Date), pl.Series(rolled, dtype=pl.Date)


@dataclass(frozen=True, eq=False)
class Reached(Expr):
    """Whether the determination moment is at or after a dated-law boundary.

    Reads the row's `as_of` (its day) and `as_of_instant` (UTC, when a time was given).
    A bare day on which a timed boundary falls is read at `side` of that day.
    """

    boundary: Boundary

    def evaluate(self, row: Row, side: Side) -> Any:
        day: date = row["as_of"]
        instant: datetime | None = row["as_of_instant"]
        if not isinstance(self.boundary, datetime):
            return day >= self.boundary
        if instant is not None:
            return instant >= self.boundary
        bday = boundary_day(self.boundary)
        return day > bday or (day == bday and side == "end")

    def polars(self, side: Side) -> pl.Expr:
        if not isinstance(self.boundary, datetime):
            return pl.col("as_of") >= pl.lit(self.boundary)
        bday = boundary_day(self.boundary)
        bare = (pl.col("as_of") > pl.lit(bday)) | (
            (pl.col("as_of") == pl.lit(bday)) & pl.lit(side == "end")
        )
        instant = pl.col("as_of_instant") >= pl.lit(self.boundary).dt.convert_time_zone("UTC")
        return pl.when(pl.col("as_of_instant").is_not_null()).then(instant).otherwise(bare)

    def fold(self, known: Row, side: Side) -> Expr:
        if "as_of_instant" not in known:
            return self
        if known["as_of_instant"] is not None:
            return Lit(self.evaluate(known, side)) if "as_of" in known else self
        # Bare days only: a comparison of the day (a timed boundary's day counts from
        # its end, or from its start on the `end` side).
        if isinstance(self.boundary, datetime):
            bday = boundary_day(self.boundary)
            bare = Lit(bday) <= AS_OF if side == "end" else Lit(bday) < AS_OF
        else:
            bare = Lit(self.boundary) <= AS_OF
        return bare.fold(known, side)


def in_period(since: Boundary, until: Boundary | None) -> Expr:
    """The moment is in [since, until)."""
    started = Reached(since)
    return started if until is None else started & ~Reached(until)


AS_OF = Col("as_of")
