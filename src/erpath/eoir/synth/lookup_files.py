"""The `Lookup/*.csv` files of a synthetic release: the reference lookups in their real
headers (reference/lookup_columns.csv), written like the core tables.

The reference keeps only code and description (RESEARCH.md 2); the other columns are
filled plainly (a running id, a creation date, active). The code goes to the first column
named like one (`strCode`, `NAT_CODE`, `DeductCode`; not an `idn...` id), else the second;
a lookup whose values are not public (15 of the 78: reference/PROVENANCE.md) gets its real
header and two invented rows, codes `SYN1` and `SYN2` described as synthetic, so that a
synthetic release has every lookup and none empty (a header-only file is a warning).
tblLookupCourtDecision is the hand-built table keyed by case type and decision type
(reference/court_decisions.csv). A few rows carry NUL bytes, as DDP found in the real
lookups (RESEARCH.md 1.4).
"""

from __future__ import annotations

import numpy as np

from erpath.eoir.reference import court_decisions, lookup_columns, lookup_values

CREATED = "2003-08-10 00:00:00.000"
INVENTED = tuple((f"SYN{i}", "synthetic: EOIR's values are not public") for i in (1, 2))
NUL_ROW_RATE = 0.002  # chosen


def _code_column(header: tuple[str, ...]) -> str:
    for name in header:
        low = name.lower()
        if low.endswith("code") and not low.startswith("idn"):
            return name
    return header[1]


def _description_column(header: tuple[str, ...], code: str) -> str:
    others = [n for n in header if n != code and not n.lower().startswith(("idn", "id"))]
    for name in others:
        low = name.lower()
        if "desc" in low or "name" in low or "disp" in low:
            return name
    return others[0] if others else header[-1]


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
    code_col = _code_column(header)
    desc_col = _description_column(header, code_col)
    rows = [
        _filled(header, i, {code_col: code, desc_col: desc})
        for i, (code, desc) in enumerate(lookup_values().get(table, INVENTED))
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
