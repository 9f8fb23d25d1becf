"""`erpath eoir tables REL OUT --by month`: the standard tables over time, on a hand-made
release whose counts are known (ingested for real, published through the 10-person
suppression) and end to end on the session's small synthetic release. Only invented data:
the judges are invented in the release's own judge lookup."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from PIL import Image
from typer.testing import CliRunner

from erpath.cli import app
from erpath.eoir import IngestReport, ingest
from erpath.eoir.manifest import verify
from erpath.eoir.reference import court_decisions, lookup_columns, lookup_values
from erpath.exposure import open_ingested, prepare_release
from erpath.exposure.names import group_name
from erpath.exposure.pending import pending_on
from erpath.places import courts
from erpath.standard_tables import (
    StandardTablesError,
    asylum,
    completions,
    motions,
    write_standard_tables,
)
from erpath.standard_tables.catalogue import STANDARDS
from erpath.standard_tables.charts import standard_chart
from erpath.standard_tables.periods import periods
from erpath.standard_tables.write import published

from .conftest import TinyRelease, day, row

runner = CliRunner()
RELEASE_DATE = date(2025, 8, 15)
BEGUN = "2025-01-10"
JUDGES = {"QJ1": "Example, Judge One", "QJ2": "Sample, Judge Two"}


def _case(tiny: TinyRelease, n: int, court: str, **proceeding: str) -> None:
    """Case `n` with one 240 proceeding (number 10 * n) begun on BEGUN at `court`."""
    tiny.add("A_TblCase", row("A_TblCase", IDNCASE=str(n), NAT="MX", CASE_TYPE="RMV", CUSTODY="N"))
    tiny.add(
        "B_TblProceeding",
        row(
            "B_TblProceeding",
            IDNPROCEEDING=str(10 * n),
            IDNCASE=str(n),
            INPUT_DATE=day(BEGUN),
            OSC_DATE=day(BEGUN),
            BASE_CITY_CODE=court,
            CASE_TYPE="RMV",
            **proceeding,
        ),
    )


def _motion(tiny: TinyRelease, n: int, m: int, comp: str, **motion: str) -> None:
    tiny.add(
        "tbl_Court_Motions",
        row(
            "tbl_Court_Motions",
            IDNMOTION=str(m),
            IDNPROCEEDING=str(10 * n),
            IDNCASE=str(n),
            MOTION_RECD_DATE=day("2025-05-28"),
            COMP_DATE=day(comp),
            **motion,
        ),
    )


def _appln(tiny: TinyRelease, n: int, a: int, code: str, decision: str) -> None:
    tiny.add(
        "tbl_Court_Appln",
        row(
            "tbl_Court_Appln",
            IDNPROCEEDINGAPPLN=str(a),
            IDNPROCEEDING=str(10 * n),
            IDNCASE=str(n),
            APPL_CODE=code,
            APPL_DEC=decision,
        ),
    )


@pytest.fixture
def known(tiny: TinyRelease, tmp_path: Path) -> Path:
    """Begun 2025-01-10, all at once:
    NYC 12 cases pending; one has a DHS motion to dismiss denied on 2025-07-25;
    LOS 3 pending;
    SFR 4 terminated (DEC_CODE T) on 2025-07-10;
    HOU 12 removal orders in absentia on 2025-07-10 (judge QJ1), each with an asylum
        application denied (and a withholding application, ASYW, not counted);
    BOS 11 dismissed (DEC_CODE U) on 2025-06-20, each on a DHS motion to dismiss received
        in May and granted on 2025-06-20 (judge QJ2, 11 asylum applications withdrawn);
        a respondent's motion to dismiss and a DHS motion to terminate, both granted,
        not counted."""
    n = 0
    for court, count, proceeding in (
        ("NYC", 12, {}),
        ("LOS", 3, {}),
        ("SFR", 4, {"COMP_DATE": day("2025-07-10"), "DEC_CODE": "T", "ABSENTIA": "N"}),
        (
            "HOU",
            12,
            {"COMP_DATE": day("2025-07-10"), "DEC_CODE": "X", "ABSENTIA": "Y", "IJ_CODE": "QJ1"},
        ),
        ("BOS", 11, {"COMP_DATE": day("2025-06-20"), "DEC_CODE": "U", "IJ_CODE": "QJ2"}),
    ):
        for _ in range(count):
            n += 1
            _case(tiny, n, court, **proceeding)
            if court == "HOU":
                _appln(tiny, n, 2 * n, "ASYL", "D")
                _appln(tiny, n, 2 * n + 1, "ASYW", "D")
            if court == "BOS":
                _motion(tiny, n, n, "2025-06-20", REC_TYPE="U", STRFILINGPARTY="I", DEC="G")
                _appln(tiny, n, 2 * n, "ASYL", "W")
    _motion(tiny, 1, 1001, "2025-07-25", REC_TYPE="U", STRFILINGPARTY="I", DEC="D")
    _motion(tiny, n, 1002, "2025-06-20", REC_TYPE="U", STRFILINGPARTY="A", DEC="G")
    _motion(tiny, n, 1003, "2025-06-20", REC_TYPE="TP", STRFILINGPARTY="I", DEC="G")
    root = tiny.write()
    names = lookup_columns()["tblLookupJudge"]
    lines = ["\t".join(names)]
    for i, (code, name) in enumerate(JUDGES.items(), start=1):
        cells = dict.fromkeys(names, "") | {"idnJudge": str(i), "JUDGE_CODE": code}
        lines.append("\t".join((cells | {"JUDGE_NAME": name})[c] for c in names))
    (root / "Lookup" / "tblLookupJudge.csv").write_text("\n".join(lines) + "\n", "latin-1")
    out = tmp_path / "ingested"
    report = ingest(root, out, progress=False, release_date=RELEASE_DATE)
    assert report.balanced
    return out


def _tables(known: Path, out: Path) -> dict[str, pl.DataFrame]:
    write_standard_tables(known, out, start=date(2025, 5, 1))
    return {s.name: pl.read_csv(out / f"{s.name}.csv", infer_schema=False) for s in STANDARDS}


def _cell(table: pl.DataFrame, period: str, code: str, column: str) -> str:
    key = [c for c in table.columns if c.endswith("_code")]
    chosen = table.filter(pl.col("period") == period)
    if key:
        chosen = chosen.filter(pl.col(key[0]) == code)
    assert chosen.height == 1, (period, code, chosen)
    return str(chosen.item(0, column))


def test_the_backlog_by_court_at_each_months_end(known: Path, tmp_path: Path) -> None:
    backlog = _tables(known, tmp_path / "t")["backlog_by_court"]
    # June's end: NYC 12 shown, LOS 3 and SFR 4 hidden (two hidden: nothing more to hide),
    # HOU 12; BOS dismissed on the 20th.
    assert _cell(backlog, "2025-06", "NYC", "pending") == "12"
    assert _cell(backlog, "2025-06", "LOS", "pending") == "<10"
    assert _cell(backlog, "2025-06", "SFR", "pending") == "<10"
    assert _cell(backlog, "2025-06", "HOU", "pending") == "12"
    assert _cell(backlog, "2025-06", "all", "pending") == "31"
    assert "BOS" not in backlog.filter(pl.col("period") == "2025-06")["court_code"].to_list()
    # May's end: BOS's 11 too.
    assert _cell(backlog, "2025-05", "BOS", "pending") == "11"
    assert _cell(backlog, "2025-05", "all", "pending") == "42"
    # July's end: NYC 12 and LOS 3 of 15: LOS hidden would be 15 - 12, so NYC is hidden too.
    assert _cell(backlog, "2025-07", "LOS", "pending") == "<10"
    assert _cell(backlog, "2025-07", "NYC", "pending") == "<10"
    assert _cell(backlog, "2025-07", "all", "pending") == "15"
    # Courts by name, their codes beside.
    assert _cell(backlog, "2025-06", "NYC", "court") == group_name("court", "NYC", "en")
    assert _cell(backlog, "2025-06", "all", "court") == "all courts"
    # The release's month ends on its date.
    last = backlog.filter(pl.col("period") == "2025-08").row(0, named=True)
    assert (last["period_end"], last["complete"]) == ("2025-08-15", "false")


def test_the_backlog_by_custody_and_nationality(known: Path, tmp_path: Path) -> None:
    tables = _tables(known, tmp_path / "t")
    nationality = tables["backlog_by_nationality"]
    assert _cell(nationality, "2025-06", "MX", "pending") == "31"
    assert _cell(nationality, "2025-06", "MX", "nationality") == "Mexico"
    custody = tables["backlog_by_custody"].filter(pl.col("period") == "2025-06")
    assert custody.filter(pl.col("custody_code") != "all")["pending"].to_list() == ["31"]
    # CUSTODY N and no dated custody history: the latest record, said so (ADR 0032).
    assert custody["custody_code"].to_list() == ["recorded_never_detained", "all"]
    assert custody["custody"].to_list() == ["never detained (latest record)", "all custody"]
    assert custody.filter(pl.col("custody_code") == "all")["pending"].to_list() == ["31"]


def test_completions_and_orders_in_absentia_in_their_month(known: Path, tmp_path: Path) -> None:
    tables = _tables(known, tmp_path / "t")
    done = tables["completions_by_outcome"]
    assert _cell(done, "2025-07", "", "completions") == "16"  # HOU's 12 and SFR's 4
    assert _cell(done, "2025-07", "", "removal_order") == "12"
    assert _cell(done, "2025-07", "", "termination") == "<10"
    assert _cell(done, "2025-06", "", "dismissal") == "11"
    assert _cell(done, "2025-05", "", "completions") == "<10"  # none: 0 is hidden too
    orders = tables["in_absentia_orders_by_court"]
    assert _cell(orders, "2025-07", "HOU", "in_absentia") == "12"
    assert _cell(orders, "2025-07", "HOU", "in_absentia_share") == "100.0%"
    assert _cell(orders, "2025-07", "HOU", "in_person") == "<10"
    assert _cell(orders, "2025-07", "all", "removal_orders") == "12"
    assert _cell(orders, "2025-06", "all", "removal_orders") == "<10"  # a month of none


def test_dhs_motions_to_dismiss_granted_in_the_month_decided(known: Path, tmp_path: Path) -> None:
    motions = _tables(known, tmp_path / "t")["dhs_motions_to_dismiss_by_court"]
    # Received in May, granted in June: June's. The respondent's motion and DHS's motion to
    # terminate are not counted.
    assert _cell(motions, "2025-06", "BOS", "granted") == "11"
    assert _cell(motions, "2025-06", "BOS", "decided") == "11"
    assert _cell(motions, "2025-06", "BOS", "grant_share") == "100.0%"
    assert _cell(motions, "2025-06", "BOS", "court") == group_name("court", "BOS", "en")
    assert _cell(motions, "2025-05", "all", "decided") == "<10"
    assert _cell(motions, "2025-07", "NYC", "denied") == "<10"


def test_asylum_decisions_by_court_and_judge(known: Path, tmp_path: Path) -> None:
    tables = _tables(known, tmp_path / "t")
    court = tables["asylum_decisions_by_court"]
    assert _cell(court, "2025-07", "HOU", "decided") == "12"  # ASYW not counted
    assert _cell(court, "2025-07", "HOU", "denied") == "12"
    assert _cell(court, "2025-06", "BOS", "other") == "11"  # withdrawn
    judge = tables["asylum_decisions_by_judge"]
    assert _cell(judge, "2025-07", "QJ1", "judge") == JUDGES["QJ1"]
    assert _cell(judge, "2025-07", "QJ1", "denied") == "12"
    assert _cell(judge, "2025-06", "QJ2", "decided") == "11"
    assert _cell(judge, "2025-06", "all", "judge") == "all judges"


def test_every_file_is_written_and_indexed(known: Path, tmp_path: Path) -> None:
    out = tmp_path / "t"
    _tables(known, out)
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert [t["name"] for t in index["tables"]] == [s.name for s in STANDARDS]
    markdown = (out / "tables.md").read_text(encoding="utf-8")
    for entry in index["tables"]:
        assert [Path(f).suffix for f in entry["files"]] == [".parquet", ".csv", ".png"]
        for name in entry["files"]:
            assert (out / name).is_file()
            assert f"`{name}`" in markdown
        assert entry["definition"] in markdown
        parquet = pl.read_parquet(out / f"{entry['name']}.parquet")
        assert parquet.equals(pl.read_csv(out / f"{entry['name']}.csv", infer_schema=False)
                              .with_columns(pl.col("period_start", "period_end").str.to_date(),
                                            pl.col("complete") == "true"))  # fmt: skip
    assert (index["from"], index["to"], index["last_period_ends"]) == (
        "2025-05",
        "2025-08",
        "2025-08-15",
    )
    # the manifest lists every file with its sha256, and verify finds a changed one
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    listed = {f for entry in index["tables"] for f in entry["files"]} | {"index.json", "tables.md"}
    assert set(manifest["outputs"]) == listed
    assert manifest["release_date"] == "2025-08-15"
    assert verify(out) == []
    (out / "tables.md").write_text("changed", encoding="utf-8")
    assert [(d.file, d.problem) for d in verify(out)] == [("tables.md", "changed")]


def test_the_periods() -> None:
    months = periods(date(2024, 11, 20), date(2025, 2, 1))
    assert [(p.label, p.start, p.end, p.complete) for p in months] == [
        ("2024-11", date(2024, 11, 1), date(2024, 11, 30), True),
        ("2024-12", date(2024, 12, 1), date(2024, 12, 31), True),
        ("2025-01", date(2025, 1, 1), date(2025, 1, 31), True),
        ("2025-02", date(2025, 2, 1), date(2025, 2, 1), False),
    ]
    with pytest.raises(ValueError, match="after the release's date"):
        periods(date(2025, 3, 1), date(2025, 2, 1))


def test_tables_of_what_is_not_an_ingested_release(tiny: TinyRelease, tmp_path: Path) -> None:
    root = tiny.write()
    result = runner.invoke(app, ["eoir", "tables", str(root), str(tmp_path / "t"), "--no-progress"])
    assert result.exit_code == 2
    assert "has not been ingested" in result.output
    assert f"erpath eoir ingest {root}" in result.output
    result = runner.invoke(app, ["eoir", "tables", str(tmp_path / "nowhere"), str(tmp_path / "t")])
    assert result.exit_code == 2
    assert "not a directory" in result.output
    with pytest.raises(StandardTablesError, match=r"no release\.json"):
        write_standard_tables(tmp_path, tmp_path / "t")


def test_tables_from_a_month_after_the_release(known: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["eoir", "tables", str(known), str(tmp_path / "t"), "--from", "2026-01"]
    )
    assert result.exit_code == 2
    assert "--from 2026-01: after the release's date (2025-08-15)" in result.output
    result = runner.invoke(
        app, ["eoir", "tables", str(known), str(tmp_path / "t"), "--from", "May"]
    )
    assert result.exit_code == 2
    assert "not a month (YYYY-MM)" in result.output


def test_the_cli_on_the_small_synthetic_release(
    small_ingest: tuple[Path, IngestReport], tmp_path: Path
) -> None:
    ingested, report = small_ingest
    out = tmp_path / "tables"
    args = [
        "eoir",
        "tables",
        str(ingested),
        str(out),
        "--by",
        "month",
        "--from",
        "2024-10",
        "--no-progress",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert f"8 tables by month, 2024-10 to {report.release_date:%Y-%m}" in result.output
    for standard in STANDARDS:
        for suffix in (".parquet", ".csv", ".png"):
            path = out / f"{standard.name}{suffix}"
            assert path.is_file(), path
            assert str(path) in result.output
        with Image.open(out / f"{standard.name}.png") as image:
            assert image.size[0] > 500
    assert (out / "tables.md").is_file()
    backlog = pl.read_parquet(out / "backlog_by_court.parquet")
    named = backlog.filter(pl.col("court_code") != "all")
    assert (named["court"] != named["court_code"]).all()  # names, not codes
    assert group_name("court", named["court_code"][0], "en") == named["court"][0]
    # The backlog at the release's date is the exposure's count of pending 240 cases.
    spans = prepare_release(open_ingested(ingested), dimensions=("court",)).spans
    pending = pending_on(spans, report.release_date).select(pl.len()).collect().item()
    last = backlog.filter(pl.col("court_code") == "all").row(-1, named=True)
    assert last["period_end"] == report.release_date
    assert last["pending"] == str(pending)
    # Counts under 10 are hidden everywhere.
    for standard in STANDARDS:
        table = pl.read_parquet(out / f"{standard.name}.parquet")
        for column in standard.counts:
            shown = [int(v) for v in table[column].to_list() if v != "<10"]
            assert all(v >= 10 for v in shown), (standard.name, column)


def test_a_chart_of_some_courts_says_how_many_of_how_many(tmp_path: Path) -> None:
    """The backlog of 12 courts in two months: the chart draws the largest 8 and says
    "top 8 of 12"; of 5 courts it draws all and says so."""
    chosen = periods(date(2025, 5, 1), date(2025, 6, 30))
    codes = sorted(courts())[:12]
    for count, says in ((12, "top 8 of 12 courts"), (5, "all 5 courts")):
        raw = pl.DataFrame(
            [(p.label, code, 20 + i) for p in chosen for i, code in enumerate(codes[:count])],
            schema={"period": pl.String, "court": pl.String, "pending": pl.Int64},
            orient="row",
        )
        standard = STANDARDS[0]
        table = published(standard, raw, chosen)
        svg = standard_chart(standard, table, tmp_path / "c.svg", date(2025, 6, 30)).read_text()
        assert says in svg
        drawn = [group_name("court", c, "en") for c in codes[:count]]
        assert sum(name in svg for name in drawn) == min(count, 8)


def test_the_codes_read_are_the_lookups_codes() -> None:
    """Each code the tables read means what their definitions say in the lookups erpath
    ships (reference/lookup_values.csv, court_decisions.csv)."""
    lookups = {t: dict(pairs) for t, pairs in lookup_values().items()}
    decisions = {
        d.code: d.description
        for d in court_decisions()
        if (d.case_type, d.dec_type) == ("RMV", "C")
    }
    assert decisions["X"] == "Removal Order"
    assert decisions["V"] == "Voluntary Departure"
    assert all("Grant" in decisions[c] for c in completions.OUTCOMES["relief_granted"])
    assert (decisions["T"], decisions["U"]) == ("Terminated", "Dismissed by IJ")
    assert lookups["tblLookupMotionType"][motions.DISMISS] == "Motion to Dismiss"
    assert lookups["tblLookupFiling_Method_Party"][motions.DHS] == "DHS"
    assert lookups["tblLookUp_Appln"][asylum.ASYLUM] == "ASYLUM"
    appl = lookups["tblLookupCourtAppDecisions"]
    assert all("GRANT" in appl[c] and "WCAT" not in appl[c] for c in asylum.GRANTED)
    assert [appl[c] for c in asylum.DENIED] == ["DENY"]


def test_an_ingest_without_a_table_it_reads(known: Path, tmp_path: Path) -> None:
    """An ingest whose release.json lacks a table the tables read is refused, named."""
    meta = json.loads((known / "release.json").read_text(encoding="utf-8"))
    del meta["tables"]["tbl_Court_Motions"]
    (known / "release.json").write_text(json.dumps(meta), encoding="utf-8")
    result = runner.invoke(app, ["eoir", "tables", str(known), str(tmp_path / "t")])
    assert result.exit_code == 2
    assert "the ingest has no tbl_Court_Motions: ingest the release again" in result.output
