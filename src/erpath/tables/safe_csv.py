"""Writing CSV that a spreadsheet opens as data, never as formulas (CSV injection).

A spreadsheet reads a cell that begins with `=`, `+`, `-` or `@` as a formula, and some
also one that begins with a tab or a carriage return (OWASP, "CSV Injection"). erpath's
tables carry values from the files it reads (a court code, a disposition), so a value
such as `=1+2` or `=HYPERLINK(...)` must not reach a CSV as it is. As OWASP advises, a
text cell that begins with one of these characters is written with a single quote before
it (`'=1+2`): the spreadsheet shows the text, and a reader sees that it was escaped.
Only text cells are changed: a number column stays numbers (-3 is not a formula); the
column names are erpath's own. Quoting is polars' (RFC 4180), so a cell cannot spill
into the next one.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
TEXT_TYPES = (pl.String, pl.Categorical, pl.Enum)


def neutralised(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` with every text cell that begins with a `FORMULA_STARTS` character
    prefixed with `ESCAPE`; other columns and cells as they are."""
    text = [name for name, dtype in frame.schema.items() if dtype in TEXT_TYPES]
    return frame.with_columns(
        _neutralised(pl.col(name).cast(pl.String)).alias(name) for name in text
    )


def _neutralised(cell: pl.Expr) -> pl.Expr:
    return pl.when(cell.str.slice(0, 1).is_in(FORMULA_STARTS)).then(ESCAPE + cell).otherwise(cell)


def write_csv(frame: pl.DataFrame, path: Path) -> Path:
    """Write `frame` to `path` as CSV, its text cells neutralised."""
    neutralised(frame).write_csv(path)
    return path
