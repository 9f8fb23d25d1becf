"""Putting back rows with the wrong number of fields (RESEARCH.md 1.6.1).

A row with more fields than the header has one or more embedded tabs. Every alignment is
tried: the k extra fields are joined back (with their tabs) into column i, for every i.
An alignment is valid when every cell then has a valid reading (`cells.check_cells`: no
code outside its domain, no impossible date, no unparsable number, keys present); the
row is repaired when the valid alignments all give the same row, and quarantined when
none does or when they disagree (an ambiguity is not guessed).

A row with fewer fields is padded with empty fields at the end, and repaired if that is
valid (fields lost in the middle usually make it invalid: quarantined). An empty line is
quarantined as blank. A line longer than `REALIGN_MAX_CHARS` with the wrong number of
fields is quarantined without trying (every alignment would copy it; a real row is a few
hundred characters, so such a line is a broken file, e.g. one without newlines).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from erpath.eoir.cells import Check, check_cells

REALIGN_MAX_CHARS = 65_536


@dataclass(frozen=True)
class Aligned:
    index: int  # the line's index in its chunk
    fields: tuple[str | None, ...] | None  # the realigned fields; None when quarantined
    kind: str  # tab_shift / short_row when repaired, else the quarantine reason
    detail: str


def _candidates(fields: list[str], free: list[bool]) -> list[list[str]]:
    """The alignments worth checking: the extra fields joined into column i, where i is a
    free-text column or the joined fields are blank (a code, date or number never holds
    a tab, so other alignments cannot be valid); or the fields padded at the end."""
    columns = len(free)
    extra = len(fields) - columns
    if extra <= 0:
        return [fields + [""] * (columns - len(fields))]
    out = []
    for i in range(columns):
        joined = "\t".join(fields[i : i + extra + 1])
        if free[i] or not joined.strip():
            out.append([*fields[:i], joined, *fields[i + extra + 1 :]])
    return out


def _fields(line: str, columns: int) -> str:
    n_fields = line.count("\t") + 1
    return f"{n_fields} fields for {columns} columns"


def _unrecoverable(index: int, line: str, columns: int, why: str) -> Aligned:
    long = line.count("\t") + 1 > columns
    kind = "tab_shift_unrecoverable" if long else "short_row_unrecoverable"
    return Aligned(index, None, kind, f"{_fields(line, columns)}; {why}")


def align(
    lines: list[str], indices: list[int], names: tuple[str, ...], checks: list[Check], release: date
) -> list[Aligned]:
    """Realign the given lines (all with a wrong number of fields)."""
    columns = len(names)
    free = [c.kind in ("text", "raw") for c in checks]
    rows: list[list[str]] = []
    spans: dict[int, tuple[int, int]] = {}  # line position -> its candidates' rows
    results: dict[int, Aligned] = {}
    for pos, (index, line) in enumerate(zip(indices, lines, strict=True)):
        if line == "":
            results[pos] = Aligned(index, None, "blank_line", "empty line")
        elif len(line) > REALIGN_MAX_CHARS:
            why = f"{len(line):,} characters, too long to realign"
            results[pos] = _unrecoverable(index, line, columns, why)
        else:
            first = len(rows)
            rows.extend(_candidates(line.split("\t"), free))
            spans[pos] = (first, len(rows))
    # A line no column can take the extra fields of has no candidate: rows may be empty.
    by_column = list(zip(*rows, strict=True)) if rows else [()] * columns
    frame = pl.DataFrame(
        {name: pl.Series(name, by_column[i], dtype=pl.String) for i, name in enumerate(names)}
    ).select([pl.col(n).replace("", None) for n in names])
    cells = check_cells(frame, checks, release)
    good = ~cells.invalid & ~cells.bad_key
    for pos, (first, end) in spans.items():
        index, line = indices[pos], lines[pos]
        valid = [i for i in range(first, end) if good[i]]
        distinct = {cells.typed.row(i) for i in valid}
        long = line.count("\t") + 1 > columns
        if len(distinct) == 1:
            kind = "tab_shift" if long else "short_row"
            results[pos] = Aligned(index, tuple(frame.row(valid[0])), kind, _fields(line, columns))
            continue
        if first == end:
            why = "no column can hold the extra fields"
        elif len(distinct) > 1:
            why = f"{len(distinct)} different alignments are valid"
        else:
            why = "no alignment is valid" if long else "padding the end is not valid"
        results[pos] = _unrecoverable(index, line, columns, why)
    return [results[pos] for pos in range(len(lines))]
