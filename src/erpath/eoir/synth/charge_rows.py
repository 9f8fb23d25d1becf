"""B_TblProceedCharges rows: the charges of each case's NTA, on each of its proceedings.

A case's ground follows its type and the person's manner of entry (model.FIRST_CHARGE);
every proceeding of a charged case repeats the case's charges (DDP's codebook: the table
holds the NTA's original charges; RESEARCH.md 1.6.11), except a few proceedings entered
without any. A second charge goes to the share of cases that gives the reference's rows
per proceeding (1.14: row counts, less the exact duplicate lines injected as defects).
CHG_STATUS follows the real frequencies and missingness.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import polars as pl

from erpath.eoir.reference import defect_rates, row_counts
from erpath.eoir.synth import model
from erpath.eoir.synth.case_rows import People
from erpath.eoir.synth.columns import const, frame, where
from erpath.eoir.synth.draws import Draws, as_text, day_number, rank_in_group
from erpath.eoir.synth.timeline import Cases, Ids

TABLE = "B_TblProceedCharges"


def _grounds(c: Cases, people: People) -> npt.NDArray[np.str_]:
    """Per case, the ground of its charges (a key of model.FIRST_CHARGE), or "" for case
    types that charge nothing."""
    kind = c.clean_type
    former = np.where(people.manner == "admitted", "former_admitted", "former_without_inspection")
    ground = np.where(kind == "DEP", former, people.manner)
    before_1991 = c.filed < day_number(model.EXCLUSION_FORMER_GROUNDS_UNTIL)
    ground = np.where(kind == "EXC", np.where(before_1991, "former_exclusion", "arriving"), ground)
    ground = np.where(kind == "REC", "rescission", ground)
    return np.where(np.isin(kind, model.CASE_TYPES_WITHOUT_CHARGES), "", ground)


def _charges(
    draws: Draws, ground: npt.NDArray[np.str_], table: dict[str, tuple[tuple[str, float], ...]]
) -> pl.Series:
    """Per case, a charge drawn from `table` for its ground (empty where it has none)."""
    n = len(ground)
    out = const(n, None)
    for key, choices in table.items():
        drawn = draws.weighted(n, [code for code, _ in choices], [w for _, w in choices])
        out = where(ground == key, drawn, out)
    return out


def build(draws: Draws, ids: Ids, c: Cases, people: People) -> pl.DataFrame:
    rng = draws.rng
    ground = _grounds(c, people)
    first = _charges(draws, ground, model.FIRST_CHARGE)
    second = _charges(draws, ground, model.SECOND_CHARGE)
    charged = (ground != "")[c.proc_case] & ~draws.chance(
        len(c.proc_id), model.PROCEEDINGS_WITHOUT_CHARGES
    )
    can_have_two = charged & np.isin(ground, list(model.SECOND_CHARGE))[c.proc_case]
    # The share of cases with a second charge that gives the reference rows per proceeding.
    duplicates = defect_rates()[(TABLE, "duplicate_rows")].rate
    per_proceeding = row_counts()[TABLE] / row_counts()["B_TblProceeding"] / (1 + duplicates)
    wanted = per_proceeding * len(c.proc_id) - charged.sum()
    two_share = min(max(wanted / max(int(can_have_two.sum()), 1), 0.0), 1.0)
    two = rng.random(c.n) < two_share
    counts = charged.astype(np.int64) + (can_have_two & two[c.proc_case])
    proc = np.repeat(np.arange(len(c.proc_id), dtype=np.int64), counts)
    case = c.proc_case[proc]
    is_first = rank_in_group(counts) == 0
    charge_id, _ = ids.charge.take(rng, len(proc))
    cols = {
        "IDNPRCDCHG": as_text(charge_id),
        "IDNCASE": as_text(c.case_id[case]),
        "IDNPROCEEDING": as_text(c.proc_id[proc]),
        "CHARGE": where(is_first, first.gather(case), second.gather(case)),
    }
    return frame(TABLE, draws, len(proc), cols)
