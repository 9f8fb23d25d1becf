"""A court code that is a spreadsheet formula, put into a release's files and ingested for
real, reaches the exposure tables; in a CSV it is written as text (`'=1+2`), in Parquet as
it is."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import polars as pl
import pytest
import typer
from typer.testing import CliRunner

from erpath.eoir import ingest, synthesize
from erpath.exposure.cli import exposure_app

FORMULA = "=1+2"
RELEASE_DATE = date(2026, 7, 1)
app = typer.Typer()
app.add_typer(exposure_app, name="exposure")


@app.command()
def version() -> None:
    """A second command, so that `exposure` is a subcommand as in `erpath`."""


def _set_column(path: Path, column: str, value: str) -> None:
    """Every well-formed line of `path` with `column` set to `value`."""
    lines = path.read_bytes().decode("latin-1").split("\n")
    at = lines[0].split("\t").index(column)
    width = len(lines[0].split("\t"))
    for i, line in enumerate(lines[1:-1], start=1):
        fields = line.split("\t")
        if len(fields) == width:
            fields[at] = value
            lines[i] = "\t".join(fields)
    path.write_bytes("\n".join(lines).encode("latin-1"))


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("formula")
    release = synthesize(1200, root / "release", seed=7, release_date=RELEASE_DATE)
    _set_column(release / "EOIR Case Data" / "B_TblProceeding.csv", "BASE_CITY_CODE", FORMULA)
    lookup = release / "Lookup" / "tblLookupBaseCity.csv"
    names = lookup.read_bytes().decode("latin-1").split("\n")[0].split("\t")
    court = {"idnBaseCity": "999", "BASE_CITY_CODE": FORMULA, "BASE_CITY_NAME": "FORMULA COURT"}
    with lookup.open("ab") as f:
        f.write(("\t".join(court.get(n, "") for n in names) + "\n").encode("latin-1"))
    out = root / "ingested"
    ingest(release, out, progress=False, release_date=RELEASE_DATE)
    return out


def _courts(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [row["court"] for row in csv.DictReader(handle)]


@pytest.mark.parametrize(
    "command",
    [
        ["exposure", "--on", "2025-06-10"],
        ["exposure", "series", "--from", "2025-01-01", "--to", "2025-03-01"],
    ],
    ids=["exposure", "series"],
)
def test_a_formula_court_code_is_text_in_the_csv(
    command: list[str], ingested: Path, tmp_path: Path
) -> None:
    written = {}
    for suffix in ("csv", "parquet"):
        path = tmp_path / f"table.{suffix}"
        args = [*command, "--release", str(ingested), "--by", "court", "--table", str(path)]
        result = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.output
        written[suffix] = path
    courts = _courts(written["csv"])
    assert "'" + FORMULA in courts
    assert FORMULA not in courts
    assert not any(c.startswith(("=", "+", "-", "@")) for c in courts)
    assert FORMULA in pl.read_parquet(written["parquet"])["court"].to_list()
    counts = pl.read_csv(written["csv"], infer_schema=False)["pending"].to_list()
    assert counts == pl.read_parquet(written["parquet"])["pending"].to_list()
