"""Scenarios are data: the bundled ones load, and a bad file is refused naming the field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from benchmarks.simpy_pipeline import ORACLE_SCENARIO
from typer.testing import CliRunner

from erpath.cli import app
from erpath.law.loader import bundled_law
from erpath.simulate.model import prepare
from erpath.simulate.scenario import (
    ScenarioError,
    bundled_scenarios,
    load_scenario,
    scenario_named,
)


def _write(tmp_path: Path, edit: dict[str, object]) -> Path:
    raw = yaml.safe_load(ORACLE_SCENARIO.read_text(encoding="utf-8"))
    for dotted, value in edit.items():
        *parents, last = dotted.split(".")
        node = raw
        for key in parents:
            node = node[key]
        node[last] = value
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


def test_the_bundled_scenarios_load() -> None:
    assert set(bundled_scenarios()) == {"interior-2025-2026", "border-2019"}
    for name in bundled_scenarios():
        scenario = scenario_named(name)
        assert scenario.id == name


def test_every_parameter_says_where_it_comes_from() -> None:
    for name in bundled_scenarios():
        scenario = scenario_named(name)
        for group in (scenario.rates, scenario.population):
            for field, value in group:
                source = getattr(value, "source", None)
                if source is not None:
                    assert source.strip(), f"{name}: {field} has no source"


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (
            {"population.entry_years": [{"year": 2024, "share": 0.5}]},
            "scenario.yaml: population: the shares of entry_years add up to 0.5, not 1",
        ),
        ({"rates.ij_vacates.value": 1.5}, "scenario.yaml: rates.ij_vacates.value:"),
        ({"rates.speed": 3}, "scenario.yaml: rates.speed: unknown key"),
        (
            {"rates.ij_vacates.verification": "calibrated"},
            "scenario.yaml: rates.ij_vacates: a calibrated parameter names its target, and only it",
        ),
        ({"end": "2020-01-01"}, "scenario.yaml: end: 2020-01-01 is before start 2025-06-01"),
    ],
)
def test_a_bad_scenario_names_the_field(
    tmp_path: Path, edit: dict[str, object], problem: str
) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(_write(tmp_path, edit))
    assert any(p.startswith(problem) for p in caught.value.problems), caught.value.problems


def test_a_lever_on_an_area_ice_does_not_have_is_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        {"levers": {"courthouse_arrests_barred": [{"areas": ["Atlantis"], "since": "2025-07-01"}]}},
    )
    with pytest.raises(ScenarioError) as caught:
        prepare(load_scenario(path), bundled_law())
    assert caught.value.problems[0].startswith(
        "levers.courthouse_arrests_barred[0].areas: 'Atlantis' is not an ICE area"
    )


def test_the_command_line_names_the_bad_field_and_writes_nothing(tmp_path: Path) -> None:
    path = _write(tmp_path, {"rates.fails_to_appear.value": -1})
    table = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["simulate", str(path), "--table", str(table)])
    assert result.exit_code == 2
    assert "rates.fails_to_appear.value" in result.output
    assert not table.exists()


def test_the_command_line_refuses_a_period_that_ends_before_it_starts(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["simulate", str(ORACLE_SCENARIO), "--from", "2026-01-01", "--to", "2025-12-31"],
    )
    assert result.exit_code == 2
    assert "--to 2025-12-31 is before --from 2026-01-01" in result.output
