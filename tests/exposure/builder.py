"""Invented EOIR releases in the ingest's layout: `release.json`, `parquet/<TABLE>/*.parquet`
with the real column names and types (dates DATE, keys BIGINT, codes VARCHAR), and
`eoir.duckdb` with a view per table and a lookup table. Every value is made up."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import polars as pl


@dataclass
class Case:
    idncase: int
    entry: date | None = None
    nat: str | None = "MX"
    custody: str | None = "N"
    birth: str | None = "06/1990"
    lpr: str | None = "0"
    e28: date | None = None
    case_type: str | None = "RMV"


@dataclass
class Proceeding:
    idnproceeding: int
    idncase: int
    input_date: date | None = date(2024, 1, 10)
    comp_date: date | None = None
    court: str | None = "NYC"
    custody: str | None = None
    case_type: str | None = "RMV"
    osc_date: date | None = None
    nat: str | None = None


@dataclass
class Charge:
    idncase: int
    idnproceeding: int
    charge: str = "212a06Ai"
    status: str | None = "O"


@dataclass
class Rep:
    idncase: int
    e28: date | None
    kind: str = "ALIEN"
    level: str = "COURT"


@dataclass
class Spell:
    """A row of tbl_CustodyHistory."""

    idncase: int
    custody: str | None
    detained: date | None = None
    released: date | None = None


@dataclass
class Appeal:
    """A row of tblAppeal (its key columns in the release's lower/mixed case)."""

    idncase: int
    idnproceeding: int | None
    filed: date | None
    decided: date | None = None
    category: str = "IJ"
    kind: str = "Case Appeal"


@dataclass
class Juvenile:
    """A row of tbl_JuvenileHistory (`juvenile`: the lookup's id) or, with `identifier`,
    of A_TblCaseIdentifier (a CASE_ID code)."""

    idncase: int
    juvenile: int | None = None
    identifier: str | None = None


# tblLookup_Juvenile as a release holds it: id, code (ids invented, not EOIR's)
JUVENILE_LOOKUP = ((11, "J"), (12, "J1"), (13, "J2"), (14, "UJ"), (15, "NA"), (16, "AJ"))


@dataclass
class IngestedRelease:
    cases: list[Case]
    proceedings: list[Proceeding]
    charges: list[Charge] | None = field(default_factory=list)
    reps: list[Rep] | None = None
    custody: list[Spell] | None = None
    appeals: list[Appeal] | None = None
    juveniles: list[Juvenile] | None = None


def _cases(cases: list[Case]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "IDNCASE": [c.idncase for c in cases],
            "ALIEN_CITY": ["SOMEWHERE"] * len(cases),
            "NAT": [c.nat for c in cases],
            "LANG": ["SP"] * len(cases),
            "CUSTODY": [c.custody for c in cases],
            "E_28_DATE": [c.e28 for c in cases],
            "CASE_TYPE": [c.case_type for c in cases],
            "DATE_OF_ENTRY": [c.entry for c in cases],
            "C_BIRTHDATE": [c.birth for c in cases],
            "LPR": [c.lpr for c in cases],
        },
        schema={
            "IDNCASE": pl.Int64,
            "ALIEN_CITY": pl.String,
            "NAT": pl.String,
            "LANG": pl.String,
            "CUSTODY": pl.String,
            "E_28_DATE": pl.Date,
            "CASE_TYPE": pl.String,
            "DATE_OF_ENTRY": pl.Date,
            "C_BIRTHDATE": pl.String,
            "LPR": pl.String,
        },
    )


def _proceedings(rows: list[Proceeding]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "IDNPROCEEDING": [p.idnproceeding for p in rows],
            "IDNCASE": [p.idncase for p in rows],
            "OSC_DATE": [p.osc_date for p in rows],
            "INPUT_DATE": [p.input_date for p in rows],
            "BASE_CITY_CODE": [p.court for p in rows],
            "HEARING_LOC_CODE": [p.court and p.court + "1" for p in rows],
            "IJ_CODE": ["XYZ"] * len(rows),
            "DEC_CODE": [None if p.comp_date is None else "X" for p in rows],
            "COMP_DATE": [p.comp_date for p in rows],
            "ABSENTIA": [None] * len(rows),
            "CUSTODY": [p.custody for p in rows],
            "CASE_TYPE": [p.case_type for p in rows],
            "NAT": [p.nat for p in rows],
        },
        schema={
            "IDNPROCEEDING": pl.Int64,
            "IDNCASE": pl.Int64,
            "OSC_DATE": pl.Date,
            "INPUT_DATE": pl.Date,
            "BASE_CITY_CODE": pl.String,
            "HEARING_LOC_CODE": pl.String,
            "IJ_CODE": pl.String,
            "DEC_CODE": pl.String,
            "COMP_DATE": pl.Date,
            "ABSENTIA": pl.String,
            "CUSTODY": pl.String,
            "CASE_TYPE": pl.String,
            "NAT": pl.String,
        },
    )


def _charges(rows: list[Charge]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "IDNPRCDCHG": list(range(1, len(rows) + 1)),
            "IDNCASE": [c.idncase for c in rows],
            "IDNPROCEEDING": [c.idnproceeding for c in rows],
            "CHARGE": [c.charge for c in rows],
            "CHG_STATUS": [c.status for c in rows],
        },
        schema={
            "IDNPRCDCHG": pl.Int64,
            "IDNCASE": pl.Int64,
            "IDNPROCEEDING": pl.Int64,
            "CHARGE": pl.String,
            "CHG_STATUS": pl.String,
        },
    )


def _reps(rows: list[Rep]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "IDNREPSASSIGNED": list(range(1, len(rows) + 1)),
            "IDNCASE": [r.idncase for r in rows],
            "STRATTYLEVEL": [r.level for r in rows],
            "STRATTYTYPE": [r.kind for r in rows],
            "PARENT_TABLE": ["A_tblCase"] * len(rows),
            "E_28_DATE": [r.e28 for r in rows],
        },
        schema={
            "IDNREPSASSIGNED": pl.Int64,
            "IDNCASE": pl.Int64,
            "STRATTYLEVEL": pl.String,
            "STRATTYTYPE": pl.String,
            "PARENT_TABLE": pl.String,
            "E_28_DATE": pl.Date,
        },
    )


def _custody(rows: list[Spell]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "IDNCUSTODY": list(range(1, len(rows) + 1)),
            "IDNCASE": [r.idncase for r in rows],
            "CUSTODY": [r.custody for r in rows],
            "DATDETAINED": [r.detained for r in rows],
            "DATRELEASED": [r.released for r in rows],
        },
        schema={
            "IDNCUSTODY": pl.Int64,
            "IDNCASE": pl.Int64,
            "CUSTODY": pl.String,
            "DATDETAINED": pl.Date,
            "DATRELEASED": pl.Date,
        },
    )


def _appeals(rows: list[Appeal]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "idnAppeal": list(range(1, len(rows) + 1)),
            "idncase": [r.idncase for r in rows],
            "idnProceeding": [r.idnproceeding for r in rows],
            "strAppealCategory": [r.category for r in rows],
            "strAppealType": [r.kind for r in rows],
            "datAppealFiled": [r.filed for r in rows],
            "datBIADecision": [r.decided for r in rows],
        },
        schema={
            "idnAppeal": pl.Int64,
            "idncase": pl.Int64,
            "idnProceeding": pl.Int64,
            "strAppealCategory": pl.String,
            "strAppealType": pl.String,
            "datAppealFiled": pl.Date,
            "datBIADecision": pl.Date,
        },
    )


def _juveniles(rows: list[Juvenile]) -> dict[str, pl.DataFrame]:
    history = [r for r in rows if r.juvenile is not None]
    tagged = [r for r in rows if r.identifier is not None]
    return {
        "tbl_JuvenileHistory": pl.DataFrame(
            {
                "idnJuvenileHistory": list(range(1, len(history) + 1)),
                "idnCase": [r.idncase for r in history],
                "idnProceeding": [r.idncase * 10 for r in history],
                "idnJuvenile": [r.juvenile for r in history],
            },
            schema=dict.fromkeys(
                ("idnJuvenileHistory", "idnCase", "idnProceeding", "idnJuvenile"), pl.Int64
            ),
        ),
        "A_TblCaseIdentifier": pl.DataFrame(
            {
                "IDNCASEID": list(range(1, len(tagged) + 1)),
                "IDNCASE": [r.idncase for r in tagged],
                "CASE_ID": [r.identifier for r in tagged],
            },
            schema={"IDNCASEID": pl.Int64, "IDNCASE": pl.Int64, "CASE_ID": pl.String},
        ),
    }


def write_frames(
    root: Path, frames: dict[str, pl.DataFrame], files: int = 2, with_duckdb: bool = True
) -> Path:
    """Write each table in `files` Parquet files, `release.json` and `eoir.duckdb`."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "release.json").write_text(
        json.dumps({"release": "invented", "tables": sorted(frames)}), encoding="utf-8"
    )
    for table, frame in frames.items():
        folder = root / "parquet" / table
        folder.mkdir(parents=True, exist_ok=True)
        size = max(1, -(-frame.height // files))
        for i, start in enumerate(range(0, max(frame.height, 1), size)):
            frame.slice(start, size).write_parquet(folder / f"part-{i:03}.parquet")
    if with_duckdb:
        with duckdb.connect(str(root / "eoir.duckdb")) as con:
            for table in frames:
                glob = str(root / "parquet" / table / "*.parquet")
                con.execute(f"CREATE VIEW \"{table}\" AS SELECT * FROM read_parquet('{glob}')")
            con.execute(
                "CREATE TABLE tblLookupBaseCity AS SELECT * FROM (VALUES ('NYC', 'NEW YORK'))"
                " t(BASE_CITY_CODE, BASE_CITY_NAME)"
            )
            values = ", ".join(f"('{i}', '{code}')" for i, code in JUVENILE_LOOKUP)
            con.execute(
                f"CREATE TABLE tblLookup_Juvenile AS SELECT * FROM (VALUES {values})"
                " t(idnJuvenile, strCode)"
            )
    return root


def write_release(
    root: Path, release: IngestedRelease, files: int = 2, with_duckdb: bool = True
) -> Path:
    frames: dict[str, pl.DataFrame] = {
        "A_TblCase": _cases(release.cases),
        "B_TblProceeding": _proceedings(release.proceedings),
    }
    if release.charges is not None:
        frames["B_TblProceedCharges"] = _charges(release.charges)
    if release.reps is not None:
        frames["tbl_RepsAssigned"] = _reps(release.reps)
    if release.custody is not None:
        frames["tbl_CustodyHistory"] = _custody(release.custody)
    if release.appeals is not None:
        frames["tblAppeal"] = _appeals(release.appeals)
    if release.juveniles is not None:
        frames.update(_juveniles(release.juveniles))
    return write_frames(root, frames, files, with_duckdb)


def one_case(
    idncase: int,
    entry: date | None,
    charge: str | None = "212a06Ai",
    court: str = "NYC",
    **case: Any,
) -> tuple[Case, Proceeding, list[Charge]]:
    """A pending case with one proceeding begun 2024-01-10 and (by default) an EWI charge."""
    proceeding = Proceeding(idncase * 10, idncase, court=court)
    charges = [] if charge is None else [Charge(idncase, idncase * 10, charge)]
    return Case(idncase, entry, **case), proceeding, charges
