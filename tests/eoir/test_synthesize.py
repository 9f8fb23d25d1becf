"""The generator writes the real format, reproducibly: same seed, same bytes."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from erpath.eoir import synthesize
from erpath.eoir.reference import header, lookup_columns, value_frequencies
from erpath.eoir.schema import TABLE_NAMES
from erpath.eoir.synth.draws import writable
from erpath.eoir.synth.release_files import EXPORT_DATE


def _digests(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    a = synthesize(1_500, tmp_path / "a", seed=5)
    b = synthesize(1_500, tmp_path / "b", seed=5)
    c = synthesize(1_500, tmp_path / "c", seed=6)
    assert _digests(a) == _digests(b)
    differing = {k for k, v in _digests(a).items() if _digests(c)[k] != v}
    assert {f"EOIR Case Data/{t}.csv" for t in TABLE_NAMES} <= differing


def test_layout_headers_and_counts(small_release: Path) -> None:
    core = small_release / "EOIR Case Data"
    *lines, dated = (core / "Count.txt").read_bytes().decode("latin-1").splitlines()
    assert dated == f"{EXPORT_DATE}\t2026-07-01"  # the release's date, last (ADR 0029)
    counts = {}
    for line in lines:
        name, n = line.split("\t")
        counts[name] = int(n)
    assert set(counts) == set(TABLE_NAMES)
    for table in TABLE_NAMES:
        data = (core / f"{table}.csv").read_bytes()
        first = data[: data.index(b"\n")].decode("latin-1")
        assert tuple(first.split("\t")) == header(table)
        assert data.count(b"\n") - 1 == counts[table]
    for table, columns in lookup_columns().items():
        data = (small_release / "Lookup" / f"{table}.csv").read_bytes()
        assert tuple(data[: data.index(b"\n")].decode("latin-1").split("\t")) == columns


def test_bytes_are_tab_delimited_latin1_with_nuls(small_release: Path) -> None:
    cases = (small_release / "EOIR Case Data" / "A_TblCase.csv").read_bytes()
    lines = cases.split(b"\n")[1:200]
    assert all(line.count(b"\t") == len(header("A_TblCase")) - 1 for line in lines if line)
    # Latin-1, not UTF-8: accented city names are single bytes >= 0x80.
    assert any(b >= 0x80 for b in cases)
    with pytest.raises(UnicodeDecodeError):
        cases.decode("utf-8")
    assert "CAÑON CITY".encode("latin-1") in cases or "MAYAGÜEZ".encode("latin-1") in cases
    everything = b"".join(p.read_bytes() for p in small_release.rglob("*.csv"))
    assert b"\x00" in everything
    assert b"\r\n" not in cases


def test_dates_are_sql_server_text_and_files_carry_the_release_date(tmp_path: Path) -> None:
    root = synthesize(500, tmp_path / "r", seed=1, release_date=date(2025, 10, 1))
    data = (root / "EOIR Case Data" / "B_TblProceeding.csv").read_bytes().decode("latin-1")
    osc = [line.split("\t")[2] for line in data.splitlines()[1:50]]
    assert all(len(v) == 23 and v.endswith(" 00:00:00.000") for v in osc if v)
    for p in (root / "EOIR Case Data").iterdir():
        assert datetime.fromtimestamp(p.stat().st_mtime, UTC).date() == date(2025, 10, 1)


def test_refuses_sizes_out_of_range(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="between"):
        synthesize(0, tmp_path / "r")
    with pytest.raises(ValueError, match="between"):
        synthesize(20_000_001, tmp_path / "r")


def test_no_value_written_splits_a_line() -> None:
    """The real values drawn never hold a line feed (two real APPEAL_REVD values do): it
    would split its row in two lines and Count.txt would disagree with the file."""
    column = ("D_TblAssociatedBond", "APPEAL_REVD")
    assert any("\n" in v for v, _ in value_frequencies()[column])
    kept = writable(*column)
    assert kept
    assert all("\n" not in v for v, _ in kept)
    assert {v for v, _ in kept} == {v for v, _ in value_frequencies()[column] if "\n" not in v}
