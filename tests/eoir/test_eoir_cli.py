"""`erpath eoir synth` and `erpath eoir ingest`, through the typer app."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from erpath.eoir.cli import eoir_app

runner = CliRunner()


def test_synth_then_ingest(tmp_path: Path) -> None:
    release = tmp_path / "release"
    made = runner.invoke(eoir_app, ["synth", "--cases", "1200", "--seed", "3", str(release)])
    assert made.exit_code == 0, made.output
    assert "1,200 cases" in made.output
    done = runner.invoke(
        eoir_app, ["ingest", str(release), "--no-progress"], env={"COLUMNS": "200"}
    )
    assert done.exit_code == 0, done.output
    for table in ("A_TblCase", "B_TblProceeding", "tbl_schedule", "lookups"):
        assert table in done.output
    data = json.loads((release / "ingested" / "release.json").read_text())
    assert data["release_date"] == "2026-07-01"
    again = runner.invoke(
        eoir_app,
        [
            "ingest",
            str(release),
            "--no-progress",
            "--out",
            str(tmp_path / "elsewhere"),
            "--release-date",
            "2026-06-30",
        ],
    )
    assert again.exit_code == 0, again.output
    assert (
        json.loads((tmp_path / "elsewhere" / "release.json").read_text())["release_date"]
        == "2026-06-30"
    )


def test_not_a_release(tmp_path: Path) -> None:
    result = runner.invoke(eoir_app, ["ingest", str(tmp_path), "--no-progress"])
    assert result.exit_code == 2
    assert "no file for A_TblCase" in result.output


def test_bad_arguments(tmp_path: Path) -> None:
    assert runner.invoke(eoir_app, ["synth", "--cases", "0", str(tmp_path / "r")]).exit_code == 2
    assert (
        runner.invoke(eoir_app, ["ingest", str(tmp_path), "--release-date", "July"]).exit_code == 2
    )
