"""The standard tables: what each counts, how it is published and what its chart draws.

Each is a table of counts per period, broken down by `by` (a code, named in the published
table) or not, published through the 10-person suppression of `erpath.exposure.tables`
(`counts`; `parts` adding up to `total` in a row; a total row "all" per period for a
breakdown).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from erpath.standard_tables import asylum, completions, motions


@dataclass(frozen=True)
class Standard:
    name: str  # the files' stem
    title: str
    definition: str  # for the index: what is counted, from which columns
    by: str | None  # the breakdown (court, nationality, custody, judge) or None
    counts: tuple[str, ...]
    total: str
    parts: tuple[str, ...] = ()
    shares: dict[str, str] = field(default_factory=dict)
    drawn: tuple[str, ...] = ()  # the counts the chart draws (its first, per group)
    stock: bool = False  # a count on the period's last day (else a flow over the period)


BACKLOG = (
    "240 removal cases (CASE_TYPE RMV) pending on the period's last day, as"
    " erpath.exposure.pending defines it: the case's latest proceeding begun by then"
    " (INPUT_DATE, else OSC_DATE) has no COMP_DATE on or before it, or the judge's decision"
    " is under appeal at the Board (RESEARCH.md 1.7; ADR 0032)."
)
STANDARDS = (
    Standard(
        "backlog_by_court",
        "Pending 240 cases at the end of each month, by immigration court",
        BACKLOG + " Court: the pending proceeding's BASE_CITY_CODE, named by EOIR's court list.",
        "court",
        ("pending",),
        "pending",
        drawn=("pending",),
        stock=True,
    ),
    Standard(
        "backlog_by_nationality",
        "Pending 240 cases at the end of each month, by nationality",
        BACKLOG + " Nationality: NAT of the case, else of the proceeding (tblLookupNationality).",
        "nationality",
        ("pending",),
        "pending",
        drawn=("pending",),
        stock=True,
    ),
    Standard(
        "backlog_by_custody",
        "Pending 240 cases at the end of each month, by custody",
        BACKLOG + " Custody: on the day, from the dated custody history where it decides it;"
        " else the latest record (CUSTODY of the proceeding, else of the case), labelled"
        " recorded_* (tblLookupCustodyStatus: detained, released, never detained; ADR 0032).",
        "custody",
        ("pending",),
        "pending",
        drawn=("pending",),
        stock=True,
    ),
    Standard(
        "completions_by_outcome",
        "Completed 240 proceedings each month, by outcome",
        "240 proceedings by the month of COMP_DATE, by DEC_CODE (X removal order; V voluntary"
        " departure; R, G, C, E, H, Z relief granted; T termination; U dismissal; any other"
        " code, or none, other), else OTHER_COMP (administrative: change of venue, transfer,"
        " administrative closure, ...), as tblLookupCourtDecision names them for RMV.",
        None,
        ("completions", *completions.PARTS),
        "completions",
        completions.PARTS,
        drawn=completions.PARTS,
    ),
    Standard(
        "in_absentia_orders_by_court",
        "Removal orders each month, in absentia and not, by immigration court",
        "Removal orders (DEC_CODE X) of 240 proceedings by the month of COMP_DATE; in absentia:"
        " ABSENTIA = 'Y'; court: the proceeding's BASE_CITY_CODE.",
        "court",
        ("removal_orders", *completions.ABSENTIA_PARTS),
        "removal_orders",
        completions.ABSENTIA_PARTS,
        {"in_absentia_share": "in_absentia"},
        drawn=("in_absentia", "in_person"),
    ),
    Standard(
        "dhs_motions_to_dismiss_by_court",
        "DHS motions to dismiss decided each month, by immigration court",
        "tbl_Court_Motions rows with REC_TYPE U (Motion to Dismiss) and STRFILINGPARTY I (DHS)"
        " in 240 proceedings, by the month of the motion's COMP_DATE; DEC G granted, D denied,"
        " anything else other; court: the motion's BASE_CITY_CODE, else its proceeding's."
        " Motions are counted (not cases); oral motions may not all be entered.",
        "court",
        ("decided", *motions.PARTS),
        "decided",
        motions.PARTS,
        {"grant_share": "granted"},
        drawn=("granted", "denied"),
    ),
    Standard(
        "asylum_decisions_by_court",
        "Asylum decisions each month, by immigration court",
        "tbl_Court_Appln rows with APPL_CODE ASYL and an APPL_DEC, by the month of their"
        " proceeding's COMP_DATE (any case type); APPL_DEC G, F, C, I, P granted, D denied,"
        " anything else other (tblLookupCourtAppDecisions); court: the proceeding's"
        " BASE_CITY_CODE.",
        "court",
        ("decided", *asylum.PARTS),
        "decided",
        asylum.PARTS,
        {"grant_share": "granted"},
        drawn=("granted", "denied"),
    ),
    Standard(
        "asylum_decisions_by_judge",
        "Asylum decisions each month, by immigration judge",
        "As asylum_decisions_by_court, by the proceeding's IJ_CODE, named by the release's"
        " tblLookupJudge.",
        "judge",
        ("decided", *asylum.PARTS),
        "decided",
        asylum.PARTS,
        {"grant_share": "granted"},
        drawn=("granted", "denied"),
    ),
)
