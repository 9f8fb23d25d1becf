"""The package's parts import only the parts below them (docs/adr/0001-architecture.md):
the law data and its models at the bottom, then the contract, the procedure and presence,
the rules, the answer built from them, the store, the case tracker and the data pipelines,
and the interfaces (web, command line) on top. A part may import its own layer."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "src" / "erpath"
LAYERS: list[set[str]] = [
    {"erpath", "validation", "tables", "wording", "places"},  # tools that know no law
    {"law"},  # the law data and its models
    {"contract"},  # the contract (CONTRACT.md): facts, determination, their schemas
    {"procedure", "presence"},  # the case procedure (law data too); presence and evidence
    {"rules"},  # the rules and the engine that runs them
    {"answer"},  # one person's answer: the determination, counterfactuals, wording
    {"store"},  # the encrypted store, which owns its record type
    {"cases", "report", "eoir", "ice"},  # the case tracker, reports, the data pipelines
    # exposure; the notebook API; standard tables; the simulation of the pipeline
    {"exposure", "data", "standard_tables", "simulate"},
    {"web"},  # the web app
    {"cli", "__main__"},  # the command line
]
LAYER = {part: i for i, parts in enumerate(LAYERS) for part in parts}


def _part(path: Path) -> str:
    first = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
    return "erpath" if first == "__init__" else first


def _imported(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = node.module.split(".")
            if names[0] == "erpath":
                found.add(names[1] if len(names) > 1 else "erpath")
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("erpath."))
    return found


def test_every_part_has_a_layer() -> None:
    parts = {_part(p) for p in PACKAGE.rglob("*.py")}
    assert sorted(parts - set(LAYER)) == []


def test_no_part_imports_a_part_above_it() -> None:
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        part = _part(path)
        for other in _imported(path) - {part}:
            if LAYER.get(other, len(LAYERS)) > LAYER[part]:
                upward.append(f"{path.relative_to(PACKAGE)} ({part}) imports {other}")
    assert upward == []
