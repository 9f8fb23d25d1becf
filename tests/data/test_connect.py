"""`erpath.data.connect` on ingested releases written to disk: the views read a release
that was moved, columns keep the schema's names across header drift (the raw names under
`raw.`), the decoded views and the release's date are there, and a path that is not an
ingested release is refused naming what is missing. Only invented data."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from eoir.conftest import RELEASE_DATE, TinyRelease, day, row
from erpath.data import ReleaseData, ReleaseDataError, connect
from erpath.eoir import ingest
from erpath.eoir.ingest import read_report
from erpath.eoir.reference import header
from erpath.eoir.samples import ingested_sample


def _count(db: ReleaseData, name: str) -> int:
    [(found,)] = db.sql(f"SELECT count(*) FROM {name}").fetchall()
    return int(found)


def test_a_moved_release_is_read_where_it_is_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = ingested_sample(tmp_path / "made", 300, seed=4)
    report = read_report(out)
    assert report is not None
    moved = tmp_path / "elsewhere" / "copy"
    shutil.copytree(out, moved)
    shutil.rmtree(tmp_path / "made")  # nothing left where it was ingested
    # The ingest's own database still names the old place (ADR 0030 leaves it so).
    with (
        duckdb.connect(str(moved / "eoir.duckdb"), read_only=True) as con,
        pytest.raises(duckdb.IOException),
    ):
        con.sql('SELECT count(*) FROM "A_TblCase"').fetchall()

    monkeypatch.chdir(tmp_path / "elsewhere")
    with connect("copy") as db:  # a path relative to the working directory
        assert db.root == moved
        assert db.release_date == report.release_date
        for table, counted in report.tables.items():
            rows = counted.loaded + counted.repaired  # the Parquet's rows (report.py)
            assert _count(db, f'"{table}"') == rows, table
            assert _count(db, f'raw."{table}"') == rows, table
            assert _count(db, f'"{table}_decoded"') == rows, table
        assert _count(db, "A_TblCase") > 0
        for lookup in report.lookup_tables:
            counted = report.lookups[lookup]
            assert _count(db, f'"{lookup}"') == counted.loaded + counted.repaired, lookup
        assert db.sql("SELECT release_date, source, directory FROM release").fetchall() == [
            (report.release_date, report.source, str(moved))
        ]
        tables = db.tables()
        assert {"A_TblCase", "A_TblCase_decoded", "raw.A_TblCase", "release"} <= set(tables)
        assert "tblLookupNationality" in tables
    # A release directory (the ingest's default DIR/ingested) is found as well.
    shutil.move(moved, tmp_path / "elsewhere" / "ingested")
    with connect(tmp_path / "elsewhere") as db:
        assert _count(db, "A_TblCase") == _count(db, 'raw."A_TblCase"') > 0


def _drifted(root: Path, older: bool) -> Path:
    """Three cases; with `older`, the headers of an older release: GENDER for Sex and
    CRIM_IND_TO_BE_REMOVED for CRIM_IND (RESEARCH.md 1.6.10)."""
    tiny = TinyRelease(root / "release")
    if older:
        tiny.headers["A_TblCase"] = tuple(
            "GENDER" if n == "Sex" else n for n in header("A_TblCase")
        )
        tiny.headers["B_TblProceeding"] = tuple(
            "CRIM_IND_TO_BE_REMOVED" if n == "CRIM_IND" else n for n in header("B_TblProceeding")
        )
    for i, sex in enumerate(("F", "M", "F"), start=1):
        # Written by the current header's positions: the drifted names stand in the same places.
        tiny.add("A_TblCase", row("A_TblCase", IDNCASE=str(i), NAT="MX", CASE_TYPE="RMV", Sex=sex))
        tiny.add(
            "B_TblProceeding",
            row(
                "B_TblProceeding",
                IDNPROCEEDING=str(10 + i),
                IDNCASE=str(i),
                INPUT_DATE=day("2024-03-01"),
                BASE_CITY_CODE="QQA",
                CASE_TYPE="RMV",
                CRIM_IND="Y" if i == 2 else "N",
            ),
        )
    out = root / "ingested"
    ingest(tiny.write(), out, progress=False, release_date=RELEASE_DATE)
    return out


def _columns(db: ReleaseData, name: str) -> list[str]:
    return [str(r[0]) for r in db.sql(f"DESCRIBE {name}").fetchall()]


def test_column_names_are_the_same_across_header_drift(tmp_path: Path) -> None:
    with (
        connect(_drifted(tmp_path / "old", True)) as old,
        connect(_drifted(tmp_path / "new", False)) as new,
    ):
        for table in ("A_TblCase", "B_TblProceeding"):
            assert _columns(old, table) == _columns(new, table), table
            assert _columns(old, f"{table}_decoded") == _columns(new, f"{table}_decoded")
        assert "GENDER" not in _columns(old, "A_TblCase")
        query = "SELECT IDNCASE, Sex, Sex_NAME FROM A_TblCase_decoded ORDER BY IDNCASE"
        assert old.sql(query).fetchall() == new.sql(query).fetchall()
        assert [r[1] for r in old.sql(query).fetchall()] == ["F", "M", "F"]
        query = "SELECT IDNPROCEEDING, CRIM_IND FROM B_TblProceeding ORDER BY 1"
        assert (
            old.sql(query).fetchall()
            == new.sql(query).fetchall()
            == [
                (11, "N"),
                (12, "Y"),
                (13, "N"),
            ]
        )
        # The release's own names, under raw.
        assert "GENDER" in _columns(old, 'raw."A_TblCase"')
        assert "Sex" not in _columns(old, 'raw."A_TblCase"')
        assert "CRIM_IND_TO_BE_REMOVED" in _columns(old, 'raw."B_TblProceeding"')
        assert "Sex" in _columns(new, 'raw."A_TblCase"')
        with pytest.raises(duckdb.BinderException, match="GENDER"):
            old.sql("SELECT GENDER FROM A_TblCase").fetchall()


def test_what_is_not_an_ingested_release_is_named(tmp_path: Path) -> None:
    with pytest.raises(ReleaseDataError, match="not a directory"):
        connect(tmp_path / "absent")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ReleaseDataError, match=r"not an ingested release \(no release.json\)"):
        connect(tmp_path / "empty")
    (tmp_path / "raw" / "EOIR Case Data").mkdir(parents=True)
    with pytest.raises(ReleaseDataError, match="erpath eoir ingest"):
        connect(tmp_path / "raw")

    out = ingested_sample(tmp_path / "made", 200, seed=5)
    broken = tmp_path / "no-database"
    shutil.copytree(out, broken)
    (broken / "eoir.duckdb").unlink()
    with pytest.raises(ReleaseDataError, match=r"no-database: no eoir.duckdb: ingest the release"):
        connect(broken)

    broken = tmp_path / "no-table"
    shutil.copytree(out, broken)
    shutil.rmtree(broken / "parquet" / "tbl_schedule")
    with pytest.raises(ReleaseDataError, match=r"no-table/parquet/tbl_schedule: no Parquet files"):
        connect(broken)

    broken = tmp_path / "bad-file"
    shutil.copytree(out, broken)
    for part in (broken / "parquet" / "A_TblCase").glob("*.parquet"):
        part.write_bytes(b"not parquet")
    with pytest.raises(ReleaseDataError, match=r"bad-file/parquet/A_TblCase: cannot be read"):
        connect(broken)

    broken = tmp_path / "no-lookup"
    shutil.copytree(out, broken)
    with duckdb.connect(str(broken / "eoir.duckdb")) as con:
        con.execute('DROP TABLE "tblLookupNationality"')
    with pytest.raises(ReleaseDataError, match=r"duckdb: no lookup table tblLookupNationality"):
        connect(broken)

    broken = tmp_path / "bad-json"
    shutil.copytree(out, broken)
    (broken / "release.json").write_text("{", encoding="utf-8")
    with pytest.raises(ReleaseDataError, match=r"bad-json/release.json: cannot be read"):
        connect(broken)
