"""manifest.json (ADR 0029): the ingest writes it last, with the release's date and its
source, erpath's and the law data's versions and the sha256 of every input and output;
`erpath eoir verify` rehashes them and names what changed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from erpath.eoir import IngestReport, ingest
from erpath.eoir.cli import eoir_app
from erpath.eoir.manifest import MANIFEST, verify
from erpath.eoir.schema import TABLE_NAMES, TABLES

from .conftest import TinyRelease, row

A = "A_TblCase"
runner = CliRunner()


def _case(idn: str) -> str:
    return row(A, IDNCASE=idn, ALIEN_CITY="SPRINGFIELD", ALIEN_STATE="TX", CASE_TYPE="RMV")


@pytest.fixture
def ingested(tiny: TinyRelease, tmp_path: Path) -> tuple[Path, Path]:
    for idn in ("1", "2", "3"):
        tiny.add(A, _case(idn))
    root = tiny.write()
    out = tmp_path / "out"
    ingest(root, out, progress=False)
    return root, out


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_manifest_lists_every_input_and_output(ingested: tuple[Path, Path]) -> None:
    root, out = ingested
    data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert (data["release_date"], data["release_date_source"]) == ("2026-07-01", "Count.txt")
    assert data["erpath"]
    assert data["law"]["verified_through"] == "2026-06-29"
    assert len(data["law"]["sha256"]) == 64
    inputs = data["inputs"]
    assert "EOIR Case Data/A_TblCase.csv" in inputs
    assert "EOIR Case Data/Count.txt" in inputs
    assert any(name.startswith("Lookup/") for name in inputs)
    case_csv = root / "EOIR Case Data" / "A_TblCase.csv"
    assert inputs["EOIR Case Data/A_TblCase.csv"]["sha256"] == _sha(case_csv)
    outputs = data["outputs"]
    assert "release.json" in outputs
    assert any(n.startswith("parquet/A_TblCase/") for n in outputs)
    assert "quarantine/A_TblCase.parquet" in outputs
    assert "repairs/A_TblCase.parquet" in outputs
    for name, entry in outputs.items():
        assert entry["sha256"] == _sha(out / name), name
    assert "eoir.duckdb" not in outputs
    assert "eoir.duckdb" in data["not_hashed"]
    assert verify(out) == []


def test_an_unknown_table_is_an_input(tiny: TinyRelease, tmp_path: Path) -> None:
    tiny.add(A, _case("1"))
    root = tiny.write()
    (root / "EOIR Case Data" / "tbl_Invented.csv").write_text("IDN\tNOTE\n1\tX\n", "latin-1")
    out = tmp_path / "out"
    report = ingest(root, out, progress=False)
    assert "tbl_Invented" in report.unknown
    data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert "EOIR Case Data/tbl_Invented.csv" in data["inputs"]
    assert verify(out, root) == []


def test_verify_names_a_changed_a_missing_and_an_unlisted_file(
    ingested: tuple[Path, Path],
) -> None:
    root, out = ingested
    clean = runner.invoke(eoir_app, ["verify", str(out), "--release", str(root)])
    assert clean.exit_code == 0, clean.output
    assert "release 2026-07-01 (Count.txt)" in clean.output
    assert "verified" in clean.output
    part = next((out / "parquet" / A).glob("*.parquet"))
    data = bytearray(part.read_bytes())
    data[len(data) // 2] ^= 0xFF
    part.write_bytes(bytes(data))
    (out / "repairs" / f"{A}.parquet").unlink()
    (out / "notes.txt").write_text("added later", encoding="utf-8")
    (root / "EOIR Case Data" / "Count.txt").write_text("A_TblCase\t3\n", encoding="latin-1")
    result = runner.invoke(eoir_app, ["verify", str(out), "--release", str(root)])
    assert result.exit_code == 1, result.output
    assert f"output {part.relative_to(out).as_posix()}: changed" in result.output
    assert f"output repairs/{A}.parquet: missing" in result.output
    assert "output notes.txt: not in the manifest" in result.output
    assert "input EOIR Case Data/Count.txt: changed" in result.output
    assert "4 differences" in result.output
    outputs_only = runner.invoke(eoir_app, ["verify", str(out)])
    assert outputs_only.exit_code == 1
    assert "input EOIR" not in outputs_only.output


def test_verify_without_a_manifest_exits_2(ingested: tuple[Path, Path]) -> None:
    _, out = ingested
    (out / MANIFEST).unlink()
    result = runner.invoke(eoir_app, ["verify", str(out)])
    assert result.exit_code == 2
    assert "no manifest" in result.output


def test_an_ingest_without_its_manifest_writes_it(ingested: tuple[Path, Path]) -> None:
    root, out = ingested
    before = (out / MANIFEST).read_text(encoding="utf-8")
    (out / MANIFEST).unlink()
    parquet = {p: p.stat().st_mtime_ns for p in (out / "parquet").rglob("*.parquet")}
    ingest(root, out, progress=False)  # already ingested: only the manifest is written
    assert {p: p.stat().st_mtime_ns for p in (out / "parquet").rglob("*.parquet")} == parquet
    assert (out / MANIFEST).read_text(encoding="utf-8") == before


def _one_row_each(root: Path, counts: dict[str, int]) -> Path:
    """A release with one row in every table (keys only, all 1; the attorney registry's
    GUID key is then quarantined, which is not a warning), so that the ingest has no
    warning but what Count.txt's `counts` cause."""
    tiny = TinyRelease(root, counts=counts)
    for spec in TABLES:
        keys = {spec.primary_key, *(c for fk in spec.foreign_keys for c in fk.columns)} - {""}
        tiny.add(spec.name, row(spec.name, **dict.fromkeys(keys, "1")))
    return tiny.write()


def test_strict_fails_on_a_count_txt_mismatch_alone(tmp_path: Path) -> None:
    agreeing = _one_row_each(tmp_path / "agreeing", dict.fromkeys(TABLE_NAMES, 1))
    result = runner.invoke(eoir_app, ["ingest", str(agreeing), "--no-progress", "--strict"])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    root = _one_row_each(tmp_path / "release", dict.fromkeys(TABLE_NAMES, 1) | {A: 5})
    lenient = runner.invoke(eoir_app, ["ingest", str(root), "--no-progress"])
    assert lenient.exit_code == 0, lenient.output
    assert "warning: A_TblCase.csv: Count.txt gives 5 rows, 1 read" in lenient.output
    strict = runner.invoke(eoir_app, ["ingest", str(root), "--no-progress", "--strict"])
    assert strict.exit_code == 3, strict.output
    assert "--strict: 1 warnings" in strict.output


def test_the_codebook_writes_a_manifest_naming_the_release(
    ingested: tuple[Path, Path], tmp_path: Path
) -> None:
    _, out = ingested
    book = tmp_path / "book"
    result = runner.invoke(eoir_app, ["codebook", str(out), str(book), "--no-progress"])
    assert result.exit_code == 0, result.output
    data = json.loads((book / MANIFEST).read_text(encoding="utf-8"))
    assert data["kind"] == "eoir codebook"
    assert data["release_date"] == "2026-07-01"
    assert data["release_manifest_sha256"] == _sha(out / MANIFEST)
    assert sorted(data["outputs"]) == ["codebook.csv", "codebook.md", "codebook_values.csv"]
    assert "inputs" not in data
    assert data["complete"] is False
    assert verify(book) == []
    (book / "codebook.md").write_text("edited", encoding="utf-8")
    (book / "notes.txt").write_text("beside it", encoding="utf-8")  # not the codebook's
    result = runner.invoke(eoir_app, ["verify", str(book)])
    assert result.exit_code == 1
    assert "output codebook.md: changed" in result.output
    assert "notes.txt" not in result.output


def test_one_release_ingested_twice_gives_the_same_manifest(
    ingested: tuple[Path, Path], tmp_path: Path
) -> None:
    root, out = ingested
    again = tmp_path / "again"
    ingest(root, again, progress=False)
    assert (again / MANIFEST).read_bytes() == (out / MANIFEST).read_bytes()


def test_a_synthetic_release_ingested_twice_gives_the_same_hashes(
    small_release: Path, small_ingest: tuple[Path, IngestReport], tmp_path: Path
) -> None:
    """Chunks decoded in worker threads are written in order: the same bytes each time."""
    out, _ = small_ingest
    again = tmp_path / "again"
    ingest(small_release, again, progress=False)
    first = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    second = json.loads((again / MANIFEST).read_text(encoding="utf-8"))
    assert len(first["outputs"]) > 20
    assert second["outputs"] == first["outputs"]
    assert second["inputs"] == first["inputs"]


def test_a_codebook_of_an_ingest_made_before_manifests(
    ingested: tuple[Path, Path], tmp_path: Path
) -> None:
    _, out = ingested
    (out / MANIFEST).unlink()
    book = tmp_path / "book"
    result = runner.invoke(eoir_app, ["codebook", str(out), str(book), "--no-progress"])
    assert result.exit_code == 0, result.output
    data = json.loads((book / MANIFEST).read_text(encoding="utf-8"))
    assert (data["release_date"], data["release_date_source"]) == ("2026-07-01", "Count.txt")
    assert "release_manifest_sha256" not in data
    assert verify(book) == []
