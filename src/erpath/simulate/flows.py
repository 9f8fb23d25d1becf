"""The steps the model counts: the procedure's transitions by their number
(procedure.yaml, legal brief 9.2), and the few steps outside the brief's table that a model
of the whole pipeline needs (a case arriving, a hearing continued, a case leaving the
model). `check_flows` fails at start-up on a row the procedure does not have, so the model
and the case tracker share one definition of the procedure."""

from __future__ import annotations

from dataclasses import dataclass

from erpath.procedure.model import Procedure

OUT = "out"  # left the model's steps (not removed, not in ER)
NEW = "new"  # came into the model


@dataclass(frozen=True)
class Flow:
    key: str
    source: str
    target: str
    row: int | None = None  # the procedure's transition number


def _row(number: int, source: str, target: str) -> Flow:
    return Flow(f"row_{number}", source, target, number)


FLOWS: tuple[Flow, ...] = (
    Flow("new_case", NEW, "S0"),
    Flow("border_encounter", NEW, "S8"),
    _row(1, "S0", "S1"),  # appears at the hearing
    _row(2, "S0", "S19"),  # fails to appear: in-absentia order
    Flow("hearing_continued", "S1", "S0"),
    Flow("completed_otherwise", "S1", OUT),
    _row(3, "S1", "S2"),  # DHS moves to dismiss
    _row(4, "S2", "S3"),  # IJ grants the dismissal
    _row(5, "S2", "S4"),  # IJ denies it
    _row(6, "S4", "S1"),  # the case proceeds, at the next hearing
    _row(8, "S3", "S8"),  # ICE arrests at or near the court
    Flow("dismissed_not_arrested", "S3", OUT),
    _row(10, "S1", "S5"),  # IJ orders removal
    _row(11, "S5", "S7"),  # appeal waived or time passed
    _row(12, "S5", "S6"),  # respondent appeals
    _row(13, "S6", "S7"),  # BIA dismisses the appeal
    _row(15, "S7", "S17"),  # removal executed under the order
    _row(16, "S8", "S9"),  # placed in expedited removal processing
    _row(17, "S9", "S18"),  # not in ER's reach: placed in 240
    _row(21, "S9", "S11"),  # ER order, no fear claimed
    _row(22, "S9", "S12"),  # expresses fear: referred for credible fear
    _row(23, "S11", "S17"),  # removed under the ER order
    _row(24, "S12", "S14"),  # the asylum officer finds credible fear
    _row(25, "S12", "S13"),  # negative: review by an IJ requested
    _row(26, "S12", "S17"),  # negative, review declined: removed
    _row(27, "S13", "S17"),  # the IJ concurs: removed
    _row(28, "S13", "S14"),  # the IJ vacates: credible fear
    _row(29, "S14", "S18"),  # DHS issues an NTA: back in 240
    Flow("reinstatement_removal", NEW, OUT),
    Flow("other_removal", NEW, OUT),
)
INDEX = {f.key: i for i, f in enumerate(FLOWS)}
# Held in custody: from the arrest to removal, or to the NTA that returns the case to 240
# (detention is mandatory in ER and through the credible-fear steps, INA 235(b)(1)(B)(iii)
# (IV) and 235(b)(1)(B)(ii); legal brief 5); parole from custody is not modelled.
DETAINED = ("S8", "S9", "S11", "S12", "S13", "S14")

# The measures a person reads, each a sum of flows.
MEASURES: dict[str, tuple[str, ...]] = {
    "hearings": ("row_1", "row_2"),
    "in_absentia_orders": ("row_2",),
    "dismissal_motions": ("row_3",),
    "dismissals_granted": ("row_4",),
    "arrests_at_court": ("row_8",),
    "expedited_removal_placements": ("row_16",),
    "credible_fear_referrals": ("row_22",),
    "credible_fear_found": ("row_24",),
    "credible_fear_not_found": ("row_25", "row_26"),
    "credible_fear_reviews": ("row_25",),
    "reviews_decided": ("row_27", "row_28"),
    "reviews_vacated": ("row_28",),
    "removed_through_er": ("row_23", "row_26", "row_27"),
    "removed_through_er_after_fear_claim": ("row_26", "row_27"),
    "returned_to_240": ("row_17", "row_29"),
    "removal_orders": ("row_10",),
    "removed_under_judge_order": ("row_15",),
    "removed_by_reinstatement": ("reinstatement_removal",),
    "removed_otherwise": ("other_removal",),
    "new_cases": ("new_case",),
}
REMOVALS = (
    "removed_through_er",
    "removed_under_judge_order",
    "removed_by_reinstatement",
    "removed_otherwise",
)


def check_flows(procedure: Procedure) -> None:
    """ValueError for a flow whose row the procedure lacks, or leads elsewhere."""
    by_number = {t.number: t for t in procedure.transitions}
    for flow in FLOWS:
        if flow.row is None:
            continue
        t = by_number.get(flow.row)
        if t is None:
            raise ValueError(f"flow {flow.key}: the procedure has no row {flow.row}")
        sources = t.from_ if isinstance(t.from_, list) else []
        if t.to != flow.target or (t.from_ != "any" and flow.source not in sources):
            raise ValueError(
                f"flow {flow.key}: row {flow.row} leads {t.from_} -> {t.to}, "
                f"not {flow.source} -> {flow.target}"
            )
