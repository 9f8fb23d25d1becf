"""The Board's tables: tblAppeal and, hanging on its appeals, tblAppeal2,
tblAppealFedCourts, tblThreeMbrReferrals and tblProBono (RESEARCH.md 1.2).

An appeal hangs on a completed proceeding of the chunk (a decided one mostly; the others
for motions and bond appeals), filed within the appeal period after the decision
(model.APPEAL_DAYS); the share of appeals of DHS decisions (category DD) has no proceeding,
which gives the real share of empty idnProceeding. The Board decides after a lognormal
delay; an appeal the Board has not decided by the release date has no decision. The
children follow the reference's rows per appeal (row counts): tblAppeal2 restates a share
of the appeals; federal-court petitions follow Board decisions; three-member referrals and
pro bono screenings (detained appellants first) fall between filing and decision. Every
date is before the release date.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from erpath.eoir.reference import lookup_values, missing_share, row_counts, value_frequencies
from erpath.eoir.synth import model
from erpath.eoir.synth.case_rows import People
from erpath.eoir.synth.columns import const, frame, where
from erpath.eoir.synth.draws import Days, Draws, Mask, as_text, lookup_codes, sql_dates
from erpath.eoir.synth.proceeding_rows import Proceedings
from erpath.eoir.synth.timeline import Cases, Ids, Ints

APPEAL, APPEAL2, FED, THREE, PRO_BONO = (
    "tblAppeal",
    "tblAppeal2",
    "tblAppealFedCourts",
    "tblThreeMbrReferrals",
    "tblProBono",
)
# The Board's decisions most often written (chosen: dismissed, sustained, remanded,
# affirmed without opinion, other); the rest of tblLookupBIADecision follows.
LEADING_BIA_DECISIONS = ("DIS", "SUS", "REM", "SAF", "OTH", "DEN", "GRN", "TER", "ADM")


@dataclass
class Appeals:
    """What other tables repeat of the chunk's appeals."""

    case: Ints  # index of the case in the chunk
    appeal_id: Ints
    filed: Days
    of_decision: Mask  # an appeal of the case's decision (its last proceeding decided)
    purged: Ints  # appeal ids skipped: the orphans of the children point at them


def _per_appeal(table: str) -> float:
    return row_counts()[table] / row_counts()[APPEAL]


def _values(draws: Draws, n: int, column: str, keep: list[str] | None = None) -> pl.Series:
    """Real values of a tblAppeal column (all, or only `keep`), in their proportions."""
    pairs = [(v, k) for v, k in value_frequencies()[(APPEAL, column)] if keep is None or v in keep]
    return draws.weighted(n, [v for v, _ in pairs], [k for _, k in pairs])


def _bia_decisions(draws: Draws, n: int) -> pl.Series:
    codes = lookup_codes("tblLookupBIADecision")
    order = [c for c in LEADING_BIA_DECISIONS if c in codes] + [
        c for c in codes if c not in LEADING_BIA_DECISIONS
    ]
    weights = 1.0 / np.arange(1, len(order) + 1, dtype=np.float64) ** model.ZIPF_EXPONENT
    return draws.weighted(n, order, list(weights))


def build(
    draws: Draws, ids: Ids, c: Cases, people: People, procs: Proceedings
) -> tuple[dict[str, pl.DataFrame], Appeals]:
    rng = draws.rng
    last_day = c.release - 1
    weight = np.where(c.proc_decided, 1.0, np.where(c.proc_open, 0.0, 0.15))
    per_case = row_counts()[APPEAL] / row_counts()["A_TblCase"]
    proc = draws.exactly(weight, per_case * c.n)
    n = len(proc)
    case = c.proc_case[proc]
    filed = np.minimum(c.proc_end[proc] + rng.integers(1, model.APPEAL_DAYS + 1, n), last_day)
    appeal_id, purged = ids.appeal.take(rng, n)
    dhs = draws.chance(n, missing_share(APPEAL, "idnProceeding"))
    categories = [v for v, _ in value_frequencies()[(APPEAL, "strAppealCategory")]]
    category = where(
        dhs,
        const(n, "DD"),
        _values(draws, n, "strAppealCategory", [v for v in categories if v != "DD"]),
    )
    types = [v for v, _ in value_frequencies()[(APPEAL, "strAppealType")]]
    dd_types = [t for t in types if t.upper().startswith("DD")]
    kind = where(
        dhs,
        _values(draws, n, "strAppealType", dd_types),
        _values(draws, n, "strAppealType", [t for t in types if t not in dd_types]),
    )
    decided_day = filed + np.maximum(draws.lognormal_days(n, 240.0, 0.8), 1)
    # Pending at the release, and undecided for another reason (withdrawn, closed) in the
    # share that gives the real share of appeals without a decision.
    late = decided_day > last_day
    share = missing_share(APPEAL, "datBIADecision")
    undecided = late | draws.chance(n, max(share - late.mean(), 0.0) / max(1 - late.mean(), 1e-9))
    cols = {
        "idnAppeal": as_text(appeal_id),
        "idncase": as_text(c.case_id[case]),
        "idnProceeding": draws.blank(as_text(c.proc_id[proc]), dhs),
        "strAppealCategory": category,
        "strAppealType": kind,
        "datAppealFiled": draws.missing(sql_dates(filed), APPEAL, "datAppealFiled"),
        "datAttorneyE27": draws.missing(
            sql_dates(filed - rng.integers(0, 10, n)), APPEAL, "datAttorneyE27"
        ),
        "datBIADecision": sql_dates(decided_day, undecided),
        "strBIADecision": draws.blank(_bia_decisions(draws, n), undecided),
        "strBIADecisionType": draws.blank(
            _values(draws, n, "strBIADecisionType"), undecided | draws.chance(n, 0.02)
        ),
        "strCaseType": draws.frequencies(n, APPEAL, "strCaseType"),
        "strLang": draws.missing(people.lang.gather(case), APPEAL, "strLang"),
        "strNat": draws.missing(people.nat.gather(case), APPEAL, "strNat"),
        "strCustody": draws.frequencies(n, APPEAL, "strCustody"),
    }
    tables = {APPEAL: frame(APPEAL, draws, n, cols)}
    appeals = Appeals(case, appeal_id, filed, c.proc_decided[proc], purged)
    tables[APPEAL2] = _appeal2(draws, c, appeals, proc, dhs)
    tables[FED] = _fed_courts(draws, ids, c, appeals, decided_day, undecided)
    tables[THREE] = _three_member(draws, ids, c, appeals, decided_day)
    tables[PRO_BONO] = _pro_bono(draws, c, people, procs, appeals, proc)
    return tables, appeals


def _appeal2(draws: Draws, c: Cases, a: Appeals, proc: Ints, dhs: Mask) -> pl.DataFrame:
    rows = draws.exactly(np.ones(len(a.case)), _per_appeal(APPEAL2) * len(a.case))
    n = len(rows)
    cols = {
        "idnAppeal": as_text(a.appeal_id[rows]),
        "idncase": draws.missing(as_text(c.case_id[a.case[rows]]), APPEAL2, "idncase"),
        "idnProceeding": draws.blank(as_text(c.proc_id[proc[rows]]), dhs[rows]),
    }
    return frame(APPEAL2, draws, n, cols)


def _fed_courts(
    draws: Draws, ids: Ids, c: Cases, a: Appeals, decided: Days, undecided: Mask
) -> pl.DataFrame:
    rng = draws.rng
    wanted = _per_appeal(FED) * len(a.case)
    rows = draws.exactly((~undecided).astype(np.float64), wanted)
    n = len(rows)
    requested = np.minimum(decided[rows] + rng.integers(30, 400, n), c.release - 1)
    ruled = requested + np.maximum(draws.lognormal_days(n, 365.0, 0.7), 1)
    cols = {
        "idnAppealFedCourts": as_text(ids.fed_court.take(rng, n)[0]),
        "lngAppealID": draws.missing(as_text(a.appeal_id[rows]), FED, "lngAppealID"),
        "datRequestedByOIL": draws.missing(sql_dates(requested), FED, "datRequestedByOIL"),
        "datFedCourtDecision": sql_dates(ruled, ruled > c.release - 1),
    }
    return frame(FED, draws, n, cols)


def _three_member(draws: Draws, ids: Ids, c: Cases, a: Appeals, decided: Days) -> pl.DataFrame:
    rng = draws.rng
    rows = draws.exactly(np.ones(len(a.case)), _per_appeal(THREE) * len(a.case))
    n = len(rows)
    until = np.minimum(decided[rows], c.release - 1)
    referred = np.minimum(a.filed[rows] + rng.integers(30, 200, n), until)
    removed = np.minimum(referred + rng.integers(1, 120, n), c.release - 1)
    cols = {
        "idn3MemberReferral": as_text(ids.three_member.take(rng, n)[0]),
        "lngAppealID": as_text(a.appeal_id[rows]),
        "datReferredTo3Member": sql_dates(referred),
        "datRemovedFromReferral": draws.missing(
            sql_dates(removed), THREE, "datRemovedFromReferral"
        ),
    }
    return frame(THREE, draws, n, cols)


def _nationality_names(codes: pl.Series) -> pl.Series:
    """NAT codes as the country names tblProBono writes (`MEXICO`)."""
    names = dict(lookup_values()["tblLookupNationality"])
    return codes.replace_strict(names, default=None, return_dtype=pl.String)


def _pro_bono(
    draws: Draws, c: Cases, people: People, procs: Proceedings, a: Appeals, proc: Ints
) -> pl.DataFrame:
    rng = draws.rng
    detained = c.custody[a.case] == "D"
    rows = draws.exactly(np.where(detained, 3.0, 1.0), _per_appeal(PRO_BONO) * len(a.case))
    n = len(rows)
    case = a.case[rows]
    filed = a.filed[rows]

    def after(column: str, low: int, high: int) -> pl.Series:
        days = np.minimum(filed + rng.integers(low, high, n), c.release - 1)
        return draws.missing(sql_dates(days), PRO_BONO, column)

    cols = {
        "idnAppeal": draws.missing(as_text(a.appeal_id[rows]), PRO_BONO, "idnAppeal"),
        "Case_type": pl.Series(c.clean_type[case]),
        "strNat": draws.missing(_nationality_names(people.nat.gather(case)), PRO_BONO, "strNat"),
        "strLang": draws.missing(people.lang.gather(case), PRO_BONO, "strLang"),
        "strCustody": draws.missing(pl.Series(c.custody[case]), PRO_BONO, "strCustody"),
        "Dec_Code": draws.frequencies(n, PRO_BONO, "Dec_Code"),
        "Date_Of_Entry": draws.missing(sql_dates(people.entry[case]), PRO_BONO, "Date_Of_Entry"),
        "datCreatedOn": after("datCreatedOn", 1, 20),
        "datModifiedOn": after("datModifiedOn", 20, 60),
        "datTranscriptServedAlien": after("datTranscriptServedAlien", 1, 30),
        "datROPreview": after("datROPreview", 10, 40),
        "datmailedtoNGO": after("datmailedtoNGO", 10, 40),
        "datBriefCurrentlyDueAlien": after("datBriefCurrentlyDueAlien", 21, 60),
    }
    return frame(PRO_BONO, draws, n, cols)
