"""Reading raw ICE tables: every line accounted for, redaction marks null, bad rows reported."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from erpath.ice.read import Column, Layout, ReadError, parse_date, read_table
from erpath.ice.redaction import is_redaction
from erpath.ice.report import IceReport

from .plain import Plain

SMALL = Layout(
    "test table",
    (
        Column("Area of Responsibility", "aor"),
        Column("Apprehension Date", "apprehension_date", "date"),
        Column("Processing Disposition Code", "code"),
        Column("Birth Date", "birth_date", "date"),
    ),
)
HAND_MADE = "\n".join(
    [
        '"ERO-LESA Statistical Tracking Unit"|||',  # 1
        '"2019-ICFO-00000"|||',  # 2
        "|||",  # 3
        '"Test Removals (1/1/2019 - 1/31/2019)"|||',  # 4
        '"Area of Responsibility"|"Apprehension Date"|"Processing Disposition Code"|"Birth Date"',
        '"Seattle Area of Responsibility"|1/2/2019|"ER"|"b(6), b(7)c"',  # 6
        '"Seattle Area of Responsibility"|1/3/2019|"ER/CF"',  # 7: a field missing
        "|||",  # 8
        '"Miami Area of Responsibility"|13/45/2019|"(b)(6), (b)(7)(c)"|"(B)(6);(B)(7)(C) "',  # 9
        '"Miami Area of Responsibility"|"2/1/2019|"REINST"|x',  # 10: broken quoting
        '"Total"|2||',  # 11
        '"Dallas Area of Responsibility"|02/03/2019|"REINST"|""',  # 12
    ]
)


@pytest.fixture(params=["\n", "\r\n"], ids=["lf", "crlf"])
def hand_made(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / "hand_made.csv"
    path.write_bytes((HAND_MADE.replace("\n", str(request.param)) + "\n").encode("ascii"))
    return path


def test_hand_made_file_keeps_records_and_reports_every_other_line(hand_made: Path) -> None:
    read = read_table(hand_made, SMALL)
    assert read.title == (
        "ERO-LESA Statistical Tracking Unit",
        "2019-ICFO-00000",
        "Test Removals (1/1/2019 - 1/31/2019)",
    )
    assert read.header_line == 5
    assert read.frame["line"].to_list() == [6, 9, 12]
    assert [(s.line, s.reason.split(":")[0]) for s in read.skipped] == [
        (7, "3 fields, the header has 4"),
        (8, "blank row"),
        (10, "broken quoting"),
        (11, "totals row"),
    ]
    assert read.lines == 12
    assert read.accounted


def test_hand_made_file_cells(hand_made: Path) -> None:
    read = read_table(hand_made, SMALL)
    assert read.frame.schema["apprehension_date"] == pl.Date
    assert read.frame.rows() == [
        (6, "Seattle Area of Responsibility", date(2019, 1, 2), "ER", None),
        (9, "Miami Area of Responsibility", None, None, None),
        (12, "Dallas Area of Responsibility", date(2019, 2, 3), "REINST", None),
    ]
    assert read.redacted == {"aor": 0, "apprehension_date": 0, "code": 1, "birth_date": 2}
    assert [(p.line, p.column, p.value, p.reason) for p in read.problems] == [
        (9, "Apprehension Date", "13/45/2019", "not a real date")
    ]


def test_a_quote_left_open_costs_only_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "open_quote.csv"
    path.write_text(
        '"Area of Responsibility"|"Apprehension Date"|"Processing Disposition Code"|"Birth Date"\n'
        '"Seattle Area of Responsibility"|1/2/2019|"ER"|\n'  # 2
        '"Seattle Area|1/3/2019|ER|\n'  # 3: its first quote never closes on this line
        'x"|1/4/2019|"ER"|\n'  # 4: read on its own, as if line 3 were not there
        '"Miami Area of Responsibility"|1/5/2019|"REINST"|\n'  # 5
        '"Dallas Area|1/6/2019|ER|\n'  # 6: still open at the end of the file
    )
    read = read_table(path, SMALL)
    assert read.frame["line"].to_list() == [2, 4, 5]
    assert read.frame["aor"].to_list()[1] == 'x"'
    assert [(s.line, s.reason) for s in read.skipped] == [
        (3, "broken quoting: a quoted cell runs past the end of the line"),
        (6, "broken quoting: unexpected end of data"),
    ]
    assert read.accounted


def test_gzip_and_plain_text_read_alike(hand_made: Path, tmp_path: Path) -> None:
    zipped = tmp_path / "hand_made.csv.gz"
    zipped.write_bytes(gzip.compress(hand_made.read_bytes()))
    assert read_table(zipped, SMALL).frame.equals(read_table(hand_made, SMALL).frame)


def test_columns_are_found_by_name_in_any_order(tmp_path: Path) -> None:
    path = tmp_path / "reordered.csv"
    path.write_text(
        '"Birth Date"|"Extra"|"Processing Disposition Code"|"Apprehension Date"|'
        '"Area of Responsibility"\n'
        '"(B)(6)"|"x"|"ER"|3/4/2019|"Seattle Area of Responsibility"\n'
    )
    read = read_table(path, SMALL)
    assert read.frame.rows() == [
        (2, "Seattle Area of Responsibility", date(2019, 3, 4), "ER", None)
    ]
    assert read.ignored_columns == ("Extra",)


@pytest.mark.parametrize(
    ("text", "problem"),
    [("no header here|x", "no header line"), ("", "no header line")],
)
def test_a_file_without_the_header_is_refused(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(ReadError, match=problem):
        read_table(path, SMALL)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="cannot read"):
        read_table(tmp_path / "absent.csv.gz", SMALL)


@pytest.mark.parametrize(
    "text",
    [
        "(B)(6);(B)(7)(C) ",
        "(B)(7)(E) ",
        "(B)(3)",
        "b(6), b(7)c",
        "b(6), b(7)C",
        "(b)(6), (b)(7)(c)",
        "b6",
        "(b)(6) and (b)(7)(C)",
    ],
)
def test_redaction_marks(text: str) -> None:
    assert is_redaction(text)


@pytest.mark.parametrize(
    "text", ["B", "b", "(B)", "NA", "--", "212a6Ai", "Expedited Removal (I-860)", "BOP GILES"]
)
def test_values_that_are_not_redaction_marks(text: str) -> None:
    assert not is_redaction(text)


@pytest.mark.parametrize(
    ("text", "problem"),
    [("07/02/0999", "year 999"), ("2/29/2019", "not a real date"), ("2019-01-02", "M/D/YYYY")],
)
def test_impossible_dates_are_refused(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_date(text)


def test_every_line_of_the_real_removals_file_is_accounted_for(
    report: IceReport, plain_removals: Plain
) -> None:
    read = report.removals_read
    assert read.lines == len(plain_removals.lines) == 241_519
    assert read.header_line == plain_removals.header_index + 1 == 6
    assert read.loaded == len(plain_removals.rows) == 241_513
    assert read.skipped == ()
    assert read.accounted
    assert read.frame["line"].to_list() == list(range(7, read.lines + 1))
    assert read.title[-1] == "ICE Removals for FY2019 (10/1/2018 - 8/31/2019)"


def test_every_line_of_the_real_arrests_file_is_accounted_for(
    report: IceReport, plain_arrests: Plain
) -> None:
    read = report.arrests_read
    assert read.lines == len(plain_arrests.lines) == 131_910
    assert read.loaded == len(plain_arrests.rows) == 131_904
    assert read.skipped == ()
    assert read.accounted


def test_real_redaction_marks_become_nulls(
    report: IceReport, plain_removals: Plain, plain_arrests: Plain
) -> None:
    removals, arrests = report.removals_read, report.arrests_read
    birth = plain_removals.cells("Birth Date")
    assert set(birth) == {'"(B)(6);(B)(7)(C) "'}
    assert removals.redacted["birth_date"] == len(birth)
    assert removals.frame["birth_date"].null_count() == len(birth)
    threat = plain_removals.cells("RC Threat Level")
    marked = threat.count('"(B)(7)(E) "')
    assert removals.redacted["rc_threat_level"] == marked == 130_842
    assert removals.frame["rc_threat_level"].null_count() == marked
    assert removals.frame["rc_threat_level"].drop_nulls().unique().to_list() == ["NA"]
    operation = plain_arrests.counts("Operation")
    assert arrests.redacted["operation"] == operation["(B)(7)(E)"] == 30_067
    assert arrests.frame["operation"].null_count() == operation["(B)(7)(E)"] + operation[""]


def test_real_cells_are_typed(report: IceReport) -> None:
    first = report.removals_read.frame.row(0, named=True)
    assert first == {
        "line": 7,
        "area_of_responsibility": "Miami Area of Responsibility",
        "apprehension_date": date(2018, 9, 17),
        "processing_disposition_code": "REINST",
        "birth_date": None,
        "citizenship": "HONDURAS",
        "gender": "Male",
        "rc_threat_level": "NA",
        "final_charge_section": "212a6Ai",
        "departed_date": date(2018, 10, 1),
        "removal_date": date(2018, 10, 1),
    }


def test_the_one_impossible_date_in_the_removals_is_reported(
    report: IceReport, plain_removals: Plain
) -> None:
    (problem,) = report.removals_read.problems
    assert (problem.line, problem.column, problem.value) == (
        133_465,
        "Apprehension Date",
        "07/02/0999",
    )
    assert plain_removals.lines[problem.line - 1].split("|")[1] == '"07/02/0999"'
    blank = plain_removals.counts("Apprehension Date")[""]
    assert report.removals_read.frame["apprehension_date"].null_count() == blank + 1
