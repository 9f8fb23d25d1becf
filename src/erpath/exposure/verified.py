"""The law data's verified date in the published tables (ADR 0026): the law data is
verified only through `Law.verified_through`; on a later day the engine reads the last known
law, and the contested points of the unknown stretches that cover the day (the court orders
whose standing after that date was not found) turn answers to `depends`. Every table says
so in two columns; the command line and the charts add a note naming those points."""

from __future__ import annotations

from datetime import date

import polars as pl

from erpath.law.model import Law
from erpath.law.moment import Moment

VERIFIED_COLUMNS = ("law_verified_through", "after_verified")


def unknown_points(law: Law, on: date) -> list[str]:
    """The contested points (ids of `Law.contested`) of the unknown stretches covering
    `on`, each once, in the law data's order."""
    found: list[str] = []
    for standing in law.standing(Moment.of(on)):
        if standing.status == "unknown" and standing.contested not in (None, *found):
            found.append(str(standing.contested))
    return found


def unknown_after(law: Law, on: date) -> list[str]:
    """The questions left open on `on` by the unknown stretches of the law data."""
    questions: list[str] = []
    for point in unknown_points(law, on):
        question = law.contested[point].question
        if question not in questions:
            questions.append(question)
    return questions


def with_verified(table: pl.DataFrame, law: Law, on: date | None = None) -> pl.DataFrame:
    """`table` with `law_verified_through` (the date) and `after_verified` ("yes"/"no":
    whether the row's day, `on` or its `as_of`, is after it)."""
    day = pl.lit(on) if on is not None else pl.col("as_of")
    return table.with_columns(
        pl.lit(law.verified_through.isoformat()).alias("law_verified_through"),
        pl.when(day > pl.lit(law.verified_through))
        .then(pl.lit("yes"))
        .otherwise(pl.lit("no"))
        .alias("after_verified"),
    )


def verified_note(law: Law, days: list[date]) -> str:
    """A note for the days after the verified date among `days`, "" if none."""
    after = [d for d in days if d > law.verified_through]
    if not after:
        return ""
    questions: list[str] = []
    for day in after:
        questions.extend(q for q in unknown_after(law, day) if q not in questions)
    text = (
        f"The law data is verified only through {law.verified_through}: "
        f"{'this date is' if len(days) == 1 else 'dates after it are'} read from the last "
        "known law, and what happened after it is unknown"
    )
    if questions:
        text += ": " + " ".join(questions)
    return text if text.endswith(".") else text + "."
