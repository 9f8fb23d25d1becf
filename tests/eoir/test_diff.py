"""`erpath eoir diff OLD NEW` (ADR 0029): two releases written by hand, one changed from the
other (cases removed and added, a column renamed and one dropped, codes that come and go),
ingested for real and compared over their Parquet."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from erpath.eoir import IngestReport, ingest
from erpath.eoir.cli import eoir_app
from erpath.eoir.diff import diff_releases
from erpath.eoir.reference import header

from .conftest import TinyRelease, day, row

A, APPEAL2 = "A_TblCase", "tblAppeal2"
runner = CliRunner()


def _line(names: tuple[str, ...], **values: str) -> str:
    unknown = set(values) - set(names)
    assert not unknown, unknown
    return "\t".join(values.get(n, "") for n in names)


def _case(names: tuple[str, ...], idn: str, **values: str) -> str:
    base = {
        "IDNCASE": idn,
        "ALIEN_CITY": "HOUSTON",
        "ALIEN_STATE": "TX",
        "NAT": "MX",
        "CUSTODY": "N",
        "CASE_TYPE": "RMV",
        "DATE_OF_ENTRY": day("2020-01-02"),
    }
    return _line(names, **(base | values))


def _release(
    root: Path, names: tuple[str, ...], when: date, cases: list[str], second: list[str]
) -> Path:
    """A release of `cases`, one appeal (of case 2) and `second`, idncase values of its
    tblAppeal2 rows (a table without a key of its own)."""
    tiny = TinyRelease(root, release_date=when)
    tiny.headers[A] = names
    for case in cases:
        tiny.add(A, case)
    tiny.add("tblAppeal", row("tblAppeal", idnAppeal="1", idncase="2"))
    for idn in second:
        tiny.add(APPEAL2, row(APPEAL2, idnAppeal="1", idncase=idn))
    return tiny.write()


@pytest.fixture
def releases(tmp_path: Path) -> tuple[Path, Path]:
    old_names = tuple("GENDER" if n == "Sex" else n for n in header(A))
    old = _release(
        tmp_path / "old",
        old_names,
        date(2026, 6, 1),
        [
            _case(old_names, "1", CUSTODY="D"),
            _case(old_names, "2", GENDER="F"),
            _case(old_names, "3"),
        ],
        ["2", "3"],
    )
    new_names = tuple(n for n in header(A) if n != "LPR")  # Sex as today, LPR dropped
    new = _release(
        tmp_path / "new",
        new_names,
        date(2026, 7, 1),
        [
            _case(new_names, "2", Sex="F"),
            _case(new_names, "3"),
            _case(new_names, "4", CASE_TYPE="CFR", NAT="GT"),
            _case(new_names, "5", CASE_TYPE="CFR"),
        ],
        ["3", "5"],
    )
    for root in (old, new):
        ingest(root, progress=False)  # into the default DIR/ingested
    return old, new


def test_rows_columns_and_codes(releases: tuple[Path, Path]) -> None:
    old, new = releases
    found = diff_releases(old, new / "ingested")
    assert (found.old_date, found.new_date) == (date(2026, 6, 1), date(2026, 7, 1))
    case = next(t for t in found.tables if t.table == A)
    assert (case.rows_old, case.rows_new, case.added, case.removed) == (3, 4, 2, 1)
    assert case.columns_renamed == [("GENDER", "Sex")]
    assert case.columns_removed == ["LPR"]
    assert case.columns_added == []
    codes = {c.column: (c.appeared, c.disappeared) for c in case.codes}
    assert codes["CASE_TYPE"] == (["CFR"], [])
    assert codes["NAT"] == (["GT"], [])
    assert codes["CUSTODY"] == ([], ["D"])
    assert "Sex" not in codes  # F in both, under either name
    second = next(t for t in found.tables if t.table == APPEAL2)  # whole rows compared
    assert (second.rows_old, second.rows_new, second.added, second.removed) == (2, 2, 1, 1)
    proceedings = next(t for t in found.tables if t.table == "B_TblProceeding")
    assert (proceedings.rows_old, proceedings.rows_new, proceedings.added) == (0, 0, 0)


def test_the_command_prints_and_writes_json(releases: tuple[Path, Path]) -> None:
    old, new = releases
    printed = runner.invoke(eoir_app, ["diff", str(old), str(new)])
    assert printed.exit_code == 0, printed.output
    assert "EOIR releases 2026-06-01 -> 2026-07-01" in printed.output
    assert "-LPR" in printed.output
    assert "tbl_CustodyHistory" in printed.output
    assert "CFR" in printed.output
    as_json = runner.invoke(eoir_app, ["diff", str(old), str(new), "--json"])
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.output)
    case = next(t for t in data["tables"] if t["table"] == A)
    assert (case["added"], case["removed"]) == (2, 1)
    assert case["columns_renamed"] == [["GENDER", "Sex"]]


def test_a_directory_not_ingested_is_refused(releases: tuple[Path, Path], tmp_path: Path) -> None:
    old, _ = releases
    result = runner.invoke(eoir_app, ["diff", str(old), str(tmp_path)])
    assert result.exit_code == 2
    assert "not an ingested release" in result.output


def test_a_release_against_itself(small_ingest: tuple[Path, IngestReport]) -> None:
    out, report = small_ingest
    found = diff_releases(out, out)
    assert [t.table for t in found.tables] == list(report.tables)
    for t in found.tables:
        loaded = report.tables[t.table].loaded + report.tables[t.table].repaired
        assert (t.rows_old, t.rows_new, t.added, t.removed) == (loaded, loaded, 0, 0)
        assert (t.columns_added, t.columns_removed, t.columns_renamed, t.codes) == ([], [], [], [])
