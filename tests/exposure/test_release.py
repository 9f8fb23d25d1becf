"""Reading an ingested release from its Parquet files or its DuckDB database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest

from erpath.exposure import IngestedReleaseError, exposure_on, open_ingested
from erpath.exposure.release import CASE, PROCEEDING, REPS, read_tables

from .builder import write_frames

ON = date(2025, 6, 10)


def test_parquet_and_duckdb_give_the_same_exposure(mixed_root: Path) -> None:
    from_parquet = exposure_on(open_ingested(mixed_root, "parquet"), ON)
    from_duckdb = exposure_on(open_ingested(mixed_root, "duckdb"), ON)
    for dimension in ("court", "nationality", "custody", "representation"):
        assert from_parquet.by(dimension).equals(from_duckdb.by(dimension))
    assert open_ingested(mixed_root).source == "parquet"


def test_release_metadata_is_read(mixed_root: Path) -> None:
    assert open_ingested(mixed_root).metadata["release"] == "invented"


def _raw_tables() -> dict[str, pl.DataFrame]:
    """Column names in the release's mixed case, a DATE as a timestamp, codes untrimmed."""
    case = pl.DataFrame(
        {
            "idnCase": [1, 2],
            "nat": [" mx", "VE "],
            "Custody": ["d", ""],
            "Date_Of_Entry": [date(2024, 6, 10), None],
        }
    ).with_columns(pl.col("Date_Of_Entry").cast(pl.Datetime("ms")))
    proceeding = pl.DataFrame(
        {
            "IDNPROCEEDING": [10, 20],
            "IDNCASE": [1, 2],
            "INPUT_DATE": ["2024-01-10 00:00:00.000", "2024-02-01 00:00:00.000"],
            "COMP_DATE": [None, None],
            "CASE_TYPE": ["rmv", "RMV"],
        },
        schema_overrides={"COMP_DATE": pl.Date},
    )
    return {CASE: case, PROCEEDING: proceeding}


def test_names_in_any_case_and_loose_types(tmp_path: Path) -> None:
    root = write_frames(tmp_path, _raw_tables(), files=1)
    tables = read_tables(open_ingested(root), (CASE, PROCEEDING, REPS))
    case = tables[CASE]
    assert case is not None
    assert case.collect().rows(named=True) == [
        {
            "IDNCASE": 1,
            "NAT": "MX",
            "CUSTODY": "D",
            "CASE_TYPE": None,
            "DATE_OF_ENTRY": date(2024, 6, 10),
            "C_BIRTHDATE": None,
            "LPR": None,
            "E_28_DATE": None,
        },
        {
            "IDNCASE": 2,
            "NAT": "VE",
            "CUSTODY": None,
            "CASE_TYPE": None,
            "DATE_OF_ENTRY": None,
            "C_BIRTHDATE": None,
            "LPR": None,
            "E_28_DATE": None,
        },
    ]
    assert tables[REPS] is None  # an optional table the release lacks
    proceeding = tables[PROCEEDING]
    assert proceeding is not None
    assert proceeding.collect()["INPUT_DATE"].to_list() == [date(2024, 1, 10), date(2024, 2, 1)]
    summary = exposure_on(open_ingested(root), ON).summary().row(0, named=True)
    assert summary["pending"] == 2
    assert summary["no_entry_date"] == 1


def test_a_missing_column_or_table_is_named(tmp_path: Path) -> None:
    frames = _raw_tables()
    frames[PROCEEDING] = frames[PROCEEDING].drop("COMP_DATE")
    root = write_frames(tmp_path / "a", frames, files=1, with_duckdb=False)
    with pytest.raises(IngestedReleaseError, match="B_TblProceeding: no column COMP_DATE"):
        exposure_on(open_ingested(root), ON)
    only_cases = write_frames(tmp_path / "b", {CASE: frames[CASE]}, files=1, with_duckdb=False)
    with pytest.raises(IngestedReleaseError, match="no table B_TblProceeding"):
        exposure_on(open_ingested(only_cases), ON)


def test_a_folder_that_is_not_a_release(tmp_path: Path) -> None:
    with pytest.raises(IngestedReleaseError, match=r"neither parquet/ nor eoir\.duckdb"):
        open_ingested(tmp_path)
    with pytest.raises(IngestedReleaseError, match="not a directory"):
        open_ingested(tmp_path / "nowhere")
    duckdb.connect(str(tmp_path / "eoir.duckdb")).close()
    with pytest.raises(IngestedReleaseError, match="parquet"):
        open_ingested(tmp_path, "parquet")
    with pytest.raises(IngestedReleaseError, match="no table"):
        exposure_on(open_ingested(tmp_path), ON)
