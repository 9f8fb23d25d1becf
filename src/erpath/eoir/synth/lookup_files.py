"""The `Lookup/*.csv` files of a synthetic release: the reference lookups in their real
headers (reference/lookup_columns.csv), written like the core tables.

The reference keeps only code and description (RESEARCH.md 2); the other columns are
filled plainly (a running id, a creation date, active). tblLookupCourtDecision is the
hand-built table keyed by case type and decision type (reference/court_decisions.csv).
A few rows carry NUL bytes, as DDP found in the real lookups (RESEARCH.md 1.4).
"""

from __future__ import annotations

import numpy as np

from erpath.eoir.reference import court_decisions, lookup_columns, lookup_values

CREATED = "2003-08-10 00:00:00.000"
NUL_ROW_RATE = 0.002  # chosen


def _description_column(header: tuple[str, ...]) -> str:
    for name in header[2:]:
        low = name.lower()
        if "desc" in low or "name" in low or "disp" in low:
            return name
    return header[2]


def _filled(header: tuple[str, ...], index: int, values: dict[str, str]) -> list[str]:
    row = []
    for name in header:
        low = name.lower()
        if name in values:
            row.append(values[name])
        elif name == header[0]:
            row.append(str(index + 1))
        elif low.startswith("datcreated"):
            row.append(CREATED)
        elif low == "blnactive":
            row.append("1")
        else:
            row.append("")
    return row


def lookup_rows(table: str) -> tuple[tuple[str, ...], list[list[str]]]:
    """The header and rows of one lookup file."""
    header = lookup_columns()[table]
    if table == "tblLookupCourtDecision":
        rows = [
            _filled(
                header,
                i,
                {
                    "strCaseType": d.case_type,
                    "strDecCode": d.code,
                    "strDecDescription": d.description,
                    "strDecType": d.dec_type,
                },
            )
            for i, d in enumerate(court_decisions())
        ]
        return header, rows
    code_col, desc_col = header[1], _description_column(header)
    rows = [
        _filled(header, i, {code_col: code, desc_col: desc})
        for i, (code, desc) in enumerate(lookup_values()[table])
    ]
    return header, rows


def lookup_text(table: str, rng: np.random.Generator) -> str:
    """The file's text (header first), NUL bytes included."""
    header, rows = lookup_rows(table)
    lines = ["\t".join(header)]
    for row in rows:
        line = "\t".join(row)
        if rng.random() < NUL_ROW_RATE:
            line += "\x00"
        lines.append(line)
    return "\n".join(lines) + "\n"


def lookup_tables() -> tuple[str, ...]:
    return tuple(lookup_columns())
