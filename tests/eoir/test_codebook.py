"""`erpath eoir codebook REL OUT` through the typer app, on ingested synthetic releases:
every table and column listed, EOIR's definitions, missingness counted independently,
top values named through the lookups; and the `*_decoded` views of the database.
Only invented data."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import duckdb
import polars as pl
from typer.testing import CliRunner

from erpath.eoir import IngestReport, ingest
from erpath.eoir.cli import eoir_app
from erpath.eoir.codebook import write_codebook
from erpath.eoir.reference import header, lookup_columns, reference_rows
from erpath.eoir.schema import table_spec

from .conftest import TinyRelease, row

runner = CliRunner()


def _codebook(rel: Path, out: Path) -> tuple[list[dict[str, str]], list[dict[str, str]], str]:
    result = runner.invoke(eoir_app, ["codebook", str(rel), str(out), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "columns of" in result.output
    with (out / "codebook.csv").open(newline="", encoding="utf-8") as f:
        columns = list(csv.DictReader(f))
    with (out / "codebook_values.csv").open(newline="", encoding="utf-8") as f:
        values = list(csv.DictReader(f))
    return columns, values, (out / "codebook.md").read_text(encoding="utf-8")


def _section(markdown: str, table: str) -> str:
    return markdown.split(f"\n## {table}\n", 1)[1].split("\n## ", 1)[0]


def test_codebook_of_a_release(small_ingest: tuple[Path, IngestReport], tmp_path: Path) -> None:
    out, report = small_ingest
    columns, values, markdown = _codebook(out, tmp_path / "book")
    listed = {(c["table"], c["column"]) for c in columns}
    expected = {(t, c) for t, r in report.tables.items() for c in r.columns}
    expected |= {(t, c) for t in report.lookup_tables for c in report.lookups[t].columns}
    assert listed == expected
    for table, column in expected:
        assert f"| {column} |" in _section(markdown, table), (table, column)
    by = {(c["table"], c["column"]): c for c in columns}

    entry = by[("A_TblCase", "DATE_OF_ENTRY")]
    assert entry["definition"] == "Date the alien entered the United States"
    assert entry["eoir_type"] == "datetime"
    assert entry["type"] == "DATE"
    assert "Date the alien entered the United States (datetime)" in markdown
    # A name in no definition has none; every core column whose name EOIR defines has one.
    assert by[("A_TblCase", "ZBOND_MRG_FLAG")]["definition"] == ""
    assert by[("A_TblCase", "Sex")]["definition"] == "Sex of the alien"  # EOIR's GENDER
    # EOIR defines 95% of the columns of the eight tables of the first ingest; of the
    # others (ADR 0028) it leaves out the bonds' ADJ1_*/ADJ2_* and a few more, and every
    # core column has a definition exactly when EOIR's list names it (case-blind).
    first = {"A_TblCase", "B_TblProceeding", "tbl_schedule", "tbl_Court_Appln"}
    first |= {"tbl_CustodyHistory", "tbl_Court_Motions", "B_TblProceedCharges", "tbl_RepsAssigned"}
    core = [c for c in columns if c["kind"] == "core"]
    of_first = [c for c in core if c["table"] in first]
    assert len([c for c in of_first if c["definition"]]) >= 0.95 * len(of_first)
    named = {r["column"].lower() for r in reference_rows("column_definitions.csv")} | {"sex"}
    for c in core:
        base = re.sub(r"_(Remove|TO_BE_REMOVED)$", "", c["column"]).lower()
        assert bool(c["definition"]) == (base in named), c

    # Missingness, counted here from the Parquet files themselves.
    for table, column in (("A_TblCase", "DATE_OF_ENTRY"), ("B_TblProceeding", "DEC_CODE")):
        frame = pl.read_parquet(out / "parquet" / table / "*.parquet")
        blank = frame[column].is_null()
        if frame[column].dtype == pl.String:
            blank = blank | (frame[column].str.strip_chars() == "")
        row_ = by[(table, column)]
        assert int(row_["rows"]) == frame.height
        blanks = int(blank.sum())
        assert int(row_["missing"]) == blanks > 0
        assert abs(float(row_["missing_share"]) - blanks / frame.height) < 1e-6

    # The most frequent judge, named as the release's lookup names the code.
    judges = [v for v in values if (v["table"], v["column"]) == ("B_TblProceeding", "IJ_CODE")]
    assert [int(v["rank"]) for v in judges] == list(range(1, 11))
    assert [int(v["rows"]) for v in judges] == sorted(
        (int(v["rows"]) for v in judges), reverse=True
    )
    with duckdb.connect(str(out / "eoir.duckdb"), read_only=True) as con:
        names = {
            r[0]
            for r in con.execute(
                'SELECT JUDGE_NAME FROM "tblLookupJudge" WHERE JUDGE_CODE = ?', [judges[0]["value"]]
            ).fetchall()
        }
        top = con.execute(
            'SELECT IJ_CODE, count(*) n FROM "B_TblProceeding" WHERE IJ_CODE IS NOT NULL'
            " GROUP BY 1 ORDER BY n DESC, 1 LIMIT 1"
        ).fetchone()
    assert top is not None
    assert (judges[0]["value"], int(judges[0]["rows"])) == (top[0], top[1])
    assert judges[0]["name"] == " / ".join(sorted(names))
    assert f"{judges[0]['value']} ({judges[0]['name']}): " in _section(markdown, "B_TblProceeding")
    # CHARGE is not checked against tbllookupCharges, but named through it.
    charges = [v for v in values if v["column"] == "CHARGE"]
    assert charges[0]["name"]
    assert by[("B_TblProceedCharges", "CHARGE")]["lookup"] == "tbllookupCharges.strCode"
    # Keys get no top values.
    assert not [v for v in values if v["column"] in ("IDNCASE", "IDNPROCEEDING")]


def _tiny_release(tiny: TinyRelease) -> Path:
    tiny.headers["A_TblCase"] = tuple(
        "GENDER" if n == "Sex" else n for n in header("A_TblCase")
    )  # the older header
    # 40 cases: NAT empty on 10, MX on 19, GT on 10, CU on 1 (too few rows to be listed).
    for i in range(1, 41):
        nat = {1: "", 3: "GT"}.get(i % 4, "MX") if i != 2 else "CU"
        tiny.add("A_TblCase", row("A_TblCase", IDNCASE=str(i), NAT=nat, CASE_TYPE="RMV", Sex="F"))
        tiny.add(
            "B_TblProceeding",
            row(
                "B_TblProceeding",
                IDNPROCEEDING=str(100 + i),
                IDNCASE=str(i),
                BASE_CITY_CODE="QQA" if i <= 30 else "QQB",
                CASE_TYPE="RMV",
                DEC_CODE="X",
            ),
        )
    root = tiny.write()
    # An invented court lookup with the city and state columns of the real file.
    names = lookup_columns()["tblLookupBaseCity"]
    lines = ["\t".join(names)]
    for code, city in (("QQA", "SPRINGFIELD"), ("QQB", "")):
        cells = dict.fromkeys(names, "")
        cells.update(BASE_CITY_CODE=code, BASE_CITY_NAME="IMMIGRATION COURT", BASE_CITY=city)
        cells.update(BASE_STATE="ZZ" if city else "")
        lines.append("\t".join(cells[n] for n in names))
    (root / "Lookup" / "tblLookupBaseCity.csv").write_text("\n".join(lines) + "\n", "latin-1")
    return root


def test_codebook_known_blanks_and_names(tiny: TinyRelease, tmp_path: Path) -> None:
    root = _tiny_release(tiny)
    done = runner.invoke(eoir_app, ["ingest", str(root), "--no-progress"])
    assert done.exit_code == 0, done.output
    # REL may be the release directory whose ingest went to DIR/ingested.
    columns, values, markdown = _codebook(root, tmp_path / "book")
    by = {(c["table"], c["column"]): c for c in columns}
    nat = by[("A_TblCase", "NAT")]
    assert (nat["rows"], nat["missing"], nat["missing_share"]) == ("40", "10", "0.25")
    assert "| NAT | VARCHAR | A code that represents the alien's reported nationality" in markdown
    assert "| 10 (25.0%) | 3 |" in _section(markdown, "A_TblCase").split("| NAT |", 1)[1]
    assert by[("A_TblCase", "GENDER")]["definition"] == "Sex of the alien"
    named = {
        (v["column"], v["value"]): (v["name"], v["rows"])
        for v in values
        if v["table"] == "B_TblProceeding"
    }
    assert named[("BASE_CITY_CODE", "QQA")] == ("SPRINGFIELD, ZZ", "30")  # a court by its city
    assert named[("BASE_CITY_CODE", "QQB")] == ("IMMIGRATION COURT", "10")  # no city: the name
    assert named[("DEC_CODE", "X")] == ("Removal Order", "40")  # the RMV meaning of X
    assert "QQA (SPRINGFIELD, ZZ): 30 (75.0%)" in markdown
    nats = {v["value"]: (v["name"], v["rows"]) for v in values if v["column"] == "NAT"}
    assert nats == {"MX": ("MEXICO", "19"), "GT": ("GUATEMALA", "10")}  # CU, in 1 row, is not

    # The decoded views: stable names (Sex, though the header says GENDER) and the names.
    with duckdb.connect(str(root / "ingested" / "eoir.duckdb"), read_only=True) as con:
        case_cols = [r[0] for r in con.execute('DESCRIBE "A_TblCase_decoded"').fetchall()]
        got = con.execute(
            "SELECT IDNPROCEEDING, BASE_CITY_CODE_NAME, DEC_CODE_NAME, NAT_NAME, CASE_TYPE_NAME"
            ' FROM "B_TblProceeding_decoded" ORDER BY 1'
        ).fetchall()
        sexes = con.execute('SELECT DISTINCT Sex, Sex_NAME FROM "A_TblCase_decoded"').fetchall()
    spec = [c.name for c in table_spec("A_TblCase").columns]
    assert [c for c in case_cols if not c.endswith("_NAME")] == spec
    assert case_cols[case_cols.index("NAT") + 1] == "NAT_NAME"
    assert "GENDER" not in case_cols
    assert got[0] == (101, "SPRINGFIELD, ZZ", "Removal Order", None, "Removal")
    assert got[39][1] == "IMMIGRATION COURT"
    assert len(sexes) == 1
    assert sexes[0][0] == "F"
    assert sexes[0][1]  # the lookup's name of F


def test_codebook_refuses_what_is_not_ingested(
    small_release: Path, small_ingest: tuple[Path, IngestReport], tmp_path: Path
) -> None:
    def refused(rel: Path) -> str:
        result = runner.invoke(
            eoir_app, ["codebook", str(rel), str(tmp_path / "b"), "--no-progress"]
        )
        assert result.exit_code == 2, result.output
        assert not (tmp_path / "b").exists()
        return result.output

    assert "not a directory" in refused(tmp_path / "absent")
    assert "not an ingested release (no release.json)" in refused(tmp_path)
    assert "has not been ingested" in refused(small_release)
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(small_ingest[0] / "release.json", copy / "release.json")
    assert "no eoir.duckdb" in refused(copy)
    duckdb.connect(str(copy / "eoir.duckdb")).close()  # a database without the views
    assert "does not match release.json" in refused(copy)


def test_codebook_of_a_moved_ingest(tiny: TinyRelease, tmp_path: Path) -> None:
    tiny.add("A_TblCase", row("A_TblCase", IDNCASE="1", CASE_TYPE="RMV"))
    root = tiny.write()
    ingest(root, tmp_path / "out", progress=False)
    (tmp_path / "out").rename(tmp_path / "moved")
    result = runner.invoke(
        eoir_app, ["codebook", str(tmp_path / "moved"), str(tmp_path / "b"), "--no-progress"]
    )
    assert result.exit_code == 2, result.output
    assert "ingest it again" in result.output


def test_codebook_reports_progress_per_column(
    small_ingest: tuple[Path, IngestReport], tmp_path: Path
) -> None:
    seen: list[tuple[int, int]] = []
    book = write_codebook(
        small_ingest[0], tmp_path / "book", on_column=lambda d, t: seen.append((d, t))
    )
    assert [d for d, _ in seen] == list(range(1, len(book.columns) + 1))
    assert {t for _, t in seen} == {len(book.columns)}
