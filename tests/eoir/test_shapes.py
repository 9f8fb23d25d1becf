"""The synthetic release has the real release's shapes: rows per case, missingness per
column and code frequencies (reference/), within sampling tolerances.

Rows are read from the raw files with a well-formed number of fields (a tab-shifted row
would put values in the wrong columns; the ingest tests deal with those)."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from erpath.eoir.reference import core_columns, header, row_counts, value_frequencies
from erpath.eoir.schema import TABLE_NAMES

from .conftest import SMALL_CASES


def _raw(release: Path, table: str) -> pl.DataFrame:
    names = header(table)
    data = (release / "EOIR Case Data" / f"{table}.csv").read_bytes().replace(b"\x00", b"")
    lines = data.decode("latin-1").split("\n")[1:-1]
    good = [line.split("\t") for line in lines if line.count("\t") == len(names) - 1]
    frame = pl.DataFrame(good, schema=dict.fromkeys(names, pl.String), orient="row")
    return frame.select(pl.col(n).replace("", None) for n in names)


@pytest.fixture(scope="module")
def tables(small_release: Path) -> dict[str, pl.DataFrame]:
    return {t: _raw(small_release, t) for t in TABLE_NAMES}


def _tolerance(p: float, n: int) -> float:
    """Four standard errors of a share estimated from n rows, and a floor for the model."""
    return 4 * math.sqrt(max(p * (1 - p), 1e-4) / max(n, 1)) + 0.015


def test_rows_per_case(tables: dict[str, pl.DataFrame]) -> None:
    ref = row_counts()
    cases = tables["A_TblCase"].height
    assert abs(cases - SMALL_CASES) <= 5
    for table in TABLE_NAMES:
        expected = ref[table] / ref["A_TblCase"]
        got = tables[table].height / cases
        # Lead/rider links come in families, so their count varies more: 2% at 10,000
        # cases (one standard deviation), 6% is three.
        rel = 0.06 if table == "tbl_Lead_Rider" else 0.04
        assert got == pytest.approx(expected, rel=rel), table


def test_missingness_per_column(tables: dict[str, pl.DataFrame]) -> None:
    failures = []
    for table, columns in core_columns().items():
        frame = tables[table]
        for col in columns:
            if col.missing_share is None:
                continue
            got = frame[col.name].null_count() / frame.height
            if abs(got - col.missing_share) > _tolerance(col.missing_share, frame.height):
                failures.append((table, col.name, col.missing_share, round(got, 4)))
    assert failures == []


def test_code_frequencies(tables: dict[str, pl.DataFrame]) -> None:
    failures = []
    checked = 0
    for (table, column), pairs in value_frequencies().items():
        values = tables[table][column].drop_nulls()
        if values.len() < 500:
            continue  # too few to compare (UP_BOND_RSN, DATE_TO_BIA...)
        total = sum(n for _, n in pairs)
        counts = dict(values.value_counts().iter_rows())
        for value, n in pairs:
            p = n / total
            if p < 0.01:
                continue
            checked += 1
            got = counts.get(value, 0) / values.len()
            if abs(got - p) > _tolerance(p, values.len()):
                failures.append((table, column, value, round(p, 3), round(got, 3)))
    assert checked > 60
    assert failures == []


def test_time_structure(tables: dict[str, pl.DataFrame]) -> None:
    proc = tables["B_TblProceeding"].with_columns(
        pl.col(c).str.slice(0, 10).str.to_date(strict=False)
        for c in ("OSC_DATE", "HEARING_DATE", "COMP_DATE")
    )
    cases = tables["A_TblCase"]
    # A case is open when its last proceeding has no completion date (RESEARCH.md 1.7).
    last = proc.group_by("IDNCASE").agg(pl.col("COMP_DATE").sort_by("IDNPROCEEDING").last())
    open_share = last["COMP_DATE"].null_count() / last.height
    assert open_share == pytest.approx(0.298, abs=0.03)
    # The first hearing follows the NTA by about 106 days at the median (ian-nason).
    gap = proc.filter(pl.col("HEARING_DATE").is_not_null() & pl.col("OSC_DATE").is_not_null())
    first = gap.sort("IDNPROCEEDING").group_by("IDNCASE").first()
    gaps = (first["HEARING_DATE"] - first["OSC_DATE"]).dt.total_days().sort()
    assert 50 <= gaps[len(gaps) // 2] <= 200
    # Entry comes before the NTA; completion after it; future hearings only if open.
    entry = cases.select(
        pl.col("DATE_OF_ENTRY").str.slice(0, 10).str.to_date(strict=False), "IDNCASE"
    )
    joined = first.join(entry, on="IDNCASE").drop_nulls(["DATE_OF_ENTRY", "OSC_DATE"])
    assert (joined["DATE_OF_ENTRY"] <= joined["OSC_DATE"]).all()
    done = proc.drop_nulls(["COMP_DATE", "OSC_DATE"])
    assert (done["COMP_DATE"] >= done["OSC_DATE"]).all()
    assert (done["COMP_DATE"] < date(2026, 7, 1)).all()


def test_credible_fear_reviews_are_decided_a_or_v(tables: dict[str, pl.DataFrame]) -> None:
    cfr = tables["B_TblProceeding"].filter(pl.col("CASE_TYPE") == "CFR").drop_nulls("DEC_CODE")
    assert set(cfr["DEC_CODE"].unique()) <= {"A", "V"}
    if cfr.height >= 40:
        vacated = (cfr["DEC_CODE"] == "V").sum() / cfr.height
        assert vacated == pytest.approx(0.25, abs=0.15)
