"""The release's date (ADR 0029): given, else the date Count.txt carries, else a date in
the directory's name; file times alone never date a release."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from erpath.eoir import ReleaseError, ingest
from erpath.eoir.cli import eoir_app
from erpath.eoir.release import open_release

from .conftest import RELEASE_DATE, TinyRelease, row

A = "A_TblCase"
runner = CliRunner()


def _tiny(root: Path, release_date: date | None) -> Path:
    tiny = TinyRelease(root, release_date=release_date)
    tiny.add(A, row(A, IDNCASE="1", ALIEN_CITY="SPRINGFIELD", CASE_TYPE="RMV"))
    return tiny.write()


def test_a_copied_release_keeps_its_date(tmp_path: Path) -> None:
    original = _tiny(tmp_path / "release", RELEASE_DATE)
    copy = tmp_path / "copy"
    shutil.copytree(original, copy)  # new file times: the day of the copy
    for path in (copy / "EOIR Case Data").iterdir():
        os.utime(path)
    rel = open_release(copy)
    assert (rel.release_date, rel.date_source) == (RELEASE_DATE, "Count.txt")
    report = ingest(copy, tmp_path / "out", progress=False)
    assert (report.release_date, report.release_date_source) == (RELEASE_DATE, "Count.txt")


def test_a_synthetic_release_is_dated_by_count_txt(small_release: Path) -> None:
    rel = open_release(small_release)
    assert (rel.release_date, rel.date_source) == (date(2026, 7, 1), "Count.txt")
    assert rel.counts()["a_tblcase"] > 0  # the date line is not read as a count
    assert "export date" not in rel.counts()


def test_the_given_date_wins(tmp_path: Path) -> None:
    root = _tiny(tmp_path / "EOIR-2026-05-01", RELEASE_DATE)
    rel = open_release(root, date(2025, 1, 31))
    assert (rel.release_date, rel.date_source) == (date(2025, 1, 31), "given")


def test_an_undated_release_is_refused(tmp_path: Path) -> None:
    root = _tiny(tmp_path / "release", None)
    with pytest.raises(ReleaseError, match="--release-date"):
        open_release(root)
    result = runner.invoke(eoir_app, ["ingest", str(root), "--no-progress"])
    assert result.exit_code == 2
    assert "--release-date" in result.output
    assert not (root / "ingested").exists()
    given = runner.invoke(
        eoir_app, ["ingest", str(root), "--release-date", "2026-06-01", "--no-progress"]
    )
    assert given.exit_code == 0, given.output
    assert "2026-06-01 (given)" in given.output


def test_count_txt_with_two_dates_is_refused(tmp_path: Path) -> None:
    root = _tiny(tmp_path / "release", RELEASE_DATE)
    with (root / "EOIR Case Data" / "Count.txt").open("a", encoding="latin-1") as f:
        f.write("Run date\t2026-08-01 00:00:00.000\n")
    with pytest.raises(ReleaseError, match=r"Count\.txt carries several dates"):
        open_release(root)


def test_releases_under_their_dates(tmp_path: Path) -> None:
    june = _tiny(tmp_path / "june", date(2026, 6, 1))
    july = _tiny(tmp_path / "july", date(2026, 7, 1))
    parent = tmp_path / "ingested"
    for root in (june, july):
        result = runner.invoke(
            eoir_app, ["ingest", str(root), "--under", str(parent), "--no-progress"]
        )
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in parent.iterdir()) == ["2026-06-01", "2026-07-01"]
    for name in ("2026-06-01", "2026-07-01"):
        data = json.loads((parent / name / "manifest.json").read_text(encoding="utf-8"))
        assert data["release_date"] == name
    both = runner.invoke(eoir_app, ["diff", str(parent / "2026-06-01"), str(parent / "2026-07-01")])
    assert both.exit_code == 0, both.output
    verified = runner.invoke(eoir_app, ["verify", str(parent), "--no-progress"])
    assert verified.exit_code == 0, verified.output
    assert verified.output.count(": eoir ingest, release 2026-0") == 2
    (parent / "2026-07-01" / "release.json").write_text("{}", encoding="utf-8")
    broken = runner.invoke(eoir_app, ["verify", str(parent), "--no-progress"])
    assert broken.exit_code == 1
    assert f"{parent / '2026-07-01'}: output release.json: changed" in broken.output
    assert "2026-06-01 (Count.txt), erpath" in broken.output  # the other still verified
    runner.invoke(eoir_app, ["ingest", str(july), "--under", str(parent), "--force"])
    # One directory, one release: another release's date is refused without --force.
    mixed = runner.invoke(
        eoir_app, ["ingest", str(july), "--out", str(parent / "2026-06-01"), "--no-progress"]
    )
    assert mixed.exit_code == 2
    assert "holds the release of 2026-06-01" in mixed.output
    assert "--under" in mixed.output
    assert json.loads((parent / "2026-06-01" / "release.json").read_text())["release_date"] == (
        "2026-06-01"
    )
    forced = runner.invoke(
        eoir_app,
        ["ingest", str(july), "--out", str(parent / "2026-06-01"), "--force", "--no-progress"],
    )
    assert forced.exit_code == 0, forced.output


def test_out_and_under_together_are_refused(tmp_path: Path) -> None:
    root = _tiny(tmp_path / "release", RELEASE_DATE)
    result = runner.invoke(
        eoir_app, ["ingest", str(root), "--out", str(tmp_path / "a"), "--under", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "--out or --under" in result.output
