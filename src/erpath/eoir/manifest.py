"""`manifest.json`: what a set of outputs was made from, by which erpath and law data, and
the sha256 of every file, so that a reader can check nothing changed (ADR 0029).

    write_manifest(directory, kind, release, outputs, inputs=None) -> Path
    verify(directory, release_dir=None) -> list[Difference]

A manifest holds the release's date and where it comes from (`release.open_release`),
erpath's version (package metadata), the law data's version (`meta.yaml`'s
`verified_through` and one sha256 over every file of `law/data/`), and per file, relative
to the directory (outputs) or to the release directory (inputs), its bytes and sha256.
Files are hashed in blocks of `BLOCK` bytes (a release is 15-20 GB unpacked, RESEARCH.md
1.1). The manifest is written last, to a temporary name and renamed: a directory with a
manifest is complete.

The ingest's manifest describes its whole output directory (`complete`: a file it does not
list is reported), except `eoir.duckdb` (`NOT_HASHED`). Later writers of outputs of a
release (the codebook, the exposure and standard tables) list the files they wrote and
name the ingest's manifest by its sha256 as their input, which ties them to one version
of the release.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from erpath.eoir.state import write_json_atomic
from erpath.law.loader import DATA_DIR, bundled_law

MANIFEST = "manifest.json"
BLOCK = 1 << 20
FORMAT = 1
# The database is rebuilt by every ingest from the Parquet (views) and the lookups (whose
# files are hashed as inputs), and DuckDB's file differs from one build to the next for
# the same data: hashing it would make two ingests of one release disagree.
NOT_HASHED = {
    "eoir.duckdb": "rebuilt by each ingest from the hashed Parquet and lookup files; its"
    " bytes differ from one build to the next for the same data",
    "eoir.duckdb.wal": "DuckDB's write-ahead log of the database",
}
OnBytes = Callable[[int], None]


class ManifestError(Exception):
    """No manifest, or one that cannot be read."""


def sha256_file(path: Path, on_bytes: OnBytes | None = None) -> str:
    """The sha256 of a file, read in blocks; `on_bytes(n)` after each (for a progress bar)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(BLOCK):
            h.update(block)
            if on_bytes is not None:
                on_bytes(len(block))
    return h.hexdigest()


def _entries(root: Path, files: Iterable[Path], on_bytes: OnBytes | None) -> dict[str, Any]:
    out = {}
    for path in sorted(files):
        name = path.resolve().relative_to(root.resolve()).as_posix()
        out[name] = {"bytes": path.stat().st_size, "sha256": sha256_file(path, on_bytes)}
    return out


@cache
def law_version() -> dict[str, str]:
    """The law data's verified date and a sha256 over its files (names and bytes)."""
    h = hashlib.sha256()
    for path in sorted(p for p in DATA_DIR.rglob("*") if p.is_file()):
        h.update(path.relative_to(DATA_DIR).as_posix().encode() + b"\0")
        h.update(sha256_file(path).encode())
    return {"verified_through": bundled_law().verified_through.isoformat(), "sha256": h.hexdigest()}


def erpath_version() -> str:
    try:
        return version("erpath")
    except PackageNotFoundError:  # a source tree that was not installed
        return "unknown"


@dataclass(frozen=True)
class ReleaseRef:
    """The release the outputs are of: its date, the date's source, and (for outputs made
    from an ingested release) the sha256 of the ingest's manifest."""

    release_date: date
    date_source: str
    manifest_sha256: str | None = None


def release_of(ingested: Path) -> ReleaseRef:
    """The release an ingest output directory holds, for later writers of its outputs: from
    its manifest, or (an ingest made before manifests) from release.json, the date alone."""
    if (ingested / MANIFEST).is_file():
        data = read_manifest(ingested)
        return ReleaseRef(
            date.fromisoformat(data["release_date"]),
            data["release_date_source"],
            sha256_file(ingested / MANIFEST),
        )
    from erpath.eoir.ingest import read_report  # the ingest writes manifests: import late

    report = read_report(ingested)
    if report is None:
        raise ManifestError(f"{ingested}: neither {MANIFEST} nor a readable release.json")
    return ReleaseRef(report.release_date, report.release_date_source)


def hash_bytes(paths: Iterable[Path]) -> int:
    """The bytes `write_manifest` will read for these files (a progress bar's total)."""
    return sum(p.stat().st_size for p in paths)


def write_manifest(
    directory: Path,
    kind: str,
    release: ReleaseRef,
    outputs: Iterable[Path],
    *,
    inputs: tuple[Path, Iterable[Path]] | None = None,
    complete: bool = False,
    on_bytes: OnBytes | None = None,
) -> Path:
    """Write `directory/manifest.json` for `outputs` (files under `directory`) and return
    it. `inputs` is a root and its files (the release directory and the files read);
    `complete` says the outputs are every file of the directory but the manifest."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "kind": kind,
        "release_date": release.release_date.isoformat(),
        "release_date_source": release.date_source,
        "erpath": erpath_version(),
        "law": law_version(),
        "complete": complete,
    }
    if release.manifest_sha256 is not None:
        data["release_manifest_sha256"] = release.manifest_sha256
    if inputs is not None:
        data["inputs"] = _entries(inputs[0], inputs[1], on_bytes)
    data["outputs"] = _entries(directory, outputs, on_bytes)
    if complete:
        data["not_hashed"] = NOT_HASHED
    path = directory / MANIFEST
    write_json_atomic(path, data)
    return path


def manifests_under(directory: Path) -> list[Path]:
    """`directory` if it has a manifest, else its subdirectories that have one (a parent
    of releases, `ingest --under PARENT`), sorted; [] if neither."""
    if (directory / MANIFEST).is_file():
        return [directory]
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if (p / MANIFEST).is_file())


def read_manifest(directory: Path) -> dict[str, Any]:
    path = directory / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(
            f"{path}: no manifest (outputs written before erpath wrote manifests: make them"
            " again, e.g. `erpath eoir ingest DIR --force`)"
        ) from None
    except (OSError, ValueError) as exc:
        raise ManifestError(f"{path}: unreadable: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or "outputs" not in data:
        raise ManifestError(f"{path}: not a manifest of format {FORMAT}")
    return data


@dataclass(frozen=True)
class Difference:
    side: str  # "output" or "input"
    file: str
    problem: str  # "changed", "missing" or "not in the manifest"

    def __str__(self) -> str:
        return f"{self.side} {self.file}: {self.problem}"


def _check(
    side: str, root: Path, expected: dict[str, Any], on_bytes: OnBytes | None
) -> list[Difference]:
    out = []
    for name, entry in sorted(expected.items()):
        path = root / name
        if not path.is_file():
            out.append(Difference(side, name, "missing"))
        elif (
            path.stat().st_size != entry["bytes"] or sha256_file(path, on_bytes) != entry["sha256"]
        ):
            out.append(Difference(side, name, "changed"))
    return out


def manifest_bytes(data: dict[str, Any], inputs: bool) -> int:
    """The bytes `verify` reads (a progress bar's total)."""
    sides = ["outputs", "inputs"] if inputs else ["outputs"]
    return sum(e["bytes"] for side in sides for e in data.get(side, {}).values())


def verify(
    directory: Path, release_dir: Path | None = None, on_bytes: OnBytes | None = None
) -> list[Difference]:
    """Rehash the files a manifest lists: the outputs, and the inputs when `release_dir`
    (the release directory they were read from) is given. A complete manifest also
    reports files of the directory it does not list."""
    data = read_manifest(directory)
    found = _check("output", directory, data["outputs"], on_bytes)
    if data.get("complete"):
        listed = {*data["outputs"], *data.get("not_hashed", {}), MANIFEST}
        for path in sorted(p for p in directory.rglob("*") if p.is_file()):
            name = path.relative_to(directory).as_posix()
            if name not in listed:
                found.append(Difference("output", name, "not in the manifest"))
    if release_dir is not None:
        if "inputs" not in data:
            raise ManifestError(f"{directory / MANIFEST}: lists no inputs to check")
        found += _check("input", release_dir, data["inputs"], on_bytes)
    return found
