"""A case walked through the CLI from 'hearing scheduled' to each terminal state, with the
deadlines each step starts (legal brief sections 8 and 9)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

Run = Callable[..., Result]

EXAMPLE = Path(__file__).parents[2] / "src" / "erpath" / "examples" / "01-interior-pending-240.json"

# (event, day, deadline that must then be running, or None)
WALKS: dict[str, list[tuple[str, str, str | None]]] = {
    "dismissed, arrested, no fear claim, removed (S17)": [
        ("appears_at_hearing", "2025-06-10", None),
        ("dhs_moves_to_dismiss", "2025-06-10", "response_to_dhs_motion"),
        ("ij_grants_dismissal", "2025-06-20", "bia_appeal_of_dismissal"),
        ("ice_arrests", "2025-06-20", None),
        ("placed_in_expedited_removal", "2025-06-20", None),
        ("er_order_issued", "2025-06-21", None),
        ("removal_executed", "2025-06-30", None),
    ],
    "negative credible fear, IJ concurs (S17)": [
        ("appears_at_hearing", "2025-06-10", None),
        ("dhs_moves_to_dismiss", "2025-06-10", None),
        ("ij_grants_dismissal", "2025-06-10", None),
        ("ice_arrests", "2025-06-10", None),
        ("placed_in_expedited_removal", "2025-06-10", None),
        ("expresses_fear", "2025-06-11", None),
        ("ao_negative_review_requested", "2025-06-18", "credible_fear_review"),
        ("ij_concurs", "2025-06-20", "credible_fear_reconsideration_request"),
    ],
    "removal order in 240, final, removed (S17)": [
        ("appears_at_hearing", "2025-06-10", None),
        ("ij_orders_removal", "2025-06-10", "bia_appeal_of_removal_order"),
        ("appeal_waived_or_time_passed", "2025-07-10", "removal_period"),
        ("removal_executed", "2025-08-01", None),
    ],
    "withdraws the application and departs (S21)": [
        ("appears_at_hearing", "2025-06-10", None),
        ("dhs_moves_to_dismiss", "2025-06-10", None),
        ("ij_grants_dismissal", "2025-06-10", None),
        ("ice_arrests", "2025-06-10", None),
        ("placed_in_expedited_removal", "2025-06-10", None),
        ("withdraws_application_and_departs", "2025-06-11", None),
    ],
}
TERMINAL = {"S17", "S21"}


def _open_case(erpath: Run) -> str:
    out = erpath(
        "case",
        "new",
        "Walk (invented)",
        "--facts",
        str(EXAMPLE),
        "--hearing",
        "2025-06-10",
        "--on",
        "2025-05-01",
    ).output
    match = re.search(r"case ([0-9a-f]{32})", out)
    assert match
    return match.group(1)[:10]


@pytest.mark.parametrize("name", sorted(WALKS))
def test_a_case_walks_to_a_terminal_state_showing_every_deadline(erpath: Run, name: str) -> None:
    case = _open_case(erpath)
    for event, day, deadline in WALKS[name]:
        erpath("case", "event", case, event, "--on", day)
        shown = erpath("case", "deadlines", case, "--on", day).output
        if deadline is not None:
            assert f"Deadline {deadline} (" in shown, (event, shown)
    shown = erpath("case", "show", case).output
    assert re.search(r"\): (S\d+)", shown).group(1) in TERMINAL, shown  # type: ignore[union-attr]
    assert "No deadline running" in erpath("case", "deadlines", case, "--on", "2030-01-01").output


def test_an_illegal_step_is_refused_naming_the_state_and_the_allowed_events(erpath: Run) -> None:
    case = _open_case(erpath)
    erpath("case", "event", case, "appears_at_hearing", "--on", "2025-06-10")
    refused = erpath("case", "event", case, "ij_concurs", "--on", "2025-06-11", ok=False)
    assert refused.exit_code == 2
    assert "cannot apply 'ij_concurs' in S1 (at_hearing)" in refused.output
    assert "allowed events are dhs_moves_to_dismiss" in refused.output
    # Nothing was recorded: the next legal step still applies.
    erpath("case", "event", case, "dhs_moves_to_dismiss", "--on", "2025-06-11")


def test_an_unknown_kind_is_refused(erpath: Run) -> None:
    case = _open_case(erpath)
    refused = erpath("case", "event", case, "teleported", ok=False)
    assert refused.exit_code == 2
    assert "kind: 'teleported' is neither a procedure event" in refused.output


def test_next_lists_the_allowed_steps_with_their_legal_basis(erpath: Run) -> None:
    case = _open_case(erpath)
    erpath("case", "event", case, "appears_at_hearing", "--on", "2025-06-10")
    shown = erpath("case", "next", case).output
    assert "dhs_moves_to_dismiss -> S2" in shown
    assert "8 CFR 239.2(c)" in shown
    assert "ij_orders_removal -> S5" in shown
    listed = erpath("case", "list", "--on", "2025-06-11").output
    assert "Walk (invented)" in listed
    assert "S1 at_hearing" in listed
