"""Spreadsheets built the way an attacker builds them, run through `erpath presence` (a real
process whose address space is capped at 1 GiB, a timeout as a guard) and the real web app:
each is refused whole with one line naming the problem and the limit (exit 2, a 422 page),
never a traceback, a 500 or an exhausted machine. The limits are tested on both sides.
Every name and date here is invented."""

from __future__ import annotations

import html
import json
import re
import resource
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import Result

from erpath.presence.importing import (
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    MAX_UNZIPPED_BYTES,
    MAX_ZIP_MEMBERS,
    read_evidence,
)
from erpath.web import Settings, create_app
from web.webtools import TODAY, Browser, LiveServer, csrf_of

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET = "xl/worksheets/sheet1.xml"
WORKBOOK = (
    f'<workbook xmlns="{MAIN}" xmlns:r="{OFFICE}"><sheets>'
    '<sheet name="Evidence" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/></Types>'
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
        f'Type="{OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": WORKBOOK,
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{OFFICE}/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


def text_cells(*values: str) -> str:
    return "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in values)


HEADER = f'<row r="1">{text_cells("kind", "from", "to")}</row>'
LEASE = text_cells("lease", "2024-03-05", "2025-03-04")
LIMIT_OF_ROWS = f"an evidence list has at most {MAX_ROWS:,} documents, in rows 2 to 1,001"
LIMIT_OF_COLUMNS = f"an evidence list has at most {MAX_COLUMNS} columns"
GIB = 2**30
Run = Callable[..., Result]


def sheet(rows: str, dimension: str | None = None, prologue: str = "") -> str:
    ref = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'{prologue}<worksheet xmlns="{MAIN}">{ref}<sheetData>{rows}</sheetData></worksheet>'


def xlsx(path: Path, sheet_xml: str | None, **parts: str | None) -> Path:
    """A workbook of hand-written parts: the four a workbook needs, its sheet (None: none)
    and `parts`, which replace or add to them."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        chosen = {**PARTS, SHEET: sheet_xml, **parts}
        for name, text in chosen.items():
            if text is not None:
                archive.writestr(name, text)
    return path


def patch(path: Path, member: str, local_at: int, central_at: int, value: bytes) -> Path:
    """Overwrite a field of `member`'s local header and of its central directory entry."""
    with zipfile.ZipFile(path) as archive:
        local, central = archive.getinfo(member).header_offset, archive.start_dir
    data = bytearray(path.read_bytes())
    data[local + local_at : local + local_at + len(value)] = value
    while data[central + 46 : central + 46 + len(member)] != member.encode():
        central = data.index(b"PK\x01\x02", central + 4)
    data[central + central_at : central + central_at + len(value)] = value
    path.write_bytes(bytes(data))
    return path


def huge_sheet(path: Path) -> Path:
    """A sheet of 64 MiB of rows, which deflates to a small file."""
    row = f"<row>{LEASE}</row>".encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        with archive.open(SHEET, "w") as part:
            part.write(f'<worksheet xmlns="{MAIN}"><sheetData>{HEADER}'.encode())
            block = row * (2**20 // len(row))
            for _ in range(64):
                part.write(block)
            part.write(b"</sheetData></worksheet>")
    return path


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "ha">'
    + "".join(
        f'<!ENTITY {b} "{("&" + a + ";") * 10}">'
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "]>"
)
ONE_CELL = sheet(f'{HEADER}<row r="20000"><c r="XFD20000"><v>1</v></c></row>', "A1:XFD20000")
Build = Callable[[Path], Path]

# name: (how to build it in a folder, what the refusal says after "<file>: ")
BOMBS: dict[str, tuple[Build, str]] = {
    "dimension A1:XFD20000, one cell at XFD20000": (
        lambda d: xlsx(d / "dimension.xlsx", ONE_CELL),
        f"{SHEET} declares the cells A1:XFD20000: row 20,000 is past the last row read: "
        + LIMIT_OF_ROWS,
    ),
    "dimension A1:XFD1048576": (
        lambda d: xlsx(d / "whole.xlsx", sheet(HEADER, "A1:XFD1048576")),
        f"{SHEET} declares the cells A1:XFD1048576: row 1,048,576 is past the last row read",
    ),
    'row r="99999999999"': (
        lambda d: xlsx(d / "far.xlsx", sheet(f'{HEADER}<row r="99999999999">{LEASE}</row>')),
        f"{SHEET}: row 99,999,999,999 is past the last row read: " + LIMIT_OF_ROWS,
    ),
    "a cell at XFD2": (
        lambda d: xlsx(d / "wide.xlsx", sheet(f'{HEADER}<row><c r="XFD2"><v>1</v></c></row>')),
        f"{SHEET}, cell XFD2: column 16,384 is past the last column read: " + LIMIT_OF_COLUMNS,
    ),
    "64 MiB of rows, deflated": (
        lambda d: huge_sheet(d / "huge.xlsx"),
        f"more than the {MAX_UNZIPPED_BYTES // 2**20} MB erpath unpacks",
    ),
    "64 MiB of rows whose zip entry says 1,000 bytes": (
        lambda d: patch(huge_sheet(d / "liar.xlsx"), SHEET, 22, 24, struct.pack("<I", 1000)),
        f"not a readable .xlsx workbook (BadZipFile: Bad CRC-32 for file '{SHEET}')",
    ),
    "a billion laughs": (
        lambda d: xlsx(
            d / "laughs.xlsx", sheet(f"{HEADER}<row>{text_cells('&i;')}</row>", prologue=LAUGHS)
        ),
        f"{SHEET} declares a DTD (<!DOCTYPE>), which a workbook never does",
    ),
    "a zip of many parts": (
        lambda d: xlsx(
            d / "parts.xlsx",
            sheet(HEADER),
            **{f"xl/media/{i}.xml": "" for i in range(MAX_ZIP_MEMBERS)},
        ),
        f"the workbook has {MAX_ZIP_MEMBERS + 5} parts, more than the {MAX_ZIP_MEMBERS} "
        "erpath reads",
    ),
}


def _bytes_of(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _valid_xlsx(d: Path) -> Path:
    return xlsx(d / "valid.xlsx", sheet(f"{HEADER}<row>{LEASE}</row>"))


MALFORMED: dict[str, tuple[Build, str]] = {
    "not a zip": (
        lambda d: _bytes_of(d / "text.xlsx", b"kind,from,to\n"),
        "not a readable .xlsx workbook (BadZipFile: File is not a zip file)",
    ),
    "an empty file": (
        lambda d: _bytes_of(d / "empty.xlsx", b""),
        "not a readable .xlsx workbook (BadZipFile: File is not a zip file)",
    ),
    "a zip cut in half": (
        lambda d: _bytes_of(d / "cut.xlsx", _valid_xlsx(d).read_bytes()[:700]),
        "not a readable .xlsx workbook (BadZipFile:",
    ),
    "an unknown compression": (
        lambda d: patch(_valid_xlsx(d), SHEET, 8, 10, struct.pack("<H", 99)),
        "not a readable .xlsx workbook (NotImplementedError:",
    ),
    "no package relationships": (
        lambda d: xlsx(d / "bare.xlsx", sheet(HEADER), **{"_rels/.rels": None}),
        "the workbook has no part _rels/.rels",
    ),
    "no sheet": (
        lambda d: xlsx(
            d / "nosheet.xlsx",
            None,
            **{
                "xl/workbook.xml": WORKBOOK.replace(
                    '<sheet name="Evidence" sheetId="1" r:id="rId1"/>', ""
                )
            },
        ),
        "the workbook has no sheet",
    ),
    "a missing sheet part": (
        lambda d: xlsx(d / "missing.xlsx", None),
        f"the workbook has no part {SHEET}",
    ),
    "a sheet cut short": (
        lambda d: xlsx(d / "short.xlsx", sheet(HEADER)[:-30]),
        f"{SHEET} is not well-formed XML (no element found, line 1 column",
    ),
    "a shared string that does not exist": (
        lambda d: xlsx(
            d / "strings.xlsx", sheet(f'{HEADER}<row><c r="A2" t="s"><v>7</v></c></row>')
        ),
        f"{SHEET}, cell A2: '7' is not one of the shared strings",
    ),
    "a row numbered in words": (
        lambda d: xlsx(d / "words.xlsx", sheet(f'{HEADER}<row r="two">{LEASE}</row>')),
        f"{SHEET}: 'two' is not a row number",
    ),
    "rows out of order": (
        lambda d: xlsx(
            d / "order.xlsx", sheet(f'{HEADER}<row r="3">{LEASE}</row><row r="2">{LEASE}</row>')
        ),
        f"{SHEET}, row 2 comes after row 3: rows out of order",
    ),
    "cells out of order": (
        lambda d: xlsx(
            d / "cells.xlsx",
            sheet(f'{HEADER}<row><c r="B2"><v>1</v></c><c r="A2"><v>1</v></c></row>'),
        ),
        f"{SHEET}, cell A2 comes after column 2: cells out of order",
    ),
    "a cell of another row": (
        lambda d: xlsx(d / "stray.xlsx", sheet(f'{HEADER}<row><c r="A7"><v>1</v></c></row>')),
        f"{SHEET}, row 2: 'A7' is not a cell of this row",
    ),
    "a CSV that is not UTF-8": (
        lambda d: _bytes_of(
            d / "latin.csv",
            "kind,from,to\nlease,2024-01-01,2024-02-01 \xe9t\xe9\n".encode("latin-1"),
        ),
        "not UTF-8 text (invalid continuation byte at byte 41)",
    ),
    "a CSV cell of 200,000 characters": (
        lambda d: _bytes_of(
            d / "long.csv", b"kind,from,to,note\nlease,2024-01-01,2024-02-01," + b"x" * 200_000
        ),
        "row 2: not readable as CSV (field larger than field limit (131072))",
    ),
}


def _capped() -> None:
    """In the child process: at most 1 GiB of address space."""
    resource.setrlimit(resource.RLIMIT_AS, (GIB, GIB))


def _presence(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "erpath", "presence", str(path), "--arrived", "2024-03-01"],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=_capped,
        timeout=120,
    )


def _refusal(lines: list[str], expected: str) -> str:
    found = [line for line in lines if expected in line]
    assert found, f"{expected!r} not in {lines}"
    return found[0]


@pytest.mark.parametrize("bomb", BOMBS)
def test_erpath_presence_refuses_each_bomb_within_a_gib(tmp_path: Path, bomb: str) -> None:
    build, expected = BOMBS[bomb]
    path = build(tmp_path)
    assert path.stat().st_size < 2**20  # a small file, the attack is in what it claims
    done = _presence(path)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    assert _refusal(done.stderr.splitlines(), expected).startswith(f"{path}: ")


@pytest.mark.parametrize("case", MALFORMED)
def test_a_malformed_file_is_refused_with_its_problem(
    tmp_path: Path, erpath: Run, case: str
) -> None:
    build, expected = MALFORMED[case]
    path = build(tmp_path)
    done = erpath("presence", str(path), "--arrived", "2024-03-01", ok=False)
    assert done.exit_code == 2, done.output
    assert done.exception is None or isinstance(done.exception, SystemExit)
    assert _refusal(done.stderr.splitlines(), expected).startswith(f"{path}: ")


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    with LiveServer(create_app(Settings(today=TODAY))) as live:
        yield live


def _upload(server: LiveServer, path: Path) -> tuple[int, list[str]]:
    """The status of the evidence page after uploading `path`, and the problems it lists."""
    browser = Browser(server.url)
    try:
        page = browser.get("/evidence").text
        response = browser.post(
            "/evidence",
            data={"csrf": csrf_of(page), "action": "analyse", "arrived": "2024-03-01"},
            files={"upload": (path.name, path.read_bytes())},
        )
    finally:
        browser.close()
    assert 'id="analysis"' not in response.text
    return response.status_code, [
        html.unescape(p) for p in re.findall(r"<li>(.*?)</li>", response.text)
    ]


@pytest.mark.parametrize("case", [*BOMBS, *MALFORMED])
def test_the_web_upload_refuses_each_with_its_problem(
    tmp_path: Path, server: LiveServer, case: str
) -> None:
    build, expected = {**BOMBS, **MALFORMED}[case]
    status, problems = _upload(server, build(tmp_path))
    assert status == 422, problems
    assert _refusal(problems, expected).startswith("upload: ")


def _documents(count: int) -> list[tuple[str, date, date]]:
    return [("utility_bill", date(2024, 1, 1), date(2024, 1, 31))] * count


def _csv(path: Path, count: int, columns: int = 3) -> Path:
    extra = columns - 3
    lines = ["kind,from,to" + "," * extra]
    lines += [f"{k},{a:%m/%d/%Y},{b}" + ",x" * extra for k, a, b in _documents(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _xlsx(path: Path, count: int, columns: int = 3) -> Path:
    book = Workbook()
    cells = book.active
    assert cells is not None
    cells.append(["Kind", "From", "To"])
    for row in _documents(count):
        cells.append([*row, *["x"] * (columns - 3)])
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("write", "where"),
    [(_csv, ""), (_xlsx, f"{SHEET} declares the cells A1:C1002: ")],
)
def test_a_thousand_documents_are_read_and_a_thousand_and_one_refused(
    tmp_path: Path, erpath: Run, write: Callable[[Path, int], Path], where: str
) -> None:
    suffix = ".csv" if write is _csv else ".xlsx"
    full = write(tmp_path / f"full{suffix}", MAX_ROWS)
    assert len(read_evidence(full).documents) == MAX_ROWS
    erpath("presence", str(full), "--arrived", "2024-01-01", "--on", "2024-02-01")
    over = write(tmp_path / f"over{suffix}", MAX_ROWS + 1)
    done = erpath("presence", str(over), "--arrived", "2024-01-01", ok=False)
    assert done.exit_code == 2
    expected = f"{over}: {where}row 1,002 is past the last row read: {LIMIT_OF_ROWS}"
    assert done.stderr.strip() == expected


@pytest.mark.parametrize("write", [_csv, _xlsx])
def test_twenty_six_columns_are_read_and_twenty_seven_refused(
    tmp_path: Path, write: Callable[..., Path]
) -> None:
    suffix = ".csv" if write is _csv else ".xlsx"
    assert len(read_evidence(write(tmp_path / f"z{suffix}", 2, MAX_COLUMNS)).documents) == 2
    with pytest.raises(
        ValueError, match=f"column 27 is past the last column read: {LIMIT_OF_COLUMNS}"
    ):
        read_evidence(write(tmp_path / f"aa{suffix}", 2, MAX_COLUMNS + 1))


def test_a_file_of_the_largest_size_is_read_and_one_byte_more_refused(
    tmp_path: Path, erpath: Run
) -> None:
    head, row = "kind,from,to,note\n", "lease,2024-01-01,2024-01-31,"
    note = (MAX_FILE_BYTES - len(head)) // MAX_ROWS - len(row) - 1
    body = f"{row}{'n' * note}\n" * MAX_ROWS
    rest = "n" * (MAX_FILE_BYTES - len(head) - len(body))
    path = tmp_path / "largest.csv"
    path.write_text(head + body[:-1] + rest + "\n")
    assert path.stat().st_size == MAX_FILE_BYTES
    assert read_evidence(path).rows == MAX_ROWS
    with path.open("a") as handle:
        handle.write("n")
    done = erpath("presence", str(path), "--arrived", "2024-01-01", ok=False)
    assert done.exit_code == 2
    assert done.stderr.strip() == (
        f"{path}: larger than 5 MB, the most erpath reads of an evidence list"
    )


def test_a_json_list_of_a_thousand_and_one_documents_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "evidence.json"
    one = {"kind": "lease", "from": "2024-01-01", "to": "2024-01-31"}
    path.write_text(json.dumps([one] * (MAX_ROWS + 1)))
    with pytest.raises(ValueError, match="1,001 documents: an evidence list has at most 1,000"):
        read_evidence(path)
    path.write_text(json.dumps([one] * MAX_ROWS))
    assert len(read_evidence(path).documents) == MAX_ROWS
    nested = tmp_path / "nested.json"
    nested.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    with pytest.raises(ValueError, match="nested deeper than 32 levels"):
        read_evidence(nested)
