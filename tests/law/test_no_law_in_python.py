"""The law stays in the law data (issue 11, ADR 0018): no Python module of the package
holds, as a string, an id of the law data (a source, designation, court order, policy,
parameter or contested point) or a state of the procedure. Code reads such things from
the data, by what they are (the class that is the arriving-alien ground, the state that
says a 240 case is pending), never by name."""

from __future__ import annotations

import ast
from pathlib import Path

from erpath.law.model import Law
from erpath.procedure.loader import bundled_procedure

PACKAGE = Path(__file__).parents[2] / "src" / "erpath"


def _law_ids(law: Law) -> dict[str, str]:
    ids: dict[str, str] = {}
    ids.update(dict.fromkeys(law.sources, "source"))
    ids.update(dict.fromkeys((d.id for d in law.designations), "designation"))
    ids.update(dict.fromkeys((o.id for o in law.orders), "court order"))
    ids.update(dict.fromkeys((p.id for p in law.policies), "policy"))
    ids.update(dict.fromkeys((name for name, _ in law.parameters.items()), "parameter"))
    ids.update(dict.fromkeys(law.contested, "contested point"))
    ids.update(dict.fromkeys(bundled_procedure().states, "procedure state"))
    return ids


def _strings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_no_module_names_the_law_data_by_its_ids(law: Law) -> None:
    ids = _law_ids(law)
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        hits = [f"line {n}: {v!r} ({ids[v]})" for n, v in _strings(path) if v in ids]
        if hits:
            found[name] = hits
    assert found == {}


def test_the_scan_finds_an_id_typed_in_python(tmp_path: Path, law: Law) -> None:
    module = tmp_path / "typed.py"
    module.write_text('SOURCE = "8-cfr-235.3-b-1-ii"\nSTATE = "S3"\nTEXT = "S3 or 8 CFR"\n')
    ids = _law_ids(law)
    assert [(n, v) for n, v in _strings(module) if v in ids] == [
        (1, "8-cfr-235.3-b-1-ii"),
        (2, "S3"),
    ]
