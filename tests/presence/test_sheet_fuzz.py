"""Generated spreadsheets, odd and broken (CSV and XLSX: random cells, odd dates, unicode,
huge or empty cells, hand-written sheet XML, mutated bytes), read by the importer and by
`erpath presence` (the real CLI, in-process): the importer returns rows or refuses the file
with a line naming it, the CLI exits 0 or 2, and nothing raises anything else. Valid
workbooks read the same as openpyxl reads them. All values are invented."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError
from typer.testing import CliRunner

from erpath.cli import app
from erpath.presence.importing import (
    COLUMNS,
    HEADER_ALIASES,
    KIND_ALIASES,
    KINDS,
    MAX_ROWS,
    Imported,
    ImportError_,
    read_evidence,
)
from erpath.presence.xlsx import sheet_rows

runner = CliRunner()
FUZZ = settings(
    max_examples=110,
    deadline=10_000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"

days = st.dates(date(1890, 1, 1), date(2110, 12, 31))
date_texts = st.one_of(
    days.map(date.isoformat),
    days.map(lambda d: f"{d.month}/{d.day}/{d.year}"),
    days.map(lambda d: f"{d.day:02}/{d.month:02}/{d.year}"),  # day first: 13/12/2024
    days.map(lambda d: f"{d.month:02}-{d.day:02}-{d.year % 100:02}"),
    st.from_regex(r"\A\d{1,4}[/.-]\d{1,4}[/.-]\d{1,5}\Z"),
)
texts = st.one_of(
    st.text(max_size=30),
    st.sampled_from([*KINDS, *KIND_ALIASES, "rocket", "", " ", "=1+1", "#N/A", "\ufeff"]),
    st.integers(0, 140_000).map(lambda n: "x" * n),  # past csv's field limit of 131,072
)
cells = st.one_of(texts, date_texts)
headers = st.lists(
    st.one_of(
        st.sampled_from([*COLUMNS, *HEADER_ALIASES, "Kind", "FROM ", ""]), st.text(max_size=8)
    ),
    max_size=9,
)
tables = st.tuples(headers, st.lists(st.lists(cells, max_size=9), max_size=12))
mutations = st.lists(
    st.tuples(
        st.floats(0, 1), st.sampled_from(["flip", "cut", "insert", "drop"]), st.binary(max_size=8)
    ),
    max_size=4,
)


def mutate(data: bytes, edits: list[tuple[float, str, bytes]]) -> bytes:
    for where, how, what in edits:
        at = int(where * len(data))
        if how == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]
        elif how == "cut":
            data = data[:at]
        elif how == "insert":
            data = data[:at] + what + data[at:]
        else:
            data = data[:at] + data[at + len(what) + 1 :]
    return data


def csv_bytes(header: list[str], rows: list[list[str]], encoding: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding, errors="replace")


def workbook_bytes(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


xml_values = st.one_of(
    st.integers(-5, 2**40).map(str),
    st.sampled_from(["", "abc", "1e400", "nan", "-1", "0", "1048577", "XFD1", "A0", "$A$1"]),
)
hand_cells = st.fixed_dictionaries(
    {},
    optional={
        "r": st.one_of(xml_values, st.from_regex(r"\A[A-Z]{1,4}\d{1,7}\Z")),
        "t": st.sampled_from(["s", "n", "b", "d", "e", "str", "inlineStr", "x"]),
        "s": xml_values,
        "v": st.one_of(xml_values, date_texts, st.text(max_size=10)),
    },
)
hand_rows = st.lists(
    st.tuples(st.one_of(st.none(), xml_values), st.lists(hand_cells, max_size=5)), max_size=8
)


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def hand_workbook(rows: list[tuple[str | None, list[dict[str, str]]]], dimension: str) -> bytes:
    """A workbook whose sheet XML is written out of generated rows and cells."""
    body = ""
    for r, row_cells in rows:
        body += "<row" + (f' r="{escape(r)}"' if r is not None else "") + ">"
        for cell in row_cells:
            attributes = "".join(f' {k}="{escape(v)}"' for k, v in cell.items() if k != "v")
            value = cell.get("v")
            if cell.get("t") == "inlineStr":
                body += f"<c{attributes}><is><t>{escape(value or '')}</t></is></c>"
            else:
                body += f"<c{attributes}>" + (f"<v>{escape(value)}</v>" if value else "") + "</c>"
        body += "</row>"
    parts = {
        "_rels/.rels": f'<Relationships xmlns="{PACKAGE}"><Relationship Id="a" '
        f'Type="{OFFICE}/officeDocument" Target="/xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{OFFICE}"><sheets>'
        '<sheet name="S" sheetId="1" r:id="s"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PACKAGE}"><Relationship Id="s" '
        f'Type="{OFFICE}/worksheet" Target="sheets/one.xml"/><Relationship Id="t" '
        f'Type="{OFFICE}/sharedStrings" Target="strings.xml"/></Relationships>',
        "xl/strings.xml": f'<sst xmlns="{MAIN}"><si><t>kind</t></si><si><r><t>le</t></r>'
        "<r><t>ase</t></r><rPh><t>x</t></rPh></si></sst>",
        "xl/sheets/one.xml": f'<worksheet xmlns="{MAIN}"><dimension ref="{escape(dimension)}"/>'
        f"<sheetData>{body}</sheetData></worksheet>",
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()


def check(path: Path, data: bytes) -> None:
    """The importer reads `data` or refuses it naming the file; the CLI exits 0 or 2."""
    path.write_bytes(data)
    got: Imported | ImportError_
    try:
        got = read_evidence(path)
    except ImportError_ as exc:
        got = exc
    if isinstance(got, ImportError_):
        assert str(got).startswith(f"{path}: "), got
    else:
        assert got.rows <= MAX_ROWS
        assert len(got.documents) + got.blank <= got.rows
    done = runner.invoke(
        app, ["presence", str(path), "--arrived", "2024-01-01", "--on", "2026-01-01"]
    )
    assert done.exit_code in (0, 2), (done.exception, done.output[-500:])
    assert done.exception is None or isinstance(done.exception, SystemExit)
    assert "Traceback" not in done.output


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(
    table=tables,
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]),
    edits=mutations,
)
def test_generated_csv_files(
    folder: Path,
    table: tuple[list[str], list[list[str]]],
    encoding: str,
    edits: list[tuple[float, str, bytes]],
) -> None:
    check(folder / "evidence.csv", mutate(csv_bytes(*table, encoding), edits))


workbook_cells = st.one_of(
    cells,
    days,
    st.datetimes(datetime(1900, 3, 1), datetime(2100, 1, 1)),
    st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
)


@FUZZ
@given(
    header=headers,
    rows=st.lists(st.lists(workbook_cells, max_size=8), max_size=10),
    edits=mutations,
)
def test_generated_xlsx_files(
    folder: Path, header: list[str], rows: list[list[Any]], edits: list[tuple[float, str, bytes]]
) -> None:
    try:
        data = workbook_bytes([header, *rows])
    except IllegalCharacterError:
        data = b""  # a character a workbook cannot hold: an empty file instead
    check(folder / "evidence.xlsx", mutate(data, edits))


@FUZZ
@given(
    rows=hand_rows,
    dimension=st.one_of(xml_values, st.from_regex(r"\A[A-Z]{0,4}\d{0,8}(:[A-Z]{0,4}\d{0,8})?\Z")),
    edits=mutations,
)
def test_hand_written_sheet_xml(
    folder: Path,
    rows: list[tuple[str | None, list[dict[str, str]]]],
    dimension: str,
    edits: list[tuple[float, str, bytes]],
) -> None:
    check(folder / "hand.xlsx", mutate(hand_workbook(rows, dimension), edits))


def _trimmed(rows: list[list[Any]]) -> list[list[Any]]:
    out = [list(row) for row in rows]
    for row in out:
        while row and row[-1] is None:
            row.pop()
    while out and not out[-1]:
        out.pop()
    return out


@settings(max_examples=60, deadline=10_000)
@given(rows=st.lists(st.lists(workbook_cells, max_size=8), max_size=10))
def test_a_valid_workbook_reads_as_openpyxl_reads_it(rows: list[list[Any]]) -> None:
    try:
        data = workbook_bytes(rows)
    except IllegalCharacterError:
        return
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheet = book.worksheets[0]
    expected = _trimmed([list(r) for r in sheet.iter_rows(values_only=True)])
    book.close()
    assert _trimmed(sheet_rows(data, "generated.xlsx")) == expected


@settings(max_examples=40, deadline=10_000)
@given(day=st.integers(13, 31), month=st.integers(1, 12), year=st.integers(1900, 2100))
def test_a_day_first_date_is_refused_by_row_and_column(
    folder: Path, day: int, month: int, year: int
) -> None:
    path = folder / "day-first.csv"
    path.write_text(f"kind,from,to\nlease,{day:02}/{month:02}/{year},{year}-12-31\n")
    got = read_evidence(path)
    assert got.documents == []
    typed = f"'{day:02}/{month:02}/{year}'"
    try:
        meant = date(year, month, day)
    except ValueError:  # 31/02: no such day either way
        problem = f"{typed} is not a real date (there is no such day): use MM/DD/YYYY"
        assert got.errors == [f"row 2, column from: {problem} (month first) or YYYY-MM-DD"]
    else:
        assert got.errors == [
            f"row 2, column from: {typed} is not a date in the formats YYYY-MM-DD or "
            f"MM/DD/YYYY (is it day first? write {meant.isoformat()})"
        ]
