"""Published tables: no count under 10 people is shown or derivable by subtraction."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from erpath.exposure import COUNTS, publish, write_table
from erpath.exposure.tables import HIDDEN


def _table(rows: list[tuple[str, int, int, int, int, int]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=["court", *COUNTS], orient="row")


def _cells(table: pl.DataFrame) -> dict[str, dict[str, str]]:
    return {r["court"]: {c: r[c] for c in COUNTS} for r in table.to_dicts()}


def test_every_count_under_ten_is_hidden_zero_included() -> None:
    published = publish(_table([("NYC", 40, 25, 15, 0, 9)]))
    row = published.row(0, named=True)
    assert row["pending"] == "40"
    assert row["not_exposed"] == HIDDEN == "<10"
    assert row["no_entry_date"] == HIDDEN
    assert row["no_entry_date_share"] == ""  # a share of a hidden count is hidden
    assert row["exposed_share"] == "62.5%"


def test_a_hidden_part_is_not_left_alone_in_its_row() -> None:
    # 40 = 20 + 15 + 5: with 5 hidden, 40 - 20 - 15 would give it; hide 15 too.
    published = publish(_table([("NYC", 40, 20, 15, 5, 12)]))
    row = _cells(published)["NYC"]
    assert (row["exposed"], row["depends"], row["not_exposed"]) == ("20", HIDDEN, HIDDEN)


def test_a_hidden_zero_reveals_no_one_and_hides_nothing_else() -> None:
    row = _cells(publish(_table([("NYC", 24, 12, 12, 0, 0)])))["NYC"]
    assert (row["exposed"], row["depends"], row["not_exposed"]) == ("12", "12", HIDDEN)


def _total(table: pl.DataFrame) -> pl.DataFrame:
    return table.select(pl.lit("all").alias("court"), *(pl.col(c).sum() for c in COUNTS))


def _assert_nothing_small_derivable(table: pl.DataFrame, published: pl.DataFrame) -> None:
    """Every shown count is 10 or more; a count alone hidden in a row's parts or in a
    column's groups is 0 (subtraction then reveals no one)."""
    values = {r["court"]: r for r in table.vstack(_total(table)).to_dicts()}
    for row in published.to_dicts():
        assert all(row[c] == HIDDEN or int(row[c]) >= 10 for c in COUNTS)
        hidden = [p for p in ("exposed", "depends", "not_exposed") if row[p] == HIDDEN]
        if row["pending"] != HIDDEN and len(hidden) == 1:
            assert values[row["court"]][hidden[0]] == 0
    groups = published.filter(pl.col("court") != "all")
    total = published.filter(pl.col("court") == "all").row(0, named=True)
    for column in COUNTS:
        hidden_courts = [r["court"] for r in groups.to_dicts() if r[column] == HIDDEN]
        if total[column] != HIDDEN and len(hidden_courts) == 1:
            assert values[hidden_courts[0]][column] == 0, column


def test_a_hidden_group_is_not_left_alone_in_its_column() -> None:
    table = _table(
        [
            ("HOU", 60, 40, 20, 0, 30),
            ("LOS", 45, 3, 22, 20, 25),
            ("NYC", 50, 31, 19, 0, 11),
        ]
    )
    published = publish(table, ["court"])
    cells = _cells(published)
    assert cells["all"]["exposed"] == "74"
    # LOS's 3 exposed is hidden; the next smallest exposed (NYC's 31) with it.
    assert cells["LOS"]["exposed"] == HIDDEN
    assert cells["NYC"]["exposed"] == HIDDEN
    assert cells["HOU"]["exposed"] == "40"
    _assert_nothing_small_derivable(table, published)


def test_no_hidden_count_can_be_recovered_by_subtraction() -> None:
    table = _table(
        [
            ("A", 100, 55, 40, 5, 30),
            ("B", 12, 2, 6, 4, 3),
            ("C", 80, 70, 2, 8, 20),
            ("D", 33, 11, 11, 11, 11),
            ("E", 9, 9, 0, 0, 9),
        ]
    )
    _assert_nothing_small_derivable(table, publish(table, ["court"]))


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_published_tables_are_written_as_shown(tmp_path: Path, suffix: str) -> None:
    published = publish(_table([("NYC", 40, 25, 15, 0, 9), ("LOS", 8, 8, 0, 0, 0)]), ["court"])
    path = write_table(published, tmp_path / f"t{suffix}")
    back = pl.read_csv(path, infer_schema=False) if suffix == ".csv" else pl.read_parquet(path)
    assert back.get_column("court").to_list() == ["LOS", "NYC", "all"]
    assert back.filter(pl.col("court") == "LOS").row(0, named=True)["pending"] == HIDDEN
    assert all(v == HIDDEN or int(v) >= 10 for v in back.get_column("exposed").to_list())


def test_only_csv_and_parquet(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.csv or \.parquet"):
        write_table(publish(_table([("NYC", 40, 25, 15, 0, 9)])), tmp_path / "t.xlsx")
