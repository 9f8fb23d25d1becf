"""The ingest of a synthetic release accounts for every physical line, and its outputs
(Parquet, quarantine, DuckDB, release.json) agree with the report."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from erpath.eoir import IngestReport
from erpath.eoir.reference import defect_rates
from erpath.eoir.schema import TABLE_NAMES, table_spec


def _physical_lines(path: Path) -> int:
    data = path.read_bytes()
    return data.count(b"\n") + (0 if data.endswith(b"\n") else 1)


def test_every_line_is_loaded_repaired_or_quarantined(
    small_release: Path, small_ingest: tuple[Path, IngestReport]
) -> None:
    out, report = small_ingest
    assert set(report.tables) == set(TABLE_NAMES)
    for table, t in report.tables.items():
        lines = _physical_lines(small_release / "EOIR Case Data" / f"{table}.csv")
        assert t.read == lines - 1, table  # the header is not a row
        assert t.read == t.loaded + t.repaired + t.quarantined, table
        assert t.quarantined == sum(t.quarantine.values()), table
        assert t.repaired <= sum(t.repairs.values()), table
        assert t.count_txt == t.read, table
        rows = (
            pl.scan_parquet(out / "parquet" / table / "*.parquet").select(pl.len()).collect().item()
        )
        assert rows == t.loaded + t.repaired, table
        quarantine = pl.read_parquet(out / "quarantine" / f"{table}.parquet")
        assert quarantine.height == t.quarantined, table
        assert dict(quarantine["reason"].value_counts().iter_rows()) == {
            k: v for k, v in t.quarantine.items() if v
        }
    for name, t in report.lookups.items():
        assert t.read == _physical_lines(small_release / "Lookup" / f"{name}.csv") - 1
        assert t.read == t.loaded + t.repaired + t.quarantined
    assert report.balanced


def test_the_synthetic_defects_are_found(small_ingest: tuple[Path, IngestReport]) -> None:
    _, report = small_ingest
    found = {k for t in report.tables.values() for k, v in t.repairs.items() if v}
    found |= {k for t in report.tables.values() for k, v in t.quarantine.items() if v}
    # Present at 10,000 cases with the real rates: lower-case codes, codes outside the
    # lookups, stray and embedded tabs; the rarer ones are tested by hand (test_defects).
    assert {"code_case", "code_outside_lookup", "tab_shift"} <= found
    assert report.lookups["tblLookupHloc"].read > 1000


def test_duplicate_and_orphan_charges_at_the_measured_rates(
    small_ingest: tuple[Path, IngestReport],
) -> None:
    """Exact duplicate charge rows (0.43%) and orphan charges (0.066%) are quarantined at
    about the measured rates (reference defect_rates.csv; well above the defaults)."""
    _, report = small_ingest
    charges = report.tables["B_TblProceedCharges"]
    for reason, defect in (("duplicate_row", "duplicate_rows"), ("orphan_key", "orphan_case_key")):
        expected = defect_rates()[("B_TblProceedCharges", defect)].rate * charges.read
        got = charges.quarantine[reason]
        assert got > 0, reason
        assert abs(got - expected) <= 4 * math.sqrt(expected), reason


def test_charges_and_representatives_are_typed(small_ingest: tuple[Path, IngestReport]) -> None:
    _, report = small_ingest
    assert report.tables["B_TblProceedCharges"].columns == {
        "IDNPRCDCHG": "BIGINT",
        "IDNCASE": "BIGINT",
        "IDNPROCEEDING": "BIGINT",
        "CHARGE": "VARCHAR",
        "CHG_STATUS": "VARCHAR",
    }
    reps = report.tables["tbl_RepsAssigned"].columns
    assert reps["PARENT_IDN"] == "BIGINT"
    assert reps["E_28_DATE"] == "DATE"
    assert reps["STRATTYTYPE"] == "VARCHAR"


def test_duckdb_views_count_the_parquet_rows(small_ingest: tuple[Path, IngestReport]) -> None:
    out, report = small_ingest
    with duckdb.connect(str(out / "eoir.duckdb"), read_only=True) as con:
        for table, t in report.tables.items():
            found = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()
            assert found is not None
            assert found[0] == t.loaded + t.repaired
        kinds = dict(con.execute("DESCRIBE B_TblProceeding").fetchall()[i][:2] for i in range(38))
        assert kinds["IDNPROCEEDING"] == "BIGINT"
        assert kinds["OSC_DATE"] == "DATE"
        assert kinds["CASE_TYPE"] == "VARCHAR"
        tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
        assert {"tblLookupNationality", "tblLookupCourtDecision", "tblAdjournmentcodes"} <= tables
        nat = con.execute(
            "SELECT count(*) FROM tblLookupNationality WHERE NAT_CODE = '??'"
        ).fetchone()
        assert nat == (1,)  # a lookup code that is a null token elsewhere stays as it is
        for child in ("tbl_schedule", "B_TblProceedCharges"):
            joined = con.execute(
                f"SELECT count(*) FROM {child} JOIN B_TblProceeding USING (IDNPROCEEDING, IDNCASE)"
            ).fetchone()
            assert joined is not None
            assert joined[0] == report.tables[child].loaded + report.tables[child].repaired
        reps = con.execute(
            "SELECT count(*) FROM tbl_RepsAssigned JOIN A_TblCase USING (IDNCASE)"
        ).fetchone()
        t = report.tables["tbl_RepsAssigned"]
        assert reps == (t.loaded + t.repaired,)
        assert "tbllookupCharges" in tables


def test_release_json(small_release: Path, small_ingest: tuple[Path, IngestReport]) -> None:
    out, report = small_ingest
    data = json.loads((out / "release.json").read_text())
    assert data["release_date"] == "2026-07-01"
    assert data["release_date_source"] == "Count.txt"
    assert data["source"] == str(small_release.resolve())
    assert data["views"] == list(TABLE_NAMES)
    assert "tblLookupJudge" in data["lookup_tables"]
    assert data["layout"]["parquet"] == "parquet/<TABLE>/*.parquet"
    links = {"idncase", "idnappeal", "lngappealid", "idnleadcase"}  # to a case or an appeal
    for table, t in data["tables"].items():
        assert t["read"] == t["loaded"] + t["repaired"] + t["quarantined"]
        spec = table_spec(table)
        integers = [c for c in t["columns"] if spec.spec_for(c).kind in ("key", "int")]
        assert integers or t["columns"] == {
            "EOIRAttorneyID": "VARCHAR",  # a GUID: the only table without an integer key
            **dict.fromkeys(["OldAttorneyID", "BaseCityCode", "blnAttorneyActive"], "VARCHAR"),
            "Source_Flag": "VARCHAR",
            "datCreatedOn": "DATE",
            "datModifiedOn": "DATE",
        }, table
        assert all(t["columns"][c] == "BIGINT" for c in integers), table
        assert table == "tbl_EOIR_Attorney" or {c.lower() for c in t["columns"]} & links, table
        assert set(t["repairs"]) >= {"tab_shift", "null_token", "code_outside_lookup"}
        assert set(t["quarantine"]) >= {"orphan_key", "duplicate_row", "bad_key"}
    assert IngestReport.from_json(data) == report
    assert report.release_date == date(2026, 7, 1)


def test_typed_parquet_columns(small_ingest: tuple[Path, IngestReport]) -> None:
    out, _ = small_ingest
    schema = pl.scan_parquet(out / "parquet" / "A_TblCase" / "*.parquet").collect_schema()
    assert list(schema)[:3] == ["IDNCASE", "ALIEN_CITY", "ALIEN_STATE"]
    assert schema["IDNCASE"] == pl.Int64
    assert schema["DATE_OF_ENTRY"] == pl.Date
    assert schema["C_BIRTHDATE"] == pl.String
    assert schema["Sex"] == pl.String
