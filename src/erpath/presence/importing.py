"""Read evidence lists from the spreadsheets legal-aid staff keep (CSV, XLSX) or JSON.

Every problem is reported with its row and column, and no row is dropped in silence:
a row is either a document or at least one error (blank rows are counted). Dates may be
ISO (2025-03-04), US month-first (3/4/2025 or 03/04/2025) or spreadsheet date cells;
anything ambiguous (a two-digit year, 03-04-2025) is rejected, never guessed.

Every file is read within the limits below (ADR 0016), and a file that cannot be read at
all raises ImportError_ naming the file and the problem, whatever the reader's own error.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, get_args

from pydantic import ValidationError

from erpath.contract.facts import Evidence, EvidenceKind
from erpath.validation import DocumentError, problems, read_json

MAX_FILE_BYTES = 5 * 2**20  # a list of 1,000 documents is well under 1 MB in any format
MAX_ROWS = 1000  # documents (rows after the header): years of weekly pay stubs and bills
MAX_COLUMNS = 26  # A to Z: the seven columns, and room for empty-headed ones of one's own
MAX_UNZIPPED_BYTES = 20 * 2**20  # an XLSX's parts unpacked; 1,000 full rows take ~4 MB
MAX_ZIP_MEMBERS = 100  # an XLSX workbook has about a dozen parts
ROWS_RULE = f"an evidence list has at most {MAX_ROWS:,} documents"
COLUMNS_RULE = f"an evidence list has at most {MAX_COLUMNS} columns"

COLUMNS = ("kind", "from", "to", "issuer", "issuer_type", "note", "file")
REQUIRED = ("kind", "from", "to")
HEADER_ALIASES = {
    "type": "kind",
    "document": "kind",
    "document type": "kind",
    "kind of document": "kind",
    "start": "from",
    "from date": "from",
    "start date": "from",
    "date from": "from",
    "end": "to",
    "to date": "to",
    "end date": "to",
    "date to": "to",
    "issued by": "issuer",
    "issuer type": "issuer_type",
    "notes": "note",
    "file reference": "file",
    "location": "file",
}
KIND_ALIASES: dict[str, EvidenceKind] = {
    "tax return": "tax_record",
    "tax transcript": "tax_record",
    "tax": "tax_record",
    "bank": "bank_statement",
    "utility": "utility_bill",
    "pay stub": "pay_stub",
    "paystub": "pay_stub",
    "sworn affidavit": "affidavit",
    "sworn statement": "affidavit",
    "government": "government_record",
    "nta": "government_record",
    "hearing notice": "government_record",
    "ice check-in": "government_record",
    "medical": "medical_record",
    "school": "school_record",
    "religious": "religious_record",
    "remittance": "remittance_receipt",
    "photograph": "photo",
}
KINDS: tuple[str, ...] = get_args(EvidenceKind)
US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class ImportError_(ValueError):
    """The file cannot be read at all (not a per-row problem)."""


def past_limits(row: int, column: int) -> str | None:
    """What is wrong with a cell in `row` and `column` (from 1), or None within the limits."""
    if row > MAX_ROWS + 1:
        return f"row {row:,} is past the last row read: {ROWS_RULE}, in rows 2 to {MAX_ROWS + 1:,}"
    if column > MAX_COLUMNS:
        return f"column {column:,} is past the last column read: {COLUMNS_RULE}"
    return None


@dataclass
class Imported:
    documents: list[Evidence] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rows: int = 0  # data rows read, blank ones included
    blank: int = 0


def parse_date(value: Any) -> date:
    """A date from a cell: a date cell, ISO, or US month-first with a four-digit year."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern, order in ((ISO_DATE, (0, 1, 2)), (US_DATE, (2, 0, 1))):
        match = pattern.match(text)
        if match:
            parts = [int(p) for p in match.groups()]
            y, m, d = (parts[i] for i in order)
            try:
                return date(y, m, d)
            except ValueError as exc:
                raise ValueError(
                    f"{text!r} is not a real date ({exc}): use MM/DD/YYYY (month first) "
                    "or YYYY-MM-DD"
                ) from None
    if re.match(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$", text):
        raise ValueError(f"{text!r} has a two-digit year: write the year in full")
    if re.match(r"^\d{1,2}[.-]\d{1,2}[.-]\d{4}$", text):
        raise ValueError(
            f"{text!r} is ambiguous (month or day first?): use MM/DD/YYYY or YYYY-MM-DD"
        )
    raise ValueError(f"{text!r} is not a date: use MM/DD/YYYY or YYYY-MM-DD")


def parse_kind(value: Any) -> EvidenceKind:
    text = re.sub(r"[\s_-]+", " ", str(value).strip().lower())
    code = text.replace(" ", "_")
    if code in KINDS:
        return code  # type: ignore[return-value]
    if text in KIND_ALIASES:
        return KIND_ALIASES[text]
    raise ValueError(f"{value!r} is not a kind of evidence: one of {', '.join(KINDS)}")


def _header(cells: list[Any]) -> tuple[dict[int, str], list[str]]:
    mapping: dict[int, str] = {}
    errors: list[str] = []
    for i, cell in enumerate(cells):
        name = re.sub(r"\s+", " ", str(cell or "").strip().lower())
        if not name:
            continue
        column = (
            name.replace(" ", "_")
            if name.replace(" ", "_") in COLUMNS
            else HEADER_ALIASES.get(name)
        )
        if column is None:
            errors.append(
                f"row 1, column {i + 1} ({cell}): unknown column; use {', '.join(COLUMNS)}"
            )
        elif column in mapping.values():
            errors.append(f"row 1, column {i + 1} ({cell}): column {column!r} appears twice")
        else:
            mapping[i] = column
    for column in REQUIRED:
        if column not in mapping.values():
            errors.append(f"row 1: the column {column!r} is missing")
    return mapping, errors


def _row(number: int, cells: list[Any], mapping: dict[int, str], out: Imported) -> None:
    values = {mapping[i]: c for i, c in enumerate(cells) if i in mapping}
    if all(v is None or str(v).strip() == "" for v in cells):
        out.blank += 1
        return
    fields: dict[str, Any] = {}
    problems_here = []
    for column in COLUMNS:
        raw = values.get(column)
        if raw is None or str(raw).strip() == "":
            if column in REQUIRED:
                problems_here.append(f"row {number}, column {column}: empty")
            continue
        try:
            if column == "kind":
                fields["kind"] = parse_kind(raw)
            elif column in ("from", "to"):
                fields[column] = parse_date(raw)
            else:
                fields[column] = str(raw).strip()
        except ValueError as exc:
            problems_here.append(f"row {number}, column {column}: {exc}")
    if not problems_here:
        try:
            out.documents.append(Evidence.model_validate(fields))
            return
        except ValidationError as exc:
            for line in problems(exc):
                column, _, text = line.partition(": ")
                where = f"column {column}" if column in COLUMNS else "columns from and to"
                problems_here.append(
                    f"row {number}, {where}: {text if column in COLUMNS else line}"
                )
    out.errors.extend(problems_here)


def _table(rows: list[list[Any]]) -> Imported:
    out = Imported()
    if not rows:
        out.errors.append("row 1: the file is empty; the first row names the columns")
        return out
    mapping, out.errors = _header(rows[0])
    if out.errors:
        return out
    for number, cells in enumerate(rows[1:], start=2):
        out.rows += 1
        _row(number, list(cells), mapping, out)
    return out


def _contents(path: Path) -> bytes:
    """The bytes of the file, read no further than MAX_FILE_BYTES."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ImportError_(f"{path}: cannot read: {exc.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        raise ImportError_(
            f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB, the most erpath reads of an "
            "evidence list"
        )
    return data


def _csv_rows(data: bytes, name: str) -> list[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportError_(f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    rows: list[list[Any]] = []
    try:
        for cells in csv.reader(io.StringIO(text, newline="")):
            problem = past_limits(len(rows) + 1, len(cells))
            if problem:
                raise ImportError_(f"{name}: {problem}")
            rows.append(list(cells))
    except csv.Error as exc:
        raise ImportError_(f"{name}: row {len(rows) + 1:,}: not readable as CSV ({exc})") from None
    return rows


def read_evidence(path: Path) -> Imported:
    """Evidence documents from a .csv, .xlsx or .json file."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".json"):
        raise ImportError_(f"{path}: use a .csv, .xlsx or .json file")
    data, name = _contents(path), str(path)
    if suffix == ".csv":
        return _table(_csv_rows(data, name))
    if suffix == ".xlsx":
        from erpath.presence.xlsx import sheet_rows  # imports openpyxl, and this module

        return _table(sheet_rows(data, name))
    try:
        return _json(read_json(data, name), name)
    except DocumentError as exc:
        raise ImportError_(str(exc)) from None


def _json(data: Any, name: str) -> Imported:
    out = Imported()
    items = data.get("evidence") if isinstance(data, dict) else data
    if not isinstance(items, list):
        out.errors.append("the JSON is neither a list of documents nor an object with evidence")
        return out
    if len(items) > MAX_ROWS:
        raise ImportError_(f"{name}: {len(items):,} documents: {ROWS_RULE}")
    for i, item in enumerate(items):
        out.rows += 1
        try:
            out.documents.append(Evidence.model_validate(item))
        except ValidationError as exc:
            out.errors.extend(problems(exc, prefix=f"evidence[{i}]."))
    return out
