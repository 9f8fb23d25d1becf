"""Synthetic EOIR releases for the benchmarks (`erpath.eoir.synthesize`), kept in a
directory between runs when one is given: writing millions of cases takes minutes."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from erpath.eoir import ingest, synthesize

STAMP = ".benchmark"


def synthetic_release(directory: Path, cases: int, seed: int) -> float | None:
    """Write a release of `cases` cases with `seed` into `directory`, unless the one there
    already is; the seconds it took, or None when it was reused."""
    stamp = directory / STAMP
    if stamp.exists() and stamp.read_text() == f"{cases} {seed}":
        return None
    shutil.rmtree(directory, ignore_errors=True)
    started = time.perf_counter()
    synthesize(cases, directory, seed=seed)
    (directory / STAMP).write_text(f"{cases} {seed}")
    return time.perf_counter() - started


def ingested_release(directory: Path, cases: int, seed: int) -> tuple[Path, float]:
    """`directory/release` synthesized and ingested into `directory/ingested` (each step
    skipped when done before); the ingested folder and the seconds spent now."""
    started = time.perf_counter()
    synthetic_release(directory / "release", cases, seed)
    out = directory / "ingested"
    ingest(directory / "release", out, progress=False)
    return out, time.perf_counter() - started
