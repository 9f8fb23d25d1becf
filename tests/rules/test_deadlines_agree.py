"""The due dates the rules read (a dismissal's appeal window) are the procedure's: the
same periods and the same weekend and holiday rule, day by day."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from erpath.procedure import DeadlineContext, deadline
from erpath.rules import RuleSet
from erpath.rules.ruleset import DECISIONS
from erpath.rules.vectorised import _with_all_columns


def test_every_decision_day_from_2025_to_2027_gives_the_procedures_due_date(
    rules: RuleSet,
) -> None:
    days = [date(2025, 1, 1) + timedelta(days=n) for n in range(3 * 366)]
    for code, column in DECISIONS.items():
        table = _with_all_columns(pl.DataFrame({"as_of": days, column: days}))
        dues = rules.frame(table).select(f"due:{code}").collect().to_series().to_list()
        for day, due in zip(days, dues, strict=True):
            expected = deadline(code, day, DeadlineContext(supervisory_concurrence_on=day))
            assert expected is not None
            assert due == expected.due, (code, day)
            assert (
                rules.evaluate(
                    {**dict.fromkeys(table.collect_schema().names()), "as_of": day, column: day}
                )[f"due:{code}"]
                == due
            )
