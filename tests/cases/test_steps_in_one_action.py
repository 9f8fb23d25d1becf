"""Steps recorded in one action (erpath.cases.record.record_all): each checked against the
case as the ones before it leave it, and nothing written unless every one fits."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from erpath.cases.record import EventRefused, open_case, record_all
from erpath.store import CaseStore
from erpath.store.events import EventInput

PASSPHRASE = "correct horse battery staple (test only)"
HEARING = date(2026, 1, 20)


def _opened(store: CaseStore) -> str:
    return open_case(
        store, "One action (invented)", [EventInput(kind="case_opened", occurred_on=HEARING)]
    )


def test_the_appearance_and_the_motion_are_recorded_together(store_path: Path) -> None:
    with CaseStore.open(store_path, PASSPHRASE) as store:
        case_id = _opened(store)
        steps = [
            EventInput(kind="appears_at_hearing", occurred_on=HEARING),
            EventInput(kind="dhs_moves_to_dismiss", occurred_on=HEARING),
        ]
        written = record_all(store, case_id, steps)
        assert [e.kind for e in written] == ["appears_at_hearing", "dhs_moves_to_dismiss"]
        assert [e.kind for e in store.events(case_id)][1:] == [e.kind for e in written]


def test_a_refused_second_step_leaves_nothing_written(store_path: Path) -> None:
    with CaseStore.open(store_path, PASSPHRASE) as store:
        case_id = _opened(store)
        steps = [
            EventInput(kind="appears_at_hearing", occurred_on=HEARING),
            EventInput(kind="ij_grants_dismissal", occurred_on=HEARING),  # no motion made
        ]
        with pytest.raises(EventRefused, match="cannot apply 'ij_grants_dismissal' in S1"):
            record_all(store, case_id, steps)
        assert [e.kind for e in store.events(case_id)] == ["case_opened"]
