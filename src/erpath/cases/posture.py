"""The case's 240 posture, read from its replayed procedure, as the facts fields the
screening uses (CONTRACT.md `proceedings`): so a screening on the next hearing date sees
the case as the log has it, not as the facts were first typed."""

from __future__ import annotations

from typing import Any

from erpath.procedure import History

# Main state -> what it says of the 240 case. States not listed (custody, ER, credible
# fear) leave the posture as the last listed state set it.
PENDING = ("S0", "S1", "S2", "S4", "S18")
ORDERED = ("S5", "S7", "S19")


def proceedings_posture(history: History) -> dict[str, Any]:
    """`proceedings` fields implied by the steps; empty when no step says anything."""
    posture: dict[str, Any] = {}
    for step in history.steps:
        if step.after in PENDING:
            posture = {
                "section_240": "pending",
                "dismissed_on": None,
                "dismissal_appeal_pending": None,
                "removal_ordered_on": None,
            }
        elif step.after == "S3":
            posture = {
                "section_240": "dismissed",
                "dismissed_on": step.on,
                "dismissal_appeal_pending": False,
                "removal_ordered_on": None,
            }
        elif step.after == "S6" and step.before == "S3":
            posture = {**posture, "dismissal_appeal_pending": True}
        elif step.after in ORDERED and posture.get("section_240") != "ordered_removed":
            posture = {
                "section_240": "ordered_removed",
                "removal_ordered_on": step.on,
                "dismissed_on": None,
                "dismissal_appeal_pending": None,
            }
    return posture
