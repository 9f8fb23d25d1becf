"""`erpath exposure` and `erpath exposure series`, run in-process as the real typer app
(registered here as the main CLI will register it)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
import typer
from typer.testing import CliRunner

from erpath.exposure.cli import exposure_app
from erpath.exposure.tables import HIDDEN

from .test_exposure import _court_release

app = typer.Typer()
app.add_typer(exposure_app, name="exposure")


@app.command()
def version() -> None:
    """A second command, so that `exposure` is a subcommand as in `erpath`."""


runner = CliRunner()


@pytest.fixture(scope="module")
def courts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _court_release(tmp_path_factory.mktemp("courts"))


def test_by_court_before_and_after_21_january_2025(courts: Path, tmp_path: Path) -> None:
    before = runner.invoke(
        app,
        ["exposure", "--on", "2025-01-20", "--release", str(courts), "--by", "court",
         "--table", str(tmp_path / "before.csv")],
    )  # fmt: skip
    after = runner.invoke(
        app,
        ["exposure", "--on", "2025-06-10", "--release", str(courts), "--by", "court",
         "--table", str(tmp_path / "after.parquet"), "--chart", str(tmp_path / "after.png")],
    )  # fmt: skip
    assert before.exit_code == 0, before.output
    assert after.exit_code == 0, after.output
    assert "Pending 240 cases on 2025-01-20: 48" in before.output
    assert f"exposed {HIDDEN}" in before.output
    assert "exposed 24 (50.0%)" in after.output
    assert f"No entry date on or before 2025-06-10 recorded: {HIDDEN}" in after.output
    table_before = pl.read_csv(tmp_path / "before.csv", infer_schema=False)
    table_after = pl.read_parquet(tmp_path / "after.parquet")
    assert dict(table_before.select("court", "exposed").rows()) == {
        "MIA": HIDDEN,
        "NYC": HIDDEN,
        "all": HIDDEN,
    }
    assert dict(table_after.select("court", "exposed").rows()) == {
        "MIA": "12",
        "NYC": "12",
        "all": "24",
    }
    assert (tmp_path / "after.png").stat().st_size > 10_000


def test_series_with_chart_and_table(courts: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["exposure", "series", "--from", "2024-12-01", "--to", "2025-10-01", "--release",
         str(courts), "--chart", str(tmp_path / "s.svg"), "--table", str(tmp_path / "s.csv")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    table = pl.read_csv(tmp_path / "s.csv", infer_schema=False)
    rows = {r["as_of"]: r for r in table.to_dicts()}
    # The step on each day the law changes, against the day before.
    assert rows["2025-01-20"]["exposed"] == HIDDEN
    assert rows["2025-02-01"]["exposed"] == "24"
    assert rows["2025-08-28"]["exposed"] == "24"
    assert rows["2025-08-29"]["exposed"] == HIDDEN
    assert "d4-nationwide-2025 in force" in rows["2025-01-21"]["law_change"]
    assert "mtr-2025-stay" in rows["2025-08-29"]["law_change"]
    assert "<svg" in (tmp_path / "s.svg").read_text(encoding="utf-8")


def test_series_by_court_has_a_total_each_day(courts: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["exposure", "series", "--from", "2025-05-01", "--to", "2025-06-01", "--release",
         str(courts), "--by", "court", "--table", str(tmp_path / "s.csv")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    table = pl.read_csv(tmp_path / "s.csv", infer_schema=False)
    assert table.select("as_of", "court").rows() == [
        ("2025-05-01", "MIA"),
        ("2025-05-01", "NYC"),
        ("2025-05-01", "all"),
        ("2025-06-01", "MIA"),
        ("2025-06-01", "NYC"),
        ("2025-06-01", "all"),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["exposure", "--on", "10/06/2025", "--release", "."], "--on: not a date"),
        (["exposure", "--on", "2025-06-10"], "--release"),
        (["exposure", "--release", "."], "--on"),
        (["exposure", "--on", "2025-06-10", "--release", "/nowhere"], "not a directory"),
        (["exposure", "series", "--from", "2025-02-01", "--to", "2025-01-01", "--release", "."],
         "before --from"),
    ],
)  # fmt: skip
def test_bad_input_exits_2_naming_the_option(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output


def test_a_chart_needs_a_breakdown(courts: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["exposure", "--on", "2025-06-10", "--release", str(courts), "--chart",
         str(tmp_path / "c.png")],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "--by" in result.output


def test_the_demo_release_is_made_once_then_reused(tmp_path: Path) -> None:
    """`--demo` writes and ingests a small synthetic release of invented cases on first
    use, and reads the same one after; the 2025 designation's effect shows in it."""
    data_dir = tmp_path / "demo"
    after = runner.invoke(
        app, ["exposure", "--on", "2025-06-10", "--demo", "--data-dir", str(data_dir)]
    )
    assert after.exit_code == 0, after.output
    assert "demonstration: synthetic release of invented cases" in after.output
    stamp = data_dir / "eoir" / "release" / ".synthetic"
    written = stamp.stat().st_mtime_ns
    before = runner.invoke(
        app, ["exposure", "--on", "2025-01-20", "--demo", "--data-dir", str(data_dir)]
    )
    assert before.exit_code == 0, before.output
    assert stamp.stat().st_mtime_ns == written
    assert "exposed <10 (hidden)" in before.output
    assert "exposed <10" not in after.output
    assert "invented" in (data_dir / "eoir" / "README.txt").read_text(encoding="utf-8")


def test_demo_and_release_together_are_refused(courts: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["exposure", "--on", "2025-06-10", "--demo", "--release", str(courts),
              "--data-dir", str(tmp_path)],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "--demo and --release: choose one" in result.output
    assert not (tmp_path / "eoir").exists()
