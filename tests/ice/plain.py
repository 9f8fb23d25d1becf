"""The real FY2019 files split by hand: plain line splitting that shares no code with
`erpath.ice.read`, to count against.

The plain reading relies on facts checked in it: the header is the line that starts with
`"Area of Responsibility"`, and every line after it splits on `|` into exactly as many cells as
the header has (no quoted cell in these files contains a pipe).
"""

from __future__ import annotations

import gzip
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "src" / "erpath" / "ice" / "data"
REMOVALS_FILE = DATA / "ICERemovals_FY2019.csv.gz"
ARRESTS_FILE = DATA / "EROArrests_FY2019.csv.gz"


@dataclass(frozen=True)
class Plain:
    """A file split by hand: all lines, the header's index, the header, the data rows."""

    lines: list[str]
    header_index: int
    header: list[str]
    rows: list[list[str]]

    def counts(self, column: str) -> Counter[str]:
        """Rows by the column's cell, quotes and surrounding spaces removed."""
        index = self.header.index(column)
        return Counter(row[index].strip('"').strip() for row in self.rows)

    def cells(self, column: str) -> list[str]:
        index = self.header.index(column)
        return [row[index] for row in self.rows]


def split_by_hand(path: Path) -> Plain:
    with gzip.open(path, "rb") as handle:
        text = handle.read().decode("ascii")
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    header_index = next(
        i for i, line in enumerate(lines) if line.startswith('"Area of Responsibility"|')
    )
    header = [cell.strip('"') for cell in lines[header_index].split("|")]
    rows = [line.split("|") for line in lines[header_index + 1 :]]
    assert all(len(row) == len(header) for row in rows)
    return Plain(lines, header_index, header, rows)
