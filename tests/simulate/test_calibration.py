"""The 2019 scenario against the published figures it is calibrated on
(src/erpath/simulate/data/calibration_targets.csv): every share within the scenario's
stated tolerance, over October 2018 to August 2019 (the months of ICE's FOIA removals
file). The error table is printed (pytest -s) and is the assertion's message."""

from __future__ import annotations

import polars as pl
import pytest

from erpath.law.loader import bundled_law
from erpath.simulate.calibration import calibration_table
from erpath.simulate.model import prepare
from erpath.simulate.results import simulate
from erpath.simulate.scenario import scenario_named


def test_the_2019_scenario_is_within_its_tolerances() -> None:
    scenario = scenario_named("border-2019")
    results = simulate(prepare(scenario, bundled_law()))
    table = calibration_table(results)
    with pl.Config(tbl_rows=20, tbl_width_chars=160, fmt_str_lengths=60):
        print(table)
    assert table.height == 6
    assert table.get_column("within").all(), str(table)


def test_a_target_the_figures_do_not_hold_is_an_error() -> None:
    scenario = scenario_named("border-2019")
    assert scenario.calibration is not None
    wrong = scenario.calibration.targets[0].model_copy(update={"period": "FY1800"})
    calibration = scenario.calibration.model_copy(update={"targets": [wrong]})
    results = simulate(
        prepare(
            scenario.model_copy(update={"calibration": calibration}), bundled_law(), members=2_000
        ),
        1,
    )
    with pytest.raises(
        ValueError, match="no figure 'ice_removals_share_expedited_removal' for 'FY1800'"
    ):
        calibration_table(results)


def test_the_command_line_prints_the_error_table_in_words() -> None:
    from typer.testing import CliRunner

    from erpath.cli import app

    result = CliRunner().invoke(
        app,
        ["simulate", "border-2019", "--members", "5000", "--replications", "2", "--no-progress"],
    )
    assert result.exit_code == 0, result.output
    assert "Calibration: simulated against the published figures" in result.output
    assert "Share of ICE removals through expedited removal" in result.output
    assert "ice_removals_share" not in result.output


def test_every_figure_the_model_can_be_checked_against_is_worded() -> None:
    from erpath.simulate.calibration import RATIOS
    from erpath.wording import words

    for language in ("en", "es"):
        assert set(RATIOS) <= set(words(language).data["simulation"]["figures"]), language
