"""Checking and typing the cells of a chunk, vectorised, and repairing the bad ones.

Every cell is first checked in bulk (a key or integer parses, a date parses and lies
between 1900 and ten years after the release, a code is in its domain, a time is HHMM).
Only the rows with a failing cell are then looked at closely, cell by cell but still
column-wise, in this order:

1. a value the release uses for "none" (RELEASE_MONTH `00`) -> NULL, not a defect;
2. a null token (`b6` FOIA redaction, `N/A`, `NA`, `NULL`, `A.2.a`, `?`-runs, blanks;
   and, where only digits could be meant, runs of `0`: RESEARCH.md 1.6.3) -> NULL,
   `null_token`. A token that is a valid code (`??` nationality, `NA` naturalization,
   `N/A` case priority) is a code, not a token: validity is checked first;
3. a code whose upper case is valid (`p` for ADJ_MEDIUM `P`) -> upper case, `code_case`;
4. any other code outside its domain -> NULL, `code_outside_lookup`;
5. a date that does not parse or lies outside the range -> NULL, `impossible_date`
   (a bare `YYYY-MM-DD` is a valid date);
6. another value that does not parse -> NULL, `invalid_value`.

Keys are not repaired: a row whose primary or foreign key is empty or not an integer (a
`guid` key: not a GUID) is reported as `bad_key` for the caller to quarantine. Each
repaired cell is logged with its raw value, so nothing changes without a trace.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt
import polars as pl

from erpath.eoir.report import REPAIR_BIT
from erpath.eoir.schema import KEY_KINDS, ColumnSpec, Kind

DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S%.f"
DATE_FORMAT = "%Y-%m-%d"
MIDNIGHT = " 00:00:00.000"
DATE_TEXT = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?: [0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,3})?)?$"
MIN_DATE = date(1900, 1, 1)
FUTURE_YEARS = 10
TOKEN = r"^(?:\s+|(?i:b6|\(b\)\(6\)|n/a|na|null)|A\.2\.a|\?+)$"
TOKEN_OR_ZEROS = r"^(?:\s+|(?i:b6|\(b\)\(6\)|n/a|na|null)|A\.2\.a|\?+|0+)$"
TIME = r"^(?:[01][0-9]|2[0-3])[0-5][0-9]$|^[0-9]{1,2}:[0-5][0-9]$"
GUID = r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"
TYPES: dict[Kind, pl.DataType] = {
    "key": pl.Int64(),
    "guid": pl.String(),
    "int": pl.Int64(),
    "date": pl.Date(),
    "time": pl.String(),
    "code": pl.String(),
    "text": pl.String(),
    "raw": pl.String(),
}


@dataclass(frozen=True)
class Check:
    """A column as checked in one release: its spec with the domain resolved."""

    spec: ColumnSpec
    values: pl.Series | None  # the valid codes, when the domain is a set
    pattern: str | None  # the valid codes, when the domain is a pattern

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def kind(self) -> Kind:
        # A code column whose domain could not be resolved is checked as text.
        if self.spec.kind == "code" and self.values is None and self.pattern is None:
            return "text"
        return self.spec.kind


@dataclass(frozen=True)
class Cells:
    """The typed rows of a chunk and what was done to them."""

    typed: pl.DataFrame
    repairs: npt.NDArray[np.uint16]  # REPAIR_BIT flags per row
    invalid: npt.NDArray[np.bool_]  # some cell had no valid reading (outside, impossible, invalid)
    bad_key: npt.NDArray[np.bool_]  # a key is empty or not an integer
    log: pl.DataFrame  # row (index in the chunk), column, raw, kind


LOG_SCHEMA = {"row": pl.Int64, "column": pl.String, "raw": pl.String, "kind": pl.String}


def _date_range(release: date) -> tuple[date, date]:
    return MIN_DATE, date(release.year + FUTURE_YEARS, release.month, min(release.day, 28))


def _ok_and_typed(check: Check, release: date) -> tuple[pl.Expr, pl.Expr]:
    raw = pl.col(check.name)
    if check.kind == "raw":
        return pl.lit(True), raw
    null = raw.is_null()
    sentinel = raw.is_in(sorted(check.spec.sentinels)) if check.spec.sentinels else pl.lit(False)
    kind = check.kind
    if kind in ("key", "int"):
        typed = raw.cast(pl.Int64, strict=False)
        return null | typed.is_not_null(), typed
    if kind == "date":
        # The common form, `YYYY-MM-DD 00:00:00.000`, is checked fast; any other text
        # (another time of day, a bare date, junk) is looked at closely in stage two.
        lo, hi = _date_range(release)
        typed = raw.str.slice(0, 10).str.to_date(DATE_FORMAT, strict=False, cache=False)
        midnight = raw.str.ends_with(MIDNIGHT) & (raw.str.len_bytes() == len(MIDNIGHT) + 10)
        return null | (midnight & typed.is_between(lo, hi)).fill_null(False), typed
    if kind == "time":
        return null | raw.str.contains(TIME), raw
    if kind == "guid":
        return null | raw.str.contains(GUID), raw
    if kind == "code":
        if check.values is not None:
            ok = raw.is_in(check.values.implode())
        else:
            assert check.pattern is not None
            ok = raw.str.contains(check.pattern)
        return null | ok.fill_null(False) | sentinel, pl.when(sentinel).then(None).otherwise(raw)
    return null | ~raw.str.contains(TOKEN), raw


def check_cells(raw: pl.DataFrame, checks: list[Check], release: date) -> Cells:
    """Type and check the raw string columns of a chunk (columns named as `checks`)."""
    exprs: list[pl.Expr] = []
    for i, check in enumerate(checks):
        ok_expr, typed_expr = _ok_and_typed(check, release)
        exprs.append(typed_expr.cast(TYPES[check.kind]).alias(check.name))
        exprs.append(ok_expr.fill_null(False).alias(f"\x00ok{i}"))
    both = raw.select(exprs)
    ok_cols = [f"\x00ok{i}" for i in range(len(checks))]
    typed = both.select([c.name for c in checks])
    ok = both.select(ok_cols)
    n = raw.height
    repairs = np.zeros(n, dtype=np.uint16)
    invalid = np.zeros(n, dtype=bool)
    bad_key = np.zeros(n, dtype=bool)
    key_cols = [ok_cols[i] for i, c in enumerate(checks) if c.kind in KEY_KINDS]
    if key_cols:
        missing = raw.select(
            pl.any_horizontal([pl.col(c.name).is_null() for c in checks if c.kind in KEY_KINDS])
        )
        bad = ok.select(~pl.all_horizontal(key_cols)).to_series() | missing.to_series()
        bad_key = bad.to_numpy().astype(bool)
    row_ok = ok.select(pl.all_horizontal(ok_cols)).to_series().to_numpy().astype(bool)
    rows = np.flatnonzero(~row_ok)
    logs: list[pl.DataFrame] = []
    if len(rows):
        sub_raw = raw[rows]
        sub_ok = ok[rows]
        updates: dict[str, pl.Series] = {}
        for i, check in enumerate(checks):
            if check.kind in KEY_KINDS or bool(sub_ok[ok_cols[i]].all()):
                continue
            fixed, kinds = _repair_column(
                check,
                sub_raw[check.name],
                sub_ok[ok_cols[i]],
                typed[check.name].gather(rows),
                release,
            )
            updates[check.name] = fixed
            for kind_name in (
                "null_token",
                "code_case",
                "code_outside_lookup",
                "impossible_date",
                "invalid_value",
            ):
                hit = (kinds == kind_name).fill_null(False).to_numpy().astype(bool)
                if hit.any():
                    repairs[rows[hit]] |= REPAIR_BIT[kind_name]
                    if kind_name in ("code_outside_lookup", "impossible_date", "invalid_value"):
                        invalid[rows[hit]] = True
                    logs.append(
                        pl.DataFrame(
                            {
                                "row": rows[hit].astype(np.int64),
                                "column": [check.name] * int(hit.sum()),
                                "raw": sub_raw[check.name].filter(pl.Series(hit)),
                                "kind": [kind_name] * int(hit.sum()),
                            },
                            schema=LOG_SCHEMA,
                        )
                    )
        if updates:
            idx = pl.Series(rows.astype(np.int64))
            typed = typed.with_columns(
                [typed[name].scatter(idx, values) for name, values in updates.items()]
            )
    log = pl.concat(logs) if logs else pl.DataFrame(schema=LOG_SCHEMA)
    return Cells(typed, repairs, invalid, bad_key, log)


def _repair_column(
    check: Check, raw: pl.Series, ok: pl.Series, typed: pl.Series, release: date
) -> tuple[pl.Series, pl.Series]:
    """New typed values and the repair kind (or NULL) of the cells of a column, for rows
    of which some cell failed (a cell that passed keeps its typed value)."""
    frame = pl.DataFrame({"raw": raw, "ok": ok, "typed": typed})
    kept = pl.col("typed")
    r = pl.col("raw")
    kind = check.kind
    token = r.str.contains(TOKEN_OR_ZEROS if kind in ("date", "time", "code") else TOKEN).fill_null(
        False
    )
    failing = ~pl.col("ok")
    out_type = TYPES[kind]
    if kind == "code":
        upper = r.str.to_uppercase()
        if check.values is not None:
            upper_ok = upper.is_in(check.values.implode()).fill_null(False)
        else:
            assert check.pattern is not None
            upper_ok = upper.str.contains(check.pattern).fill_null(False)
        value = (
            pl.when(~failing)
            .then(kept)
            .when(token)
            .then(None)
            .when(upper_ok)
            .then(upper)
            .otherwise(None)
        )
        why = (
            pl.when(~failing)
            .then(None)
            .when(token)
            .then(pl.lit("null_token"))
            .when(upper_ok)
            .then(pl.lit("code_case"))
            .otherwise(pl.lit("code_outside_lookup"))
        )
    elif kind == "date":
        lo, hi = _date_range(release)
        full = r.str.to_datetime(DATETIME_FORMAT, strict=False).dt.date()
        parsed = pl.coalesce(full, r.str.to_date(DATE_FORMAT, strict=False))
        shaped = r.str.contains(DATE_TEXT).fill_null(False)  # the parser forgives blanks
        parsed_ok = shaped & parsed.is_between(lo, hi).fill_null(False)
        value = pl.when(~failing).then(kept).when(parsed_ok).then(parsed).otherwise(None)
        why = (
            pl.when(~failing | parsed_ok)
            .then(None)
            .when(token)
            .then(pl.lit("null_token"))
            .otherwise(pl.lit("impossible_date"))
        )
    elif kind == "text":
        value = pl.when(~failing).then(kept).otherwise(None)
        why = pl.when(~failing).then(None).otherwise(pl.lit("null_token"))
    else:  # int, time
        value = pl.when(~failing).then(kept).otherwise(None)
        why = (
            pl.when(~failing)
            .then(None)
            .when(token)
            .then(pl.lit("null_token"))
            .otherwise(pl.lit("invalid_value"))
        )
    out = frame.select(value.cast(out_type).alias("value"), why.cast(pl.String).alias("why"))
    return out["value"], out["why"]


def resolve_checks(specs: list[ColumnSpec], domains: dict[str, pl.Series | None]) -> list[Check]:
    """Checks for the columns, with each code domain resolved to a Series of values (or
    a pattern); `domains` maps a domain's text (str(LookupRef)) to its lookup values, or
    None when the release has no such lookup."""
    checks: list[Check] = []
    for spec in specs:
        values: pl.Series | None = None
        pattern: str | None = None
        if spec.kind == "code" and spec.domain is not None:
            d = spec.domain
            if d.pattern is not None and not d.lookups and not d.values:
                pattern = d.pattern
            else:
                found = [domains.get(str(ref)) for ref in d.lookups]
                if all(f is not None for f in found):
                    parts = [f for f in found if f is not None]
                    parts.append(pl.Series(sorted(d.values), dtype=pl.String))
                    values = pl.concat(parts).unique().sort()
        checks.append(Check(spec, values, pattern))
    return checks
