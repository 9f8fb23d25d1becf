"""The exposure charts' two faults of issue 15: the breakdown chart of the top 25 groups
says so in its title and names the courts, and a change of the law at a time of day is
drawn as a step on its day, not up to the next point of the series."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from erpath.exposure import COUNTS, open_ingested, publish
from erpath.exposure.charts import TOP, breakdown_chart
from erpath.exposure.names import group_name
from erpath.exposure.series import exposure_series, series_days
from erpath.law.loader import bundled_law
from erpath.places import courts

from .builder import IngestedRelease, one_case, write_release

NATIONWIDE = date(2025, 1, 21)  # the 2025 designation, from 18:00 that day (law data)


def test_a_chart_of_the_top_25_of_30_courts_says_so_and_names_them(tmp_path: Path) -> None:
    codes = sorted(courts())[:30]
    rows = [(code, 100 + i, 10 + i, 80, 10, 20) for i, code in enumerate(codes)]
    table = publish(pl.DataFrame(rows, schema=["court", *COUNTS], orient="row"), ["court"])
    svg = breakdown_chart(table, "court", date(2025, 6, 10), tmp_path / "c.svg").read_text()
    assert f"top {TOP} of 30" in svg
    largest, smallest = codes[-1], codes[0]  # the most pending, and one left out
    assert group_name("court", largest, "en") in svg
    assert f">{largest}<" not in svg
    assert f"{largest} -->" not in svg
    assert group_name("court", smallest, "en") not in svg


def test_a_chart_of_every_group_says_no_top(tmp_path: Path) -> None:
    rows = [("NYC", 400, 120, 250, 30, 90), ("LOS", 300, 40, 250, 10, 80)]
    table = publish(pl.DataFrame(rows, schema=["court", *COUNTS], orient="row"), ["court"])
    svg = breakdown_chart(table, "court", date(2025, 6, 10), tmp_path / "c.svg").read_text()
    assert "top " not in svg
    assert "New York" in svg


def test_a_chart_by_custody_keeps_its_words(tmp_path: Path) -> None:
    rows = [("recorded_detained", 400, 120, 250, 30, 90), ("released", 300, 40, 250, 10, 80)]
    table = publish(pl.DataFrame(rows, schema=["custody", *COUNTS], orient="row"), ["custody"])
    svg = breakdown_chart(table, "custody", date(2025, 6, 10), tmp_path / "c.svg").read_text()
    assert "recorded_detained" in svg
    assert "released" in svg


def test_the_series_has_the_day_after_each_change_of_the_law() -> None:
    days = series_days(date(2025, 1, 1), date(2025, 3, 1), "1mo", bundled_law())
    assert {date(2025, 1, 20), NATIONWIDE, date(2025, 1, 22)} <= set(days)
    assert days[0] == date(2025, 1, 1)
    assert days[-1] == date(2025, 3, 1)


def test_the_nationwide_step_is_drawn_on_its_day(tmp_path: Path) -> None:
    """12 people who entered without inspection in June 2024: on 21 January 2025 (the
    designation from 18:00) their answer still depends on the hour; on the 22nd they are
    exposed, as on 1 February, so the series' step lies between the 21st and the 22nd."""
    parts = [one_case(100 + i, date(2024, 6, 10)) for i in range(12)]
    release = IngestedRelease(
        [c for c, _, _ in parts], [p for _, p, _ in parts], [x for _, _, xs in parts for x in xs]
    )
    root = write_release(tmp_path / "release", release)
    table = exposure_series(open_ingested(root), date(2025, 1, 1), date(2025, 2, 1))
    exposed = dict(zip(table["as_of"], table["exposed"], strict=True))
    assert exposed[NATIONWIDE] < exposed[date(2025, 1, 22)] == exposed[date(2025, 2, 1)] == 12
