"""Custody on a day, from the dated custody history, else the latest record, said so.

The release's custody codes (`B_TblProceeding.CUSTODY`, set as of the proceeding's
completion, and `A_TblCase.CUSTODY`, the latest: D detained, R released, N never
detained; data/RESEARCH.md 1.7) are one record each: read for a past day they give every
day the same code. `tbl_CustodyHistory` holds the spells (CUSTODY, DATDETAINED,
DATRELEASED), their dates often missing (77% and 89%) and often contradicting the codes
(RESEARCH.md 1.6.8). A detention date and a release date are *events*; `N` rows carry
none. On a day D, with `before` the case's latest event on or before D (a release on the
same day as a detention comes after it) and `after` its earliest event after D:

- `detained`: `before` is a detention and `after` a release (a dated spell covers D), or
  `before` is a detention, nothing follows, and the latest record says detained;
- `released`: `before` is a release and `after` a detention, or `before` is a release,
  nothing follows, and the latest record does not say detained (else a detention after
  D lacks its date);
- `never_detained` (so far): no event on or before D, `after` a detention, and no spell
  without its detention date (such a spell may lie before D).

Any other day (two detentions with no release between them: a release lacks its date;
no dated history) reads the latest record, labelled `recorded_<custody>` (for instance
`recorded_detained`), so that a breakdown by custody says which counts rest on the day
and which on the latest record (docs/adr/0032-custody-on-the-day.md).
"""

from __future__ import annotations

import polars as pl

DETENTION, RELEASE = 0, 1
RECORDED = "recorded_"
NEVER = "N"


def _events(history: pl.LazyFrame) -> pl.LazyFrame:
    """Each dated detention and release of a case, as `t` = 2 * day + kind, so that the
    events of a day sort detention first."""
    spells = history.filter(
        pl.col("IDNCASE").is_not_null() & (pl.col("CUSTODY").fill_null("") != NEVER)
    )
    day = pl.col("day").cast(pl.Int32).cast(pl.Int64)
    return (
        pl.concat(
            [
                spells.select("IDNCASE", pl.col(c).alias("day"), pl.lit(kind).alias("kind"))
                for c, kind in (("DATDETAINED", DETENTION), ("DATRELEASED", RELEASE))
            ]
        )
        .filter(pl.col("day").is_not_null())
        .select("IDNCASE", (day * 2 + pl.col("kind")).alias("t"), "kind")
        .unique()
    )


def history_table(history: pl.LazyFrame) -> pl.LazyFrame:
    """The events of `tbl_CustodyHistory` with, per event, whether the case has a spell
    without its detention date (`undated`)."""
    undated = (
        history.filter(
            pl.col("IDNCASE").is_not_null()
            & (pl.col("CUSTODY").fill_null("") != NEVER)
            & pl.col("DATDETAINED").is_null()
        )
        .select("IDNCASE")
        .unique()
        .with_columns(pl.lit(True).alias("undated"))
    )
    return (
        _events(history)
        .join(undated, on="IDNCASE", how="left")
        .with_columns(pl.col("undated").fill_null(False))
        .sort("t")
    )


def with_custody(
    rows: pl.LazyFrame, events: pl.LazyFrame | None, recorded: pl.Expr, labels: dict[str, str]
) -> pl.LazyFrame:
    """`rows` (with `IDNCASE` and `as_of`) and `custody`: the label (`labels`: code ->
    label) of the custody on the day where `events` (`history_table`) decide it, else
    `recorded_` and the label of `recorded`, the latest record; "unknown" when neither
    gives a known code."""
    rows = rows.with_columns(recorded.alias("_recorded"))
    if events is None:
        decided = rows.with_columns(pl.lit(None, dtype=pl.String).alias("_on_day"))
    else:
        t = pl.col("as_of").cast(pl.Int32).cast(pl.Int64) * 2 + 1
        before = events.select("IDNCASE", pl.col("t").alias("_t"), pl.col("kind").alias("_before"))
        after = events.select(
            "IDNCASE",
            pl.col("t").alias("_t_next"),
            pl.col("kind").alias("_after"),
            pl.col("undated").alias("_undated"),
        )
        decided = (
            rows.with_columns(t.alias("_t"), (t + 1).alias("_t_next"))
            .sort("_t")
            # sorted by `_t` and so by `_t_next`; `events` by `t` (`history_table`)
            .join_asof(before, on="_t", by="IDNCASE", check_sortedness=False)
            .join_asof(
                after, on="_t_next", by="IDNCASE", strategy="forward", check_sortedness=False
            )
            .with_columns(_on_day().alias("_on_day"))
            .drop("_t", "_t_next", "_before", "_after", "_undated")
        )
    on_day = pl.col("_on_day").replace_strict(labels, default=None, return_dtype=pl.String)
    latest = pl.col("_recorded").replace_strict(labels, default=None, return_dtype=pl.String)
    custody = pl.coalesce(on_day, pl.lit(RECORDED) + latest, pl.lit("unknown"))
    return decided.with_columns(custody.alias("custody")).drop("_on_day", "_recorded")


def _on_day() -> pl.Expr:
    """The code the events around the day give (the module's rules), else null."""
    before, after, recorded = pl.col("_before"), pl.col("_after"), pl.col("_recorded")
    return (
        pl.when((before == DETENTION) & (after == RELEASE))
        .then(pl.lit("D"))
        .when((before == DETENTION) & after.is_null() & (recorded == "D"))
        .then(pl.lit("D"))
        .when((before == RELEASE) & (after == DETENTION))
        .then(pl.lit("R"))
        .when((before == RELEASE) & after.is_null() & (recorded.fill_null("") != "D"))
        .then(pl.lit("R"))
        .when(before.is_null() & (after == DETENTION) & ~pl.col("_undated").fill_null(True))
        .then(pl.lit(NEVER))
    )
