"""Charts of published tables: written as PNG and SVG, not blank, small cells not drawn."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from PIL import Image

from erpath.exposure import COUNTS, publish
from erpath.exposure.charts import DPI, WIDTH_INCHES, breakdown_chart, series_chart

ON = date(2025, 6, 10)


def _breakdown() -> pl.DataFrame:
    rows = [("NYC", 400, 120, 250, 30, 90), ("LOS", 300, 4, 290, 6, 80), ("HOU", 9, 9, 0, 0, 2)]
    return publish(pl.DataFrame(rows, schema=["court", *COUNTS], orient="row"), ["court"])


def _series() -> pl.DataFrame:
    days = [date(2025, 1, 1), date(2025, 1, 20), date(2025, 1, 21), date(2025, 3, 1)]
    rows = [(d, 500, e, 500 - e - 20, 20, 100) for d, e in zip(days, [0, 0, 140, 150], strict=True)]
    table = pl.DataFrame(rows, schema=["as_of", *COUNTS], orient="row")
    labels = pl.DataFrame(
        {"as_of": [date(2025, 1, 21)], "law_change": ["d4-nationwide-2025 in force"]}
    )
    return publish(table, [], ["as_of"]).join(labels, on="as_of", how="left")


EXPOSED = (198, 40, 40)  # charts.COLOURS["exposed"]


def _not_blank(path: Path, background: float = 0.95) -> None:
    """Many colours, the background under `background` of the picture, and the colour of
    the exposed counts drawn."""
    with Image.open(path) as image:
        assert image.size[0] == int(WIDTH_INCHES * DPI)
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None
    assert len(colours) > 50
    assert max(count for count, _ in colours) < background * sum(count for count, _ in colours)
    assert any(colour == EXPOSED and count > 50 for count, colour in colours)


def test_breakdown_png_is_drawn(tmp_path: Path) -> None:
    _not_blank(breakdown_chart(_breakdown(), "court", ON, tmp_path / "by-court.png"))


def test_breakdown_svg_names_the_hidden_cells(tmp_path: Path) -> None:
    path = breakdown_chart(_breakdown(), "court", ON, tmp_path / "by-court.svg")
    text = path.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml")
    assert "<svg" in text
    assert "&lt;10" in text  # LOS's hidden parts and HOU are labelled, not drawn


def test_series_png_and_svg(tmp_path: Path) -> None:
    _not_blank(series_chart(_series(), tmp_path / "series.png"), background=0.99)
    svg = series_chart(_series(), tmp_path / "series.svg").read_text(encoding="utf-8")
    assert "d4-nationwide-2025 in force" in svg


def test_only_png_and_svg(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        breakdown_chart(_breakdown(), "court", ON, tmp_path / "c.jpg")
