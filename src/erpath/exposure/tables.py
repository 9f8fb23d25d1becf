"""Published tables: counts with every cell under 10 people suppressed, as CSV or Parquet.

Primary suppression hides every count under `THRESHOLD` (0 included), shown as "<10".
Secondary suppression keeps a hidden count of 1 to 9 people from being recovered by
subtraction: within a row, `exposed + depends + not_exposed = pending`, so when exactly
one of the three is hidden the smallest other is hidden too; within a column, the groups
of a breakdown add up to its total row ("all"), so when exactly one group's count is
hidden the next smallest is hidden too; the two rules are applied until nothing changes.
A hidden count that subtraction would give as 0 discloses no one, and hides nothing else.
A share is shown only when its count is. Each table is suppressed on its own: across
different tables of the same release a hidden cell may still be derivable
(docs/adr/0012-exposure.md).

The counts, the parts adding up to a total and the shares default to the exposure's;
another table (the release's standard tables, ADR 0031) names its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import polars as pl

from erpath.exposure.exposure import COUNTS
from erpath.tables.safe_csv import write_csv

THRESHOLD = 10
HIDDEN = f"<{THRESHOLD}"
ALL = "all"
PARTS = ("exposed", "depends", "not_exposed")  # add up to `pending`
SHARES = {"exposed_share": "exposed", "no_entry_date_share": "no_entry_date"}


def hide_one_more(values: list[int], hidden: list[bool]) -> bool:
    """If exactly one of `values` is hidden and it counts someone, hide the smallest shown
    one too; whether it did."""
    if sum(hidden) != 1 or len(values) < 2 or values[hidden.index(True)] == 0:
        return False
    shown = [(v, i) for i, v in enumerate(values) if not hidden[i]]
    if not shown:
        return False
    hidden[min(shown)[1]] = True
    return True


def hidden_cells(
    table: pl.DataFrame,
    groups: Sequence[Sequence[int]] = (),
    counts: Sequence[str] = COUNTS,
    parts: Sequence[str] = PARTS,
    total: str = "pending",
) -> dict[str, list[bool]]:
    """Which cells of `counts` to hide, per column; within a row `parts` add up to
    `total`; `groups` lists the row indexes of each breakdown whose rows add up to a
    published total (the total row included)."""
    values = {c: table.get_column(c).to_list() for c in counts}
    hidden = {c: [v < THRESHOLD for v in values[c]] for c in counts}
    changed = True
    while changed:
        changed = False
        for row in range(table.height if parts else 0):
            cells = [values[c][row] for c in parts]
            flags = [hidden[c][row] for c in parts]
            if not hidden[total][row] and hide_one_more(cells, flags):
                for c, flag in zip(parts, flags, strict=True):
                    hidden[c][row] = flag
                changed = True
        for rows in groups:
            members = [r for r in rows if r != rows[-1]]  # the last is the total
            for c in counts:
                if hidden[c][rows[-1]]:
                    continue
                flags = [hidden[c][r] for r in members]
                if hide_one_more([values[c][r] for r in members], flags):
                    for r, flag in zip(members, flags, strict=True):
                        hidden[c][r] = flag
                    changed = True
    return hidden


def with_total(
    table: pl.DataFrame,
    by: Sequence[str],
    within: Sequence[str] = (),
    counts: Sequence[str] = COUNTS,
) -> pl.DataFrame:
    """The breakdown by `by` with a total row (`by` = "all", `counts` summed) after
    each group of `within` (e.g. each day of a series)."""
    keys = list(within)
    parts: list[pl.DataFrame] = []
    ordered = table.sort(*keys, *by) if keys or by else table
    for _, group in ordered.group_by(keys, maintain_order=True) if keys else [((), ordered)]:
        sums = group.select(pl.col(c).sum().cast(pl.Int64) for c in counts)
        if keys:
            sums = pl.concat([group.head(1).select(keys), sums], how="horizontal")
        total = sums.with_columns(pl.lit(ALL).alias(b) for b in by)
        parts.extend([group, total.select(group.columns)])
    return pl.concat(parts) if parts else table


def publish(
    table: pl.DataFrame,
    by: Sequence[str] = (),
    within: Sequence[str] = (),
    counts: Sequence[str] = COUNTS,
    parts: Sequence[str] = PARTS,
    total: str = "pending",
    shares: Mapping[str, str] = SHARES,
) -> pl.DataFrame:
    """The table as published: a total row per group of `within` when there is a
    breakdown (`by`), the `counts` as text with small cells hidden (`parts` adding up to
    `total` in a row), and the `shares` (name -> count, of `total`)."""
    if by:
        table = with_total(table, by, within, counts)
    groups: list[list[int]] = []
    if by:
        keys = table.select(within).rows() if within else [()] * table.height
        current: list[int] = []
        for i, key in enumerate(keys):
            current.append(i)
            if i + 1 == table.height or keys[i + 1] != key:
                groups.append(current)
                current = []
    hidden = hidden_cells(table, groups, counts, parts, total)
    shown = {
        c: [
            HIDDEN if h else str(v)
            for v, h in zip(table.get_column(c).to_list(), hidden[c], strict=True)
        ]
        for c in counts
    }
    of = table.get_column(total).to_list()
    share_cells = {
        name: [
            "" if hidden[count][i] or of[i] == 0 else f"{v / of[i]:.1%}"
            for i, v in enumerate(table.get_column(count).to_list())
        ]
        for name, count in shares.items()
    }
    text = pl.DataFrame(shown | share_cells, schema=dict.fromkeys([*counts, *shares], pl.String))
    return pl.concat([table.drop(counts), text], how="horizontal")


def write_table(table: pl.DataFrame, path: Path) -> Path:
    """Write a published table; the suffix (.csv or .parquet) chooses the format. A CSV's
    text cells are neutralised (`erpath.tables.safe_csv`); Parquet keeps the values."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        write_csv(table, path)
    elif suffix == ".parquet":
        table.write_parquet(path)
    else:
        raise ValueError(f"{path}: write .csv or .parquet")
    return path
