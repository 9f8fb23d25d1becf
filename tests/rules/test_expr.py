"""The rule language: both evaluators give the same three-valued answers."""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl
import pytest

from erpath.law.years import anniversary
from erpath.rules.expr import Col, Expr, when

A, B = Col("a"), Col("b")
VALUES = [True, False, None]


def _both(expr: Expr, rows: list[dict[str, Any]], schema: dict[str, Any]) -> list[Any]:
    scalar = [expr.evaluate(r, "end") for r in rows]
    frame = pl.DataFrame(rows, schema=schema).select(expr.polars("end").alias("x"))
    assert frame["x"].to_list() == scalar
    return scalar


@pytest.mark.parametrize(
    ("expr", "truth"),
    [
        (A & B, lambda a, b: False if False in (a, b) else (None if None in (a, b) else True)),
        (A | B, lambda a, b: True if True in (a, b) else (None if None in (a, b) else False)),
        (~A, lambda a, b: None if a is None else not a),
        (A.possible(), lambda a, b: True if a is None else a),
        (when((A, "x"), otherwise="y"), lambda a, b: "x" if a is True else "y"),
    ],
)
def test_kleene_logic_is_the_same_in_both_evaluators(expr: Expr, truth: Any) -> None:
    rows = [{"a": a, "b": b} for a in VALUES for b in VALUES]
    got = _both(expr, rows, {"a": pl.Boolean, "b": pl.Boolean})
    assert got == [truth(r["a"], r["b"]) for r in rows]


def test_anniversary_of_29_february_is_1_march_in_a_common_year() -> None:
    assert anniversary(date(2024, 2, 29), 2) == date(2026, 3, 1)
    assert anniversary(date(2024, 2, 29), 4) == date(2028, 2, 29)
    rows: list[dict[str, Any]] = [{"d": date(2024, 2, 29)}, {"d": date(2023, 3, 1)}, {"d": None}]
    got = _both(Col("d").anniversary(2), rows, {"d": pl.Date})
    assert got == [date(2026, 3, 1), date(2025, 3, 1), None]
