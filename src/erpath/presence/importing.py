"""Read evidence lists from the spreadsheets legal-aid staff keep (CSV, XLSX) or JSON.

Every problem is reported with its row and column, in English or Spanish, and no row is
dropped in silence: a row is either a document or at least one problem (blank rows are
counted). Dates may be ISO (2025-03-04), US month-first (3/4/2025 or 03/04/2025) or
spreadsheet date cells; anything ambiguous (a two-digit year, 03-04-2025) or day first
(13/12/2024) is refused, never guessed. The rows typed on the web page are read by the same
`read_row`.

Every file is read within the limits below (ADR 0016), and a file that cannot be read at
all raises ImportError_ naming the file and the problem, whatever the reader's own error.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any, get_args

from pydantic import ValidationError

from erpath.contract.facts import FIRST_DAY, LAST_DAY, Evidence, EvidenceKind, within_range
from erpath.validation import DocumentError, field_path, message, problems, read_json
from erpath.wording import words
from erpath.wording.catalogs import LANGUAGES, N_, gettext_for

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
ISSUER_TYPES = ("government", "business", "personal")
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


@dataclass(frozen=True)
class Problem:
    """One problem of an evidence list: its row (1 is the header; None for a JSON list),
    its column (a name, two names, or None for the whole row) and what is wrong, an English
    message (N_) with %(name)s placeholders filled from `values`, worded in any language."""

    row: int | None
    column: str | tuple[str, str] | None
    what: str
    values: Mapping[str, object] = field(default_factory=dict)

    def says(self, language: str = "en") -> str:
        """What is wrong, without where (a value that is a function of the language, such
        as the kinds' names, is worded in it)."""
        what = gettext_for(language)(self.what)
        if not self.values:
            return what
        return what % {k: v(language) if callable(v) else v for k, v in self.values.items()}

    def text(self, language: str = "en") -> str:
        """Where (row and column) and what is wrong."""
        _ = gettext_for(language)
        if self.row is None:
            return self.says(language)
        if self.column is None:
            where = _("row %(row)s") % {"row": self.row}
        elif isinstance(self.column, tuple):
            first, second = self.column
            where = _("row %(row)s, columns %(first)s and %(second)s") % {
                "row": self.row,
                "first": first,
                "second": second,
            }
        else:
            where = _("row %(row)s, column %(column)s") % {"row": self.row, "column": self.column}
        return f"{where}: {self.says(language)}"


class CellError(ValueError):
    """A cell that cannot be read: `what` (N_) and its `values`, as in Problem."""

    def __init__(self, what: str, **values: object) -> None:
        super().__init__(Problem(None, None, what, values).says())
        self.what, self.values = what, values


@dataclass
class Imported:
    documents: list[Evidence] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0  # data rows read, blank ones included
    blank: int = 0

    @property
    def errors(self) -> list[str]:
        """The problems in English, each with its row and column."""
        return [p.text() for p in self.problems]

    @property
    def refused(self) -> int:
        """Data rows with at least one problem."""
        return len({p.row for p in self.problems if p.row is not None and p.row > 1})


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _within(day: date) -> date:
    try:
        return within_range(day)
    except ValueError:
        raise CellError(
            N_("%(day)s is outside the days erpath covers, %(first)s to %(last)s"),
            day=day.isoformat(),
            first=FIRST_DAY.isoformat(),
            last=LAST_DAY.isoformat(),
        ) from None


def parse_date(value: Any) -> date:
    """A date from a cell: a date cell, ISO, or US month-first with a four-digit year. A
    day-first date (13/12/2024) is refused, never read either way."""
    if isinstance(value, datetime):
        return _within(value.date())
    if isinstance(value, date):
        return _within(value)
    text = str(value).strip()
    typed = repr(text)
    if match := ISO_DATE.match(text):
        found = _day(*(int(p) for p in match.groups()))
    elif match := US_DATE.match(text):
        month, day, year = (int(p) for p in match.groups())
        found = _day(year, month, day)
        day_first = _day(year, day, month) if month > 12 else None
        if day_first is not None:
            raise CellError(
                N_(
                    "%(typed)s is not a date in the formats YYYY-MM-DD or MM/DD/YYYY "
                    "(is it day first? write %(iso)s)"
                ),
                typed=typed,
                iso=day_first.isoformat(),
            )
    elif re.match(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$", text):
        raise CellError(N_("%(typed)s has a two-digit year: write the year in full"), typed=typed)
    elif re.match(r"^\d{1,2}[.-]\d{1,2}[.-]\d{4}$", text):
        raise CellError(
            N_("%(typed)s is ambiguous (month or day first?): use MM/DD/YYYY or YYYY-MM-DD"),
            typed=typed,
        )
    else:
        raise CellError(N_("%(typed)s is not a date: use MM/DD/YYYY or YYYY-MM-DD"), typed=typed)
    if found is None:
        raise CellError(
            N_(
                "%(typed)s is not a real date (there is no such day): use MM/DD/YYYY (month "
                "first) or YYYY-MM-DD"
            ),
            typed=typed,
        )
    return _within(found)


def _plain(text: str) -> str:
    return re.sub(r"[\s_-]+", " ", text.strip().casefold())


def kind_names(language: str) -> str:
    """The kinds' names in `language`, as a list to write from."""
    return ", ".join(words(language).labels("evidence_kinds").values())


@cache
def _named_kinds() -> dict[str, EvidenceKind]:
    """Each kind by its name in every language (`Pay stub`, `Talón de pago`) and its code."""
    found: dict[str, EvidenceKind] = {_plain(k): k for k in get_args(EvidenceKind)}
    for language in LANGUAGES:
        for code, name in words(language).labels("evidence_kinds").items():
            found.setdefault(_plain(name), code)  # type: ignore[arg-type]
    return found


def parse_kind(value: Any) -> EvidenceKind:
    """A kind from a cell: its code, its name in any language, or a usual alias."""
    text = _plain(str(value))
    if text in _named_kinds():
        return _named_kinds()[text]
    if text in KIND_ALIASES:
        return KIND_ALIASES[text]
    raise CellError(
        N_("%(typed)s is not a kind of evidence: one of %(kinds)s"),
        typed=repr(value),
        kinds=kind_names,
    )


def parse_issuer_type(value: Any) -> str:
    text = str(value).strip().lower()
    if text in ISSUER_TYPES:
        return text
    raise CellError(
        N_("%(typed)s is not a type of issuer: one of %(types)s"),
        typed=repr(value),
        types=", ".join(ISSUER_TYPES),
    )


READERS = {
    "kind": parse_kind,
    "from": parse_date,
    "to": parse_date,
    "issuer_type": parse_issuer_type,
}


def read_row(number: int, values: Mapping[str, Any]) -> tuple[Evidence | None, list[Problem]]:
    """The document of one row (`values` by column), or the problems of its cells: the
    one reading of a row, for a file's rows and for the rows typed on the web page."""
    fields: dict[str, Any] = {}
    found: list[Problem] = []
    for column in COLUMNS:
        raw = values.get(column)
        if raw is None or str(raw).strip() == "":
            if column in REQUIRED:
                found.append(Problem(number, column, N_("empty")))
            continue
        try:
            fields[column] = READERS[column](raw) if column in READERS else str(raw).strip()
        except CellError as exc:
            found.append(Problem(number, column, exc.what, exc.values))
    if found:
        return None, found
    try:
        return Evidence.model_validate(fields), []
    except ValidationError as exc:
        for error in exc.errors():
            if not error["loc"]:  # the document's own check: it ends before it starts
                found.append(
                    Problem(
                        number,
                        ("from", "to"),
                        N_("ends (%(to)s) before it starts (%(from)s)"),
                        {"to": fields["to"].isoformat(), "from": fields["from"].isoformat()},
                    )
                )
            else:
                found.append(Problem(number, None, f"{field_path(error['loc'])}: {message(error)}"))
        return None, found


def _header(cells: list[Any]) -> tuple[dict[int, str], list[Problem]]:
    mapping: dict[int, str] = {}
    found: list[Problem] = []
    for i, cell in enumerate(cells):
        name = re.sub(r"\s+", " ", str(cell or "").strip().lower())
        if not name:
            continue
        column = (
            name.replace(" ", "_")
            if name.replace(" ", "_") in COLUMNS
            else HEADER_ALIASES.get(name)
        )
        where = f"{i + 1} ({cell})"
        if column is None:
            found.append(
                Problem(
                    1, where, N_("unknown column; use %(columns)s"), {"columns": ", ".join(COLUMNS)}
                )
            )
        elif column in mapping.values():
            found.append(
                Problem(1, where, N_("column %(column)s appears twice"), {"column": repr(column)})
            )
        else:
            mapping[i] = column
    for column in REQUIRED:
        if column not in mapping.values():
            found.append(
                Problem(1, None, N_("the column %(column)s is missing"), {"column": repr(column)})
            )
    return mapping, found


def _row(number: int, cells: list[Any], mapping: dict[int, str], out: Imported) -> None:
    if all(v is None or str(v).strip() == "" for v in cells):
        out.blank += 1
        return
    document, found = read_row(number, {mapping[i]: c for i, c in enumerate(cells) if i in mapping})
    if document is not None:
        out.documents.append(document)
    out.problems.extend(found)


def _table(rows: list[list[Any]]) -> Imported:
    out = Imported()
    if not rows:
        out.problems.append(
            Problem(1, None, N_("the file is empty; the first row names the columns"))
        )
        return out
    mapping, out.problems = _header(rows[0])
    if out.problems:
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
        out.problems.append(
            Problem(
                None,
                None,
                N_("the JSON is neither a list of documents nor an object with evidence"),
            )
        )
        return out
    if len(items) > MAX_ROWS:
        raise ImportError_(f"{name}: {len(items):,} documents: {ROWS_RULE}")
    for i, item in enumerate(items):
        out.rows += 1
        try:
            out.documents.append(Evidence.model_validate(item))
        except ValidationError as exc:
            out.problems.extend(
                Problem(None, None, line) for line in problems(exc, prefix=f"evidence[{i}].")
            )
    return out
