"""Seeded, vectorised draws for the generator: categorical values, missingness, dates, text.

Everything is drawn with one `numpy.random.Generator` per chunk of cases
(`numpy.random.default_rng([seed, chunk])`), column by column, never row by row; values
become polars string Series ready to be written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
import numpy.typing as npt
import polars as pl

from erpath.eoir.reference import lookup_values, missing_share, value_frequencies

Days = npt.NDArray[np.int64]  # days since 1970-01-01
Mask = npt.NDArray[np.bool_]
EPOCH = date(1970, 1, 1)


def day_number(d: date) -> int:
    return (d - EPOCH).days


def year_start(year: int) -> int:
    return day_number(date(year, 1, 1))


class Draws:
    """Draws of `n` values at a time from one generator; `release` (a day number) is the
    release's date, after which no example date is written (ADR 0033)."""

    def __init__(self, rng: np.random.Generator, release: int | None = None) -> None:
        self.rng = rng
        self.release = release

    def weighted(self, n: int, values: Sequence[str], weights: Sequence[float]) -> pl.Series:
        """`n` values drawn with the given weights."""
        p = np.asarray(weights, dtype=np.float64)
        idx = self.rng.choice(len(values), size=n, p=p / p.sum())
        return pl.Series(list(values), dtype=pl.String).gather(idx)

    def indices(
        self, n: int, weights: Sequence[float] | npt.NDArray[np.float64]
    ) -> npt.NDArray[np.int64]:
        p = np.asarray(weights, dtype=np.float64)
        return np.asarray(self.rng.choice(len(p), size=n, p=p / p.sum()), dtype=np.int64)

    def frequencies(self, n: int, table: str, column: str) -> pl.Series:
        """`n` values in the proportions the real release has, junk values included
        (reference value_frequencies), and empty in the real share (reference missingness)."""
        pairs = writable(table, column)
        drawn = self.weighted(n, [v for v, _ in pairs], [c for _, c in pairs])
        return self.blank(drawn, self.chance(n, missing_share(table, column)))

    def values(
        self, n: int, table: str, column: str, forced: tuple[str, float] | None = None
    ) -> pl.Series:
        """`n` non-empty values in the real proportions (junk included). With `forced =
        (value, share)`, that share of the rows will be set to `value` by the caller, so
        the value's own weight is lowered to keep its real overall share."""
        pairs = writable(table, column)
        total = sum(c for _, c in pairs)
        weights = [c / total for _, c in pairs]
        if forced is not None:
            value, share = forced
            share = min(max(share, 0.0), 0.999)
            weights = [
                max(w - share, 0.0) / (1 - share) if v == value else w / (1 - share)
                for (v, _), w in zip(pairs, weights, strict=True)
            ]
        return self.weighted(n, [v for v, _ in pairs], weights)

    def exactly(
        self, weights: npt.NDArray[np.float64], wanted: float, *, replace: bool = False
    ) -> npt.NDArray[np.int64]:
        """`wanted` indices (its integer part, and one more with the chance of the rest),
        sorted, drawn with chances proportional to `weights` (with replacement: an index
        may come several times): a table gets the reference's rows without the spread of
        a draw per row."""
        k = int(wanted) + int(self.rng.random() < wanted % 1)
        if not replace:
            k = min(k, int((weights > 0).sum()))
        if k == 0:
            return np.array([], dtype=np.int64)
        p = weights / weights.sum()
        return np.sort(self.rng.choice(len(weights), size=k, replace=replace, p=p)).astype(np.int64)

    def chance(self, n: int, p: float) -> Mask:
        return self.rng.random(n) < p

    def blank(self, s: pl.Series, mask: Mask) -> pl.Series:
        """`s` with the cells where `mask` holds emptied."""
        return null_where(s, mask)

    def missing(self, s: pl.Series, table: str, column: str) -> pl.Series:
        """`s` emptied in the share of rows the real column is empty."""
        return self.blank(s, self.chance(len(s), missing_share(table, column)))

    def lognormal_days(self, n: int, median: float | npt.NDArray[np.float64], sigma: float) -> Days:
        days = np.rint(np.asarray(median) * np.exp(self.rng.normal(0.0, sigma, n)))
        return np.asarray(days, dtype=np.int64)


def writable(table: str, column: str) -> tuple[tuple[str, int], ...]:
    """The real values of a column with their counts, but those holding a line feed (two
    rows of D_TblAssociatedBond's APPEAL_REVD): written, it would split its row in two
    lines, and Count.txt would no longer give the file's lines."""
    return tuple((v, n) for v, n in value_frequencies()[(table, column)] if "\n" not in v)


def null_where(s: pl.Series, mask: Mask) -> pl.Series:
    """`s` with the cells where `mask` holds emptied."""
    if not mask.any():
        return s
    frame = pl.DataFrame({"s": s, "m": mask})
    return frame.select(pl.when("m").then(None).otherwise("s").alias(s.name)).to_series()


def zipf_weights(
    codes: Sequence[str], leading: Sequence[str], rng: np.random.Generator, exponent: float
) -> tuple[list[str], npt.NDArray[np.float64]]:
    """The codes in a seeded order (the `leading` ones first) with Zipf weights."""
    lead = [c for c in leading if c in set(codes)]
    rest = sorted(set(codes) - set(lead))
    order = lead + [rest[i] for i in rng.permutation(len(rest))]
    weights = 1.0 / np.arange(1, len(order) + 1, dtype=np.float64) ** exponent
    return order, weights


def lookup_codes(table: str, drop: Sequence[str] = ("<A>", "AAA", "--", "**")) -> list[str]:
    """The distinct codes of a reference lookup, without its placeholder rows."""
    seen: dict[str, None] = {}
    for code, _ in lookup_values()[table]:
        if code not in drop and code.strip():
            seen.setdefault(code, None)
    return list(seen)


def sql_dates(days: Days, empty: Mask | None = None) -> pl.Series:
    """Days as SQL-Server datetime text, `2019-03-04 00:00:00.000` (RESEARCH.md 1.4)."""
    s = pl.Series(days, dtype=pl.Int32).cast(pl.Date).dt.strftime("%Y-%m-%d 00:00:00.000")
    return s if empty is None else null_where(s, empty)


def hhmm(minutes: npt.NDArray[np.int64]) -> pl.Series:
    """Minutes after midnight as `HHMM` text (RESEARCH.md 1.4: HEARING_TIME 0900)."""
    m = pl.Series(minutes, dtype=pl.Int64)
    return (m // 60).cast(pl.String).str.zfill(2) + (m % 60).cast(pl.String).str.zfill(2)


def as_text(values: npt.NDArray[np.int64]) -> pl.Series:
    return pl.Series(values, dtype=pl.Int64).cast(pl.String)


def repeat_to_rows(
    values: npt.NDArray[np.int64], counts: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    return np.repeat(values, counts)


def rank_in_group(counts: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """0, 1, ... within each group of the given sizes, for the rows of all groups."""
    total = int(counts.sum())
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    return np.arange(total, dtype=np.int64) - starts


def truth(s: pl.Series) -> Mask:
    """A boolean Series as a mask, empty cells false."""
    return s.fill_null(False).to_numpy().astype(bool)
