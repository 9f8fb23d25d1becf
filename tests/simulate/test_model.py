"""The pipeline model: what it counts adds up, it is reproducible, the law's changes show
in its flows, and each lever does what it says."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from erpath.law.loader import bundled_law
from erpath.places.jurisdiction import areas
from erpath.procedure import bundled_procedure
from erpath.procedure.loader import PROCEDURE_FILE, load_procedure
from erpath.simulate.flows import DETAINED, FLOWS, INITIAL, MOTION, states_of
from erpath.simulate.model import Prepared, Simulation, prepare
from erpath.simulate.results import detained_by_day, simulate
from erpath.simulate.scenario import AreaBar, Levers, Scenario


def test_every_flow_is_a_row_of_the_procedure() -> None:
    states = states_of(bundled_procedure())
    # the steps the model names lead where the brief's table (legal brief 9.2) says
    assert states.names[states.of(INITIAL)] == "S0"
    assert states.names[states.target[FLOWS.index(next(f for f in FLOWS if f.row == 8))]] == "S8"
    assert states.names[states.of(MOTION)] == "S2"


def test_a_flow_the_procedure_does_not_lead_is_an_error(tmp_path: Path) -> None:
    text = PROCEDURE_FILE.read_text(encoding="utf-8")
    row = "  - number: 8\n    from: [S3]\n    to: S8\n"
    assert row in text
    edited = tmp_path / "procedure.yaml"
    edited.write_text(text.replace(row, row.replace("to: S8", "to: S16")), encoding="utf-8")
    with pytest.raises(ValueError, match=r"flow row_16: row 16 leads from S8, not from S16"):
        states_of(load_procedure(edited))


def test_everyone_is_in_exactly_the_state_the_flows_say(interior_prepared: Prepared) -> None:
    sim = Simulation(interior_prepared, 0)
    run = sim.run()
    people, states = sim.people, interior_prepared.states
    entered = np.zeros(states.out + 1, dtype=np.int64)
    for i in range(len(FLOWS)):
        total = int(run.flows[:, i].sum())
        if states.source[i] >= 0:
            entered[states.source[i]] -= total
        if states.target[i] >= 0:
            entered[states.target[i]] += total
    entered[states.of(INITIAL)] += interior_prepared.pending_people
    held = np.bincount(people.state[: people.n], minlength=states.out + 1)
    assert held.tolist() == entered.tolist()
    detained = sum(int(held[states.of(p)]) for p in DETAINED)
    assert detained_by_day(run.flows, states)[-1] == detained


def test_the_same_seed_gives_the_same_run(interior_prepared: Prepared) -> None:
    a, b = Simulation(interior_prepared, 3).run(), Simulation(interior_prepared, 3).run()
    c = Simulation(interior_prepared, 4).run()
    assert np.array_equal(a.flows, b.flows)
    assert not np.array_equal(a.flows, c.flows)


def _monthly(
    prepared: Prepared, measure: str, replications: int = 3
) -> dict[str, tuple[float, float]]:
    rows = simulate(prepared, replications).measure(measure)
    return {f"{m:%Y-%m}": (lo, hi) for m, lo, hi in rows.select("month", "low", "high").rows()}


def test_the_stay_stops_and_the_vacatur_restarts_removals_through_er(
    interior_prepared: Prepared,
) -> None:
    """The 2025 designation was stayed from 2025-08-29 to 2026-06-23 (Make the Road N.Y. v.
    Noem, D.D.C.; vacated by the D.C. Circuit): in between, only the 2004 designation's
    recent entrants near the border are in ER's reach, so removals through ER from the
    courts fall to a few, and come back after the vacatur."""
    removed = _monthly(interior_prepared, "removed_through_er")
    motions = _monthly(interior_prepared, "dismissal_motions")
    peak = removed["2025-08"][0]
    assert peak > 0
    for month in ("2025-07", "2025-08", "2026-08", "2026-09"):
        assert removed[month][0] > 0.5 * peak, month
    for month in ("2025-10", "2025-11", "2026-01", "2026-05"):
        assert removed[month][1] <= 0.02 * peak, month
        assert motions[month][1] <= 0.02 * motions["2025-08"][0], month
    # before the campaign (2025-05-20, reported) DHS moves to dismiss no one
    assert motions["2025-04"][1] == 0


def _with(prepared: Prepared, scenario: Scenario, levers: Levers) -> Prepared:
    return prepare(scenario.with_levers(levers), bundled_law(), members=20_000)


def test_a_stay_never_lifted_keeps_removals_through_er_down(
    interior: Scenario, interior_prepared: Prepared
) -> None:
    lever = _with(interior_prepared, interior, Levers(stay_never_lifted=True))
    removed = _monthly(lever, "removed_through_er")
    peak = removed["2025-08"][0]
    assert peak > 0
    assert all(hi <= 0.02 * peak for m, (_, hi) in removed.items() if m >= "2025-10"), removed


def test_judges_who_deny_every_motion_grant_no_dismissal(
    interior: Scenario, interior_prepared: Prepared
) -> None:
    lever = _with(interior_prepared, interior, Levers(ij_denies_dismissal=1.0))
    sim = Simulation(lever, 0)
    run = sim.run()
    flows = {f.key: int(run.flows[:, i].sum()) for i, f in enumerate(FLOWS)}
    assert flows["row_3"] > 0
    assert flows["row_4"] == 0
    assert flows["row_8"] == 0
    # every motion is denied, or still awaits its written decision at the end
    waiting = int((sim.people.state[: sim.people.n] == lever.states.of(MOTION)).sum())
    assert flows["row_5"] + waiting == flows["row_3"]


def test_a_credible_fear_rate_of_zero_finds_no_one(
    interior: Scenario, interior_prepared: Prepared
) -> None:
    lever = _with(interior_prepared, interior, Levers(credible_fear_positive=0.0))
    run = Simulation(lever, 0).run()
    found = [i for i, f in enumerate(FLOWS) if f.key == "row_24"]
    referred = [i for i, f in enumerate(FLOWS) if f.key == "row_22"]
    assert int(run.flows[:, referred].sum()) > 0
    assert int(run.flows[:, found].sum()) == 0


def test_courthouse_arrests_follow_the_orders_by_place(interior_prepared: Prepared) -> None:
    """Pablo Sequen v. Albarran (N.D. Cal. Dec. 24, 2025) stays courthouse arrests in ICE's
    San Francisco area; ACT v. Lyons (S.D.N.Y. Sept. 12, 2025) declines to in Manhattan."""
    days = interior_prepared.courts
    first = interior_prepared.first
    sfr, nyc = days.courts.index("SFR"), days.courts.index("NYC")
    before, after = (date(2025, 12, 23) - first).days, (date(2025, 12, 24) - first).days
    assert days.arrests_allowed[sfr, before]
    assert not days.arrests_allowed[sfr, after]
    assert days.arrests_allowed[nyc, after]
    # before ICE's courthouse-arrest policy of 2025-01-21, no court allows them
    assert not days.arrests_allowed[:, (date(2025, 1, 20) - first).days].any()


def test_a_lever_bars_courthouse_arrests_in_its_areas(
    interior: Scenario, interior_prepared: Prepared
) -> None:
    every = Levers(
        courthouse_arrests_barred=[AreaBar(areas=sorted(areas()), since=date(2026, 7, 1))]
    )
    lever = _with(interior_prepared, interior, every)
    arrests = _monthly(lever, "arrests_at_court", replications=2)
    assert arrests["2025-07"][0] > 0
    assert all(hi == 0 for m, (_, hi) in arrests.items() if m >= "2026-07"), arrests


def test_past_the_verified_date_every_output_says_the_law_is_held(
    interior_prepared: Prepared,
) -> None:
    results = simulate(interior_prepared, 1)
    held = results.measure("removed_through_er").select("month", "law_held").rows()
    verified = interior_prepared.law.verified_through
    for month, flag in held:
        last_day = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        assert flag == (last_day > verified), month
    assert any(flag for _, flag in held)
    assert not all(flag for _, flag in held)
