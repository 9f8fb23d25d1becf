"""Small-cell suppression for printed counts: no count under 10 is shown.

Primary suppression hides every count under `THRESHOLD` (0 included). In a table whose rows
partition a printed total, one hidden cell could be recovered as the total minus the others, so
when exactly one cell is hidden the next smallest is hidden too (secondary suppression). Tables
are suppressed one at a time: a count hidden in one table may still be derivable from another
table's sums (docs/adr/0011-ice-fy2019.md says which).
"""

from __future__ import annotations

from collections.abc import Sequence

THRESHOLD = 10
HIDDEN = f"<{THRESHOLD}"


def hidden_cells(counts: Sequence[int], partition: bool) -> frozenset[int]:
    """Indexes of the counts to hide; `partition` when the counts add up to a shown total."""
    primary = {i for i, count in enumerate(counts) if count < THRESHOLD}
    if partition and len(primary) == 1 and len(counts) > 1:
        rest = sorted((count, i) for i, count in enumerate(counts) if i not in primary)
        primary.add(rest[0][1])
    return frozenset(primary)


def shown_count(count: int, hidden: bool) -> str:
    return HIDDEN if hidden else f"{count:,}"


def shown_share(share: float, hidden: bool) -> str:
    return "" if hidden else f"{share:.1%}"
