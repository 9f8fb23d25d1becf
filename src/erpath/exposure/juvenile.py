"""Whether a child came unaccompanied, from the release's juvenile records.

EOIR marks juvenile cases in two tables (data/RESEARCH.md 1.2): `tbl_JuvenileHistory`
(idnCase, idnJuvenile -> `tblLookup_Juvenile`, whose codes are `UJ` Unaccompanied
Juvenile, `J2` Unaccompanied Juvenile - Asylum, `AJ` Accompanied Juvenile, `J` Juvenile
Case, `J1` released to a guardian or turned 18) and `A_TblCaseIdentifier` (CASE_ID ->
`tblLookUpCaseIdentifier`, the same UJ, J2, J, J1 codes). The history holds ids, not
codes: they are read through the release's own lookup (`codes`), never assumed.

A case marked `UJ` or `J2` in either is read as a child who came without a parent or legal
guardian (`accompanied_by` "none"); one marked `AJ` only, as a child who came with one
("parent": the engine treats a parent and a legal guardian alike); any other case as not
known. Whether the person is still a child on the day is the engine's to decide from the
birth month (8 U.S.C. 1232(a)(5)(D), 6 U.S.C. 279(g)(2); `erpath.rules.children.uac`).
"""

from __future__ import annotations

import polars as pl

UNACCOMPANIED = ("UJ", "J2")
ACCOMPANIED = ("AJ",)
SCHEMA = {"IDNCASE": pl.Int64, "code": pl.String}


def accompaniment(
    history: pl.LazyFrame | None, codes: dict[int, str], identifiers: pl.LazyFrame | None
) -> pl.LazyFrame:
    """Per case marked a juvenile, `accompanied_by` ("none" or "parent")."""
    marks: list[pl.LazyFrame] = [pl.LazyFrame(schema=SCHEMA)]
    if history is not None and codes:
        marks.append(
            history.select(
                "IDNCASE",
                pl.col("idnJuvenile")
                .replace_strict(codes, default=None, return_dtype=pl.String)
                .alias("code"),
            )
        )
    if identifiers is not None:
        marks.append(identifiers.select("IDNCASE", pl.col("CASE_ID").alias("code")))
    code = pl.col("code").str.strip_chars().str.to_uppercase()
    return (
        pl.concat(marks)
        .filter(pl.col("IDNCASE").is_not_null())
        .group_by("IDNCASE")
        .agg(
            code.is_in(UNACCOMPANIED).any().alias("_none"),
            code.is_in(ACCOMPANIED).any().alias("_with"),
        )
        .select(
            "IDNCASE",
            pl.when(pl.col("_none"))
            .then(pl.lit("none"))
            .when(pl.col("_with"))
            .then(pl.lit("parent"))
            .alias("accompanied_by"),
        )
        .filter(pl.col("accompanied_by").is_not_null())
    )
