"""Why the answer is `depends`: of the pending cases whose answer on D is `depends`, how
many turn on each open point (CONTRACT.md `uncertain`, erpath.rules.answer.open_codes): each
condition the rules cannot decide from what the release records, or the time of day on a
day the law changed at a time of day. A case may turn on several, so the counts overlap.

Published like every count (`publish_open_points`): a count under 10 is "<10", and so is one
that leaves fewer than 10 of the `depends` cases out (the rest would follow by subtraction).
"""

from __future__ import annotations

from datetime import date

import polars as pl

from erpath.exposure.exposure import Prepared, determine
from erpath.exposure.facts_table import NONE_ASSUMED, Assumptions, facts_for
from erpath.exposure.pending import pending_on_days
from erpath.exposure.tables import HIDDEN, THRESHOLD
from erpath.rules import RuleSet, bundled_rules
from erpath.rules.answer import TIME_OF_DAY
from erpath.rules.row import FACT_COLUMNS
from erpath.rules.vectorised import constants

ALL_BUT_FEW = f"all but {HIDDEN}"


def open_points_on(
    prepared: Prepared, on: date, rules: RuleSet | None = None, assume: Assumptions = NONE_ASSUMED
) -> dict[str, int]:
    """Open-point code -> how many `depends` cases on `on` turn on it (private counts:
    publish with `publish_open_points`), in the rules' order, those no case turns on left
    out. The conditions are read at the end of the day, as the one-row evaluation reads
    them (the split on the mode and distance adds no open point of its own)."""
    rules = rules or bundled_rules()
    pending = pending_on_days(prepared.spans, [on])
    facts = facts_for(pending, prepared.attributes, assume, prepared.dimensions).collect()
    depends = determine(rules, facts).filter(pl.col("er_applicable") == "depends")
    if depends.is_empty():
        return {}
    table = depends.select(*FACT_COLUMNS)
    codes = [c.code for c in rules.conditions]
    unknown = rules.frame(table, "end", constants(table, FACT_COLUMNS)).select(
        pl.col(f"c:{code}").is_null().alias(code) for code in codes
    )
    found = (
        unknown.select(
            *(pl.col(code).sum().alias(code) for code in codes),
            (~pl.any_horizontal(codes)).sum().alias(TIME_OF_DAY),
        )
        .collect()
        .row(0, named=True)
    )
    return {code: int(n) for code, n in found.items() if n}


def publish_open_points(points: dict[str, int], depends: int) -> dict[str, str]:
    """The counts as published, of `depends` cases in all: none when `depends` is itself
    hidden; each count under 10 as "<10", and one that leaves out fewer than 10 cases as
    "all but <10"."""
    if depends < THRESHOLD:
        return {}
    shown: dict[str, str] = {}
    for code, n in points.items():
        if n < THRESHOLD:
            shown[code] = HIDDEN
        elif 0 < depends - n < THRESHOLD:
            shown[code] = ALL_BUT_FEW
        else:
            shown[code] = str(n)
    return shown
