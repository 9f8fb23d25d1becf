"""The example notebook (notebooks/backlog_by_court.ipynb), executed by nbclient in the
venv's python3 kernel on an ingested synthetic release named by ERPATH_RELEASE: it runs
without an error and its tables say what the exposure's own counts say. Stored without
outputs."""

from __future__ import annotations

import base64
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

from erpath.eoir.ingest import read_report
from erpath.exposure import exposure_on, open_ingested
from erpath.exposure.names import group_name

NOTEBOOK = Path(__file__).parents[2] / "notebooks" / "backlog_by_court.ipynb"


def _read() -> Any:
    return nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]


def test_the_notebook_is_stored_without_outputs() -> None:
    notebook = _read()
    nbformat.validate(notebook)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert notebook.metadata.kernelspec.name == "python3"


def _text(cell: Any) -> str:
    return "\n".join(
        o.get("data", {}).get("text/plain", "") or o.get("text", "") for o in cell.outputs
    )


def _line_with(text: str, first: str) -> str:
    """The line of a table's text whose first cell is `first`."""
    lines = [line for line in text.splitlines() if line.split()[1:2] == [first]]
    assert len(lines) == 1, (first, text)
    return lines[0]


def test_the_notebook_runs_on_a_release(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ERPATH_RELEASE", str(sample))
    # The venv's own kernel spec first (a user's python3 spec may name another Python).
    monkeypatch.setenv("JUPYTER_PATH", str(Path(sys.prefix) / "share" / "jupyter"))
    notebook = _read()
    client = NotebookClient(notebook, timeout=300, resources={"metadata": {"path": str(tmp_path)}})
    client.execute()  # raises CellExecutionError, naming the cell, if any cell fails

    cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(o.output_type != "error" for c in cells for o in c.outputs)
    texts = [_text(c) for c in cells]
    release = open_ingested(sample, "parquet")
    report = read_report(sample)
    assert report is not None
    on = report.release_date
    assert on.isoformat() in texts[0]  # the release row

    # The backlog by court: the court with the most pending 240 cases, named, with the
    # count the exposure's own court table gives (the same reading of "pending").
    courts = exposure_on(release, on, dimensions=["court"]).by("court")
    top = courts.sort("pending", descending=True).row(0, named=True)
    backlog = next(t for t in texts if "pending" in t and top["court"] in t)
    line = _line_with(backlog, top["court"])
    assert str(top["pending"]) in line
    assert group_name("court", top["court"], "en")[:12] in line

    # The chart: a PNG image.
    images = [
        o["data"]["image/png"] for c in cells for o in c.outputs if "image/png" in o.get("data", {})
    ]
    assert len(images) == 1
    assert base64.b64decode(images[0]).startswith(b"\x89PNG")

    # By nationality: the total is the day's pending cases, and counts under 10 are hidden.
    summary = exposure_on(release, on, dimensions=["nationality"]).summary().row(0, named=True)
    by_nat = next(t for t in texts if "nationality" in t and "not_exposed" in t)
    assert str(summary["pending"]) in _line_with(by_nat, "all")
    assert "<10" in by_nat
    assert "Mexico" in by_nat
