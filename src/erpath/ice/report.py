"""The ICE FY2019 report: removals by disposition with the expedited-removal share, and
administrative arrests by processing disposition.

Sources (data/PROVENANCE.md): ICE ERO-LESA, FOIA 2019-ICFO-53623, "ICE Removals for FY2019
(10/1/2018 - 8/31/2019)" and "ERO Administrative Arrests for FY2019 (10/1/2018 - 8/31/2019)",
as published by UWCHR; the disposition crosswalk and the reading of expedited removal are in
`erpath.ice.dispositions`. Removals are counted by `Processing Disposition Code`, arrests by
`Processing Disposition`, one line per raw value as written in the file (the crosswalk's label
beside it), so every count can be checked against the raw file. Shares are of every loaded
record, those with a blank disposition included. Counts are exact here; the printed forms
(`erpath.ice.cli`, `report_frame`) hide cells under 10 (`erpath.ice.suppression`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from erpath.ice.dispositions import Crosswalk, ErClass, read_crosswalk
from erpath.ice.read import RawTable, read_arrests, read_removals
from erpath.ice.suppression import HIDDEN, hidden_cells

BLANK = "(blank in file)"
REDACTED = "(redacted)"
ER_ALL: frozenset[ErClass] = frozenset({"er_credible_fear", "er_no_credible_fear"})
ER_LINES: tuple[tuple[str, frozenset[ErClass]], ...] = (
    ("Expedited removal, all", ER_ALL),
    ("  with a credible-fear referral", frozenset({"er_credible_fear"})),
    ("  without a recorded credible-fear referral", frozenset({"er_no_credible_fear"})),
    ("Withdrawal in lieu of ER (not counted as ER)", frozenset({"withdrawal_in_lieu_of_er"})),
)


@dataclass(frozen=True)
class Line:
    """One row of a table: a raw value (None for blank or redacted cells) and its count."""

    key: str | None
    label: str
    count: int
    share: float
    er: ErClass | None = None
    of_er: float | None = None
    note: str = ""


@dataclass(frozen=True)
class Table:
    """Counts over `base` records; `partition` when the lines add up to `base` exactly."""

    name: str
    title: str
    field: str
    base: int
    lines: tuple[Line, ...]
    partition: bool

    def count(self, key: str | None) -> int:
        return sum(line.count for line in self.lines if line.key == key)

    def hidden(self) -> frozenset[int]:
        """Indexes of the lines whose count and shares are not printed."""
        return hidden_cells([line.count for line in self.lines], self.partition)


@dataclass(frozen=True)
class IceReport:
    """The four tables, the two tables as read, and notes on what the data can and cannot say."""

    removals: Table
    removals_er: Table
    arrests: Table
    arrests_er: Table
    removals_read: RawTable
    arrests_read: RawTable
    notes: tuple[str, ...]

    @property
    def tables(self) -> tuple[Table, ...]:
        return (self.removals, self.removals_er, self.arrests, self.arrests_er)


def _share(count: int, base: int) -> float:
    return count / base if base else 0.0


def disposition_table(
    read: RawTable, column: str, crosswalk: Crosswalk, name: str, title: str
) -> Table:
    """Records by the raw value of `column`, largest first, blank and redacted apart."""
    base = read.loaded
    counts = read.frame.group_by(column).len()
    counts = counts.sort(["len", column], descending=[True, False], nulls_last=True)
    lines: list[Line] = []
    for key, count in counts.iter_rows():
        if key is None:
            redacted = read.redacted[column]
            for label, n in ((BLANK, count - redacted), (REDACTED, redacted)):
                if n:
                    lines.append(Line(None, label, n, _share(n, base)))
            continue
        found = crosswalk.disposition(key)
        note = "" if found.source == "crosswalk" else found.source
        lines.append(Line(key, found.label, count, _share(count, base), found.er, note=note))
    header = next(c.header for c in read.layout.columns if c.name == column)
    return Table(name, title, header, base, tuple(lines), partition=True)


def er_table(dispositions: Table, name: str, title: str) -> Table:
    """Expedited removal among the records of a disposition table, with and without CF."""
    er_total = sum(line.count for line in dispositions.lines if line.er in ER_ALL)
    lines: list[Line] = []
    for label, classes in ER_LINES:
        members = [line for line in dispositions.lines if line.er in classes]
        count = sum(line.count for line in members)
        of_er = count / er_total if er_total and classes <= ER_ALL else None
        keys = ", ".join(str(line.key) for line in members) or "none in this file"
        share = _share(count, dispositions.base)
        lines.append(Line(None, label, count, share, of_er=of_er, note=keys))
    return Table(name, title, dispositions.field, dispositions.base, tuple(lines), False)


def _span(read: RawTable, column: str) -> str:
    values = read.frame[column].drop_nulls()
    if values.is_empty():
        return f"{column}: no dates"
    first, last = values.min(), values.max()
    assert isinstance(first, date)
    assert isinstance(last, date)
    months = values.dt.strftime("%Y-%m").n_unique()
    return f"{first.isoformat()} to {last.isoformat()} ({months} calendar months)"


def _repeats(read: RawTable) -> int:
    values = read.frame.drop("line")
    return values.height - values.unique().height


def _notes(removals: RawTable, arrests: RawTable, tables: Iterable[Table]) -> tuple[str, ...]:
    def name(read: RawTable) -> str:
        return read.title[-1] if read.title else read.source

    notes = [
        f"Removals: {name(removals)}; Removal Date runs {_span(removals, 'removal_date')}.",
        f"Arrests: {name(arrests)}; Apprehension Date runs {_span(arrests, 'apprehension_date')}.",
        "Expedited removal is read from the crosswalk label alone (erpath.ice.dispositions): "
        "with a credible-fear referral = 'EXPEDITED REMOVAL WITH CREDIBLE FEAR' (code ER/CF); "
        "without = the other 'EXPEDITED REMOVAL ...' labels (ER, ER/LR, 'Expedited Removal "
        "(I-860)'); 'WITHDRAWAL IN LIEU OF ER' (WD/ER) is shown but not counted. Each line's "
        "note lists the values counted.",
        "The files have no field for the credible-fear determination (USCIS), an immigration "
        "judge's review of it, or a withdrawn claim: 'with a credible-fear referral' means the "
        "disposition ER/CF and nothing finer, and 'without' means none is recorded.",
        "Neither file has a person or case identifier: arrests and removals cannot be linked, "
        f"and a row that repeats an earlier one in every column as read ({_repeats(removals):,} "
        f"removals, {_repeats(arrests):,} arrests; blank and redacted cells are both null) is "
        "counted as a record of its own: it cannot be told from a duplicate.",
    ]
    for table in tables:
        blank = sum(line.count for line in table.lines if line.label == BLANK)
        if blank:
            notes.append(
                f"{table.title}: {blank:,} records ({_share(blank, table.base):.2%}) have a blank "
                f"{table.field}; they are in the base of every share."
            )
    return tuple(notes)


def ice_report(
    removals: Path | None = None, arrests: Path | None = None, crosswalk: Path | None = None
) -> IceReport:
    """The report from the given files, by default the bundled FY2019 files."""
    walk = read_crosswalk(crosswalk)
    removals_read = read_removals(removals)
    arrests_read = read_arrests(arrests)
    by_code = disposition_table(
        removals_read,
        "processing_disposition_code",
        walk,
        "removals_by_disposition",
        "ICE removals by processing disposition code",
    )
    by_disposition = disposition_table(
        arrests_read,
        "processing_disposition",
        walk,
        "arrests_by_disposition",
        "ERO administrative arrests by processing disposition",
    )
    return IceReport(
        removals=by_code,
        removals_er=er_table(by_code, "removals_expedited", "Expedited removal among ICE removals"),
        arrests=by_disposition,
        arrests_er=er_table(
            by_disposition,
            "arrests_expedited",
            "Expedited removal among ERO administrative arrests",
        ),
        removals_read=removals_read,
        arrests_read=arrests_read,
        notes=_notes(removals_read, arrests_read, (by_code, by_disposition)),
    )


def report_frame(report: IceReport) -> pl.DataFrame:
    """Every table's lines as text, cells under 10 hidden: what `--csv` writes."""
    rows: list[dict[str, str]] = []
    for table in report.tables:
        hidden = table.hidden()
        for index, line in enumerate(table.lines):
            hide = index in hidden
            rows.append(
                {
                    "table": table.name,
                    "field": table.field,
                    "value": "" if line.key is None else line.key,
                    "label": line.label.strip(),
                    "count": HIDDEN if hide else str(line.count),
                    "share": "" if hide else f"{line.share:.6f}",
                    "share_of_er": "" if hide or line.of_er is None else f"{line.of_er:.6f}",
                    "note": line.note,
                }
            )
        rows.append(
            {
                "table": table.name,
                "field": table.field,
                "value": "",
                "label": "Total",
                "count": str(table.base),
                "share": "1.000000",
                "share_of_er": "",
                "note": "",
            }
        )
    return pl.DataFrame(rows, schema={key: pl.String() for key in rows[0]})


__all__ = [
    "IceReport",
    "Line",
    "Table",
    "disposition_table",
    "er_table",
    "ice_report",
    "report_frame",
]
