from __future__ import annotations

import pytest
from benchmarks.simpy_pipeline import ORACLE_SCENARIO, fixed_law

from erpath.law.loader import bundled_law
from erpath.simulate.model import Prepared, prepare
from erpath.simulate.scenario import Scenario, load_scenario, scenario_named


@pytest.fixture(scope="session")
def oracle_scenario() -> Scenario:
    return load_scenario(ORACLE_SCENARIO)


@pytest.fixture(scope="session")
def oracle_prepared(oracle_scenario: Scenario) -> Prepared:
    return fixed_law(prepare(oracle_scenario, bundled_law()))


@pytest.fixture(scope="session")
def interior() -> Scenario:
    return scenario_named("interior-2025-2026")


@pytest.fixture(scope="session")
def interior_prepared(interior: Scenario) -> Prepared:
    return prepare(interior, bundled_law(), members=20_000)
