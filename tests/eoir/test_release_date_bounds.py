"""No event of a synthetic release is after the release's date (issue 15 item 8, ADR 0033).

Exempt are the columns that hold scheduled dates by nature: a hearing set for later
(tbl_schedule.ADJ_DATE and A_TblCase.LATEST_HEARING: RESEARCH.md 1.6, "future ADJ_DATE
and LATEST_HEARING values are legitimate: they are scheduled hearings";
B_TblProceeding.HEARING_DATE, EOIR's "initial/first hearing date on a proceeding", not
yet held for an open one), and deadlines an order sets (appeal, motion and response due
dates, e.g. 30 days after a decision: 8 CFR 1003.38(b)). The out-of-range dates the
generator injects as defects (RESEARCH.md 1.6), and rows whose fields it shifted, are
left aside.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from erpath.eoir.schema import TABLE_NAMES
from erpath.eoir.synth.model import IMPOSSIBLE_DATES

RELEASE = "2026-07-01"  # conftest's RELEASE_DATE, the small release's date
SCHEDULED = {
    ("A_TblCase", "LATEST_HEARING"),
    ("B_TblProceeding", "HEARING_DATE"),
    ("tbl_schedule", "ADJ_DATE"),
    ("B_TblProceeding", "DATE_APPEAL_DUE_STATUS"),
    ("tbl_Court_Motions", "DATMOTIONDUE"),
    ("tbl_Court_Motions", "RESP_DUE_DATE"),
    ("tbl_Court_Motions", "DATE_APPEAL_DUE"),
    ("D_TblAssociatedBond", "DATE_APPEAL_DUE"),
}


def _raw(release: Path, table: str) -> pl.DataFrame:
    """The table's rows with as many fields as its header: a tab-shifted or short row (an
    injected defect, RESEARCH.md 1.6.1) puts values in other columns."""
    data = (release / "EOIR Case Data" / f"{table}.csv").read_bytes().replace(b"\x00", b"")
    head, *lines = data.split(b"\n")
    kept = [line for line in lines if line.count(b"\t") == head.count(b"\t")]
    return pl.read_csv(
        b"\n".join([head, *kept]),
        separator="\t",
        infer_schema=False,
        quote_char=None,
        encoding="utf8-lossy",
    )


def test_no_date_is_after_the_release_date(small_release: Path) -> None:
    after: list[tuple[str, str, int, str]] = []
    dated_columns = 0
    scheduled_later = 0
    for table in TABLE_NAMES:
        df = _raw(small_release, table)
        for name in df.columns:
            values = df[name].drop_nulls()
            days = values.filter(
                values.str.contains(r"^\d{4}-\d\d-\d\d") & ~values.is_in(list(IMPOSSIBLE_DATES))
            ).str.slice(0, 10)
            if days.len() == 0:
                continue
            dated_columns += 1
            late = days.filter(days > RELEASE)
            if (table, name) in SCHEDULED:
                scheduled_later += late.len()
            elif late.len():
                after.append((table, name, late.len(), str(late.max())))
    assert dated_columns > 60  # the dates of all tables were read
    assert after == []
    # Open cases do have hearings set after the release (the exemption is not empty).
    assert scheduled_later > 1000
