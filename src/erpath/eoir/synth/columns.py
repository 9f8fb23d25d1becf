"""Assembling a generated table: selections between Series, and the header in order.

Columns the generator does not model (mostly empty ones such as DETENTION_LOCATION or
DATE_TO_BIA) are filled from the reference: drawn from the real value frequencies when
there are some, else the real example value in the real share of rows (missingness).
"""

from __future__ import annotations

import re
from datetime import timedelta

import numpy as np
import polars as pl

from erpath.eoir.reference import core_columns, value_frequencies
from erpath.eoir.synth.draws import EPOCH, Draws, Mask, null_where, truth


def where(mask: Mask, a: pl.Series, b: pl.Series) -> pl.Series:
    """`a` where `mask` holds, else `b`."""
    frame = pl.DataFrame({"m": mask, "a": a, "b": b})
    return frame.select(pl.when("m").then("a").otherwise("b")).to_series()


def const(n: int, value: str | None) -> pl.Series:
    return (
        pl.Series([value], dtype=pl.String).extend_constant(value, n - 1)
        if n
        else pl.Series([], dtype=pl.String)
    )


def frame(table: str, draws: Draws, n: int, cols: dict[str, pl.Series]) -> pl.DataFrame:
    """The table's columns in header order; the ones not in `cols` from the reference."""
    out: dict[str, pl.Series] = {}
    last = None if draws.release is None else (EPOCH + timedelta(draws.release)).isoformat()
    for col in core_columns()[table]:
        if col.name in cols:
            s = cols[col.name]
            if len(s) != n:
                raise ValueError(f"{table}.{col.name}: {len(s)} values for {n} rows")
            out[col.name] = s.cast(pl.String)
        elif (table, col.name) in value_frequencies():
            drawn = draws.frequencies(n, table, col.name)
            if col.ddp_type == "Date" and last is not None:  # no real date after the release
                drawn = null_where(drawn, truth(drawn.str.slice(0, 10) > last))
            out[col.name] = drawn
        else:
            example = col.example
            if col.ddp_type == "Date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", example):
                if last is not None and example > last:
                    example = ""  # the 2026 release's example is after this release
                example += " 00:00:00.000" if example else ""
            share = col.missing_share if col.missing_share is not None else 1.0
            present = draws.rng.random(n) >= share if example else np.zeros(n, dtype=bool)
            out[col.name] = draws.blank(const(n, example or None), ~present)
    return pl.DataFrame(out)
