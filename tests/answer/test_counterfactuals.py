"""The changes that would alter the answer (tests/answer/counterfactuals.yaml): each is
carried as data (kind, on, event, fact) naming its true cause, worded in the language
asked for, and the date named really is the first on which the answer changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from erpath.answer.screen import screen
from erpath.contract.facts import Facts

SCENARIOS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "counterfactuals.yaml").read_text(encoding="utf-8")
)["scenarios"]


def _facts(scenario: dict[str, Any], **changes: Any) -> Facts:
    return Facts.model_validate({**scenario["facts"], **changes})


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"][:60] for s in SCENARIOS])
def test_the_changes_named_and_their_causes(scenario: dict[str, Any]) -> None:
    assert scenario["cite"]
    d = screen(_facts(scenario))
    got = [
        {
            k: v
            for k, v in {
                "kind": c.kind,
                "day": c.on.isoformat() if c.on else None,
                "event": c.event,
                "fact": c.fact,
                "er_applicable": c.er_applicable,
                "en": c.change,
            }.items()
            if v is not None
        }
        for c in d.counterfactuals
    ]
    assert got == scenario["expect"]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"][:60] for s in SCENARIOS])
def test_the_changes_are_worded_in_the_language_asked_for(scenario: dict[str, Any]) -> None:
    english = screen(_facts(scenario)).counterfactuals
    spanish = screen(_facts(scenario), language="es").counterfactuals
    assert [(c.kind, c.on, c.event, c.fact) for c in spanish] == [
        (c.kind, c.on, c.event, c.fact) for c in english
    ]
    for en, es in zip(english, spanish, strict=True):
        assert es.change != en.change


def test_the_date_named_is_the_first_on_which_the_answer_changes() -> None:
    for scenario in SCENARIOS:
        d = screen(_facts(scenario))
        dated = [c for c in d.counterfactuals if c.kind == "date"]
        if not dated:
            continue
        on = dated[0].on
        assert on is not None
        # just before: the minute before a change at a time of day, else the day before
        step = dt.timedelta(minutes=1) if isinstance(on, dt.datetime) else dt.timedelta(days=1)
        before = screen(_facts(scenario, as_of=(on - step).isoformat()))
        after = screen(_facts(scenario, as_of=on.isoformat()))
        assert before.er_applicable == d.er_applicable, scenario["name"]
        assert after.er_applicable == dated[0].er_applicable, scenario["name"]
