"""A release directory: where its files are, which date it is, and its fingerprint.

EOIR's zip unpacks to `EOIR Case Data/` (core tables and Count.txt) and `Lookup/`
(RESEARCH.md 1.1); the ingest also accepts the tables directly in the directory. File
names are matched case-insensitively (`tblAdjournmentcodes` / `tblAdjournmentCodes`).

Every file of those directories is accounted for (ADR 0028): a core table, Count.txt, a
lookup (any `.csv`/`.txt` of a lookup directory), an unknown table (another `.csv`/`.txt`
whose first line is a tab-separated header: ingested as all text) or refused, with the
reason (not a `.csv`/`.txt` file, e.g. a `.zip` or a README; no tab-separated header; a
second file for a table already found). A release without one of the required core
tables is refused; an optional one (schema.py) is reported absent.

The release date is, in order (ADR 0029): the date given (`--release-date`); the date
Count.txt carries (a line `<label><TAB>YYYY-MM-DD`, e.g. `Export date<TAB>2026-07-01`,
beside its `name<TAB>count` lines, RESEARCH.md 1.1; the generator writes one); a date in
the directory's name (`2026-07-01`, `2026-07`, or the older `MMDDYY-FOIA-TRAC-FILES`).
Without any of them the release is refused: file times alone never date a release (a
copied or re-zipped release carries the day it was copied).

The fingerprint identifies the content cheaply: every file's name, size and modification
time and its first 64 KiB. Ingesting a release whose fingerprint matches the last ingest
changes nothing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from erpath.eoir.schema import REQUIRED_TABLES, TABLE_NAMES

CORE_DIRS = ("EOIR Case Data", ".")
LOOKUP_DIRS = ("Lookup", "EOIR Case Data/Lookup", "Lookups")
SAMPLE_BYTES = 65_536
TABLE_SUFFIXES = (".csv", ".txt")


class ReleaseError(Exception):
    """The directory is not a usable release (a missing table, an unreadable file)."""


@dataclass(frozen=True)
class Release:
    root: Path
    tables: dict[str, Path]  # core table -> file
    lookups: dict[str, Path]  # lookup name (file stem) -> file
    count_txt: Path | None
    release_date: date
    date_source: str  # "given", "Count.txt" or "directory name"
    absent: tuple[str, ...] = ()  # optional core tables the release lacks
    unknown: dict[str, Path] = field(default_factory=dict)  # unknown table -> file
    refused: dict[str, str] = field(default_factory=dict)  # file (relative) -> why

    def fingerprint(self) -> str:
        h = hashlib.sha256()
        files = [*self.tables.items(), *self.lookups.items(), *self.unknown.items()]
        for name, path in sorted(files):
            st = path.stat()
            h.update(f"{name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
            with path.open("rb") as f:
                h.update(f.read(SAMPLE_BYTES))
        return h.hexdigest()

    def counts(self) -> dict[str, int]:
        """Rows per table according to Count.txt (`name<TAB>count`), when present."""
        return count_txt_counts(self.count_txt) if self.count_txt is not None else {}


def _count_txt_lines(path: Path) -> list[list[str]]:
    text = path.read_bytes().replace(b"\x00", b"").decode("latin-1")
    return [[p.strip() for p in line.strip().split("\t")] for line in text.splitlines()]


def count_txt_counts(path: Path) -> dict[str, int]:
    """Rows per table of a Count.txt (`name<TAB>count`; other lines are not counts)."""
    return {
        Path(parts[0]).stem.lower(): int(parts[1])
        for parts in _count_txt_lines(path)
        if len(parts) == 2 and parts[1].isdigit()
    }


def count_txt_date(path: Path) -> date | None:
    """The date a Count.txt carries (a line `<label><TAB>YYYY-MM-DD`, a time of day
    allowed after it), or None; two different dates are an error."""
    found = {
        date.fromisoformat(m[1])
        for parts in _count_txt_lines(path)
        if len(parts) == 2 and (m := re.fullmatch(r"(\d{4}-\d\d-\d\d)(?:[ T][\d:.]+)?", parts[1]))
    }
    if len(found) > 1:
        dates = ", ".join(sorted(d.isoformat() for d in found))
        raise ReleaseError(
            f"{path}: Count.txt carries several dates ({dates}); give --release-date"
        )
    return found.pop() if found else None


def _files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.is_file())


def _csv_files(directory: Path) -> dict[str, Path]:
    return {p.stem.lower(): p for p in _files(directory) if p.suffix.lower() in TABLE_SUFFIXES}


def refusal(path: Path) -> str | None:
    """Why a file that is neither a core table nor a lookup cannot be read as a table
    (None: it can, as an unknown table of text columns)."""
    if path.suffix.lower() not in TABLE_SUFFIXES:
        if path.suffix.lower() in (".zip", ".gz", ".7z", ".tar"):
            return f"an archive ({path.suffix}), not a table: unpack it into the release"
        return f"not a table: a {path.suffix or 'suffix-less'} file, not .csv or .txt"
    with path.open("rb") as f:
        first = f.read(SAMPLE_BYTES).split(b"\n", 1)[0]
    if not first.strip():
        return "not a table: no header (the file is empty or starts with a blank line)"
    if b"\t" not in first:
        return "not a table: the first line has no tab-separated column names"
    return None


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
    others: list[Path] = []
    by_lower = {n.lower(): n for n in TABLE_NAMES}
    for sub in CORE_DIRS:
        for path in _files(root / sub):
            name = (
                by_lower.get(path.stem.lower()) if path.suffix.lower() in TABLE_SUFFIXES else None
            )
            if name is not None and name not in tables:
                tables[name] = path
            elif path.stem.lower() == "count" and count_txt is None:
                count_txt = path
            else:
                others.append(path)
    missing = [t for t in REQUIRED_TABLES if t not in tables]
    if missing:
        raise ReleaseError(
            f"{root}: no file for {', '.join(missing)} (looked in {', '.join(CORE_DIRS)})"
        )
    lookups: dict[str, Path] = {}
    for sub in LOOKUP_DIRS:
        for path in _files(root / sub):
            if path.suffix.lower() in TABLE_SUFFIXES and path.stem not in lookups:
                lookups[path.stem] = path
            else:
                others.append(path)
    unknown, refused = _others(root, others, tables, lookups)
    absent = tuple(t for t in TABLE_NAMES if t not in tables)
    when, source = _release_date(root, count_txt, release_date)
    return Release(root, tables, lookups, count_txt, when, source, absent, unknown, refused)


def _others(
    root: Path, files: list[Path], tables: dict[str, Path], lookups: dict[str, Path]
) -> tuple[dict[str, Path], dict[str, str]]:
    """The files that are neither core tables, Count.txt nor lookups: unknown tables
    (named by their stem) and refused files (relative path -> why)."""
    unknown: dict[str, Path] = {}
    refused: dict[str, str] = {}
    taken = {n.lower(): p for n, p in [*tables.items(), *lookups.items()]}
    for path in files:
        relative = path.relative_to(root).as_posix()
        why = refusal(path)
        first = taken.get(path.stem.lower())
        if why is None and first is not None:
            why = f"a second file for {path.stem} ({first.relative_to(root).as_posix()} is read)"
        if why is None:
            unknown[path.stem] = path
            taken[path.stem.lower()] = path
        else:
            refused[relative] = why
    return unknown, refused


def _release_date(root: Path, count_txt: Path | None, given: date | None) -> tuple[date, str]:
    """The release's date and where it comes from (the module's doc gives the order)."""
    if given is not None:
        return given, "given"
    if count_txt is not None and (counted := count_txt_date(count_txt)) is not None:
        return counted, "Count.txt"
    if (named := date_from_name(root.name)) is not None:
        return named, "directory name"
    raise ReleaseError(
        f"{root}: the release's date is not known: Count.txt carries no date and the"
        " directory's name holds none; give it with --release-date YYYY-MM-DD"
        " (file times are not used: a copied release carries the day it was copied)"
    )
