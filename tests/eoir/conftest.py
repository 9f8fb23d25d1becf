"""Fixtures for the EOIR tests: a small synthetic release (and its ingest), shared by the
session, and `TinyRelease`, a hand-written release of a few lines per table into which a
test puts the defect it checks. Only invented data: nothing here is a real record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from erpath.eoir import IngestReport, ingest, synthesize
from erpath.eoir.reference import header
from erpath.eoir.schema import TABLE_NAMES
from erpath.eoir.synth.lookup_files import lookup_tables, lookup_text
from erpath.eoir.synth.release_files import EXPORT_DATE

SMALL_CASES = 10_000
SMALL_SEED = 11
RELEASE_DATE = date(2026, 7, 1)


@pytest.fixture(scope="session")
def small_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthesize(SMALL_CASES, tmp_path_factory.mktemp("small") / "release", seed=SMALL_SEED)


@pytest.fixture(scope="session")
def small_ingest(
    small_release: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, IngestReport]:
    out = tmp_path_factory.mktemp("small-out") / "ingested"
    return out, ingest(small_release, out, progress=False)


def row(table: str, **values: str) -> str:
    """One line of `table`: the named columns set, the others empty."""
    names = header(table)
    unknown = set(values) - set(names)
    assert not unknown, unknown
    return "\t".join(values.get(n, "") for n in names)


def day(text: str) -> str:
    """A date as the release writes it."""
    return f"{text} 00:00:00.000"


@dataclass
class TinyRelease:
    """A release written by hand: a header and the given lines per table, real lookups."""

    root: Path
    lines: dict[str, list[str]] = field(default_factory=lambda: {t: [] for t in TABLE_NAMES})
    newline: str = "\n"
    headers: dict[str, tuple[str, ...]] = field(default_factory=dict)  # header drift
    # Count.txt: the export's date (None: no date line) and the rows it gives per table
    release_date: date | None = RELEASE_DATE
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, table: str, line: str) -> int:
        """Add a line; return its physical line number (the header is line 1)."""
        self.lines[table].append(line)
        return len(self.lines[table]) + 1

    def write(self) -> Path:
        core = self.root / "EOIR Case Data"
        core.mkdir(parents=True, exist_ok=True)
        (self.root / "Lookup").mkdir(exist_ok=True)
        for table in TABLE_NAMES:
            names = self.headers.get(table, header(table))
            text = self.newline.join(["\t".join(names), *self.lines[table]]) + self.newline
            (core / f"{table}.csv").write_bytes(text.encode("latin-1"))
        if self.release_date is not None or self.counts:
            lines = [f"{t}\t{n}\n" for t, n in self.counts.items()]
            if self.release_date is not None:
                lines.append(f"{EXPORT_DATE}\t{self.release_date.isoformat()}\n")
            (core / "Count.txt").write_text("".join(lines), encoding="latin-1")
        rng = np.random.default_rng(0)
        for table in lookup_tables():
            text = lookup_text(table, rng).replace("\x00", "")
            (self.root / "Lookup" / f"{table}.csv").write_bytes(text.encode("latin-1"))
        return self.root


@pytest.fixture
def tiny(tmp_path: Path) -> TinyRelease:
    return TinyRelease(tmp_path / "release")
