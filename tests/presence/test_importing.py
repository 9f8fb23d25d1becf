"""Importing evidence lists: every bad cell named by row and column, no row lost."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from erpath.presence.importing import parse_date, read_evidence


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2025-03-04", date(2025, 3, 4)),
        ("3/4/2025", date(2025, 3, 4)),
        ("03/04/2025", date(2025, 3, 4)),
        ("2/29/2024", date(2024, 2, 29)),
    ],
)
def test_iso_and_us_month_first_dates_are_read(text: str, day: date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("3/4/25", "two-digit year"),
        ("03-04-2025", "ambiguous"),
        ("2/29/2025", "not a real date"),
        ("13/31/2025", "not a real date"),
        ("2024-02-30", "not a real date"),
        ("13/04/2025", "day first\\? write 2025-04-13"),
        ("13/12/2024", "not a date in the formats YYYY-MM-DD or MM/DD/YYYY"),
        ("1/1/1899", "outside the days erpath covers"),
        ("next week", "not a date"),
    ],
)
def test_ambiguous_or_impossible_dates_are_rejected(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_date(text)


def test_a_day_first_date_is_refused_naming_the_row_the_column_and_the_formats(
    tmp_path: Path,
) -> None:
    path = tmp_path / "evidence.csv"
    path.write_text(
        "kind,from,to\n"
        "pay stub,05/06/2024,05/06/2024\n"  # month first: May 6, as the stated format says
        "lease,2024-01-01,2024-12-31\n"
        "utility bill,13/12/2024,2024-12-31\n"
    )
    got = read_evidence(path)
    assert got.documents[0].from_ == date(2024, 5, 6)
    assert got.errors == [
        "row 4, column from: '13/12/2024' is not a date in the formats YYYY-MM-DD or "
        "MM/DD/YYYY (is it day first? write 2024-12-13)"
    ]
    assert (got.rows, len(got.documents), got.refused) == (3, 2, 1)
    spanish = got.problems[0].text("es")
    assert spanish.startswith("fila 4, columna from: '13/12/2024' no es una fecha")
    assert "2024-12-13" in spanish
    assert "AAAA-MM-DD" in spanish


def test_a_text_cell_of_an_xlsx_is_read_as_a_typed_date_and_a_date_cell_as_its_day(
    tmp_path: Path,
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["kind", "from", "to"])
    sheet.append(["lease", date(2024, 12, 13), date(2025, 1, 12)])  # date cells: no doubt
    sheet.append(["lease", "13/12/2024", "2025-01-12"])  # text typed day first
    path = tmp_path / "evidence.xlsx"
    book.save(path)
    got = read_evidence(path)
    assert [d.from_ for d in got.documents] == [date(2024, 12, 13)]
    assert got.errors == [
        "row 3, column from: '13/12/2024' is not a date in the formats YYYY-MM-DD or "
        "MM/DD/YYYY (is it day first? write 2024-12-13)"
    ]


BAD_CSV = """Kind,From,To,Issuer,Note
lease,01/05/2024,12/31/2024,Landlord LLC,signed lease
utility bill,2025-01-01,2025-01-31,City Power,
tax return,3/4/25,12/31/2024,,two-digit year
sworn affidavit,2024-06-01,2024-05-01,,ends before it starts
,,,,
rocket,2024-01-01,2024-01-02,,unknown kind
pay_stub,,2024-02-01,,missing start
"""


def test_a_spreadsheet_with_bad_rows_reports_each_with_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "evidence.csv"
    path.write_text(BAD_CSV)
    got = read_evidence(path)
    assert got.rows == 7
    assert got.blank == 1
    assert len(got.documents) == 2
    assert got.errors == [
        "row 4, column from: '3/4/25' has a two-digit year: write the year in full",
        "row 5, columns from and to: ends (2024-05-01) before it starts (2024-06-01)",
        "row 7, column kind: 'rocket' is not a kind of evidence: one of Lease, Utility bill, "
        "Pay stub, Tax record, Bank statement, Medical record, School record, Religious record, "
        "Remittance receipt, Government record, Sworn affidavit, Photograph, Other record",
        "row 8, column from: empty",
    ]
    # Every row is accounted for: a document, an error, or a blank row.
    assert len(got.documents) + len({e.split(",")[0] for e in got.errors}) + got.blank == got.rows


def test_a_kind_is_read_by_its_code_or_its_name_in_either_language(tmp_path: Path) -> None:
    path = tmp_path / "evidence.csv"
    path.write_text(
        "kind,from,to\nTalón de pago,2024-01-05,2024-01-05\npay_stub,2024-01-19,2024-01-19\n"
        "Pay Stub,2024-02-02,2024-02-02\ncohete,2024-02-02,2024-02-02\n"
    )
    got = read_evidence(path)
    assert [d.kind for d in got.documents] == ["pay_stub"] * 3
    spanish = got.problems[0].text("es")
    assert spanish.startswith("fila 5, columna kind: 'cohete' no es un tipo de prueba: uno de ")
    assert "Contrato de arrendamiento, Factura de servicios, Talón de pago" in spanish


def test_an_unknown_or_missing_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "evidence.csv"
    path.write_text("kind,start,colour\nlease,2024-01-01,blue\n")
    got = read_evidence(path)
    unknown = "row 1, column 3 (colour): unknown column; use "
    assert unknown + "kind, from, to, issuer, issuer_type, note, file" in got.errors
    assert "row 1: the column 'to' is missing" in got.errors


def workbook(path: Path, documents: int) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Kind", "From", "To", "Issued by", "Note"])
    for month in range(documents):
        year, m = 2023 + (month + 6) // 12, (month + 6) % 12 + 1
        start = date(year, m, 1)
        end = date(year + (m == 12), m % 12 + 1, 1).toordinal() - 1
        sheet.append(
            ["Utility bill", start, date.fromordinal(end), "Power Co-op", f"bill {month + 1}"]
        )
    book.save(path)
    return path


def test_an_xlsx_with_date_cells_is_read(tmp_path: Path) -> None:
    got = read_evidence(workbook(tmp_path / "evidence.xlsx", 40))
    assert got.errors == []
    assert len(got.documents) == 40
    assert got.documents[0].from_ == date(2023, 7, 1)


def test_the_cli_goes_from_a_40_document_spreadsheet_to_a_chart_and_a_pdf(
    tmp_path: Path,
) -> None:
    path = workbook(tmp_path / "evidence.xlsx", 40)
    chart, index = tmp_path / "timeline.png", tmp_path / "index.pdf"
    arguments = [
        "presence",
        str(path),
        "--arrived",
        "2023-07-01",
        "--on",
        "2026-11-01",
        "--chart",
        str(chart),
        "--index",
        str(index),
        "--lang",
        "es",
    ]
    done = subprocess.run(
        [sys.executable, "-m", "erpath", *arguments], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "two years are shown" in " ".join(done.stdout.split())
    assert chart.read_bytes().startswith(b"\x89PNG")
    assert index.read_bytes().startswith(b"%PDF")


def test_the_cli_refuses_a_bad_spreadsheet_and_reads_nothing(tmp_path: Path) -> None:
    path = tmp_path / "evidence.csv"
    path.write_text(BAD_CSV)
    done = subprocess.run(
        [sys.executable, "-m", "erpath", "presence", str(path), "--arrived", "2024-01-01"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "row 4, column from" in done.stderr
    assert "4 problem(s); nothing was read" in done.stderr
    assert "Traceback" not in done.stderr
