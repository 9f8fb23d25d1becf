"""The 240 cases pending on a date.

The release has no status column (data/RESEARCH.md 1.7): a case is pending on a day D when
its latest proceeding begun on or before D (the highest IDNPROCEEDING among them) has no
completion date, or one after D. A proceeding begins on its INPUT_DATE (the court's record
of it), else its OSC_DATE (the charging document's date); one with neither cannot be
placed in time and is left out. Each proceeding is therefore the case's latest, and
pending, on the days of one span [`begun`, `until`), where `until` is the earlier of its
completion date and the beginning of the case's next proceeding; `pending_on` filters the
spans, so a series of dates reads them once.

INA 240 removal proceedings are CASE_TYPE `RMV` (tblLookupCaseType "Removal"): `DEP` and
`EXC` are the deportation and exclusion proceedings before 1 April 1997, and `AOC`, `WHO`,
`CFR`, `CSR` are limited proceedings (asylum-only, withholding-only, credible-fear and
claimed-status review), not 240 cases. The proceeding's CASE_TYPE is read, else the case's.

A 240 case whose judge has decided is still pending while the respondent's or DHS's appeal
of that decision waits at the Board of Immigration Appeals (8 CFR 1003.39: the judge's
decision is final only when no appeal is taken; 8 CFR 1241.1(a): a removal order is final
on the Board's dismissal of the appeal). `tblAppeal` holds the appeals (RESEARCH.md 1.2):
an appeal of the case itself is strAppealCategory `IJ` with strAppealType `Case Appeal`
or `Circuit Court Remand` (a federal court sent the case back to the Board); motions to
reopen, bond, interlocutory and DHS-decision (`DD`) appeals leave the case as it was. Such
an appeal makes the case pending at the Board (`stage` "board_appeal", else
"immigration_court") from its filing date (`datAppealFiled`), or the judge's decision if
later, until the Board's decision (`datBIADecision`) or the case's next proceeding (a
remand), whichever comes first; an appeal without its proceeding (8.8% in 2026) is the
appeal of the case's latest proceeding begun by its filing date. Two appeals of one
proceeding never count the case twice: an appeal's span ends where the next begins.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import polars as pl

REMOVAL_240 = ("RMV",)
CASE_APPEALS = ("CASE APPEAL", "CIRCUIT COURT REMAND")  # tbllookupAppealType, upper case
AT_COURT, AT_BOARD = "immigration_court", "board_appeal"
FILTER_DAYS = 8  # up to this many days, a filter per day; beyond, one inequality join
SPAN_COLUMNS = (
    "IDNCASE",
    "IDNPROCEEDING",
    "begun",
    "until",
    "court",
    "hearing_location",
    "proceeding_custody",
    "proceeding_nat",
    "stage",
)


def proceeding_spans(
    proceedings: pl.LazyFrame,
    cases: pl.LazyFrame,
    case_types: Sequence[str] = REMOVAL_240,
    appeals: pl.LazyFrame | None = None,
) -> pl.LazyFrame:
    """Each proceeding of a 240 case with the span of days on which it is its case's
    latest proceeding and pending before the judge, and each span on which an appeal of it
    is pending at the Board (`appeals`: tblAppeal, when the release has it): begun <= D
    and (until is null or D < until)."""
    dated = (
        proceedings.filter(pl.col("IDNCASE").is_not_null())
        .with_columns(pl.coalesce("INPUT_DATE", "OSC_DATE").alias("begun"))
        .filter(pl.col("begun").is_not_null())
        .with_columns(pl.len().over("IDNCASE").alias("_proceedings"))
        # Read twice below (alone, several): computed once.
        .collect()
        .lazy()
    )
    # Most cases have one proceeding: only the others need ordering.
    alone = dated.filter(pl.col("_proceedings") == 1).with_columns(
        pl.lit(None, dtype=pl.Date).alias("_next")
    )
    several = (
        dated.filter(pl.col("_proceedings") > 1)
        .sort("IDNCASE", "IDNPROCEEDING", "begun", "COMP_DATE", nulls_last=True)
        .with_columns(_next_begun().alias("_next"))
    )
    ordered = pl.concat([alone, several])
    if appeals is not None:
        # Read twice below (the court's spans, the Board's): computed once.
        ordered = ordered.collect().lazy()
    spans = ordered.with_columns(
        pl.min_horizontal("_next", "COMP_DATE").alias("until"), pl.lit(AT_COURT).alias("stage")
    ).filter(pl.col("until").is_null() | (pl.col("until") > pl.col("begun")))
    if appeals is not None:
        spans = pl.concat([spans, _board_spans(ordered, appeals)], how="diagonal_relaxed")
        # Read twice below (with and without a type of their own): computed once.
        spans = spans.collect().lazy()
    # The case's type where the proceeding has none (`cases` has one row per case).
    case_type = cases.select("IDNCASE", pl.col("CASE_TYPE").alias("_case_type"))
    typed = pl.concat(
        [
            spans.filter(pl.col("CASE_TYPE").is_not_null()),
            spans.filter(pl.col("CASE_TYPE").is_null())
            .join(case_type, on="IDNCASE", how="left")
            .with_columns(pl.col("_case_type").alias("CASE_TYPE"))
            .drop("_case_type"),
        ]
    )
    return typed.filter(pl.col("CASE_TYPE").is_in(list(case_types))).select(
        "IDNCASE",
        "IDNPROCEEDING",
        "begun",
        "until",
        pl.col("BASE_CITY_CODE").alias("court"),
        pl.col("HEARING_LOC_CODE").alias("hearing_location"),
        pl.col("CUSTODY").alias("proceeding_custody"),
        pl.col("NAT").alias("proceeding_nat"),
        "stage",
    )


def _board_spans(ordered: pl.LazyFrame, appeals: pl.LazyFrame) -> pl.LazyFrame:
    """The spans on which an appeal of the case is pending at the Board (the module's
    rules), with the appealed proceeding's columns."""
    kind = pl.col("strAppealType").str.strip_chars().str.to_uppercase()
    of_case = appeals.filter(
        pl.col("IDNCASE").is_not_null()
        & pl.col("datAppealFiled").is_not_null()
        & (pl.col("strAppealCategory").str.to_uppercase() == "IJ")
        & kind.is_in(CASE_APPEALS)
    ).select("IDNCASE", "IDNPROCEEDING", "datAppealFiled", "datBIADecision")
    # Only the proceedings of cases with an appeal are read (a tenth of them, or fewer).
    ordered = ordered.join(of_case.select("IDNCASE").unique(), on="IDNCASE", how="semi")
    named = of_case.filter(pl.col("IDNPROCEEDING").is_not_null()).join(
        ordered, on=["IDNCASE", "IDNPROCEEDING"], how="inner"
    )
    unnamed = (
        of_case.filter(pl.col("IDNPROCEEDING").is_null())
        .drop("IDNPROCEEDING")
        .sort("datAppealFiled")
        .join_asof(
            ordered.sort("begun"),
            left_on="datAppealFiled",
            right_on="begun",
            by="IDNCASE",
            check_sortedness=False,
        )
        .filter(pl.col("IDNPROCEEDING").is_not_null())
    )
    start = pl.max_horizontal("datAppealFiled", "COMP_DATE")
    board = (
        pl.concat([named, unnamed], how="diagonal_relaxed")
        .filter(pl.col("COMP_DATE").is_not_null())
        .with_columns(start.alias("begun"))
        .sort("IDNPROCEEDING", "begun")
        .with_columns(
            pl.min_horizontal(
                "datBIADecision", "_next", pl.col("begun").shift(-1).over("IDNPROCEEDING")
            ).alias("until"),
            pl.lit(AT_BOARD).alias("stage"),
        )
    )
    return board.filter(pl.col("until").is_null() | (pl.col("until") > pl.col("begun"))).drop(
        "datAppealFiled", "datBIADecision"
    )


def _next_begun() -> pl.Expr:
    """Over rows sorted by case and proceeding: the earliest `begun` among the case's
    later rows. Case and day are packed into one integer that orders by case first, so a
    reverse running minimum over the whole column stays within each case."""
    shift = 1 << 20  # days fit in 20 bits around 1970: +-1,435 years
    days = pl.col("begun").cast(pl.Int32).cast(pl.Int64) + (shift >> 1)
    packed = pl.col("IDNCASE") * shift + days
    later = packed.cum_min(reverse=True).shift(-1)
    same_case = pl.col("IDNCASE").shift(-1) == pl.col("IDNCASE")
    day = (later - pl.col("IDNCASE") * shift - (shift >> 1)).cast(pl.Int32).cast(pl.Date)
    return pl.when(same_case).then(day).otherwise(None)


def pending_on(spans: pl.LazyFrame, on: date) -> pl.LazyFrame:
    """The spans that cover `on`: one row per pending 240 case."""
    return spans.filter(
        (pl.col("begun") <= on) & (pl.col("until").is_null() | (pl.col("until") > on))
    )


def pending_on_days(spans: pl.LazyFrame, days: Sequence[date]) -> pl.LazyFrame:
    """One row per (pending case, day) for every day in `days`, the day as `as_of`."""
    chosen = sorted(set(days))
    if len(chosen) <= FILTER_DAYS:
        return pl.concat(
            [
                pending_on(spans, day).select(pl.lit(day).alias("as_of"), *SPAN_COLUMNS)
                for day in chosen
            ]
        )
    grid = pl.LazyFrame({"as_of": chosen}, schema={"as_of": pl.Date})
    open_ended = spans.with_columns(pl.col("until").fill_null(date.max).alias("_until"))
    return open_ended.join_where(
        grid, pl.col("begun") <= pl.col("as_of"), pl.col("_until") > pl.col("as_of")
    ).select("as_of", *SPAN_COLUMNS)
