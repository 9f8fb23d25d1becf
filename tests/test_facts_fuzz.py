"""Issue 10: no facts document crashes `erpath screen`. Every document, however odd, either
gets an answer (exit 0, a determination the contract's model reads back) or a refusal
(exit 2, one line per problem); never a traceback. Documents are the bundled examples,
mutated by hypothesis (values replaced, keys removed or added, lists grown), and a grid of
every date field of every example at the edges of the calendar (CONTRACT.md, "Errors")."""

from __future__ import annotations

import copy
import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from erpath.cli import app
from erpath.contract.determination import Determination

EXAMPLES = sorted((Path(__file__).parents[1] / "src" / "erpath" / "examples").glob("*.json"))
DOCUMENTS = [json.loads(p.read_text(encoding="utf-8")) for p in EXAMPLES]
EDGE_DAYS = [
    "0001-01-01",
    "0001-01-02",
    "1899-12-31",
    "1900-01-01",
    "1997-03-31",
    "1997-04-01",
    "2000-02-29",
    "2024-02-29",
    "2025-01-21",
    "2100-12-31",
    "2101-01-01",
    "9999-12-30",
    "9999-12-31",
]
Path_ = tuple[str | int, ...]
runner = CliRunner()


def _paths(value: Any, at: Path_ = ()) -> list[Path_]:
    """Every place in a document: object members and list items, nested."""
    found: list[Path_] = [at] if at else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*at, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*at, index))
    return found


def _parent(document: Any, path: Path_) -> Any:
    for part in path[:-1]:
        document = document[part]
    return document


def _screen(document: Any, directory: Path) -> None:
    """Run `erpath screen --json` on the document as a file; assert exit 0 or 2, and that
    an answer is a whole determination."""
    path = directory / "facts.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = runner.invoke(app, ["screen", str(path), "--json"])
    shown = f"{json.dumps(document)[:2000]}\n{result.output[-2000:]}"
    assert result.exit_code in (0, 2), shown
    assert result.exception is None or isinstance(result.exception, SystemExit), shown
    assert "Traceback" not in result.output, shown
    if result.exit_code == 0:
        Determination.model_validate_json(result.stdout)
    else:
        assert result.output.strip(), "a refusal says why"


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(EDGE_DAYS),
    st.dates().map(date.isoformat),
    st.datetimes().map(lambda d: d.isoformat() + "+00:00"),
    st.sampled_from(
        [
            "without_inspection",
            "admitted",
            "paroled",
            "land",
            "air",
            "sea",
            "pending",
            "dismissed",
            "ordered_removed",
            "negative",
            "positive",
            "HND",
            "CUB",
            "VEN",
            "212(a)(7)",
        ]
    ),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


DAYS = st.one_of(st.sampled_from(EDGE_DAYS), st.dates().map(date.isoformat))


def _alike(value: Any) -> st.SearchStrategy[Any]:
    if isinstance(value, bool) or value is None:
        return st.sampled_from([True, False, None])
    if isinstance(value, int | float):
        return st.one_of(st.integers(-10, 10**6), st.floats(min_value=0, max_value=1e12))
    if isinstance(value, str) and value[:4].isdigit() and "-" in value:
        return DAYS
    if isinstance(value, list):
        return st.lists(DAYS, max_size=5) if value and isinstance(value[0], str) else st.just(value)
    return VALUES


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    document = copy.deepcopy(draw(st.sampled_from(DOCUMENTS)))
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(document)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(document, path)
        action = draw(st.sampled_from(["alike", "alike", "replace", "remove", "add", "repeat"]))
        if action == "alike":  # a value of the same kind: most likely to pass validation
            parent[path[-1]] = draw(_alike(parent[path[-1]]))
        elif action == "replace":
            parent[path[-1]] = draw(VALUES)
        elif action == "remove":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.text(max_size=12))] = draw(VALUES)
        elif action == "repeat" and isinstance(parent, list) and isinstance(path[-1], int):
            parent.extend([parent[path[-1]]] * draw(st.integers(1, 3)))
    return document


@settings(
    max_examples=1000,
    deadline=10_000,  # ms: no document may take 10 s
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
@given(document=mutated())
def test_no_mutated_facts_document_crashes_the_screening(document: Any) -> None:
    with tempfile.TemporaryDirectory() as directory:
        _screen(document, Path(directory))


DATE_PLACES = [
    (n, path)
    for n, document in enumerate(DOCUMENTS)
    for path in _paths(document)
    if isinstance(v := _parent(document, path)[path[-1]], str) and v[:4].isdigit() and "-" in v
]


@pytest.mark.parametrize(("number", "path"), DATE_PLACES, ids=lambda x: str(x))
def test_every_date_at_the_edges_of_the_calendar(number: int, path: Path_, tmp_path: Path) -> None:
    for day in EDGE_DAYS:
        document = copy.deepcopy(DOCUMENTS[number])
        _parent(document, path)[path[-1]] = day
        _screen(document, tmp_path)


def test_the_grid_covers_hundreds_of_edge_dates() -> None:
    assert len(DATE_PLACES) * len(EDGE_DAYS) > 300
