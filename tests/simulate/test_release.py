"""`erpath simulate --release`: the people pending on the first day are the release's
pending 240 cases (the exposure's, on the same day), at their own courts, each standing
for itself; the scenario's inflows are scaled to the release. A synthetic release of
invented cases."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from erpath.cli import app
from erpath.eoir.samples import ingested_sample
from erpath.exposure import exposure_on, open_ingested
from erpath.law.loader import bundled_law
from erpath.simulate.model import Simulation, prepare
from erpath.simulate.scenario import Scenario, ScenarioError

FIRST = date(2025, 1, 1)


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingested_sample(tmp_path_factory.mktemp("release"), 2_000, 16)


def test_the_pending_cases_are_the_releases(release: Path, interior: Scenario) -> None:
    data = open_ingested(release)
    exposure = exposure_on(data, FIRST, dimensions=("court",))
    pending = int(exposure.summary().get_column("pending")[0])
    prepared = prepare(interior, bundled_law(), first=FIRST, last=date(2025, 3, 31), release=data)
    assert prepared.pending_people == pending
    assert prepared.weight == 1.0
    assert prepared.inflow_scale == pytest.approx(pending / interior.population.pending.value)
    sim = Simulation(prepared, 0)
    people = sim.people
    courts = Counter(prepared.courts.courts[i] for i in people.court[: people.n])
    by_court = dict(exposure.by("court").select("court", "pending").rows())
    for court, count in by_court.items():
        if court in prepared.courts.courts:
            assert courts[court] >= count, court


def test_more_people_than_the_release_has_is_refused(release: Path, interior: Scenario) -> None:
    with pytest.raises(ScenarioError, match=r"--members: the release has [\d,]+ pending 240 cases"):
        prepare(
            interior, bundled_law(), first=FIRST, members=10_000_000, release=open_ingested(release)
        )


def test_the_command_line_runs_on_a_release(release: Path, tmp_path: Path) -> None:
    table = tmp_path / "flows.csv"
    result = CliRunner().invoke(
        app,
        [
            "simulate", "interior-2025-2026", "--release", str(release), "--from", "2025-05-01",
            "--to", "2025-10-31", "--replications", "2", "--table", str(table), "--no-progress",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "DHS motions to dismiss" in result.output
    header = table.read_text(encoding="utf-8").splitlines()[0]
    assert header == "month,measure,label,mean,low,high,law_held"
    held = (tmp_path / "flows.detained.csv").read_text(encoding="utf-8").splitlines()
    assert held[0] == "day,mean,low,high"
    assert len(held) == 1 + 184, "one row a day, 2025-05-01 to 2025-10-31"
