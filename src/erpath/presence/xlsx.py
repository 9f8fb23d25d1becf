"""The cells of an XLSX workbook's first sheet, read with zipfile and expat within the
importer's limits (ADR 0016).

The zip is checked before anything is unpacked: how many parts it has and how much they
unpack to (zipfile never unpacks more of a part than it declares). Then only the parts
needed are streamed through expat, once each: the package and workbook relationships, the
workbook, the shared strings, the styles (which cells are dates) and the first sheet. A
DTD is refused (a workbook never has one; entities are how an XML bomb grows); the sheet's
declared dimension and every row and cell must lie within the limits, rows in order and
cells left to right. Nothing is built for a cell outside them, so the work is bounded by
the limits and the size of the parts, whatever the file says of itself.
"""

from __future__ import annotations

import io
import lzma
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from datetime import datetime
from typing import Any, NoReturn
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel

from erpath.presence.importing import (
    MAX_UNZIPPED_BYTES,
    MAX_ZIP_MEMBERS,
    ImportError_,
    past_limits,
)

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
RELATIONSHIP_ID = "http://schemas.openxmlformats.org/officeDocument/2006/relationships id"
REFERENCE = re.compile(r"^([A-Z]{0,3})(\d*)$")  # a cell, or one end of a range
CHUNK = 64 * 1024
# What zipfile and the decompressors raise on a damaged or unsupported archive.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    NotImplementedError,
    RuntimeError,
    OSError,
    ValueError,
)


def _position(ref: str) -> tuple[int, int] | None:
    """(row, column) of a reference such as XFD20000 (0 for a part left out), or None."""
    match = REFERENCE.match(ref.upper())
    if not match or not any(match.groups()):
        return None
    letters, digits = match.groups()
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(digits or 0), column


ROW = ["worksheet", "sheetData", "row"]
CELL = [*ROW, "c"]


def _run_text(open_: list[str], at: list[str]) -> bool:
    """Whether character data is text of a string at `at` (its runs, not its phonetic guides)."""
    return open_[: len(at)] == at and open_[-1] == "t" and "rPh" not in open_


class _Part:
    """One part streamed through expat; each kind of part keeps what it needs."""

    def __init__(self) -> None:
        self.where = ""  # "evidence.xlsx: xl/worksheets/sheet1.xml", set when it is read
        self.open: list[str] = []  # local names of the open elements ("" outside MAIN)

    def refuse(self, problem: str) -> NoReturn:
        raise ImportError_(f"{self.where}{problem}")

    def start(self, attributes: dict[str, str]) -> None:
        """An element opens (the last of `open`)."""

    def end(self) -> None:
        """An element closes (the last of `open`)."""

    def text(self, data: str) -> None:
        """Character data inside the innermost open element."""


class _Relationships(_Part):
    def __init__(self) -> None:
        super().__init__()
        self.targets: dict[str, str] = {}  # Id -> Target
        self.types: dict[str, str] = {}  # last segment of Type -> Target

    def start(self, attributes: dict[str, str]) -> None:
        external = attributes.get("TargetMode") == "External"
        if self.open == ["Relationships", "Relationship"] and not external:
            target = attributes.get("Target", "")
            self.targets[attributes.get("Id", "")] = target
            self.types.setdefault(attributes.get("Type", "").rpartition("/")[2], target)


class _Workbook(_Part):
    def __init__(self) -> None:
        super().__init__()
        self.first_sheet: str | None = None  # its relationship id
        self.epoch = WINDOWS_EPOCH

    def start(self, attributes: dict[str, str]) -> None:
        if self.open == ["workbook", "sheets", "sheet"] and self.first_sheet is None:
            self.first_sheet = attributes.get(RELATIONSHIP_ID, "")
        elif self.open == ["workbook", "workbookPr"]:
            self.epoch = MAC_EPOCH if attributes.get("date1904") in ("1", "true") else self.epoch


class _SharedStrings(_Part):
    def __init__(self) -> None:
        super().__init__()
        self.strings: list[str] = []
        self.pieces: list[str] = []

    def start(self, attributes: dict[str, str]) -> None:
        if self.open == ["sst", "si"]:
            self.pieces = []

    def end(self) -> None:
        if self.open == ["sst", "si"]:
            self.strings.append("".join(self.pieces))

    def text(self, data: str) -> None:
        if _run_text(self.open, ["sst", "si"]):
            self.pieces.append(data)


class _Styles(_Part):
    def __init__(self) -> None:
        super().__init__()
        self.formats: dict[int, str] = dict(BUILTIN_FORMATS)
        self.cell_formats: list[int] = []  # the number format of each cell style

    def start(self, attributes: dict[str, str]) -> None:
        number = attributes.get("numFmtId", "")
        if not number.isdecimal():
            return
        if self.open == ["styleSheet", "numFmts", "numFmt"]:
            self.formats[int(number)] = attributes.get("formatCode", "")
        elif self.open == ["styleSheet", "cellXfs", "xf"]:
            self.cell_formats.append(int(number))

    def dates(self) -> set[int]:
        """The cell styles that show a number as a date."""
        dates = {n for n in set(self.cell_formats) if is_date_format(self.formats.get(n))}
        return {style for style, number in enumerate(self.cell_formats) if number in dates}


class _Sheet(_Part):
    """The cells of a sheet, within the limits, row by row (a row left out is empty)."""

    def __init__(self, shared: list[str], dates: set[int], epoch: datetime) -> None:
        super().__init__()
        self.shared, self.dates, self.epoch = shared, dates, epoch
        self.rows: list[list[Any]] = []
        self.row = 0  # the row open, or the last one
        self.column = 0  # the last cell's column in the row
        self.cell = ("", "n", "0")  # where the open cell is, its type and style
        self.pieces: list[str] = []  # its text

    def start(self, attributes: dict[str, str]) -> None:
        if self.open == ["worksheet", "dimension"]:
            self.dimension(attributes.get("ref", ""))
        elif self.open == ROW:
            self.new_row(attributes.get("r"))
        elif self.open == CELL:
            self.new_cell(attributes)

    def end(self) -> None:
        if self.open == CELL:
            where, kind, style = self.cell
            cells = self.rows[-1]
            cells.extend([None] * (self.column - len(cells)))
            cells[self.column - 1] = self.value(where, kind, style, "".join(self.pieces))

    def text(self, data: str) -> None:
        if self.open == [*CELL, "v"] or _run_text(self.open, [*CELL, "is"]):
            self.pieces.append(data)

    def dimension(self, ref: str) -> None:
        ends = [_position(end) for end in ref.split(":")]
        if len(ends) > 2 or None in ends:
            self.refuse(f" declares the cells {ref!r}, which is not a range of cells")
        problem = past_limits(max(e[0] for e in ends if e), max(e[1] for e in ends if e))
        if problem:
            self.refuse(f" declares the cells {ref}: {problem}")

    def new_row(self, r: str | None) -> None:
        number = self.row + 1 if r is None else int(r) if r.isdecimal() else 0
        if number < 1:
            self.refuse(f": {r!r} is not a row number")
        if number <= self.row:
            self.refuse(f", row {number:,} comes after row {self.row:,}: rows out of order")
        problem = past_limits(number, 1)
        if problem:
            self.refuse(f": {problem}")
        self.rows.extend([] for _ in range(number - self.row))
        self.row, self.column = number, 0

    def new_cell(self, attributes: dict[str, str]) -> None:
        r = attributes.get("r")
        column = self.column + 1
        where = f"row {self.row:,}, cell {column:,}"
        if r is not None:
            position = _position(r)
            if position is None or position[0] != self.row or position[1] == 0:
                self.refuse(f", row {self.row:,}: {r!r} is not a cell of this row")
            column, where = position[1], f"cell {r}"
        if column <= self.column:
            self.refuse(f", {where} comes after column {self.column:,}: cells out of order")
        problem = past_limits(self.row, column)
        if problem:
            self.refuse(f", {where}: {problem}")
        self.column = column
        self.cell = (where, attributes.get("t", "n"), attributes.get("s", "0"))
        self.pieces = []

    def value(self, where: str, kind: str, style: str, text: str) -> Any:
        """A cell's value as a spreadsheet shows it: text, a number, a date or a truth."""
        if kind == "s":
            if not text.isdecimal() or int(text) >= len(self.shared):
                self.refuse(f", {where}: {text!r} is not one of the shared strings")
            return self.shared[int(text)]
        if kind == "b":
            return text in ("1", "true")
        if kind == "d":
            try:
                return datetime.fromisoformat(text)
            except ValueError:
                return text
        if kind != "n" or text == "":
            return text or None
        try:
            number = float(text)
        except ValueError:
            return text
        if style.isdecimal() and int(style) in self.dates:
            try:
                return from_excel(number, self.epoch)
            except (OverflowError, ValueError):
                return text
        return int(number) if number.is_integer() else number


class _Archive:
    """The zip of a workbook, checked before anything is unpacked."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            parts = self.zip.infolist()
        except ZIP_ERRORS as exc:
            raise self.unreadable(exc) from None
        if len(parts) > MAX_ZIP_MEMBERS:
            raise ImportError_(
                f"{name}: the workbook has {len(parts):,} parts, more than the "
                f"{MAX_ZIP_MEMBERS} erpath reads"
            )
        unpacked = sum(info.file_size for info in parts)
        if unpacked > MAX_UNZIPPED_BYTES:
            raise ImportError_(
                f"{name}: the workbook unpacks to {unpacked:,} bytes, more than the "
                f"{MAX_UNZIPPED_BYTES // 2**20} MB erpath unpacks"
            )

    def unreadable(self, exc: Exception) -> ImportError_:
        return ImportError_(
            f"{self.name}: not a readable .xlsx workbook ({type(exc).__name__}: {exc})"
        )

    def chunks(self, part: str) -> Iterator[bytes]:
        try:
            with self.zip.open(part) as stream:
                while chunk := stream.read(CHUNK):
                    yield chunk
        except KeyError:
            raise ImportError_(f"{self.name}: the workbook has no part {part}") from None
        except ZIP_ERRORS as exc:
            raise self.unreadable(exc) from None

    def read(self, part: str, reader: _Part) -> None:
        """Stream `part` through expat into `reader`."""
        reader.where = f"{self.name}: {part}"

        def start(tag: str, attributes: dict[str, str]) -> None:
            namespace, _, local = tag.rpartition(" ")
            reader.open.append(local if namespace in (MAIN, PACKAGE) else "")
            reader.start(attributes)

        def end(_tag: str) -> None:
            reader.end()
            reader.open.pop()

        def doctype(*_: object) -> None:
            reader.refuse(" declares a DTD (<!DOCTYPE>), which a workbook never does")

        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartDoctypeDeclHandler = doctype
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = reader.text
        try:
            for chunk in self.chunks(part):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise ImportError_(
                f"{self.name}: {part} is not well-formed XML ({expat.ErrorString(exc.code)}, "
                f"line {exc.lineno} column {exc.offset})"
            ) from None

    def relationships(self, part: str) -> _Relationships:
        """The relationships of `part` ("" for the package's own)."""
        folder, base = posixpath.split(part)
        found = _Relationships()
        self.read(posixpath.join(folder, "_rels", base + ".rels"), found)
        return found


def _target(source: str, target: str) -> str:
    """The part a relationship of the part `source` names."""
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def sheet_rows(data: bytes, name: str) -> list[list[Any]]:
    """The cells of the first sheet of the workbook `data` (the file `name`), row by row;
    ImportError_ naming the file and the problem when it cannot be read within the limits."""
    archive = _Archive(data, name)
    with archive.zip:
        document = archive.relationships("").types.get("officeDocument")
        if document is None:
            raise ImportError_(f"{name}: not an .xlsx workbook (it names no workbook part)")
        book_part = _target("", document)
        book = _Workbook()
        archive.read(book_part, book)
        links = archive.relationships(book_part)
        sheet = links.targets.get(book.first_sheet or "")
        if sheet is None:
            raise ImportError_(f"{name}: the workbook has no sheet")
        shared = _SharedStrings()
        if "sharedStrings" in links.types:
            archive.read(_target(book_part, links.types["sharedStrings"]), shared)
        styles = _Styles()
        if "styles" in links.types:
            archive.read(_target(book_part, links.types["styles"]), styles)
        cells = _Sheet(shared.strings, styles.dates(), book.epoch)
        archive.read(_target(book_part, sheet), cells)
        return cells.rows
