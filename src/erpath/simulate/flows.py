"""The steps the model counts: the procedure's transitions by their number
(procedure.yaml, legal brief 9.2), and the few steps outside the brief's table that a model
of the whole pipeline needs (a case arriving, a hearing continued, a case leaving the
model). A state is never named: a flow starts or ends in the state a row leads to, and
`states_of` reads which from the procedure, failing at start-up on a row the procedure does
not have or that leads from elsewhere, so the model and the case tracker share one
definition of the procedure."""

from __future__ import annotations

from dataclasses import dataclass

from erpath.procedure.model import Procedure

# Where a flow starts or ends: the state a row of the procedure leads to (the row's
# number), the procedure's initial state, or outside the model. States are never named
# here: the procedure says which state each row leads to.
Place = int | str
INITIAL = "initial"  # the procedure's initial state: a hearing scheduled
OUT = "out"  # left the model's steps (not removed, not in ER)
NEW = "new"  # came into the model


@dataclass(frozen=True)
class Flow:
    key: str
    source: Place
    target: Place
    row: int | None = None  # the procedure's transition number


def _row(number: int, source: Place) -> Flow:
    """Row `number`, taken from the state `source` (it leads where the procedure says)."""
    return Flow(f"row_{number}", source, number, number)


# The states the model's steps start from, by the row that leads to them.
AT_HEARING, MOTION, DISMISSED, DENIED, CUSTODY = 1, 3, 4, 5, 8
ORDERED, FINAL_ORDER, APPEAL, IN_ER = 10, 11, 12, 16
ER_ORDER, REFERRED, FOUND, REVIEW = 21, 22, 24, 25

FLOWS: tuple[Flow, ...] = (
    Flow("new_case", NEW, INITIAL),
    Flow("border_encounter", NEW, CUSTODY),
    _row(1, INITIAL),  # appears at the hearing
    _row(2, INITIAL),  # fails to appear: in-absentia order
    Flow("hearing_continued", AT_HEARING, INITIAL),
    Flow("completed_otherwise", AT_HEARING, OUT),
    _row(3, AT_HEARING),  # DHS moves to dismiss
    _row(4, MOTION),  # IJ grants the dismissal
    _row(5, MOTION),  # IJ denies it
    _row(6, DENIED),  # the case proceeds, at the next hearing
    _row(8, DISMISSED),  # ICE arrests at or near the court
    Flow("dismissed_not_arrested", DISMISSED, OUT),
    _row(10, AT_HEARING),  # IJ orders removal
    _row(11, ORDERED),  # appeal waived or time passed
    _row(12, ORDERED),  # respondent appeals
    _row(13, APPEAL),  # BIA dismisses the appeal
    _row(15, FINAL_ORDER),  # removal executed under the order
    _row(16, CUSTODY),  # placed in expedited removal processing
    _row(17, IN_ER),  # not in ER's reach: placed in 240
    _row(21, IN_ER),  # ER order, no fear claimed
    _row(22, IN_ER),  # expresses fear: referred for credible fear
    _row(23, ER_ORDER),  # removed under the ER order
    _row(24, REFERRED),  # the asylum officer finds credible fear
    _row(25, REFERRED),  # negative: review by an IJ requested
    _row(26, REFERRED),  # negative, review declined: removed
    _row(27, REVIEW),  # the IJ concurs: removed
    _row(28, REVIEW),  # the IJ vacates: credible fear
    _row(29, FOUND),  # DHS issues an NTA: back in 240
    Flow("reinstatement_removal", NEW, OUT),
    Flow("other_removal", NEW, OUT),
)
INDEX = {f.key: i for i, f in enumerate(FLOWS)}
# Held in custody: from the arrest to removal, or to the NTA that returns the case to 240
# (detention is mandatory in ER and through the credible-fear steps, INA 235(b)(1)(B)(iii)
# (IV) and 235(b)(1)(B)(ii); legal brief 5); parole from custody is not modelled.
DETAINED: tuple[Place, ...] = (CUSTODY, IN_ER, ER_ORDER, REFERRED, REVIEW, FOUND)

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


@dataclass(frozen=True)
class States:
    """The procedure's states as the model numbers them (their order in procedure.yaml,
    then one for outside the model), and each flow's from and to."""

    names: tuple[str, ...]
    index: dict[Place, int]
    source: tuple[int, ...]  # by flow, -1 for a flow into the model
    target: tuple[int, ...]  # by flow, -1 for a count beside the model

    @property
    def out(self) -> int:
        return len(self.names)

    def of(self, place: Place) -> int:
        return self.index[place]


def states_of(procedure: Procedure) -> States:
    """Each place resolved in `procedure`; ValueError for a flow whose row the procedure
    lacks, or leads elsewhere (so the model and the case tracker share one procedure)."""
    names = tuple(procedure.states)
    by_number = {t.number: t for t in procedure.transitions}
    state: dict[Place, str] = {INITIAL: procedure.initial}
    for flow in FLOWS:
        for place in (flow.source, flow.target):
            if isinstance(place, int) and place not in state:
                if place not in by_number:
                    raise ValueError(f"flow {flow.key}: the procedure has no row {place}")
                state[place] = by_number[place].to
    for flow in FLOWS:
        if flow.row is None or flow.source == NEW:
            continue
        t = by_number[flow.row]
        origins = procedure.origins(t)
        if state[flow.source] not in origins:
            raise ValueError(
                f"flow {flow.key}: row {flow.row} leads from {', '.join(origins)}, "
                f"not from {state[flow.source]}"
            )
    index: dict[Place, int] = {p: names.index(s) for p, s in state.items()}
    index[OUT] = len(names)
    return States(
        names,
        index,
        tuple(-1 if f.source == NEW else index[f.source] for f in FLOWS),
        tuple(-1 if f.key in BESIDE else index[f.target] for f in FLOWS),
    )


# Counts beside the model: removals of people it does not hold.
BESIDE = ("reinstatement_removal", "other_removal")
