"""The procedure machine: every row of the brief's table from each of its from-states,
illegal events refused naming the state and what is allowed, reachability, replay."""

from __future__ import annotations

from collections import deque
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from erpath.procedure import IllegalTransition, Machine, bundled_machine
from erpath.store.events import EventInput

HERE = Path(__file__).parent
BRIEF: dict[int, dict[str, Any]] = yaml.safe_load((HERE / "brief_transitions.yaml").read_text())
ROWS = [(n, s) for n, row in sorted(BRIEF.items()) for s in row["from"]]
BRIEF_STATES = [f"S{i}" for i in range(21)]


@pytest.fixture(scope="module")
def machine() -> Machine:
    return bundled_machine()


def test_the_table_has_every_row_of_the_brief(machine: Machine) -> None:
    procedure = machine.procedure
    encoded = {
        t.number: {"from": sorted(procedure.origins(t), key=lambda s: int(s[1:])), "to": t.to}
        for t in procedure.transitions
    }
    assert encoded == BRIEF
    assert [q.number for q in procedure.sequels] == [37]


@pytest.mark.parametrize(("number", "state"), ROWS)
def test_each_row_applies_from_each_of_its_from_states(
    machine: Machine, number: int, state: str
) -> None:
    row = next(t for t in machine.procedure.transitions if t.number == number)
    taken = machine.apply(state, row.event)
    assert taken.number == number
    landed = machine.lands_in(state, taken)
    assert landed.id == (state if number == 35 else BRIEF[number]["to"])
    assert taken in machine.allowed(state)
    assert machine.sources(taken), f"row {number} has no legal basis"


def test_every_event_not_allowed_in_a_state_is_refused_naming_the_state_and_the_allowed(
    machine: Machine,
) -> None:
    events = sorted({t.event for t in machine.procedure.transitions})
    refused = 0
    for state in machine.procedure.states.values():
        allowed = list(dict.fromkeys(t.event for t in machine.allowed(state)))
        for event in events:
            if event in allowed:
                continue
            with pytest.raises(IllegalTransition) as caught:
                machine.apply(state.id, event)
            text = str(caught.value)
            assert text.startswith(f"cannot apply {event!r} in {state.id} ({state.code}): ")
            if allowed:
                assert text.endswith(f"allowed events are {', '.join(allowed)}")
            refused += 1
    assert refused > 500


def test_the_message_names_the_state_the_event_and_the_allowed_events(machine: Machine) -> None:
    with pytest.raises(IllegalTransition) as caught:
        machine.apply("S12", "ij_concurs")
    assert str(caught.value) == (
        "cannot apply 'ij_concurs' in S12 (referred_for_credible_fear): allowed events are "
        "ao_finds_credible_fear, ao_negative_review_requested, ao_negative_review_declined, "
        "paroled, habeas_or_class_action_filed"
    )
    assert caught.value.allowed[0] == "ao_finds_credible_fear"


def test_a_terminal_state_allows_nothing_and_says_so(machine: Machine) -> None:
    for state in ("S17", "S21"):
        assert machine.allowed(state) == []
        with pytest.raises(IllegalTransition, match=rf"{state} is terminal: no event can follow"):
            machine.apply(state, "habeas_or_class_action_filed")
    with pytest.raises(IllegalTransition, match="S17 is terminal"):
        machine.apply("removed", "reenters_unlawfully")
    assert [q.number for q in machine.sequels("S17")] == [37]
    assert machine.sequels("S21") == []


def test_an_unknown_event_is_named_as_such(machine: Machine) -> None:
    with pytest.raises(IllegalTransition, match=r"'sneezes' is not an event of the procedure"):
        machine.apply("S1", "sneezes")
    assert not machine.knows("note")
    assert machine.knows("ice_arrests")


def test_states_as_the_brief_lists_them_and_which_end_the_case(machine: Machine) -> None:
    states = machine.procedure.states
    assert [s for s in states if s in BRIEF_STATES] == BRIEF_STATES
    assert set(states) == {*BRIEF_STATES, "S21"}
    assert {s.id for s in states.values() if s.terminal} == {"S17", "S21"}
    assert {s.id for s in states.values() if s.overlay} == {"S20"}
    assert {s.id for s in states.values() if s.open_end} == {"S16", "S19"}
    assert machine.initial.id == "S0"
    assert machine.state("hearing_scheduled").id == "S0"
    with pytest.raises(KeyError):
        machine.state("S99")


def test_every_state_is_reachable_from_s0(machine: Machine) -> None:
    seen, todo = {"S0"}, deque(["S0"])
    while todo:
        for t in machine.allowed(todo.popleft()):
            if t.to not in seen:
                seen.add(t.to)
                todo.append(t.to)
    assert seen == set(machine.procedure.states)


def test_replay_of_the_dismiss_and_arrest_path(
    machine: Machine, dismiss_and_arrest: list[tuple[str, date]]
) -> None:
    history = machine.history(dismiss_and_arrest)
    assert machine.replay(dismiss_and_arrest).id == "S17"
    assert [s.transition.number for s in history.steps] == [1, 3, 4, 8, 16, 22, 25, 27]
    assert [s.after for s in history.steps] == ["S1", "S2", "S3", "S8", "S9", "S12", "S13", "S17"]
    assert machine.replay(dismiss_and_arrest[:5]).code == "er_processing"
    assert machine.history(dismiss_and_arrest, through=date(2026, 3, 11)).state.id == "S8"


def test_replay_of_the_order_appeal_path(machine: Machine) -> None:
    events = [
        ("appears_at_hearing", date(2026, 1, 5)),
        ("ij_orders_removal", date(2026, 1, 5)),
        ("respondent_appeals", date(2026, 1, 9)),
        ("bia_dismisses_appeal", date(2026, 4, 2)),
        ("removal_executed", date(2026, 5, 1)),
    ]
    assert [s.transition.number for s in machine.history(events).steps] == [1, 10, 12, 13, 15]


def test_replay_orders_by_date_and_keeps_the_order_of_one_day(
    machine: Machine, dismiss_and_arrest: list[tuple[str, date]]
) -> None:
    shuffled = [dismiss_and_arrest[2], *dismiss_and_arrest[:2], *dismiss_and_arrest[3:]]
    assert machine.history(shuffled).steps == machine.history(dismiss_and_arrest).steps
    same_day_swapped = [dismiss_and_arrest[1], dismiss_and_arrest[0]]
    with pytest.raises(IllegalTransition, match=r"^event 1 \(dhs_moves_to_dismiss on 2026-03-02\)"):
        machine.replay(same_day_swapped)


def test_replay_names_the_event_that_cannot_happen(machine: Machine) -> None:
    events = [("appears_at_hearing", date(2026, 1, 5)), ("ij_concurs", date(2026, 1, 6))]
    with pytest.raises(IllegalTransition) as caught:
        machine.replay(events)
    assert str(caught.value).startswith(
        "event 2 (ij_concurs on 2026-01-06): cannot apply 'ij_concurs' in S1 (at_hearing)"
    )


def test_replay_reads_case_log_events(
    machine: Machine, dismiss_and_arrest: list[tuple[str, date]]
) -> None:
    log = [EventInput(kind=k, occurred_on=d, data={"x": 1}) for k, d in dismiss_and_arrest[:4]]
    assert machine.replay(log).id == "S8"


def test_litigation_is_an_overlay_beside_the_main_state(
    machine: Machine, dismiss_and_arrest: list[tuple[str, date]]
) -> None:
    events = [
        *dismiss_and_arrest[:5],
        ("habeas_or_class_action_filed", date(2026, 3, 13)),
        ("habeas_or_class_action_filed", date(2026, 3, 20)),
        ("withdraws_application_and_departs", date(2026, 3, 21)),
    ]
    history = machine.history(events)
    assert history.overlays == ("S20",)
    assert [s.after for s in history.steps][-3:] == ["S9", "S9", "S21"]
    assert history.state.code == "withdrew_and_departed"


def test_each_transition_carries_its_verification(machine: Machine) -> None:
    by_number = {t.number: t for t in machine.procedure.transitions}
    assert machine.verification(by_number[3]) == "verified"
    assert machine.verification(by_number[8]) == "reported"
    assert machine.verification(by_number[1]) == "unverified"
    assert [s.cite for s in machine.sources(by_number[36])] == [
        "8 U.S.C. 1225(a)(4)",
        "8 CFR 1235.4",
    ]
