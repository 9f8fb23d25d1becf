"""A release directory: where its files are, which date it is, and its fingerprint.

EOIR's zip unpacks to `EOIR Case Data/` (core tables and Count.txt) and `Lookup/`
(RESEARCH.md 1.1); the ingest also accepts the tables directly in the directory. File
names are matched case-insensitively (`tblAdjournmentcodes` / `tblAdjournmentCodes`).

The release date is, in order: the date given; a date in the directory's name
(`2026-07-01`, `2026-07`, or the older `MMDDYY-FOIA-TRAC-FILES`); the newest
modification time of the core tables (unzipping keeps the times EOIR exported them).

The fingerprint identifies the content cheaply: every file's name, size and modification
time and its first 64 KiB. Ingesting a release whose fingerprint matches the last ingest
changes nothing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from erpath.eoir.schema import TABLE_NAMES

CORE_DIRS = ("EOIR Case Data", ".")
LOOKUP_DIRS = ("Lookup", "EOIR Case Data/Lookup", "Lookups")
SAMPLE_BYTES = 65_536


class ReleaseError(Exception):
    """The directory is not a usable release (a missing table, an unreadable file)."""


@dataclass(frozen=True)
class Release:
    root: Path
    tables: dict[str, Path]  # core table -> file
    lookups: dict[str, Path]  # lookup name (file stem) -> file
    count_txt: Path | None
    release_date: date
    date_source: str  # "given", "directory name" or "file times"

    def fingerprint(self) -> str:
        h = hashlib.sha256()
        for name, path in sorted([*self.tables.items(), *self.lookups.items()]):
            st = path.stat()
            h.update(f"{name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
            with path.open("rb") as f:
                h.update(f.read(SAMPLE_BYTES))
        return h.hexdigest()

    def counts(self) -> dict[str, int]:
        """Rows per table according to Count.txt (`name<TAB>count`), when present."""
        if self.count_txt is None:
            return {}
        out: dict[str, int] = {}
        for line in (
            self.count_txt.read_bytes().replace(b"\x00", b"").decode("latin-1").splitlines()
        ):
            parts = line.strip().split("\t")
            if len(parts) == 2 and parts[1].strip().isdigit():
                out[Path(parts[0].strip()).stem.lower()] = int(parts[1])
        return out


def _csv_files(directory: Path) -> dict[str, Path]:
    if not directory.is_dir():
        return {}
    return {
        p.stem.lower(): p
        for p in directory.iterdir()
        if p.is_file() and p.suffix.lower() in (".csv", ".txt")
    }


def date_from_name(name: str) -> date | None:
    m = re.search(r"(20\d\d|19\d\d)-(\d\d)(?:-(\d\d))?", name)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3] or 1))
    m = re.search(r"(\d\d)(\d\d)(\d\d)-FOIA-TRAC-FILES", name, re.IGNORECASE)
    if m:
        return date(2000 + int(m[3]), int(m[1]), int(m[2]))
    return None


def open_release(root: Path, release_date: date | None = None) -> Release:
    root = root.resolve()
    if not root.is_dir():
        raise ReleaseError(f"{root}: not a directory")
    tables: dict[str, Path] = {}
    count_txt = None
    for sub in CORE_DIRS:
        found = _csv_files(root / sub)
        for name in TABLE_NAMES:
            if name not in tables and name.lower() in found:
                tables[name] = found[name.lower()]
        if count_txt is None and "count" in found:
            count_txt = found["count"]
    missing = [t for t in TABLE_NAMES if t not in tables]
    if missing:
        raise ReleaseError(
            f"{root}: no file for {', '.join(missing)} (looked in {', '.join(CORE_DIRS)})"
        )
    lookups: dict[str, Path] = {}
    for sub in LOOKUP_DIRS:
        for path in _csv_files(root / sub).values():
            lookups.setdefault(path.stem, path)
    if release_date is not None:
        when, source = release_date, "given"
    elif (named := date_from_name(root.name)) is not None:
        when, source = named, "directory name"
    else:
        newest = max(p.stat().st_mtime for p in tables.values())
        when, source = datetime.fromtimestamp(newest, UTC).date(), "file times"
    return Release(root, tables, lookups, count_txt, when, source)
