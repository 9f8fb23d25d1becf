"""The case's 240 posture, read from its replayed procedure, as the facts fields the
screening uses (CONTRACT.md `proceedings`): so a screening on the next hearing date sees
the case as the log has it, not as the facts were first typed."""

from __future__ import annotations

from typing import Any

from erpath.procedure import History
from erpath.procedure.loader import bundled_procedure
from erpath.procedure.model import Procedure


def proceedings_posture(history: History, procedure: Procedure | None = None) -> dict[str, Any]:
    """`proceedings` fields implied by the steps (each state's `section_240` and `appeal` in
    procedure.yaml; states without them, such as custody, ER and credible fear, leave the
    posture as the last one set it); empty when no step says anything."""
    states = (procedure or bundled_procedure()).states
    posture: dict[str, Any] = {}
    for step in history.steps:
        state, before = states[step.after], states[step.before]
        if state.section_240 == "pending":
            posture = {
                "section_240": "pending",
                "dismissed_on": None,
                "dismissal_appeal_pending": None,
                "removal_ordered_on": None,
            }
        elif state.section_240 == "dismissed":
            posture = {
                "section_240": "dismissed",
                "dismissed_on": step.on,
                "dismissal_appeal_pending": False,
                "removal_ordered_on": None,
            }
        elif state.appeal and before.section_240 == "dismissed":
            posture = {**posture, "dismissal_appeal_pending": True}
        elif state.section_240 == "ordered_removed" != posture.get("section_240"):
            posture = {
                "section_240": "ordered_removed",
                "removal_ordered_on": step.on,
                "dismissed_on": None,
                "dismissal_appeal_pending": None,
            }
    return posture
