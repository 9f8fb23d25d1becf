"""Synthetic releases kept on disk: written once (`synthesize`), ingested once (`ingest`),
reused after. The exposure's demonstration (`erpath exposure --demo`) and the benchmarks
use them; every case in them is invented.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from erpath.eoir.ingest import ingest
from erpath.eoir.synth.model import DEFAULT_RELEASE_DATE
from erpath.eoir.synth.release_files import synthesize

STAMP = ".synthetic"
DEMO_CASES = 20_000
DEMO_SEED = 20_250_121
DEMO_README = """Demonstration release of erpath (`erpath exposure --demo`): a synthetic EOIR
case-data release of invented cases, written by `erpath eoir synth` and ingested by
`erpath eoir ingest`. Its figures describe no one. Delete this directory to make it again.
"""


def synthesize_once(directory: Path, cases: int, seed: int) -> float | None:
    """Write a release of `cases` cases with `seed` into `directory`, unless the one there
    already is; the seconds it took, or None when it was reused."""
    stamp = directory / STAMP
    # The date is in the stamp: a release written before Count.txt carried it is undated.
    made = f"{cases} {seed} {DEFAULT_RELEASE_DATE.isoformat()}"
    if stamp.exists() and stamp.read_text(encoding="utf-8") == made:
        return None
    shutil.rmtree(directory, ignore_errors=True)
    started = time.perf_counter()
    synthesize(cases, directory, seed=seed)
    stamp.write_text(made, encoding="utf-8")
    return time.perf_counter() - started


def ingested_sample(directory: Path, cases: int, seed: int) -> Path:
    """`directory/release` synthesized and ingested into `directory/ingested`, each step
    skipped when done before (the ingest changes nothing the second time); the ingested
    folder."""
    synthesize_once(directory / "release", cases, seed)
    out = directory / "ingested"
    ingest(directory / "release", out, progress=False)
    return out


def demo_release(data_dir: Path) -> Path:
    """The demonstration release under `data_dir` (`eoir/`), made on first use."""
    root = data_dir / "eoir"
    out = ingested_sample(root, DEMO_CASES, DEMO_SEED)
    (root / "README.txt").write_text(DEMO_README, encoding="utf-8")
    return out
