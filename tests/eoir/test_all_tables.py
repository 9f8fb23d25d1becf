"""All 19 core tables and every other file of a release, ingested for real (ADR 0028): each
table's lines accounted, the key rules of the tables added (links by other names, empty
links, a GUID key, tables without a key of their own), an optional table absent, an
unknown file kept raw and a file that is not a table refused. Invented data only."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import polars as pl
import pytest
from typer.testing import CliRunner

from erpath.eoir import IngestReport, ingest
from erpath.eoir.cli import eoir_app
from erpath.eoir.reference import header
from erpath.eoir.release import ReleaseError
from erpath.eoir.schema import REQUIRED_TABLES, TABLE_NAMES

from .conftest import TinyRelease, day, row
from .test_defects import Outcome, case, proceeding

A, B = "A_TblCase", "B_TblProceeding"
APPEAL, APPEAL2, FED, THREE = (
    "tblAppeal",
    "tblAppeal2",
    "tblAppealFedCourts",
    "tblThreeMbrReferrals",
)
PRO_BONO, JUVENILE, LEAD, ATTORNEY = (
    "tblProBono",
    "tbl_JuvenileHistory",
    "tbl_Lead_Rider",
    "tbl_EOIR_Attorney",
)
GUID = "0F6C2B1E-5A3D-4C7B-9E21-3D4F5A6B7C8D"  # invented
runner = CliRunner()


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") - 1  # physical lines but the header


def test_every_table_of_the_small_release_is_accounted(
    small_release: Path, small_ingest: tuple[Path, IngestReport]
) -> None:
    out, report = small_ingest
    assert list(report.tables) == list(TABLE_NAMES)
    assert len(TABLE_NAMES) == 19
    assert len(REQUIRED_TABLES) == 8
    assert report.absent == []
    assert report.unknown == {}
    assert report.refused == {}
    assert len(report.lookups) == 78
    assert all(t.read > 0 for t in report.lookups.values())
    for table, t in report.tables.items():
        assert t.balanced, table
        assert t.read == _lines(small_release / "EOIR Case Data" / f"{table}.csv") > 0, table
        rows = pl.scan_parquet(out / "parquet" / table / "*.parquet").select(pl.len()).collect()
        assert rows.item() == t.loaded + t.repaired, table
        assert pl.read_parquet(out / "quarantine" / f"{table}.parquet").height == t.quarantined
        assert t.unlinked == []
    with duckdb.connect(str(out / "eoir.duckdb"), read_only=True) as con:
        for table in TABLE_NAMES:
            got = con.execute(f'SELECT count(*) FROM "{table}_decoded"').fetchone()
            t = report.tables[table]
            assert got == (t.loaded + t.repaired,), table
        # Every kept pro bono screening, petition and referral hangs on a kept appeal.
        for child, link in ((PRO_BONO, "idnAppeal"), (FED, "lngAppealID"), (THREE, "lngAppealID")):
            lost = con.execute(
                f'SELECT count(*) FROM "{child}" c WHERE c."{link}" IS NOT NULL AND NOT EXISTS'
                f' (SELECT 1 FROM "{APPEAL}" a WHERE a."idnAppeal" = c."{link}")'
            ).fetchone()
            assert lost == (0,), child
    # release.json lists every file of the release directory, each with what happened to it.
    data = json.loads((out / "release.json").read_text(encoding="utf-8"))
    listed = {f["file"]: f["outcome"] for f in data["files"]}
    on_disk = {p.name for p in (small_release / "EOIR Case Data").iterdir()}
    on_disk |= {p.name for p in (small_release / "Lookup").iterdir()}
    assert {Path(name).name for name in listed} == on_disk
    assert set(listed.values()) == {"loaded", "row counts", "lookup"}
    counted = {f["file"]: f["counts"] for f in data["files"] if f["counts"] is not None}
    assert counted[f"{APPEAL}.csv"]["read"] == report.tables[APPEAL].read


def _appeal(idn: str, case_id: str, proceeding_id: str = "", **values: str) -> str:
    base = {"idnAppeal": idn, "idncase": case_id, "idnProceeding": proceeding_id}
    filed = {"strAppealCategory": "IJ", "datAppealFiled": day("2024-03-01")}
    return row(APPEAL, **(base | filed | values))


def _ingest(tiny: TinyRelease) -> Outcome:
    root = tiny.write()
    out = root.parent / "out"
    report = ingest(root, out, progress=False)
    assert report.balanced
    return Outcome(report, out)


def test_appeals_hang_on_kept_cases_and_proceedings(tiny: TinyRelease) -> None:
    tiny.add(A, case("1"))
    tiny.add(A, case("2"))
    tiny.add(B, proceeding("100", "1"))
    clean = tiny.add(APPEAL, _appeal("10", "1", "100"))
    dhs = tiny.add(APPEAL, _appeal("11", "2", strAppealCategory="DD"))  # no proceeding
    orphan = tiny.add(APPEAL, _appeal("12", "3"))  # no case 3
    pair = tiny.add(APPEAL, _appeal("13", "2", "100"))  # proceeding 100 is case 1's
    lower = tiny.add(APPEAL, _appeal("14", "1", "100", strAppealCategory="ij"))
    screened = tiny.add(PRO_BONO, row(PRO_BONO, idnAppeal="10", strCustody="D"))
    on_orphan = tiny.add(PRO_BONO, row(PRO_BONO, idnAppeal="12", strCustody="D"))
    again = tiny.add(PRO_BONO, row(PRO_BONO, idnAppeal="10", strCustody="D"))
    other = tiny.add(PRO_BONO, row(PRO_BONO, idnAppeal="10", strCustody="N"))
    unlinked = tiny.add(FED, row(FED, idnAppealFedCourts="1", lngAppealID=""))
    on_pair = tiny.add(FED, row(FED, idnAppealFedCourts="2", lngAppealID="13"))
    referred = tiny.add(THREE, row(THREE, idn3MemberReferral="1", lngAppealID="11"))
    no_appeal = tiny.add(THREE, row(THREE, idn3MemberReferral="2", lngAppealID=""))
    restated = tiny.add(APPEAL2, row(APPEAL2, idnAppeal="10", idncase="1", idnProceeding="100"))
    repeated = tiny.add(APPEAL2, row(APPEAL2, idnAppeal="10", idncase="1", idnProceeding="100"))
    got = _ingest(tiny)

    assert got.quarantined(APPEAL, clean) is None
    assert got.quarantined(APPEAL, dhs) is None  # an empty link is no link
    assert got.value(APPEAL, "idnAppeal", 11, "idnProceeding") is None
    assert got.quarantined(APPEAL, orphan) == "orphan_key"
    assert got.quarantined(APPEAL, pair) == "orphan_key"
    assert got.repairs(APPEAL, lower) == {"code_case"}
    assert got.value(APPEAL, "idnAppeal", 14, "strAppealCategory") == "IJ"
    # Pro bono screenings have no key: judged by their appeal, a repeated line only.
    assert got.quarantined(PRO_BONO, screened) is None
    assert got.quarantined(PRO_BONO, on_orphan) == "orphan_key"  # appeal 12 was quarantined
    assert got.quarantined(PRO_BONO, again) == "duplicate_row"
    assert got.quarantined(PRO_BONO, other) is None  # another screening of the same appeal
    assert got.quarantined(FED, unlinked) is None
    assert got.quarantined(FED, on_pair) == "orphan_key"
    assert got.quarantined(THREE, referred) is None
    assert got.quarantined(THREE, no_appeal) == "bad_key"  # its only link is not nullable
    assert got.quarantined(APPEAL2, restated) is None
    assert got.quarantined(APPEAL2, repeated) == "duplicate_row"
    q = pl.read_parquet(got.out / "quarantine" / f"{PRO_BONO}.parquet")
    assert "no tblAppeal row with idnAppeal 12" in q["detail"].to_list()


def test_a_header_in_other_cases_is_matched(tiny: TinyRelease) -> None:
    tiny.headers[APPEAL] = tuple(name.upper() for name in header(APPEAL))
    tiny.add(A, case("1"))
    kept = tiny.add(APPEAL, row(APPEAL, idnAppeal="10", idncase="1", strCustody="D"))
    orphan = tiny.add(APPEAL, row(APPEAL, idnAppeal="11", idncase="9", strCustody="D"))
    bad = tiny.add(APPEAL, row(APPEAL, idnAppeal="x12", idncase="1"))
    got = _ingest(tiny)
    assert got.report.tables[APPEAL].header[:3] == ["IDNAPPEAL", "IDNCASE", "IDNPROCEEDING"]
    assert got.quarantined(APPEAL, kept) is None
    assert got.quarantined(APPEAL, orphan) == "orphan_key"
    assert got.quarantined(APPEAL, bad) == "bad_key"
    with duckdb.connect(str(got.out / "eoir.duckdb"), read_only=True) as con:
        decoded = con.execute(f'SELECT "idnAppeal", "strCustody" FROM "{APPEAL}_decoded"')
        assert decoded.fetchall() == [(10, "D")]  # the schema's names, whatever the header


def test_attorneys_by_guid_and_families_by_case(tiny: TinyRelease) -> None:
    tiny.add(A, case("1"))
    tiny.add(A, case("2"))
    tiny.add(B, proceeding("100", "1"))
    registered = tiny.add(ATTORNEY, row(ATTORNEY, EOIRAttorneyID=GUID, Source_Flag="Court"))
    same = tiny.add(ATTORNEY, row(ATTORNEY, EOIRAttorneyID=GUID, Source_Flag="Court"))
    changed = tiny.add(ATTORNEY, row(ATTORNEY, EOIRAttorneyID=GUID, Source_Flag="eReg"))
    not_guid = tiny.add(ATTORNEY, row(ATTORNEY, EOIRAttorneyID="12345", Source_Flag="Court"))
    family = tiny.add(LEAD, row(LEAD, idnLeadRider="1", idnLeadCase="1", idnRiderCase="2"))
    lost = tiny.add(LEAD, row(LEAD, idnLeadRider="2", idnLeadCase="1", idnRiderCase="7"))
    child = tiny.add(
        JUVENILE, row(JUVENILE, idnJuvenileHistory="1", idnCase="1", idnJuvenile="4")
    )  # UJ, no proceeding named
    in_proceeding = tiny.add(
        JUVENILE,
        row(JUVENILE, idnJuvenileHistory="2", idnCase="1", idnProceeding="100", idnJuvenile="4"),
    )
    wrong = tiny.add(
        JUVENILE,
        row(JUVENILE, idnJuvenileHistory="3", idnCase="2", idnProceeding="100", idnJuvenile="4"),
    )
    unknown_code = tiny.add(
        JUVENILE, row(JUVENILE, idnJuvenileHistory="4", idnCase="2", idnJuvenile="99")
    )
    got = _ingest(tiny)
    assert got.quarantined(ATTORNEY, registered) is None
    assert got.quarantined(ATTORNEY, same) == "duplicate_row"
    assert got.quarantined(ATTORNEY, changed) == "duplicate_key"
    assert got.quarantined(ATTORNEY, not_guid) == "bad_key"
    assert got.report.tables[ATTORNEY].columns["EOIRAttorneyID"] == "VARCHAR"
    assert got.quarantined(LEAD, family) is None
    assert got.quarantined(LEAD, lost) == "orphan_key"
    assert got.quarantined(JUVENILE, child) is None
    assert got.quarantined(JUVENILE, in_proceeding) is None
    assert got.quarantined(JUVENILE, wrong) == "orphan_key"
    assert got.repairs(JUVENILE, unknown_code) == {"code_outside_lookup"}
    with duckdb.connect(str(got.out / "eoir.duckdb"), read_only=True) as con:
        named = con.execute(
            f'SELECT DISTINCT "idnJuvenile_NAME" FROM "{JUVENILE}_decoded"'
            ' WHERE "idnJuvenile" IS NOT NULL'
        ).fetchall()
    assert named == [("Unaccompanied Juvenile",)]


def _cli(release: Path, out: Path) -> tuple[int, str]:
    result = runner.invoke(
        eoir_app,
        ["ingest", str(release), "--out", str(out), "--no-progress"],
        env={"COLUMNS": "200"},
    )
    return result.exit_code, result.output


def test_an_older_release_without_the_newer_tables(tiny: TinyRelease, tmp_path: Path) -> None:
    tiny.add(A, case("1"))
    tiny.add(FED, row(FED, idnAppealFedCourts="1", lngAppealID="55"))
    root = tiny.write()
    (root / "EOIR Case Data" / f"{APPEAL2}.csv").unlink()
    (root / "EOIR Case Data" / f"{APPEAL}.csv").unlink()
    report = ingest(root, tmp_path / "out", progress=False)
    assert report.balanced
    assert report.absent == [APPEAL, APPEAL2]
    assert APPEAL not in report.tables
    assert APPEAL2 not in report.views
    assert report.tables[FED].loaded == 1  # its appeal cannot be checked: kept, and said so
    assert report.tables[FED].unlinked == [APPEAL]
    assert f"{FED}.csv: {APPEAL} is absent, so its links to it are not checked" in report.warnings
    assert f"{APPEAL2}: absent (an optional core table)" in report.warnings
    data = json.loads((tmp_path / "out" / "release.json").read_text(encoding="utf-8"))
    assert {"file": APPEAL2, "outcome": "absent", "reason": "", "counts": None} in data["files"]
    code, output = _cli(root, tmp_path / "cli")
    assert code == 0, output
    assert f"│ {APPEAL2}" in output
    assert "absent" in output
    # A required table is still required.
    (root / "EOIR Case Data" / f"{B}.csv").unlink()
    with pytest.raises(ReleaseError, match=f"no file for {B}"):
        ingest(root, tmp_path / "again", progress=False)


def test_other_files_kept_raw_or_refused(tiny: TinyRelease, tmp_path: Path) -> None:
    tiny.add(A, case("1"))
    root = tiny.write()
    core = root / "EOIR Case Data"
    (core / "tblAction.csv").write_bytes(b"IDNACTION\tIDNCASE\tSTRCOMPONENT\n1\t1\tX\n2\t1\t\n\n")
    (core / "README.md").write_bytes(b"# Notes\nnot a table\n")
    (core / "notes.txt").write_bytes(b"one line without tabs\n")
    (root / "Lookup" / "Lookup.zip").write_bytes(b"PK\x03\x04")
    report = ingest(root, tmp_path / "out", progress=False)
    assert report.balanced
    action = report.unknown["tblAction"]
    assert (action.read, action.loaded, action.quarantined) == (3, 2, 1)  # a blank line
    assert action.quarantine["blank_line"] == 1
    assert report.refused == {
        "EOIR Case Data/README.md": "not a table: a .md file, not .csv or .txt",
        "EOIR Case Data/notes.txt": "not a table: the first line has no tab-separated column names",
        "Lookup/Lookup.zip": "an archive (.zip), not a table: unpack it into the release",
    }
    assert "tblAction.csv: unknown, kept raw as the text table tblAction" in report.warnings
    with duckdb.connect(str(tmp_path / "out" / "eoir.duckdb"), read_only=True) as con:
        kept = con.execute('SELECT * FROM "tblAction" ORDER BY "IDNACTION"').fetchall()
    assert kept == [("1", "1", "X"), ("2", "1", None)]  # as text, every column
    data = json.loads((tmp_path / "out" / "release.json").read_text(encoding="utf-8"))
    outcomes = {f["file"]: (f["outcome"], f["reason"]) for f in data["files"]}
    assert outcomes["tblAction.csv"] == ("unknown, kept raw", "")
    assert outcomes["Lookup/Lookup.zip"][0] == "refused"
    code, output = _cli(root, tmp_path / "cli")
    assert code == 0, output
    assert "unknown, kept raw" in output
    assert "refused: an archive (.zip)" in output
