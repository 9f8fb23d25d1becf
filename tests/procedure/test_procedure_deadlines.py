"""Deadlines on boundary dates (the 9 March 2026 switch, month ends, leap years, weekends,
federal holidays), and the deadlines running on a day of a replayed case."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from erpath.procedure import (
    Deadline,
    DeadlineContext,
    Machine,
    bundled_machine,
    deadlines_of,
    deadlines_on_entering,
    deadlines_running,
)
from erpath.procedure.model import Transition

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "deadline_cases.yaml").read_text()
)


@pytest.fixture(scope="module")
def machine() -> Machine:
    return bundled_machine()


def _row(machine: Machine, number: int) -> Transition:
    return next(t for t in machine.procedure.transitions if t.number == number)


def _one(found: list[Deadline], code: str) -> Deadline:
    matching = [d for d in found if d.code == code]
    assert len(matching) == 1, [d.code for d in found]
    return matching[0]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_deadline_on_a_boundary_date(machine: Machine, case: dict[str, Any]) -> None:
    context = DeadlineContext(**case.get("context", {}))
    found = deadlines_on_entering(_row(machine, case["transition"]), case["taken_on"], context)
    deadline = _one(found, case["code"])
    assert (deadline.starts, deadline.last_day, deadline.due) == (
        case["starts"],
        case["last_day"],
        case["due"],
    )
    assert deadline.started_by == case["transition"]
    for source in case.get("sources_include", []):
        assert source in deadline.sources
    assert deadline.verification == case.get("verification", deadline.verification)
    assert case.get("rule_contains", "") in deadline.rule
    assert case.get("uncertain_contains", "") in (deadline.uncertain or "")
    assert deadline.verification == machine.procedure.weakest(deadline.sources)


def test_the_switch_to_ten_days_cites_the_ifr_and_the_thirty_days_do_not(
    machine: Machine,
) -> None:
    before = _one(
        deadlines_on_entering(_row(machine, 10), date(2026, 3, 8)), "bia_appeal_of_removal_order"
    )
    after = _one(
        deadlines_on_entering(_row(machine, 10), date(2026, 3, 9)), "bia_appeal_of_removal_order"
    )
    assert "eoir-ifr-2026-02326" not in before.sources
    assert "eoir-ifr-2026-02326" in after.sources
    assert (before.due - before.starts).days == 30
    assert (after.due - after.starts).days == 10
    assert before.rule.startswith("30 days from 2026-03-08")
    assert after.rule.startswith("10 days from 2026-03-09")


def test_a_saturday_moves_a_filing_deadline_but_not_the_seven_day_review(
    machine: Machine,
) -> None:
    saturday = date(2026, 3, 21)
    appeal = _one(
        deadlines_on_entering(_row(machine, 10), date(2026, 3, 11)), "bia_appeal_of_removal_order"
    )
    review = _one(
        deadlines_on_entering(
            _row(machine, 25),
            date(2026, 3, 14),
            DeadlineContext(supervisory_concurrence_on=date(2026, 3, 14)),
        ),
        "credible_fear_review",
    )
    assert appeal.last_day == review.last_day == review.due == saturday
    assert appeal.due == date(2026, 3, 23)
    assert appeal.weekends_and_holidays == "next_business_day"
    assert review.weekends_and_holidays == "not_moved"
    assert review.party == "immigration_judge"


def test_a_detained_person_has_no_ten_day_response_the_court_sets_it(machine: Machine) -> None:
    dismiss = _row(machine, 3)
    assert deadlines_on_entering(dismiss, date(2026, 3, 2), DeadlineContext(detained=True)) == []
    assert [d.code for d in deadlines_on_entering(dismiss, date(2026, 3, 2))] == [
        "response_to_dhs_motion"
    ]


def test_deadlines_that_need_a_date_of_the_context_wait_for_it(machine: Machine) -> None:
    assert deadlines_on_entering(_row(machine, 16), date(2026, 3, 12)) == []
    assert deadlines_on_entering(_row(machine, 29), date(2026, 3, 12)) == []


CONTEXT = DeadlineContext(last_arrival=date(2025, 3, 20))


@pytest.mark.parametrize(
    ("day", "running"),
    [
        (date(2026, 3, 1), ["asylum_one_year"]),
        (date(2026, 3, 2), ["asylum_one_year", "response_to_dhs_motion"]),
        (date(2026, 3, 10), ["asylum_one_year", "response_to_dhs_motion"]),
        # the dismissal meets the response; its appeal window stays open after the arrest
        (date(2026, 3, 11), ["asylum_one_year", "bia_appeal_of_dismissal"]),
        (date(2026, 3, 14), ["asylum_one_year", "bia_appeal_of_dismissal", "credible_fear_review"]),
        # the IJ's concurrence ends the case (S17): only the reconsideration request runs
        (date(2026, 3, 18), ["credible_fear_reconsideration_request"]),
        (date(2026, 3, 25), ["credible_fear_reconsideration_request"]),
        (date(2026, 3, 26), []),
    ],
)
def test_deadlines_running_on_a_day_of_the_dismiss_and_arrest_path(
    machine: Machine, day: date, running: list[str], dismiss_and_arrest: list[tuple[str, date]]
) -> None:
    history = machine.history(dismiss_and_arrest)
    assert [d.code for d in deadlines_running(history, day, CONTEXT)] == running


def test_every_deadline_of_the_path_with_what_ended_it(
    machine: Machine, dismiss_and_arrest: list[tuple[str, date]]
) -> None:
    found = deadlines_of(machine.history(dismiss_and_arrest), CONTEXT)
    assert [(d.code, d.due, d.closed_on, d.closed_by) for d in found] == [
        ("asylum_one_year", date(2026, 3, 20), date(2026, 3, 18), "ij_concurs"),
        ("response_to_dhs_motion", date(2026, 3, 12), date(2026, 3, 11), "ij_grants_dismissal"),
        ("bia_appeal_of_dismissal", date(2026, 3, 23), date(2026, 3, 18), "ij_concurs"),
        ("credible_fear_review", date(2026, 3, 21), date(2026, 3, 18), "ij_concurs"),
        ("credible_fear_reconsideration_request", date(2026, 3, 25), None, None),
    ]


def test_an_appeal_meets_the_appeal_deadline_and_a_new_nta_restarts_the_asylum_year(
    machine: Machine, dismiss_and_arrest: list[tuple[str, date]]
) -> None:
    events = [
        ("appears_at_hearing", date(2026, 1, 5)),
        ("ij_orders_removal", date(2026, 1, 5)),
        ("respondent_appeals", date(2026, 1, 9)),
    ]
    found = deadlines_of(machine.history(events), CONTEXT)
    appeal = _one(found, "bia_appeal_of_removal_order")
    assert (appeal.due, appeal.closed_by) == (date(2026, 2, 4), "respondent_appeals")

    back_in_240 = [
        *dismiss_and_arrest[:6],
        ("ao_finds_credible_fear", date(2026, 3, 16)),
        ("dhs_issues_nta", date(2026, 3, 20)),
    ]
    years = [
        d
        for d in deadlines_of(machine.history(back_in_240), CONTEXT)
        if d.code == "asylum_one_year"
    ]
    assert [(d.started_by, d.closed_by) for d in years] == [(None, "dhs_issues_nta"), (29, None)]
    assert years[1].state == "S18"
