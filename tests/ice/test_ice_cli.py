"""`erpath ice report`: tables printed with small cells hidden, CSV written, bad files refused."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from erpath.ice.cli import ice_app

from .plain import ARRESTS_FILE

ENV = {"COLUMNS": "200"}


def test_report_prints_the_tables_and_writes_the_csv(tmp_path: Path) -> None:
    out = tmp_path / "ice.csv"
    result = CliRunner().invoke(ice_app, ["report", "--csv", str(out)], env=ENV)
    assert result.exit_code == 0, result.output
    for text in (
        "241,513 records + 0 skipped",
        "Expedited removal, all",
        "66,443",
        "27.5%",
        "ER/CF",
        "17,608",
        "Warrant of Arrest/Notice to Appear",
        "55,520",
        "<10",
        "line 133465: Apprehension Date '07/02/0999'",
    ):
        assert text in result.output, text
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    er = next(r for r in rows if r["table"] == "removals_expedited")
    assert (er["label"], er["count"], er["share"][:6]) == (
        "Expedited removal, all",
        "66443",
        "0.2751",
    )
    assert {r["table"] for r in rows} == {
        "removals_by_disposition",
        "removals_expedited",
        "arrests_by_disposition",
        "arrests_expedited",
    }


def test_a_missing_file_exits_2_with_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        ice_app, ["report", "--removals", str(tmp_path / "absent.csv.gz")], env=ENV
    )
    assert result.exit_code == 2
    assert "cannot read" in result.output


def test_a_file_of_the_wrong_table_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(ice_app, ["report", "--removals", str(ARRESTS_FILE)], env=ENV)
    assert result.exit_code == 2
    assert "no header line with the columns of ICE removals" in result.output
