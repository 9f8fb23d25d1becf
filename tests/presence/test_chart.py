"""The timeline chart, opened as an image."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from erpath.contract.facts import Facts
from erpath.presence.analysis import Analysis, analyse
from erpath.presence.chart import DPI, WIDTH_INCHES, draw_timeline


def _analysis() -> Analysis:
    return analyse(
        Facts.model_validate(
            {
                "as_of": "2025-06-10",
                "arrivals": [{"date": "2023-01-15", "manner": "without_inspection"}],
                "evidence": [
                    {"kind": "lease", "from": "2023-02-01", "to": "2024-01-31"},
                    {"kind": "affidavit", "from": "2024-03-01", "to": "2024-06-30"},
                    {"kind": "tax_record", "from": "2024-07-01", "to": "2025-06-09"},
                ],
            }
        )
    )


def test_the_png_has_the_expected_size_and_is_not_blank(tmp_path: Path) -> None:
    path = draw_timeline(_analysis(), tmp_path / "timeline.png")
    with Image.open(path) as image:
        assert image.size == (int(WIDTH_INCHES * DPI), int((1.6 + 0.32 * 3) * DPI))
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None
    assert len(colours) > 50  # bars, gap shading, text: far from a blank page
    assert max(count for count, _ in colours) < 0.95 * sum(count for count, _ in colours)


def test_the_svg_is_a_drawing_in_spanish(tmp_path: Path) -> None:
    path = draw_timeline(_analysis(), tmp_path / "timeline.svg", "es")
    text = path.read_text()
    assert text.lstrip().startswith("<?xml")
    assert "<svg" in text
