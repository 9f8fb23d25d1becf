"""The charges and representatives of a synthetic release agree with the rest of each case:
the charges follow the case type and how the person entered, representatives appear
after the NTA and hang on the right parent, and A_TblCase.E_28_DATE is the first EOIR-28.

The exposure analytics read exactly these (charges for the manner of entry, ALIEN
representatives for representation), from the ingested Parquet."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest

from erpath.eoir import IngestReport
from erpath.eoir.synth import charge_rows, model
from erpath.eoir.synth.case_rows import draw_people
from erpath.eoir.synth.draws import Draws
from erpath.eoir.synth.pools import Pools
from erpath.eoir.synth.timeline import Ids, draw_cases, solve_median_days

from .conftest import RELEASE_DATE

CHARGES, REPS = "B_TblProceedCharges", "tbl_RepsAssigned"
# The first charge of each ground, as the NTA would plead it.
FIRST_CHARGE_BY_MANNER = {
    "without_inspection": {"212a06Ai"},  # present without admission or parole
    "arriving": {"212a07Ai  I"},  # arriving without a valid entry document
    "admitted": {"237a01B", "237a01Ci"},  # admitted, then overstayed or broke status
}


@pytest.fixture(scope="module")
def generated() -> pl.DataFrame:
    """One chunk of generated cases with what the generator knows of each (type, manner
    of entry, NTA day), joined to their charge rows (one row per charge)."""
    n, seed = 8_000, 3
    draws = Draws(np.random.default_rng([seed, 0]))
    ids = Ids.start()
    c = draw_cases(draws, ids, n, RELEASE_DATE, solve_median_days(RELEASE_DATE))
    people = draw_people(draws, c, Pools.build(seed, n))
    charges = charge_rows.build(draws, ids, c, people)
    cases = pl.DataFrame(
        {
            "IDNCASE": c.case_id.astype(str),
            "case_type": c.clean_type,
            "manner": people.manner,
            "filed": pl.Series(c.filed, dtype=pl.Int32).cast(pl.Date),
        }
    )
    return cases.join(charges, on="IDNCASE", how="left")


def _share(holds: pl.Series) -> float:
    """The share of rows where a condition holds (unknown counts as not)."""
    return float(holds.fill_null(False).sum()) / max(holds.len(), 1)


def _first_charges(frame: pl.DataFrame) -> pl.DataFrame:
    return (
        frame.drop_nulls("IDNPRCDCHG")
        .sort(pl.col("IDNPRCDCHG").cast(pl.Int64))
        .group_by("IDNPROCEEDING", maintain_order=True)
        .agg(pl.all().first())
    )


def test_a_removal_case_is_charged_as_the_person_entered(generated: pl.DataFrame) -> None:
    first = _first_charges(generated.filter(pl.col("case_type") == "RMV"))
    assert set(first["manner"]) == set(FIRST_CHARGE_BY_MANNER)
    for manner, charges in FIRST_CHARGE_BY_MANNER.items():
        assert set(first.filter(pl.col("manner") == manner)["CHARGE"]) == charges, manner
    # 212(a)(6)(A)(i) is never the charge of someone admitted or arriving at a port.
    ewi = generated.filter(pl.col("CHARGE") == "212a06Ai")
    assert set(ewi["manner"]) == {"without_inspection"}


def test_other_case_types_carry_their_own_grounds_or_none(generated: pl.DataFrame) -> None:
    first = _first_charges(generated)
    dep = first.filter(pl.col("case_type") == "DEP")
    assert set(dep.filter(pl.col("manner") == "admitted")["CHARGE"]) == {"241a01Ci"}
    assert set(dep.filter(pl.col("manner") != "admitted")["CHARGE"]) == {"241a01B"}
    exc = first.filter(pl.col("case_type") == "EXC")
    assert set(exc["manner"]) == {"arriving"}
    before_1991 = pl.col("filed") < model.EXCLUSION_FORMER_GROUNDS_UNTIL
    assert set(exc.filter(before_1991)["CHARGE"]) <= {"212a20"}
    assert set(exc.filter(~before_1991)["CHARGE"]) == {"212a07Ai  I"}
    uncharged = generated.filter(pl.col("case_type").is_in(model.CASE_TYPES_WITHOUT_CHARGES))
    assert uncharged.height > 100
    assert uncharged["IDNPRCDCHG"].null_count() == uncharged.height


def test_every_proceeding_of_a_case_repeats_its_charges(generated: pl.DataFrame) -> None:
    lists = (
        generated.drop_nulls("IDNPRCDCHG")
        .sort(pl.col("IDNPRCDCHG").cast(pl.Int64))
        .group_by("IDNCASE", "IDNPROCEEDING")
        .agg(pl.col("CHARGE").str.join("|"))
    )
    per_case = lists.group_by("IDNCASE").agg(
        pl.col("CHARGE").n_unique().alias("sets"), pl.len().alias("proceedings")
    )
    assert (per_case["sets"] == 1).all()
    assert (per_case["proceedings"] > 1).sum() > 500  # the check has something to see
    second = lists.filter(pl.col("CHARGE").str.contains("|", literal=True))
    assert 0.1 < second.height / lists.height < 0.3


@pytest.fixture(scope="module")
def ingested(small_ingest: tuple[Path, IngestReport]) -> dict[str, pl.DataFrame]:
    out, _ = small_ingest
    tables = {
        t: pl.read_parquet(out / "parquet" / t / "*.parquet")
        for t in ("A_TblCase", "B_TblProceeding", CHARGES, REPS)
    }
    quarantined = pl.read_parquet(out / "quarantine" / "B_TblProceeding.parquet")
    tables["quarantined proceedings"] = quarantined.select(
        pl.col("raw").str.extract(r"^(\d+)\t").cast(pl.Int64).alias("IDNPROCEEDING")
    )
    return tables


def _nta(ingested: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """Per case: its NTA date (earliest OSC_DATE), its end (the last proceeding's
    COMP_DATE; none while it is open), type, entry and EOIR-28."""
    procs = (
        ingested["B_TblProceeding"]
        .group_by("IDNCASE")
        .agg(
            pl.col("OSC_DATE").min().alias("nta"),
            pl.col("COMP_DATE").sort_by("IDNPROCEEDING").last().alias("completed"),
        )
    )
    cases = ingested["A_TblCase"].select("IDNCASE", "CASE_TYPE", "DATE_OF_ENTRY", "E_28_DATE")
    return cases.join(procs, on="IDNCASE")


def test_removal_charges_agree_with_the_entry_date(ingested: dict[str, pl.DataFrame]) -> None:
    """Admitted people (237) entered long before the NTA; people charged only as arriving
    at a port (212(a)(7)) entered days before it."""
    charges = ingested[CHARGES].group_by("IDNCASE").agg(pl.col("CHARGE"))
    cases = _nta(ingested).filter(pl.col("CASE_TYPE") == "RMV").drop_nulls(["DATE_OF_ENTRY", "nta"])
    joined = cases.join(charges, on="IDNCASE").with_columns(
        (pl.col("nta") - pl.col("DATE_OF_ENTRY")).dt.total_days().alias("gap")
    )
    deportable = joined.filter(
        pl.col("CHARGE").list.eval(pl.element().str.starts_with("237")).list.any()
    )
    arriving = joined.filter(
        pl.col("CHARGE").list.contains("212a07Ai  I") & ~pl.col("CHARGE").list.contains("212a06Ai")
    )
    assert deportable.height > 300
    assert arriving.height > 100
    assert (deportable["gap"] >= 60).all()
    # (a case loses its first charge only if that row is an injected orphan)
    assert _share(arriving["gap"] < 60) > 0.99
    # Recent border cases are mostly charged as present without admission.
    border = joined.filter(pl.col("gap") < 60)
    ewi = border["CHARGE"].list.contains("212a06Ai").mean()
    assert ewi == pytest.approx(1 - model.ARRIVING_SHARE_OF_BORDER, abs=0.05)


def test_representatives_hang_on_their_parent(ingested: dict[str, pl.DataFrame]) -> None:
    reps = ingested[REPS].with_columns(pl.col("PARENT_TABLE").str.to_lowercase().alias("parent"))
    kinds = reps.select("STRATTYTYPE", "STRATTYLEVEL", "parent").drop_nulls().unique()
    assert set(kinds.iter_rows()) == {
        ("ALIEN", "COURT", "a_tblcase"),
        ("INS", "COURT", "b_tblproceeding"),
        ("ALIEN", "BOARD", "tblappeal"),
    }
    court = reps.filter(pl.col("parent") == "a_tblcase")
    assert (court["PARENT_IDN"] == court["IDNCASE"]).all()
    dhs = reps.filter(pl.col("parent") == "b_tblproceeding").join(
        ingested["B_TblProceeding"].select("IDNPROCEEDING", "IDNCASE"),
        left_on=["PARENT_IDN", "IDNCASE"],
        right_on=["IDNPROCEEDING", "IDNCASE"],
        how="anti",
    )
    # Every DHS attorney is on a proceeding of the same case, unless that proceeding was
    # quarantined (an injected orphan).
    assert dhs.height < 10
    quarantined = ingested["quarantined proceedings"]["IDNPROCEEDING"]
    assert dhs["PARENT_IDN"].is_in(quarantined.implode()).all()
    board = reps.filter(pl.col("parent") == "tblappeal")
    assert set(board["BASE_CITY_CODE"].drop_nulls()) == {"BIA"}


def test_a_respondents_attorney_appears_after_the_nta(ingested: dict[str, pl.DataFrame]) -> None:
    cases = _nta(ingested)
    reps = ingested[REPS].join(cases, on="IDNCASE")
    court = reps.filter((pl.col("STRATTYTYPE") == "ALIEN") & (pl.col("STRATTYLEVEL") == "COURT"))
    dated = court.drop_nulls(["E_28_DATE", "nta"])
    assert dated.height > 0.95 * court.height
    assert (dated["E_28_DATE"] > dated["nta"]).all()
    assert (dated["E_28_DATE"] < RELEASE_DATE).all()
    done = dated.drop_nulls("completed")
    # Not after the case ends (but for the completion dates emptied as injected defects).
    assert _share(done["E_28_DATE"] <= done["completed"]) > 0.999
    board = reps.filter(pl.col("STRATTYLEVEL") == "BOARD").drop_nulls(["E_27_DATE", "completed"])
    assert board.height > 20
    assert (board["E_27_DATE"] >= board["completed"]).all()  # an appeal follows the decision


def test_the_case_e28_date_is_its_first_eoir28(ingested: dict[str, pl.DataFrame]) -> None:
    first = (
        ingested[REPS]
        .filter((pl.col("STRATTYTYPE") == "ALIEN") & (pl.col("STRATTYLEVEL") == "COURT"))
        .group_by("IDNCASE")
        .agg(pl.col("E_28_DATE").min().alias("first"))
    )
    cases = ingested["A_TblCase"].select("IDNCASE", "E_28_DATE")
    shown = cases.drop_nulls("E_28_DATE").join(first, on="IDNCASE", how="left")
    assert shown.height > 1000
    # A case shows an EOIR-28 only if it has a respondent's attorney, and it is the first.
    # (but where the first one's row was quarantined as an injected orphan)
    assert _share(shown["E_28_DATE"] == shown["first"]) > 0.998
    represented = cases.join(first, on="IDNCASE").height / cases.height
    assert represented == pytest.approx(model.REPRESENTED_SHARE, abs=0.03)
