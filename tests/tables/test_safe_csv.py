"""The CSV rule: a text cell that a spreadsheet would read as a formula is written with a
single quote before it; numbers, other text and empty cells are written as they are."""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl
import pytest

from erpath.tables.safe_csv import FORMULA_STARTS, neutralised, write_csv

ATTACKS = {
    "=": "=1+2",
    "+": "+1+2",
    "-": "-2+3",
    "@": "@SUM(A1:A9)",
    "\t": "\t=1+2",
    "\r": "\r=1+2",
}


def _read_back(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_leading_character_is_covered() -> None:
    assert set(ATTACKS) == set(FORMULA_STARTS)


@pytest.mark.parametrize("value", ATTACKS.values(), ids=[repr(c) for c in ATTACKS])
def test_a_text_cell_starting_a_formula_is_quoted(value: str, tmp_path: Path) -> None:
    path = write_csv(pl.DataFrame({"court": [value, "NYC"]}), tmp_path / "t.csv")
    assert [r["court"] for r in _read_back(path)] == ["'" + value, "NYC"]


def test_numbers_and_harmless_text_are_left_alone(tmp_path: Path) -> None:
    frame = pl.DataFrame(
        {
            "count": [-3, 4, 0],
            "share": [-0.5, 1.25, 0.0],
            "label": ["a=b", "'=already text", None],
            "empty": ["", "x", "<10"],
        }
    )
    rows = _read_back(write_csv(frame, tmp_path / "t.csv"))
    assert [r["count"] for r in rows] == ["-3", "4", "0"]
    assert [r["share"] for r in rows] == ["-0.5", "1.25", "0.0"]
    assert [r["label"] for r in rows] == ["a=b", "'=already text", ""]
    assert [r["empty"] for r in rows] == ["", "x", "<10"]
    assert neutralised(frame).schema == frame.schema


def test_categorical_text_is_neutralised_too() -> None:
    frame = pl.DataFrame(
        {
            "cat": pl.Series(["=1+2", "MIA"], dtype=pl.Categorical),
            "enum": pl.Series(["-1", "MIA"], dtype=pl.Enum(["-1", "MIA"])),
        }
    )
    assert neutralised(frame).rows() == [("'=1+2", "'-1"), ("MIA", "MIA")]


def test_a_cell_cannot_spill_into_the_next_one(tmp_path: Path) -> None:
    value = 'NYC",=1+2,"'
    rows = _read_back(write_csv(pl.DataFrame({"court": [value], "n": [1]}), tmp_path / "t.csv"))
    assert rows == [{"court": value, "n": "1"}]
