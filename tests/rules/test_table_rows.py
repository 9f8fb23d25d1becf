"""Rows a facts document cannot produce but a table can (e.g. court data with a manner of
entry and no entry date): the answer is never a false yes."""

from __future__ import annotations

from datetime import date

import polars as pl

from erpath.rules import RuleSet
from erpath.rules.answer import evaluate_row
from erpath.rules.row import FACT_COLUMNS
from erpath.rules.vectorised import determine_table


def test_a_known_manner_with_no_entry_date_is_depends_not_yes(rules: RuleSet) -> None:
    row = dict.fromkeys(FACT_COLUMNS) | {
        "as_of": date(2025, 6, 10),
        "arrival_manner": "without_inspection",
        "arrival_mode": "land",
        "miles_from_land_border": 800.0,
        "section_240": "none",
        "citizenship": ["HND"],
        "birth_date": date(1990, 1, 1),
    }
    table = determine_table(rules, pl.DataFrame([row], schema=FACT_COLUMNS))
    assert table["er_applicable"].to_list() == ["depends"]
    assert evaluate_row(rules, row).er_applicable == "depends"
