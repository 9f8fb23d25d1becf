"""A synthetic release broken on purpose, ingested for real (the CLI and the Python API):
a table of 0 bytes, a table and a lookup with a header only, a lookup of 0 bytes, lines
with 12 extra tab fields, an extremely long line and a Count.txt that disagrees. Every
line is still accounted for, and the report says what happened."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest
from typer.testing import CliRunner

from erpath.eoir import IngestReport, ingest, synthesize
from erpath.eoir.alignment import REALIGN_MAX_CHARS
from erpath.eoir.cli import eoir_app
from erpath.eoir.ingest import Interrupted
from erpath.eoir.reference import header
from erpath.eoir.schema import TABLE_NAMES, table_spec
from erpath.eoir.synth.release_files import EXPORT_DATE, count_txt

from .conftest import row

RELEASE_DATE = date(2026, 7, 1)
A, B, REPS = "A_TblCase", "B_TblProceeding", "tbl_RepsAssigned"
MOTIONS, CUSTODY = "tbl_Court_Motions", "tbl_CustodyHistory"
CLAIMED_CASES = 999  # what the altered Count.txt says A_TblCase holds
EXTRA = "".join(f"\tEXTRA{i}" for i in range(12))
runner = CliRunner()


def _data_lines(path: Path) -> list[str]:
    return path.read_bytes().decode("latin-1").split("\n")[1:-1]


class Hostile:
    """The broken release and what was done to it."""

    def __init__(self, root: Path) -> None:
        synthesize(1200, root, seed=5, release_date=RELEASE_DATE)
        core, lookup = root / "EOIR Case Data", root / "Lookup"
        self.root = root
        self.counts = {
            name: int(n)
            for name, n in (
                line.split("\t")
                for line in (core / "Count.txt").read_text().splitlines()
                if not line.startswith(EXPORT_DATE)
            )
        }
        (core / f"{MOTIONS}.csv").write_bytes(b"")
        custody = core / f"{CUSTODY}.csv"
        custody.write_bytes(custody.read_bytes().split(b"\n")[0] + b"\n")
        (lookup / "tblLookupNationality.csv").write_bytes(b"")
        hloc = lookup / "tblLookupHloc.csv"
        hloc.write_bytes(hloc.read_bytes().split(b"\n")[0] + b"\n")

        reps = core / f"{REPS}.csv"
        first = _data_lines(reps)[0].split("\t")
        self.rep_case = first[1]
        # Non-empty extra fields in a table without free text: no column can hold them.
        self.overlong = "\t".join(["900001", *first[1:]]) + EXTRA
        # Empty extra fields after empty columns: the blanks can be joined back (ADR 0010).
        self.trailing = row(
            REPS,
            IDNREPSASSIGNED="900002",
            IDNCASE=self.rep_case,
            STRATTYLEVEL="COURT",
            STRATTYTYPE="ALIEN",
            PARENT_TABLE="A_TblCase",
        ) + ("\t" * 12)
        self.rep_lines = len(_data_lines(reps)) + 2
        with reps.open("ab") as f:
            f.write(f"{self.overlong}\n{self.trailing}\n".encode("latin-1"))

        cases = core / f"{A}.csv"
        self.long = "900003\t" + "Z" * (REALIGN_MAX_CHARS + 1) + "\t" * 40
        self.case_lines = len(_data_lines(cases)) + 1
        with cases.open("ab") as f:
            f.write(f"{self.long}\n".encode("latin-1"))

        counts = self.counts | {A: CLAIMED_CASES, REPS: self.rep_lines}
        (core / "Count.txt").write_text(count_txt(counts, RELEASE_DATE))

    def warnings(self) -> list[str]:
        return [
            f"{A}.csv: Count.txt gives {CLAIMED_CASES:,} rows, {self.case_lines:,} read",
            f"{CUSTODY}.csv: header only, no rows",
            f"{CUSTODY}.csv: Count.txt gives {self.counts[CUSTODY]:,} rows, 0 read",
            f"{MOTIONS}.csv: empty: 0 bytes, no header and no rows",
            f"{MOTIONS}.csv: Count.txt gives {self.counts[MOTIONS]:,} rows, 0 read",
            "tblLookupHloc.csv: header only, no rows",
            "tblLookupNationality.csv: empty: 0 bytes, no header and no rows",
        ]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    return Hostile(tmp_path_factory.mktemp("hostile") / "release")


@pytest.fixture(scope="module")
def ingested(
    hostile: Hostile, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, IngestReport]:
    out = tmp_path_factory.mktemp("hostile-out") / "ingested"
    return out, ingest(hostile.root, out, progress=False, release_date=RELEASE_DATE)


def _ingest_cli(release: Path, out: Path, *flags: str) -> tuple[int, str]:
    args = ["ingest", str(release), "--out", str(out), "--no-progress"]
    result = runner.invoke(
        eoir_app,
        [*args, "--release-date", RELEASE_DATE.isoformat(), *flags],
        env={"COLUMNS": "200"},
    )
    return result.exit_code, result.output


def test_every_line_is_accounted_for(hostile: Hostile, ingested: tuple[Path, IngestReport]) -> None:
    out, report = ingested
    assert report.balanced
    for table, t in report.tables.items():
        assert t.read == t.loaded + t.repaired + t.quarantined, table
        rows = pl.scan_parquet(out / "parquet" / table / "*.parquet").select(pl.len()).collect()
        assert rows.item() == t.loaded + t.repaired, table
        quarantine = pl.read_parquet(out / "quarantine" / f"{table}.parquet")
        assert quarantine.height == t.quarantined, table
    assert report.tables[A].read == hostile.case_lines
    assert report.tables[REPS].read == hostile.rep_lines
    assert report.warnings == hostile.warnings()
    saved = json.loads((out / "release.json").read_text(encoding="utf-8"))
    assert saved["warnings"] == hostile.warnings()


def test_empty_tables_are_listed_with_their_columns(ingested: tuple[Path, IngestReport]) -> None:
    out, report = ingested
    motions, custody = report.tables[MOTIONS], report.tables[CUSTODY]
    assert (motions.read, motions.header, motions.bytes) == (0, [], 0)
    assert (custody.read, custody.header[0]) == (0, "IDNCUSTODY")
    with duckdb.connect(str(out / "eoir.duckdb"), read_only=True) as con:
        assert con.execute(f"SELECT count(*) FROM {MOTIONS}").fetchone() == (0,)
        columns = [r[0] for r in con.execute(f"DESCRIBE {MOTIONS}").fetchall()]
        assert columns == [c.name for c in table_spec(MOTIONS).columns]
        assert con.execute(f"SELECT count(*) FROM {CUSTODY}").fetchone() == (0,)
        tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    assert "tblLookupHloc" in tables
    assert "tblLookupNationality" not in tables
    assert "tblLookupNationality" not in report.lookup_tables


def test_an_empty_lookup_leaves_its_codes_unchecked_not_emptied(
    hostile: Hostile, ingested: tuple[Path, IngestReport]
) -> None:
    out, report = ingested
    assert "NAT" in report.tables[A].unchecked
    assert "HEARING_LOC_CODE" in report.tables[B].unchecked
    repairs = pl.read_parquet(out / "repairs" / f"{B}.parquet")
    assert repairs.filter(
        (pl.col("column") == "HEARING_LOC_CODE") & (pl.col("kind") == "code_outside_lookup")
    ).is_empty()
    names = header(B)
    at = names.index("HEARING_LOC_CODE")
    fields = [
        line.split("\t") for line in _data_lines(hostile.root / "EOIR Case Data" / f"{B}.csv")
    ]
    once = Counter(f[0] for f in fields)
    raw = {
        int(f[0]): f[at]
        for f in fields
        if len(f) == len(names) and once[f[0]] == 1 and f[0].isdigit() and f[at].isalnum()
    }
    kept = pl.read_parquet(out / "parquet" / B / "*.parquet")
    loaded = dict(kept.select("IDNPROCEEDING", "HEARING_LOC_CODE").iter_rows())
    common = raw.keys() & loaded.keys()
    assert len(common) > 1000
    assert {k: loaded[k] for k in common} == {k: raw[k] for k in common}


def test_overlong_lines_are_quarantined_or_realigned_with_their_reason(
    hostile: Hostile, ingested: tuple[Path, IngestReport]
) -> None:
    out, report = ingested
    reps = pl.read_parquet(out / "quarantine" / f"{REPS}.parquet")
    overlong = reps.filter(pl.col("line") == hostile.rep_lines).row(0, named=True)
    assert overlong == {
        "line": hostile.rep_lines,
        "raw": hostile.overlong,
        "reason": "tab_shift_unrecoverable",
        "detail": "23 fields for 11 columns; no column can hold the extra fields",
    }
    kept = pl.read_parquet(out / "parquet" / REPS / "*.parquet").filter(
        pl.col("IDNREPSASSIGNED") == 900002
    )
    assert kept.select("IDNCASE", "STRATTYTYPE", "BLNPRIMEATTY").row(0) == (
        int(hostile.rep_case),
        "ALIEN",
        None,
    )
    logged = pl.read_parquet(out / "repairs" / f"{REPS}.parquet").filter(
        pl.col("line") == hostile.rep_lines + 1
    )
    assert "tab_shift" in logged["kind"].to_list()
    assert report.tables[REPS].repairs["tab_shift"] >= 1

    cases = pl.read_parquet(out / "quarantine" / f"{A}.parquet")
    long = cases.filter(pl.col("line") == hostile.case_lines + 1).row(0, named=True)
    assert long["raw"] == hostile.long  # kept whole
    assert long["reason"] == "tab_shift_unrecoverable"
    assert long["detail"].endswith(f"{len(hostile.long):,} characters, too long to realign")


def test_a_reps_line_with_12_extra_fields_alone_is_quarantined(tmp_path: Path) -> None:
    release = synthesize(1200, tmp_path / "release", seed=5, release_date=RELEASE_DATE)
    reps = release / "EOIR Case Data" / f"{REPS}.csv"
    first = _data_lines(reps)[0].split("\t")
    with reps.open("ab") as f:
        f.write(("\t".join(["900001", *first[1:]]) + EXTRA + "\n").encode("latin-1"))
    code, output = _ingest_cli(release, tmp_path / "out")
    assert code == 0, output
    last = len(_data_lines(reps)) + 1  # its physical line (the header is line 1)
    quarantine = pl.read_parquet(tmp_path / "out" / "quarantine" / f"{REPS}.parquet")
    assert quarantine.filter(pl.col("line") == last)["reason"].to_list() == [
        "tab_shift_unrecoverable"
    ]
    assert "Count.txt gives" in output  # one more line than the release says


def test_the_cli_prints_the_warnings_and_strict_fails_on_them(
    hostile: Hostile, tmp_path: Path
) -> None:
    code, output = _ingest_cli(hostile.root, tmp_path / "out")
    assert code == 0, output
    for warning in hostile.warnings():
        assert f"warning: {warning}" in output
    assert "Traceback" not in output
    code, output = _ingest_cli(hostile.root, tmp_path / "out", "--strict")  # nothing to redo
    assert code == 3, output
    assert f"--strict: {len(hostile.warnings())} warnings" in output
    code, output = _ingest_cli(hostile.root, tmp_path / "fresh", "--strict")
    assert code == 3, output


def test_strict_passes_a_release_without_warnings(tmp_path: Path) -> None:
    release = synthesize(1200, tmp_path / "release", seed=5, release_date=RELEASE_DATE)
    code, output = _ingest_cli(release, tmp_path / "out", "--strict")
    assert code == 0, output
    assert "warning" not in output


def _files(out: Path) -> dict[str, bytes]:
    """Every output file but the database (DuckDB's file is not byte-stable)."""
    found = [*out.glob("*/**/*.parquet"), out / "release.json"]
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(found)}


def _in_small_chunks(
    release: Path, out: Path, *, force: bool = False, stop_after_chunks: int | None = None
) -> IngestReport:
    return ingest(
        release,
        out,
        progress=False,
        release_date=RELEASE_DATE,
        force=force,
        chunk_bytes=16 * 1024,
        stop_after_chunks=stop_after_chunks,
    )


def test_resumed_and_repeated_ingests_give_the_same_bytes(
    hostile: Hostile, ingested: tuple[Path, IngestReport], tmp_path: Path
) -> None:
    straight, resumed = tmp_path / "straight", tmp_path / "resumed"
    _in_small_chunks(hostile.root, straight)
    with pytest.raises(Interrupted):
        _in_small_chunks(hostile.root, resumed, stop_after_chunks=40)
    assert _in_small_chunks(hostile.root, resumed) == ingested[1]
    before = _files(straight)
    assert len(before) > 2 * len(TABLE_NAMES)
    assert _files(resumed) == before
    _in_small_chunks(hostile.root, straight, force=True)
    assert _files(straight) == before


def test_a_blank_first_line_is_refused_naming_the_file(hostile: Hostile, tmp_path: Path) -> None:
    release = tmp_path / "release"
    core = release / "EOIR Case Data"
    core.mkdir(parents=True)
    for path in (hostile.root / "EOIR Case Data").iterdir():
        (core / path.name).write_bytes(path.read_bytes())
    (core / f"{CUSTODY}.csv").write_bytes(b"\n1\t2\n")
    code, output = _ingest_cli(release, tmp_path / "out")
    assert code == 2, output
    assert f"{CUSTODY}.csv: line 1 is blank, not a header of column names" in output
