"""The facts about the real EOIR release that erpath ships: `erpath/eoir/reference/*.csv`.

They were copied from the public repositories named in `reference/PROVENANCE.md` (the
Deportation Data Project's codebook tables, marrowb/eoir's table schemas, the ian-nason
data dictionary), so that the generator and the tests work without `../shared/`. Each
loader reads one file once and returns plain Python values.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REFERENCE_DIR = Path(__file__).parent / "reference"


def reference_rows(name: str) -> list[dict[str, str]]:
    """The rows of the reference file `name` (a CSV with a header)."""
    with (REFERENCE_DIR / name).open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@dataclass(frozen=True)
class CoreColumn:
    """One column of a core table, in the autumn-2025 header order (DDP variable_types)."""

    table: str
    position: int
    name: str
    ddp_type: str  # Numeric, String, Date or Boolean, as DDP inferred it
    marrowb_validator: str  # SQL type, regex or lookup file, from marrowb table-dtypes
    missing_share: float | None  # share missing, autumn-2025 release (DDP)
    example: str  # one real value from the 2026 release (ian-nason dictionary)


@cache
def core_columns() -> dict[str, tuple[CoreColumn, ...]]:
    """Core table -> its columns in header order."""
    out: dict[str, list[CoreColumn]] = {}
    for r in reference_rows("core_columns.csv"):
        share = r["missing_share_2025"]
        out.setdefault(r["table"], []).append(
            CoreColumn(
                table=r["table"],
                position=int(r["position"]),
                name=r["column"],
                ddp_type=r["ddp_type"],
                marrowb_validator=r["marrowb_validator"],
                missing_share=float(share) if share else None,
                example=r["example_2026"],
            )
        )
    return {t: tuple(sorted(cols, key=lambda c: c.position)) for t, cols in out.items()}


def header(table: str) -> tuple[str, ...]:
    """The real header of a core table (autumn-2025 release)."""
    return tuple(c.name for c in core_columns()[table])


def missing_share(table: str, column: str) -> float:
    """Share of rows where the column is empty in the real release (0 when not given)."""
    for c in core_columns()[table]:
        if c.name == column:
            return c.missing_share or 0.0
    raise KeyError(f"{table}.{column}")


@cache
def value_frequencies() -> dict[tuple[str, str], tuple[tuple[str, int], ...]]:
    """(table, column) -> every value seen in the autumn-2025 release with its count,
    junk values included (DDP value_frequencies_by_field). Control characters are stored
    as `\\xNN` escapes in the file (a carriage return, an escape)."""
    out: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for r in reference_rows("value_frequencies.csv"):
        value = re.sub(r"\\x([0-9a-f]{2})", lambda m: chr(int(m[1], 16)), r["value"])
        out.setdefault((r["table"], r["column"]), []).append((value, int(r["n"])))
    return {k: tuple(v) for k, v in out.items()}


@cache
def lookup_values() -> dict[str, tuple[tuple[str, str], ...]]:
    """Lookup table -> (code, description) pairs, in file order (DDP, Oct/Nov 2025;
    tblAdjournmentcodes from marrowb)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for r in reference_rows("lookup_values.csv"):
        out.setdefault(r["table"], []).append((r["code"], r["description"]))
    return {k: tuple(v) for k, v in out.items()}


@cache
def lookup_columns() -> dict[str, tuple[str, ...]]:
    """Lookup table -> its real header (DDP variable_types)."""
    out: dict[str, list[tuple[int, str]]] = {}
    for r in reference_rows("lookup_columns.csv"):
        out.setdefault(r["table"], []).append((int(r["position"]), r["column"]))
    return {t: tuple(name for _, name in sorted(cols)) for t, cols in out.items()}


@dataclass(frozen=True)
class CourtDecision:
    """One row of the hand-built tblLookupCourtDecision (see PROVENANCE.md)."""

    case_type: str
    dec_type: str  # C: a DEC_CODE; O: an OTHER_COMP
    code: str
    description: str


@cache
def court_decisions() -> tuple[CourtDecision, ...]:
    return tuple(
        CourtDecision(r["case_type"], r["dec_type"], r["code"], r["description"])
        for r in reference_rows("court_decisions.csv")
    )


@cache
def row_counts() -> dict[str, int]:
    """Core table -> rows in the Jun/Jul 2026 release (ian-nason dictionary)."""
    return {r["table"]: int(r["rows"]) for r in reference_rows("row_counts.csv")}


@dataclass(frozen=True)
class DefectRate:
    table: str
    defect: str
    rate: float  # per row, or a share of values when `of_rows` is not given
    source: str


@cache
def defect_rates() -> dict[tuple[str, str], DefectRate]:
    """(table, defect) -> the rate the research found in a real release."""
    out: dict[tuple[str, str], DefectRate] = {}
    for r in reference_rows("defect_rates.csv"):
        count = float(r["count"])
        rate = count / int(r["of_rows"]) if r["of_rows"] else count
        out[(r["table"], r["defect"])] = DefectRate(r["table"], r["defect"], rate, r["source"])
    return out
