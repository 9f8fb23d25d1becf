"""Read evidence lists from the spreadsheets legal-aid staff keep (CSV, XLSX) or JSON.

Every problem is reported with its row and column, and no row is dropped in silence:
a row is either a document or at least one error (blank rows are counted). Dates may be
ISO (2025-03-04), US month-first (3/4/2025 or 03/04/2025) or spreadsheet date cells;
anything ambiguous (a two-digit year, 03-04-2025) is rejected, never guessed.
"""

from __future__ import annotations

import csv
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, get_args

from pydantic import ValidationError

from erpath.facts import Evidence, EvidenceKind
from erpath.validation import problems

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
                raise ValueError(f"{text!r} is not a real date ({exc})") from None
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


def _rows(path: Path) -> list[list[Any]]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            with path.open(newline="", encoding="utf-8-sig") as handle:
                return [list(r) for r in csv.reader(handle)]
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException

        try:
            sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
            return [list(r) for r in sheet.iter_rows(values_only=True)]
        except (InvalidFileException, zipfile.BadZipFile, KeyError) as exc:
            raise ImportError_(f"{path}: not a readable .xlsx workbook ({exc})") from None
    except OSError as exc:
        raise ImportError_(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise ImportError_(f"{path}: not UTF-8 text: {exc}") from None


def read_evidence(path: Path) -> Imported:
    """Evidence documents from a .csv, .xlsx or .json file."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".xlsx"):
        return _table(_rows(path))
    if suffix == ".json":
        try:
            return _json(json.loads(path.read_text(encoding="utf-8")))
        except OSError as exc:
            raise ImportError_(f"{path}: cannot read: {exc.strerror}") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ImportError_(f"{path}: not valid JSON: {exc}") from None
    raise ImportError_(f"{path}: use a .csv, .xlsx or .json file")


def _json(data: Any) -> Imported:
    out = Imported()
    items = data.get("evidence") if isinstance(data, dict) else data
    if not isinstance(items, list):
        out.errors.append("the JSON is neither a list of documents nor an object with evidence")
        return out
    for i, item in enumerate(items):
        out.rows += 1
        try:
            out.documents.append(Evidence.model_validate(item))
        except ValidationError as exc:
            out.errors.extend(problems(exc, prefix=f"evidence[{i}]."))
    return out
