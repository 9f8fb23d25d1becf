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


def _invented(path: Path, header: str, rows: list[str]) -> Path:
    """A file in ICE's layout (title lines, a header, `|`-separated rows); invented rows."""
    title = ['"ERO-LESA Statistical Tracking Unit"', '"2019-ICFO-00000"', '"Invented (1/1/2019)"']
    path.write_text("\n".join([*title, header, *rows]) + "\n", encoding="latin-1")
    return path


def test_a_disposition_that_is_a_formula_is_text_in_the_csv(tmp_path: Path) -> None:
    removals = _invented(
        tmp_path / "removals.csv",
        '"Area of Responsibility"|"Apprehension Date"|"Processing Disposition Code"|'
        '"Birth Date"|"Citizenship"|"Gender"|"RC Threat Level"|"Final Charge Section"|'
        '"Departed Date"|"Removal Date"',
        [
            f'"Somewhere Area of Responsibility"|1/2/2019|"{code}"||"NOWHERE"|"Male"|"NA"|'
            '"212a6Ai"|1/5/2019|1/5/2019'
            for code in ["=1+2"] * 12 + ["ER"] * 12
        ],
    )
    arrests = _invented(
        tmp_path / "arrests.csv",
        '"Area of Responsibility"|"Apprehension Date"|"Apprehension Method"|'
        '"Apprehension Landmark"|"Operation"|"Processing Disposition"|"Birth Date"|'
        '"Citizenship"|"Gender"',
        [
            '"Somewhere Area of Responsibility"|1/2/2019|"Non-Custodial Arrest"|"SOMEWHERE"|'
            f'|"{disposition}"||"NOWHERE"|"Male"'
            for disposition in ["@SUM(A1:A9)"] * 12 + ["+1"] * 3
        ],
    )
    out = tmp_path / "ice.csv"
    args = ["report", "--removals", str(removals), "--arrests", str(arrests), "--csv", str(out)]
    result = CliRunner().invoke(ice_app, args, env=ENV)
    assert result.exit_code == 0, result.output
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    values = {r["value"] for r in rows}
    assert {"'=1+2", "'@SUM(A1:A9)", "'+1", "ER"} <= values
    assert not any(v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())
    formula = next(r for r in rows if r["value"] == "'=1+2")
    assert (formula["label"], formula["count"]) == ("'=1+2", "12")
