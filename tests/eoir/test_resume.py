"""An interrupted ingest resumes where it stopped and ends as a clean one does; ingesting
the same release again changes nothing."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest

from erpath.eoir import IngestReport, ingest
from erpath.eoir.ingest import WORK, Interrupted
from erpath.eoir.schema import TABLE_NAMES
from erpath.eoir.state import IngestState

CHUNK = 64 * 1024  # small chunks, so that a small release has many


def _contents(out: Path) -> dict[str, pl.DataFrame]:
    frames = {}
    for table in TABLE_NAMES:
        frames[f"parquet/{table}"] = pl.read_parquet(out / "parquet" / table / "*.parquet")
        for kind in ("quarantine", "repairs"):
            frames[f"{kind}/{table}"] = pl.read_parquet(out / kind / f"{table}.parquet")
    return frames


def _same_outputs(a: Path, b: Path) -> None:
    left, right = _contents(a), _contents(b)
    assert left.keys() == right.keys()
    for name, frame in left.items():
        assert frame.equals(right[name]), name


@pytest.fixture(scope="module")
def clean(
    small_release: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, IngestReport]:
    out = tmp_path_factory.mktemp("clean") / "out"
    return out, ingest(small_release, out, progress=False, chunk_bytes=CHUNK)


def test_resume_after_an_interruption(
    small_release: Path, tmp_path: Path, clean: tuple[Path, IngestReport]
) -> None:
    out = tmp_path / "out"
    with pytest.raises(Interrupted):
        ingest(small_release, out, progress=False, chunk_bytes=CHUNK, stop_after_chunks=30)
    state = IngestState.load(out / WORK)
    assert state is not None
    done = sum(len(t.chunks) for t in state.tables.values())
    assert done == 30
    assert not (out / "release.json").exists()
    with pytest.raises(Interrupted):  # a second interruption, further on
        ingest(small_release, out, progress=False, chunk_bytes=CHUNK, stop_after_chunks=25)
    resumed = ingest(small_release, out, progress=False, chunk_bytes=CHUNK)
    assert resumed == clean[1]
    _same_outputs(out, clean[0])
    assert not (out / WORK).exists()


def test_resume_after_the_process_is_killed(
    small_release: Path, tmp_path: Path, clean: tuple[Path, IngestReport]
) -> None:
    out = tmp_path / "out"
    code = (
        "import sys; from pathlib import Path; from erpath.eoir import ingest; "
        f"ingest(Path(sys.argv[1]), Path(sys.argv[2]), progress=False, chunk_bytes={CHUNK})"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(small_release), str(out)])
    state_file = out / WORK / "state.json"
    deadline = time.monotonic() + 60
    killed = False
    while proc.poll() is None and time.monotonic() < deadline:
        state = IngestState.load(out / WORK) if state_file.exists() else None
        if state is not None and sum(len(t.chunks) for t in state.tables.values()) >= 40:
            os.kill(proc.pid, signal.SIGKILL)
            killed = True
            break
        time.sleep(0.01)
    proc.wait()
    if killed:
        assert not (out / "release.json").exists()
    # Resumed with other chunks: files written but not recorded before the kill go.
    resumed = ingest(small_release, out, progress=False)
    assert resumed == clean[1]
    _same_outputs(out, clean[0])


def _digests(out: Path) -> dict[str, tuple[str, int]]:
    return {
        str(p.relative_to(out)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def test_ingesting_twice_changes_nothing(
    small_release: Path, clean: tuple[Path, IngestReport]
) -> None:
    out, first = clean
    before = _digests(out)
    again = ingest(small_release, out, progress=False, chunk_bytes=CHUNK)
    assert again == first
    assert _digests(out) == before


def test_forced_reingest_gives_the_same_result(
    small_release: Path, tmp_path: Path, clean: tuple[Path, IngestReport]
) -> None:
    out = tmp_path / "out"
    first = ingest(small_release, out, progress=False)  # other chunk sizes, same result
    assert first == clean[1]
    again = ingest(small_release, out, progress=False, force=True)
    assert again == first
    _same_outputs(out, clean[0])


def test_a_changed_release_is_ingested_again(tmp_path: Path) -> None:
    from erpath.eoir import synthesize

    root = synthesize(300, tmp_path / "r", seed=2)
    out = tmp_path / "out"
    first = ingest(root, out, progress=False)
    path = root / "EOIR Case Data" / "tbl_CustodyHistory.csv"
    data = path.read_bytes()
    path.write_bytes(data + data.split(b"\n")[1] + b"\n")  # the first row again
    second = ingest(root, out, progress=False)
    assert second.fingerprint != first.fingerprint
    t = second.tables["tbl_CustodyHistory"]
    assert t.read == first.tables["tbl_CustodyHistory"].read + 1
    assert (
        t.quarantine["duplicate_row"]
        == first.tables["tbl_CustodyHistory"].quarantine["duplicate_row"] + 1
    )
