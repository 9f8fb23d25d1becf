"""The backlog: the 240 cases pending at the end of each period, by court, nationality and
custody.

"Pending on a day" is `erpath.exposure.pending` (data/RESEARCH.md 1.7: a case whose latest
proceeding begun by that day has no completion by it, or whose judge's decision is under
appeal at the Board; CASE_TYPE RMV), and each case's court, nationality and custody are
the exposure's breakdowns (`erpath.exposure.exposure.Prepared.facts`: the pending
proceeding's BASE_CITY_CODE; NAT of the case, else of the proceeding; the custody on the
day from the dated custody history where it decides it, else the latest record, labelled
`recorded_*`, ADR 0032), so the standard tables and `erpath exposure` count the same
cases.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import polars as pl

from erpath.exposure.exposure import prepare_release
from erpath.exposure.pending import pending_on_days
from erpath.exposure.release import IngestedRelease
from erpath.standard_tables.periods import Period

BREAKDOWNS = ("court", "nationality", "custody")
ROWS_PER_BATCH = 4_000_000  # (case, day) rows counted at once


def backlog(
    release: IngestedRelease,
    chosen: Sequence[Period],
    on_batch: Callable[[int, int], None] | None = None,
) -> dict[str, pl.DataFrame]:
    """Per breakdown of BREAKDOWNS: period, the breakdown's code, `pending` (cases pending
    at the period's end); `on_batch(done, total)` after each batch of periods."""
    prepared = prepare_release(release, dimensions=BREAKDOWNS).collected()
    spans = int(prepared.spans.select(pl.len()).collect().item())
    per_batch = max(1, ROWS_PER_BATCH // max(spans, 1))
    ends = {p.end: p.label for p in chosen}
    days = sorted(ends)
    parts: list[pl.DataFrame] = []
    for i in range(0, len(days), per_batch):
        pending = pending_on_days(prepared.spans, days[i : i + per_batch])
        facts = prepared.facts(pending)
        parts.append(
            facts.group_by("as_of", *BREAKDOWNS).agg(pl.len().cast(pl.Int64).alias("pending"))
            .collect()
        )  # fmt: skip
        if on_batch is not None:
            on_batch(min(i + per_batch, len(days)), len(days))
    combined = pl.concat(parts)
    labels = pl.DataFrame(
        {"as_of": list(ends), "period": list(ends.values())},
        schema={"as_of": pl.Date, "period": pl.String},
    )
    return {
        by: combined.group_by("as_of", by)
        .agg(pl.col("pending").sum())
        .join(labels, on="as_of")
        .select("period", by, "pending")
        .sort("period", by)
        for by in BREAKDOWNS
    }
