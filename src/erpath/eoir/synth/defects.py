"""The defects of the real files, injected into generated rows at their rates.

Measured rates (reference/defect_rates.csv and the junk values in the value frequencies,
which the column draws reproduce by themselves) are used where the research found them;
the others are small chosen rates (model.py). Cell defects are made in the frame before it
is written: embedded or stray tabs (which shift the row's fields), null tokens, impossible
dates, NUL bytes and orphan keys. Line defects are made in the written text: short rows
(fields missing at the end, or one missing in the middle) and exact duplicate lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import polars as pl

from erpath.eoir.reference import core_columns, defect_rates
from erpath.eoir.schema import KEY_KINDS, table_spec
from erpath.eoir.synth import model
from erpath.eoir.synth.draws import Draws, truth

Ints = npt.NDArray[np.int64]

# Where a row's fields get shifted by a tab: a tab inside a text value (as in a city name:
# DDP's fix for A_TblCase splits ALIEN_CITY), or a stray tab in place of a short code
# (as the stray \r and ESC bytes of APPEAL_RSVD and DEC_TYPE: RESEARCH.md 1.6.4).
TAB_IN_TEXT = {
    "A_TblCase": "ALIEN_CITY",
    "tbl_schedule": "ADJ_MSG",
    "tbl_Court_Motions": "IJ_NAME",
    "B_TblProceedCharges": "CHARGE",
    "D_TblAssociatedBond": "BASE_CITY_NAME",
    "tblAppeal": "strAppealType",
    "tblProBono": "strCorFacility",
}
STRAY_TAB = {
    "B_TblProceeding": ("APPEAL_RSVD", "APPEAL_NOT_FILED", "DEC_TYPE"),
    "tbl_Court_Appln": ("APPL_DEC",),
    "tbl_CustodyHistory": ("DATRELEASED",),
    "tbl_RepsAssigned": ("BASE_CITY_CODE",),
    "tblAppealFedCourts": ("strFedCourtDecision",),
    "tbl_Lead_Rider": ("datSeveredOn",),
    "tbl_JuvenileHistory": ("DATMODIFIEDON",),
}
# A tab inside a date value cannot be put back (A_TblCase had 2 such rows: UP_BOND_DATE
# 'ORL', ADDRESS_CHANGEDON '10/1993').
DATE_SPLIT = {
    "A_TblCase": "DATE_OF_ENTRY",
    "B_TblProceeding": "OSC_DATE",
    "tbl_schedule": "ADJ_DATE",
    "tbl_Court_Appln": "APPL_RECD_DATE",
    "tbl_CustodyHistory": "DATDETAINED",
    "tbl_Court_Motions": "MOTION_RECD_DATE",
    "tbl_RepsAssigned": "E_28_DATE",
    "D_TblAssociatedBond": "COMP_DATE",
    "tblAppeal": "datAppealFiled",
    "tbl_JuvenileHistory": "DATCREATEDON",
    "tbl_Lead_Rider": "datCreatedOn",
    "tbl_CasePriorityHistory": "DATCREATEDON",
}
# In a table without dates, a stray tab in an empty code after a text value: the tab may
# end the text or stand for the code, so no alignment is sure.
AMBIGUOUS_TAB = {"B_TblProceedCharges": "CHG_STATUS"}
# The foreign key an orphan row points with (IDNPROCEEDING where not named), at a purged
# parent: a case, a proceeding or an appeal (release_files.py passes which).
ORPHAN = {
    "A_TblCase": None,
    "B_TblProceeding": "IDNCASE",
    "tbl_CustodyHistory": "IDNCASE",
    "tbl_RepsAssigned": "IDNCASE",
    "tblAppeal": "idncase",
    "tblAppeal2": "idnAppeal",
    "tblAppealFedCourts": "lngAppealID",
    "tblThreeMbrReferrals": "lngAppealID",
    "tblProBono": "idnAppeal",
    "tbl_JuvenileHistory": "idnCase",
    "tbl_Lead_Rider": "idnRiderCase",
    "tbl_CasePriorityHistory": "idnCase",
    "A_TblCaseIdentifier": "IDNCASE",
    "tbl_EOIR_Attorney": None,
}


@dataclass
class LineEdits:
    """Row indices of the written text to cut short or to repeat."""

    cut_end: dict[int, int] = field(default_factory=dict)  # row -> fields dropped at the end
    cut_middle: dict[int, int] = field(default_factory=dict)  # row -> position dropped
    duplicate: set[int] = field(default_factory=set)


def _rate(table: str, defect: str, default: float) -> float:
    found = defect_rates().get((table, defect))
    return found.rate if found else default


def _rows(draws: Draws, n: int, rate: float, eligible: npt.NDArray[np.bool_] | None = None) -> Ints:
    """Rows hit by a defect of the given rate (a share of all rows), chosen among the
    eligible ones."""
    if eligible is None:
        return np.flatnonzero(draws.rng.random(n) < rate)
    share = float(eligible.mean()) if n else 0.0
    hit = draws.rng.random(n) < (min(rate / share, 1.0) if share else 0.0)
    return np.flatnonzero(hit & eligible)


def _set(df: pl.DataFrame, column: str, rows: Ints, values: list[str]) -> pl.DataFrame:
    if len(rows) == 0:
        return df
    return df.with_columns(df[column].scatter(rows, pl.Series(values, dtype=pl.String)))


def inject_cells(table: str, df: pl.DataFrame, draws: Draws, purged_parents: Ints) -> pl.DataFrame:
    rng, n = draws.rng, df.height
    spec = table_spec(table)
    shift_rate = _rate(table, "rows_with_extra_fields", model.TAB_SHIFT_RATE_DEFAULT)
    lost = _rate(
        table, "extra_fields_unrecoverable", shift_rate * model.TAB_SHIFT_UNRECOVERABLE_SHARE
    )
    if table in TAB_IN_TEXT:  # the tables of a few ids and dates get no tab (as the real)
        col = TAB_IN_TEXT[table]
        values = df[col]
        rows = _rows(draws, n, shift_rate - lost, truth(values.str.len_chars() >= 2))
        cut = [int(rng.integers(1, len(v))) for v in values.gather(rows).to_list()]
        split = [
            v[:k] + "\t" + v[k:] for v, k in zip(values.gather(rows).to_list(), cut, strict=True)
        ]
        df = _set(df, col, rows, split)
    else:
        for col in STRAY_TAB.get(table, ()):
            rows = _rows(
                draws, n, (shift_rate - lost) / len(STRAY_TAB[table]), truth(df[col].is_null())
            )
            df = _set(df, col, rows, ["\t"] * len(rows))
    if table in DATE_SPLIT:
        col = DATE_SPLIT[table]
        rows = _rows(draws, n, lost, truth(df[col].is_not_null()))
        df = _set(df, col, rows, [v.replace(" ", "\t", 1) for v in df[col].gather(rows).to_list()])
    elif table in AMBIGUOUS_TAB:
        col = AMBIGUOUS_TAB[table]
        rows = _rows(draws, n, lost, truth(df[col].is_null()))
        df = _set(df, col, rows, ["\t"] * len(rows))

    # Null tokens, impossible dates and NUL bytes, each in one cell of the row.
    non_key = [c for c in spec.columns if c.kind not in KEY_KINDS]
    for rate, make in (
        (model.NULL_TOKEN_RATE, "token"),
        (model.IMPOSSIBLE_DATE_RATE, "date"),
        (model.NUL_BYTE_RATE, "nul"),
    ):
        candidates = [c for c in non_key if make != "date" or c.kind == "date"]
        if not candidates:  # a table without dates
            continue
        for row in _rows(draws, n, rate).tolist():
            target = candidates[int(rng.integers(0, len(candidates)))]
            current = df[target.name][row]
            if make == "token":
                tokens = (
                    model.NULL_TOKENS if target.kind == "text" else ("b6", "A.2.a", "????", " ")
                )
                value = tokens[int(rng.integers(0, len(tokens)))]
            elif make == "date":
                if current is None:
                    continue
                value = model.IMPOSSIBLE_DATES[int(rng.integers(0, len(model.IMPOSSIBLE_DATES)))]
            else:
                if current is None or "\t" in current:
                    continue
                value = current + "\x00" * int(rng.integers(1, 4))
            df = _set(df, target.name, np.array([row]), [value])

    # Orphans: a foreign key pointing at a purged parent.
    fk = ORPHAN.get(table, "IDNPROCEEDING")
    if fk is not None and len(purged_parents):
        default = model.ORPHAN_RATE_DEFAULT
        rate = _rate(table, "orphan_case_key", default)
        rows = _rows(draws, n, rate)
        picks = purged_parents[rng.integers(0, len(purged_parents), len(rows))]
        df = _set(df, fk, rows, [str(v) for v in picks.tolist()])
    return df


def plan_lines(table: str, df: pl.DataFrame, draws: Draws) -> LineEdits:
    """Which written lines to cut short or repeat."""
    rng, n = draws.rng, df.height
    edits = LineEdits()
    names = [c.name for c in core_columns()[table]]
    short = _rows(draws, n, model.SHORT_ROW_RATE)
    for row in short.tolist():
        if rng.random() < model.SHORT_ROW_UNRECOVERABLE_SHARE:
            edits.cut_middle[row] = int(rng.integers(3, len(names) - 1))
            continue
        values = df.row(row)
        empty_tail = 0
        while empty_tail < len(names) - 3 and values[len(names) - 1 - empty_tail] is None:
            empty_tail += 1
        if empty_tail:
            edits.cut_end[row] = int(rng.integers(1, min(empty_tail, 3) + 1))
    duplicates = _rate(table, "duplicate_rows", model.DUPLICATE_RATE)
    edits.duplicate.update(_rows(draws, n, duplicates).tolist())
    return edits


def apply_lines(text: bytes, edits: LineEdits) -> bytes:
    """The written rows (one per line, in order) with the planned edits."""
    if not (edits.cut_end or edits.cut_middle or edits.duplicate):
        return text
    lines = text.split(b"\n")
    out: list[bytes] = []
    for i, line in enumerate(lines[:-1]):
        if i in edits.cut_end:
            line = b"\t".join(line.split(b"\t")[: -edits.cut_end[i]])
        elif i in edits.cut_middle:
            fields = line.split(b"\t")
            del fields[edits.cut_middle[i]]
            line = b"\t".join(fields)
        out.append(line)
        if i in edits.duplicate:
            out.append(line)
    return b"\n".join(out) + b"\n"
