"""The ingest does not know whether it reads a synthetic release: no ingest module uses
the generator, and the generator's files carry nothing the ingest could tell it by."""

from __future__ import annotations

import ast
from pathlib import Path

import erpath.eoir
from erpath.eoir.schema import TABLE_NAMES

INGEST_MODULES = (
    "alignment",
    "cells",
    "database",
    "ingest",
    "keys",
    "lines",
    "release",
    "report",
    "schema",
    "state",
    "table_ingest",
)


def test_no_ingest_module_imports_the_generator() -> None:
    package = Path(erpath.eoir.__file__).parent
    for name in INGEST_MODULES:
        tree = ast.parse((package / f"{name}.py").read_text())
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert not any(m.startswith("erpath.eoir.synth") for m in imported), name
        assert "erpath.eoir.reference" not in imported, name  # the release's own lookups


def test_the_release_has_only_the_real_files(small_release: Path) -> None:
    names = {
        p.relative_to(small_release).as_posix() for p in small_release.rglob("*") if p.is_file()
    }
    core = {n for n in names if n.startswith("EOIR Case Data/")}
    assert core == {f"EOIR Case Data/{t}.csv" for t in TABLE_NAMES} | {"EOIR Case Data/Count.txt"}
    assert all(n.startswith(("EOIR Case Data/", "Lookup/")) for n in names)
