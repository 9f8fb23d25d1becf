"""Each pending 240 case as a row of the facts table, for the counterfactual "the 240 case
is dismissed on D and DHS then determines expedited removal on D".

What each fact is read from (docs/adr/0012-exposure.md gives the reasons):

- `as_of` = D, a bare date (the engine reads both ends of 21 January 2025);
- `section_240` = "dismissed", `dismissal_appeal_pending` = false, `dismissed_on` null: the
  dismissal is taken as final (ADR 0002: a dismissal with no appeal pending and no date
  is final), so the question is the designations alone, not the appeal window;
- `arrival_date` = A_TblCase.DATE_OF_ENTRY when on or before D (a later date is no arrival
  known on D); `encounter_date` null (the encounter is D);
- with no arrival date, no arrival is known at all: the manner is unknown too, as in a
  facts document (an arrival always has a date);
- `arrival_manner`: the LPR flag says "admitted"; otherwise the charges, as the law data
  reads them (grounds.yaml `arrival_charges`: a deportability charge under INA 237(a) says
  "admitted", a 212(a)(6)(A)(i) charge "without_inspection"), where they say one manner
  only; anything else is unknown. Charges withdrawn (`W`) or not sustained (`N`) are not
  read;
- `arrival_mode`, `miles_from_land_border`: unknown unless `Assumptions` set them (the
  release records neither; the exposure splits on both);
- `birth_date`: C_BIRTHDATE (MM/YYYY) as the last day of its month, the youngest the
  person can be, so that no one who may still be a child is counted as exposed;
- `citizenship` from NAT (`erpath.exposure.citizenship`);
- no evidence and no officer's finding: two years complete by the arrival date are
  `depends` (the burden is the person's, INA 235(b)(1)(A)(iii)(II));
- `accompanied_by` from the juvenile records (`erpath.exposure.juvenile`: "none" for a
  case marked an unaccompanied juvenile, "parent" for one marked accompanied), else
  unknown; no determination of DHS's own (`uac`): the engine decides from the birth month
  whether the person is still a child on the day;
- no claim of status, no parole, no charged ground (the engine assumes 212(a)(7) and says
  so).

Beside the facts each row carries the dimensions of the breakdowns (`court`, `nationality`,
`custody` on the day (`erpath.exposure.custody`), `representation`, and `stage`: before the
judge or on appeal at the Board, `erpath.exposure.pending`) and `entry_date_known`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from erpath.eoir.reference import lookup_values
from erpath.exposure.citizenship import citizenship
from erpath.exposure.custody import with_custody
from erpath.law.model import ArrivalCharges, Law
from erpath.rules.row import FACT_COLUMNS

DIMENSIONS = ("court", "nationality", "custody", "representation", "stage")
UNKNOWN = "unknown"
# The custody codes of the release's lookup, each as its description in snake case
# (D Detained -> detained, R Released, N Never Detained -> never_detained).
CUSTODY = {
    code: re.sub(r"\W+", "_", description.strip().lower())
    for code, description in lookup_values()["tblLookupCustodyStatus"]
}
NOT_READ = ("W", "N")  # charge withdrawn, not sustained
TRUE_FLAGS = ("1", "TRUE", "T", "Y")
FALSE_FLAGS = ("0", "FALSE", "F", "N")


@dataclass(frozen=True)
class Assumptions:
    """Facts the release does not record, set for every case (None: unknown).
    `arrival_manner` fills in the manner only where the data says nothing (the LPR flag
    and the charges still decide where they are present): with `without_inspection` it
    reads the issue's "not admitted or paroled where the data says so"."""

    arrival_mode: str | None = None
    miles_from_land_border: float | None = None
    arrival_manner: str | None = None


NONE_ASSUMED = Assumptions()


PER_CASE = {"IDNCASE": pl.Int64, "_ewi": pl.Boolean, "_dep": pl.Boolean, "_e28": pl.Date}


def charges_and_representatives(
    charges: pl.LazyFrame | None, reps: pl.LazyFrame | None, says: ArrivalCharges
) -> pl.LazyFrame:
    """Per case, read from both tables in one pass: whether a read charge is
    212(a)(6)(A)(i) (`ewi_charged`) or under 237 (`deportable`); the first date a
    representative of the respondent (STRATTYTYPE ALIEN, at the court) appeared, by the
    EOIR-28 (`rep_since`), and whether one appears without a date (`rep_undated`)."""
    parts: list[pl.LazyFrame] = [pl.LazyFrame(schema=PER_CASE | {"_rep": pl.Boolean})]
    if charges is not None:
        read = charges.filter(
            pl.col("IDNCASE").is_not_null()
            & (pl.col("CHG_STATUS").is_null() | ~pl.col("CHG_STATUS").is_in(NOT_READ))
        )
        # A release has a few hundred distinct charge texts: read each once, by what the
        # law data says a charge tells of the manner of arrival (grounds.yaml).
        kinds = (
            read.select(pl.col("CHARGE").unique())
            .with_columns(
                pl.col("CHARGE")
                .map_elements(says.without_inspection.covers, return_dtype=pl.Boolean)
                .alias("_ewi"),
                pl.col("CHARGE")
                .map_elements(says.admitted.covers, return_dtype=pl.Boolean)
                .alias("_dep"),
            )
            .filter(pl.col("_ewi") | pl.col("_dep"))
        )
        parts.append(
            read.select("IDNCASE", "CHARGE")
            .join(kinds, on="CHARGE", how="inner")
            .select(
                "IDNCASE",
                "_ewi",
                "_dep",
                pl.lit(None, dtype=pl.Date).alias("_e28"),
                pl.lit(False).alias("_rep"),
            )
        )
    if reps is not None:
        alien = reps.filter(
            pl.col("IDNCASE").is_not_null()
            & (pl.col("STRATTYTYPE") == "ALIEN")
            & (pl.col("STRATTYLEVEL").is_null() | (pl.col("STRATTYLEVEL") == "COURT"))
        )
        parts.append(
            alien.select(
                "IDNCASE",
                pl.lit(False).alias("_ewi"),
                pl.lit(False).alias("_dep"),
                pl.col("E_28_DATE").alias("_e28"),
                pl.lit(True).alias("_rep"),
            )
        )
    return (
        pl.concat(parts)
        .group_by("IDNCASE")
        .agg(
            pl.col("_ewi").any().alias("ewi_charged"),
            pl.col("_dep").any().alias("deportable"),
            pl.col("_e28").min().alias("rep_since"),
            (pl.col("_rep") & pl.col("_e28").is_null()).any().alias("rep_undated"),
        )
    )


def birth_date(month_year: pl.Expr) -> pl.Expr:
    """MM/YYYY as the last day of that month; anything else is unknown."""
    first = pl.concat_str(pl.lit("01/"), month_year).str.to_date("%d/%m/%Y", strict=False)
    return pl.when(first.dt.year().is_between(1850, 2200)).then(first.dt.month_end())


def one_row_per_case(cases: pl.LazyFrame) -> pl.LazyFrame:
    """A_TblCase without the rows whose IDNCASE (the table's key) is null or repeated: a
    case whose rows disagree or repeat has unknown attributes and case type. Checked
    first, since a release's keys are almost always unique."""
    keyed = cases.filter(pl.col("IDNCASE").is_not_null())
    unique = keyed.select(pl.col("IDNCASE").n_unique() == pl.len()).collect().item()
    return keyed if unique else keyed.filter(pl.len().over("IDNCASE") == 1)


def case_attributes(
    cases: pl.LazyFrame,
    charges: pl.LazyFrame | None,
    reps: pl.LazyFrame | None,
    case_e28: bool,
    law: Law,
    accompanied: pl.LazyFrame | None = None,
) -> pl.LazyFrame:
    """One row per case (IDNCASE) of what the facts and dimensions read from A_TblCase
    (`one_row_per_case` of it), the charges and the representatives.

    Representation is read from tbl_RepsAssigned when the release has it, else from
    A_TblCase.E_28_DATE when it has that column (`case_e28`), else it is unknown; who
    accompanied a juvenile from `accompanied` (`erpath.exposure.juvenile.accompaniment`)."""
    lpr = pl.col("LPR").str.to_uppercase()
    lpr_flag = (
        pl.when(lpr.is_in(TRUE_FLAGS))
        .then(True)
        .when(lpr.is_in(FALSE_FLAGS))
        .then(False)
        .otherwise(None)
    )
    base = cases
    source = "reps" if reps is not None else "e28" if case_e28 else UNKNOWN
    ewi, deportable = pl.col("ewi_charged").fill_null(False), pl.col("deportable").fill_null(False)
    manner = (
        pl.when(pl.col("lpr").fill_null(False))
        .then(pl.lit("admitted"))
        .when(deportable & ~ewi)
        .then(pl.lit("admitted"))
        .when(ewi & ~deportable)
        .then(pl.lit("without_inspection"))
        .otherwise(None)
    )
    # A release has a few hundred distinct birth months: read each once.
    births = base.select(pl.col("C_BIRTHDATE").unique()).with_columns(
        birth_date(pl.col("C_BIRTHDATE")).alias("birth_date")
    )
    return (
        base.join(births, on="C_BIRTHDATE", how="left")
        .select(
            "IDNCASE",
            pl.col("NAT").alias("case_nat"),
            pl.col("CUSTODY").alias("case_custody"),
            pl.col("DATE_OF_ENTRY").alias("entry_date"),
            "birth_date",
            lpr_flag.alias("lpr"),
            pl.col("E_28_DATE").alias("case_e28"),
        )
        .join(
            charges_and_representatives(charges, reps, law.arrival_charges),
            on="IDNCASE",
            how="left",
        )
        .with_columns(manner.alias("manner"), pl.lit(source).alias("rep_source"))
        .join(
            accompanied
            if accompanied is not None
            else pl.LazyFrame(schema={"IDNCASE": pl.Int64, "accompanied_by": pl.String}),
            on="IDNCASE",
            how="left",
        )
    )


def _representation(on: pl.Expr) -> pl.Expr:
    by_reps = (
        pl.when(
            pl.col("rep_undated").fill_null(False) | (pl.col("rep_since") <= on).fill_null(False)
        )
        .then(pl.lit("represented"))
        .otherwise(pl.lit("unrepresented"))
    )
    by_case = (
        pl.when(pl.col("case_e28") <= on)
        .then(pl.lit("represented"))
        .otherwise(pl.lit("unrepresented"))
    )
    # Without the representatives table, the case's EOIR-28 date is all there is; a
    # case with no A_TblCase row (an orphan proceeding) is unknown.
    source = pl.col("rep_source")
    return (
        pl.when(source == "reps")
        .then(by_reps)
        .when(source == "e28")
        .then(by_case)
        .otherwise(pl.lit(UNKNOWN))
    )


def facts_for(
    pending: pl.LazyFrame,
    attributes: pl.LazyFrame,
    assume: Assumptions,
    dimensions: Sequence[str],
    custody_events: pl.LazyFrame | None,
) -> pl.LazyFrame:
    """The facts table of the pending cases (`erpath.exposure.pending.pending_on_days`:
    `as_of` and the pending proceeding), in FACT_COLUMNS, with the dimensions; custody on
    the day from `custody_events` (`erpath.exposure.custody.history_table`) where they
    decide it, else the latest record, labelled so."""
    on = pl.col("as_of")
    nat = pl.coalesce("case_nat", "proceeding_nat")
    arrival = pl.when(pl.col("entry_date") <= on).then(pl.col("entry_date")).otherwise(None)
    facts: dict[str, pl.Expr] = {
        "as_of": on,
        "citizenship": citizenship(nat),
        "birth_date": pl.col("birth_date"),
        "accompanied_by": pl.col("accompanied_by"),
        "arrival_date": arrival,
        # An arrival is a date and a manner (CONTRACT.md); with no date known there is no
        # known arrival, so the manner is unknown too (the rules read a manner without a
        # date as an arrival that meets no time limit).
        "arrival_manner": pl.when(arrival.is_not_null()).then(
            pl.col("manner").fill_null(pl.lit(assume.arrival_manner, dtype=pl.String))
        ),
        "arrival_mode": pl.lit(assume.arrival_mode, dtype=pl.String),
        "miles_from_land_border": pl.lit(assume.miles_from_land_border, dtype=pl.Float64),
        "section_240": pl.lit("dismissed"),
        "dismissal_appeal_pending": pl.lit(False),
    }
    columns = [
        facts[name].cast(dtype).alias(name)
        if name in facts
        else pl.lit(None, dtype=dtype).alias(name)
        for name, dtype in FACT_COLUMNS.items()
    ]
    by = {
        "court": pl.col("court").fill_null(UNKNOWN),
        "nationality": nat.fill_null(UNKNOWN),
        "custody": pl.col("custody"),
        "representation": _representation(on),
        "stage": pl.col("stage"),
    }
    joined = pending.join(attributes, on="IDNCASE", how="left")
    if "custody" in dimensions:
        latest = pl.coalesce("proceeding_custody", "case_custody")
        joined = with_custody(joined, custody_events, latest, CUSTODY)
    return joined.select(
        pl.col("IDNCASE"),
        *columns,
        *(by[d].alias(d) for d in DIMENSIONS if d in dimensions),
        arrival.is_not_null().alias("entry_date_known"),
    )
