"""Why `depends`: each depends case's open points (the rules' conditions left unknown), the
count per reason (each once per case) and the first reason (a partition of depends), and
the law's verified date, in the tables the real command line writes (ADR 0026). Invented
cases, written as a real release (Parquet and DuckDB)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
import typer
from typer.testing import CliRunner

from erpath.exposure import open_ingested
from erpath.exposure.cli import exposure_app
from erpath.exposure.exposure import Prepared, prepare_release
from erpath.exposure.uncertain import publish_reasons, reason_counts, reasons_on
from erpath.exposure.verified import unknown_after, verified_note, with_verified
from erpath.law.loader import bundled_law

from .builder import IngestedRelease, one_case, write_release

ON = date(2025, 3, 1)  # the 2025 designation in force, no stay yet
# (group, cases, entry, nationality, birth month): 12 of each, so nothing is hidden
GROUPS = [
    ("venezuelan", date(2025, 2, 1), "VE", "06/1990"),
    ("unknown_nationality", date(2025, 2, 1), "??", "06/1990"),
    ("minor", date(2025, 2, 1), "MX", "12/2015"),
    ("two_years", date(2022, 2, 1), "MX", "06/1990"),
    ("exposed", date(2025, 2, 1), "MX", "06/1990"),
]
EACH = 12

app = typer.Typer()
app.add_typer(exposure_app, name="exposure")


@app.command()
def version() -> None:
    """A second command, so that `exposure` is a subcommand as in `erpath`."""


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cases, proceedings, charges = [], [], []
    number = 0
    for _, entry, nat, birth in GROUPS:
        for _ in range(EACH):
            number += 1
            case, proceeding, charge = one_case(number, entry, nat=nat, birth=birth)
            cases.append(case)
            proceedings.append(proceeding)
            charges.extend(charge)
    return write_release(
        tmp_path_factory.mktemp("reasons"), IngestedRelease(cases, proceedings, charges)
    )


@pytest.fixture(scope="module")
def prepared(root: Path) -> Prepared:
    return prepare_release(open_ingested(root), dimensions=["nationality"]).collected()


def _group(idncase: int) -> str:
    return GROUPS[(idncase - 1) // EACH][0]


def test_each_depends_case_has_its_open_points(prepared: Prepared) -> None:
    reasons = reasons_on(prepared, ON)
    by_group = {
        group: {
            tuple(r) for i, r in reasons.select("IDNCASE", "reasons").rows() if _group(i) == group
        }
        for group, *_ in GROUPS
    }
    assert by_group["exposed"] == set()  # exposed, so not depends
    (venezuelan,) = by_group["venezuelan"]
    assert "western_hemisphere_air_arrival" in venezuelan
    # the unknown nationality is open on the nationality's exception, as a Venezuelan
    (unknown,) = by_group["unknown_nationality"]
    assert "western_hemisphere_air_arrival" in unknown
    (minor,) = by_group["minor"]
    assert "uac" in minor
    (two_years,) = by_group["two_years"]
    assert "two_years_shown" in two_years


def test_counts_once_per_case_and_a_first_reason_partition(prepared: Prepared) -> None:
    reasons = reasons_on(prepared, ON)
    counts = reason_counts(reasons)
    depends = reasons.height
    assert depends == 4 * EACH
    assert counts.get_column("first").sum() == depends
    each = dict(counts.select("reason", "cases").rows())
    for code, n in each.items():
        assert n == sum(code in r for r in reasons.get_column("reasons").to_list())
    first = dict(counts.select("reason", "first").rows())
    assert first["western_hemisphere_air_arrival"] == 2 * EACH  # Venezuelan and unknown
    assert first["uac"] == EACH
    assert first["two_years_shown"] == EACH
    by = reason_counts(reasons, by=["nationality"])
    total = by.filter(pl.col("nationality") == "all").drop("nationality")
    assert total.equals(counts)
    for nat in ("VE", "??", "MX"):
        group = by.filter(pl.col("nationality") == nat)
        assert group.get_column("first").sum() == group.get_column("depends")[0]


def test_published_reasons_are_worded_and_hide_small_cells(prepared: Prepared) -> None:
    counts = reason_counts(reasons_on(prepared, ON), by=["nationality"])
    english = publish_reasons(counts, ["nationality"])
    spanish = publish_reasons(counts, ["nationality"], "es")
    row = english.filter(
        (pl.col("nationality") == "all") & (pl.col("reason") == "western_hemisphere_air_arrival")
    ).row(0, named=True)
    assert row["reason_words"] == "Western Hemisphere air arrival (INA 235(b)(1)(F))"
    assert (row["depends"], row["first"], row["first_share"]) == ("48", "24", "50.0%")
    assert (
        "hemisferio occidental"
        in spanish.get_column("reason_words").to_list()[
            english.get_column("reason").to_list().index("western_hemisphere_air_arrival")
        ]
    )
    # every count under 10 is hidden, 0 included
    for cell in english.get_column("first").to_list():
        assert cell == "<10" or int(cell) >= 10


def test_the_verified_date_in_tables_and_notes() -> None:
    law = bundled_law()
    after = date.fromordinal(law.verified_through.toordinal() + 11)
    assert verified_note(law, [law.verified_through]) == ""
    note = verified_note(law, [after])
    assert f"verified only through {law.verified_through}" in note
    questions = unknown_after(law, after)
    assert questions
    assert all(q in note for q in questions)
    table = with_verified(pl.DataFrame({"as_of": [law.verified_through, after]}), law)
    assert table.get_column("after_verified").to_list() == ["no", "yes"]


def test_the_command_line_writes_the_reasons_and_the_verified_date(
    root: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    done = runner.invoke(
        app,
        ["exposure", "--on", str(ON), "--release", str(root), "--by", "nationality",
         "--table", str(tmp_path / "t.csv")],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert "Why 'depends'" in done.output
    assert "verified only through" not in done.output
    reasons = pl.read_csv(tmp_path / "t.reasons.csv", infer_schema=False)
    total = reasons.filter(pl.col("nationality") == "all")
    assert set(total.get_column("after_verified")) == {"no"}
    shown = dict(total.select("reason", "first").rows())
    assert shown["western_hemisphere_air_arrival"] == "24"
    table = pl.read_csv(tmp_path / "t.csv", infer_schema=False)
    assert set(table.get_column("law_verified_through")) == {"2026-06-29"}

    later = runner.invoke(
        app,
        ["exposure", "--on", "2026-07-10", "--release", str(root),
         "--table", str(tmp_path / "later.parquet")],
    )  # fmt: skip
    assert later.exit_code == 0, later.output
    assert "verified only through 2026-06-29" in later.output.replace("\n", " ")
    assert pl.read_parquet(tmp_path / "later.parquet").get_column("after_verified").to_list() == [
        "yes"
    ]
    assert (tmp_path / "later.reasons.parquet").exists()

    series = runner.invoke(
        app,
        ["exposure", "series", "--from", "2026-05-01", "--to", "2026-07-10",
         "--release", str(root), "--table", str(tmp_path / "s.csv")],
    )  # fmt: skip
    assert series.exit_code == 0, series.output
    assert "verified only through 2026-06-29" in series.output.replace("\n", " ")
    flags = dict(
        pl.read_csv(tmp_path / "s.csv", infer_schema=False).select("as_of", "after_verified").rows()
    )
    assert flags["2026-06-29"] == "no"
    assert flags["2026-06-30"] == "yes"
