"""Read a raw ICE ERO-LESA FOIA table into a typed polars frame, every line accounted for.

The FY2019 release (FOIA 2019-ICFO-53623; data/PROVENANCE.md) is pipe-delimited text with
strings in double quotes and dates unquoted as M/D/YYYY. Before the header come five title
lines: the producing unit, the FOUO marking, the FOIA number, a blank line and the table's title
(each padded with empty cells). Withheld cells hold FOIA exemption marks (`erpath.ice.redaction`).

Every physical line of the file is exactly one of: a preamble line (before the header), the
header, a loaded row, or a skipped line with its reason (blank row, totals row, repeated header,
wrong number of fields, broken quoting). So `lines == header_line + loaded + len(skipped)`,
which `RawTable.accounted` checks. Inside a loaded row, a redaction mark becomes null and is
counted per column; an empty cell becomes null; a date that is not M/D/YYYY, or whose year is
before 1900 or after 2100, becomes null and is listed as a cell problem with its line: the row
is still a record (one removal, one arrest) and is kept.
"""

from __future__ import annotations

import csv
import gzip
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import polars as pl

from erpath.ice.redaction import REDACTION

DATA = Path(__file__).parent / "data"
BUNDLED_REMOVALS = DATA / "ICERemovals_FY2019.csv.gz"
BUNDLED_ARRESTS = DATA / "EROArrests_FY2019.csv.gz"
DELIMITER = "|"
HEADER_WITHIN = 100  # lines searched for the header: the FY2019 files have 5 title lines
US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
FIRST_YEAR, LAST_YEAR = 1900, 2100
TOTAL = re.compile(r"^(?:grand\s+)?totals?\s*:?$", re.IGNORECASE)
Kind = Literal["text", "date"]


class ReadError(ValueError):
    """The file cannot be read as the table at all (missing, not text, no header line)."""


@dataclass(frozen=True)
class Column:
    """One column: its header as ICE writes it, its name in the frame, and its kind."""

    header: str
    name: str
    kind: Kind = "text"


@dataclass(frozen=True)
class Layout:
    """The columns a table must have; the file may carry them in any order, with others."""

    title: str
    columns: tuple[Column, ...]


REMOVALS = Layout(
    "ICE removals",
    (
        Column("Area of Responsibility", "area_of_responsibility"),
        Column("Apprehension Date", "apprehension_date", "date"),
        Column("Processing Disposition Code", "processing_disposition_code"),
        Column("Birth Date", "birth_date", "date"),
        Column("Citizenship", "citizenship"),
        Column("Gender", "gender"),
        Column("RC Threat Level", "rc_threat_level"),
        Column("Final Charge Section", "final_charge_section"),
        Column("Departed Date", "departed_date", "date"),
        Column("Removal Date", "removal_date", "date"),
    ),
)
ARRESTS = Layout(
    "ERO administrative arrests",
    (
        Column("Area of Responsibility", "area_of_responsibility"),
        Column("Apprehension Date", "apprehension_date", "date"),
        Column("Apprehension Method", "apprehension_method"),
        Column("Apprehension Landmark", "apprehension_landmark"),
        Column("Operation", "operation"),
        Column("Processing Disposition", "processing_disposition"),
        Column("Birth Date", "birth_date", "date"),
        Column("Citizenship", "citizenship"),
        Column("Gender", "gender"),
    ),
)


@dataclass(frozen=True)
class Skipped:
    """A line after the header that is not a record, and why."""

    line: int
    reason: str
    text: str


@dataclass(frozen=True)
class CellProblem:
    """A cell of a loaded row whose value could not be used (it is null in the frame)."""

    line: int
    column: str
    value: str
    reason: str


@dataclass(frozen=True)
class RawTable:
    """A table as read: the frame (with each row's `line`) and the account of every line."""

    layout: Layout
    source: str
    frame: pl.DataFrame
    lines: int
    header_line: int
    title: tuple[str, ...]
    skipped: tuple[Skipped, ...]
    redacted: Mapping[str, int]
    problems: tuple[CellProblem, ...]
    encoding: str
    ignored_columns: tuple[str, ...] = ()

    @property
    def loaded(self) -> int:
        return self.frame.height

    @property
    def accounted(self) -> bool:
        """Every line is the preamble, the header, a loaded row or a skipped line."""
        return self.lines == self.header_line + self.loaded + len(self.skipped)


def _text_lines(path: Path) -> tuple[list[str], str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{path}: cannot read: {exc.strerror}") from None
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise ReadError(f"{path}: not a readable gzip file: {exc}") from None
    try:
        text, encoding = raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = raw.decode("latin-1"), "latin-1"
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines], encoding


def _loose_cells(line: str) -> list[str]:
    """The cells of one line before the data; the whole line if its quoting is broken."""
    try:
        return next(csv.reader([line], delimiter=DELIMITER, strict=True), [])
    except csv.Error:
        return [line]


def _header_at(lines: Sequence[str], layout: Layout, path: Path) -> tuple[int, list[str]]:
    wanted = {c.header.casefold() for c in layout.columns}
    for index, line in enumerate(lines[:HEADER_WITHIN]):
        names = [cell.strip() for cell in _loose_cells(line)]
        if wanted <= {name.casefold() for name in names}:
            folded = [name.casefold() for name in names if name]
            if len(folded) != len(set(folded)):
                raise ReadError(f"{path}: line {index + 1}: the header repeats a column name")
            return index, names
    expected = ", ".join(c.header for c in layout.columns)
    raise ReadError(
        f"{path}: no header line with the columns of {layout.title} ({expected}) "
        f"in its first {HEADER_WITHIN} lines"
    )


def parse_date(text: str) -> date:
    """An ICE date, M/D/YYYY (zero padding optional); ValueError says what is wrong."""
    match = US_DATE.match(text)
    if match is None:
        raise ValueError("not a date M/D/YYYY")
    month, day, year = (int(part) for part in match.groups())
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"year {year} is outside {FIRST_YEAR}-{LAST_YEAR}")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError("not a real date") from None


def _skip_reason(cells: list[str], header: list[str]) -> str | None:
    joined = "".join(cells)
    if not joined.strip():
        return "blank row"
    if len(cells) != len(header):
        return f"{len(cells)} fields, the header has {len(header)}"
    if cells[0].strip().casefold() == header[0].casefold() and [
        c.strip().casefold() for c in cells
    ] == [h.casefold() for h in header]:
        return "repeated header"
    if "total" in joined.casefold() and any(TOTAL.match(cell.strip()) for cell in cells):
        return "totals row"
    return None


def _split(lines: Sequence[str], first: int) -> tuple[list[int], list[list[str] | str]]:
    """Line numbers and cells of the lines from index `first`; a line whose quoting is
    broken gets the reason (a string) instead of cells. This equals splitting each line
    alone: one csv reader reads every line at once, and only if a record ran past the end of
    its line or the reader failed are the lines read again one reader-run at a time, each
    broken line reported and reading resumed on the next."""
    reader = csv.reader(lines[first:], delimiter=DELIMITER, strict=True)
    try:
        rows: list[list[str] | str] = list(reader)
        if reader.line_num == len(rows) == len(lines) - first:
            return list(range(first + 1, len(lines) + 1)), rows
    except csv.Error:
        pass
    numbers: list[int] = []
    rows = []
    start = first
    while start < len(lines):
        reader = csv.reader(lines[start:], delimiter=DELIMITER, strict=True)
        done = 0
        try:
            for cells in reader:
                if reader.line_num != done + 1:
                    numbers.append(start + done + 1)
                    rows.append("broken quoting: a quoted cell runs past the end of the line")
                    break
                done += 1
                numbers.append(start + done)
                rows.append(cells)
            else:
                break
        except csv.Error as exc:
            numbers.append(start + done + 1)
            rows.append(f"broken quoting: {exc}")
        start += done + 1
    return numbers, rows


def read_table(path: Path, layout: Layout) -> RawTable:
    """Read one raw ICE table (plain or gzip) as `layout`; see the module docstring."""
    lines, encoding = _text_lines(path)
    header_index, header = _header_at(lines, layout, path)
    position = {name.casefold(): i for i, name in enumerate(header)}
    where = [position[column.header.casefold()] for column in layout.columns]
    wanted = {column.header.casefold() for column in layout.columns}
    ignored = tuple(name for name in header if name and name.casefold() not in wanted)
    title = tuple(
        text
        for line in lines[:header_index]
        if (text := " ".join(cell.strip() for cell in _loose_cells(line) if cell.strip()))
    )
    numbers: list[int] = []
    rows: list[list[str]] = []
    skipped: list[Skipped] = []
    width, first = len(header), header[0].casefold()
    for number, cells in zip(*_split(lines, header_index + 1), strict=True):
        if isinstance(cells, str):
            skipped.append(Skipped(number, cells, lines[number - 1][:200]))
            continue
        joined = "".join(cells)
        plain = len(cells) == width and joined.strip() and cells[0].strip().casefold() != first
        if not plain or "total" in joined.lower():  # the full checks, only when needed
            reason = _skip_reason(cells, header)
            if reason is not None:
                skipped.append(Skipped(number, reason, lines[number - 1][:200]))
                continue
        numbers.append(number)
        rows.append(cells)
    raw = pl.DataFrame(
        {
            "line": numbers,
            **{
                c.name: [row[i] for row in rows] for c, i in zip(layout.columns, where, strict=True)
            },
        },
        schema={"line": pl.UInt32(), **{c.name: pl.String() for c in layout.columns}},
    )
    frame, redacted, problems = _typed(raw, layout)
    return RawTable(
        layout=layout,
        source=str(path),
        frame=frame,
        lines=len(lines),
        header_line=header_index + 1,
        title=title,
        skipped=tuple(skipped),
        redacted=redacted,
        problems=problems,
        encoding=encoding,
        ignored_columns=ignored,
    )


def _typed(
    raw: pl.DataFrame, layout: Layout
) -> tuple[pl.DataFrame, dict[str, int], tuple[CellProblem, ...]]:
    """Strip cells; empty and redaction marks become null; dates are parsed or reported."""
    stripped = raw.with_columns(pl.col(c.name).str.strip_chars() for c in layout.columns)
    marks = stripped.select(
        pl.col(c.name).str.contains(f"(?i){REDACTION.pattern}").fill_null(False)
        for c in layout.columns
    )
    redacted = {c.name: int(marks[c.name].sum()) for c in layout.columns}
    columns: list[pl.Series] = [raw["line"]]
    problems: list[CellProblem] = []
    for column in layout.columns:
        text = stripped[column.name]
        text = (
            pl.select(pl.when(marks[column.name] | (text == "")).then(None).otherwise(text))
            .to_series()
            .alias(column.name)
        )
        if column.kind == "text":
            columns.append(text)
            continue
        parsed = text.str.to_date("%m/%d/%Y", strict=False)
        good = (
            text.str.contains(US_DATE.pattern) & parsed.dt.year().is_between(FIRST_YEAR, LAST_YEAR)
        ).fill_null(False)
        columns.append(pl.select(pl.when(good).then(parsed)).to_series().alias(column.name))
        bad = pl.DataFrame({"line": raw["line"], "text": text}).filter(text.is_not_null() & ~good)
        for line, value in bad.iter_rows():
            problems.append(CellProblem(line, column.header, value, _date_problem(value)))
    problems.sort(key=lambda p: p.line)
    return pl.DataFrame(columns), redacted, tuple(problems)


def _date_problem(text: str) -> str:
    try:
        parse_date(text)
    except ValueError as exc:
        return str(exc)
    return "not a date"


def read_removals(path: Path | None = None) -> RawTable:
    """The ICE removals table; by default the bundled FY2019 file."""
    return read_table(path or BUNDLED_REMOVALS, REMOVALS)


def read_arrests(path: Path | None = None) -> RawTable:
    """The ERO administrative arrests table; by default the bundled FY2019 file."""
    return read_table(path or BUNDLED_ARRESTS, ARRESTS)
