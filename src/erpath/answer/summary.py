"""The summary of a determination (CONTRACT.md `summary`): two to four plain sentences in
the language asked for, every piece from the wording set (`summary.*`): the answer; what
decides it (the blocks, the open points or the ground); where a 240 case is pending, what
a dismissal would do on each day ahead and when that changes (`timeline.if_dismissed`);
and, where the two-year limit is still ahead, the day two years are complete."""

from __future__ import annotations

from datetime import date
from itertools import groupby
from typing import Any

from erpath.contract.determination import Branch, Period, Timeline
from erpath.contract.facts import Facts
from erpath.law.model import Law
from erpath.law.moment import Moment
from erpath.rules.answer import GROUND_UNKNOWN
from erpath.rules.basis import limit_unit, stays_of
from erpath.wording import Wording, words


def _barring_orders(
    w: Wording, law: Law, day: date, values: dict[str, Any], any_ground: bool = False
) -> str:
    """The court orders in force on `day` that bar ER of this person, by title: a stay of
    the designation of the ground the arrival meets (of any designation, where the ground
    is undetermined), or of the policy for the person's scope (a port-of-entry parolee)."""
    moment = Moment.of(day)
    stays = {o.id for o in law.orders if o.bars and o.bars.designation}
    if not any_ground:
        stays = {o.id for o in stays_of(law, values["ground_class"])}
    titles = [
        w.law_text(o.id, o.title)
        for o in law.orders_in_force(moment)
        if o.id in stays or (o.bars and o.bars.scope and values["poe_parolee"] is True)
    ]
    return w.join(titles) if titles else w.summary("orders_unknown")


def _listed(w: Wording, clauses: list[str], last: str = "and_list") -> str:
    """`clauses` as one list in a sentence, the last joined by "and" (or `last`)."""
    if len(clauses) == 1:
        return clauses[0]
    return w.fragment(last, items=w.join(clauses[:-1]), last=clauses[-1])


def _blocks(
    w: Wording, law: Law, day: date, codes: list[str], values: dict[str, Any], whichever: bool
) -> str:
    """The blocks in words; where the ground is undetermined, as alternatives (each way
    of the ground has its own)."""
    orders = _barring_orders(w, law, day, values, any_ground=whichever)
    clauses = [w.summary("blocks", c, orders=orders) for c in codes]
    return _listed(w, clauses, "or_list" if whichever else "and_list")


def _span(w: Wording, period: Period, first: bool) -> str:
    if first:
        return (
            w.summary("span", "always")
            if period.to is None
            else w.summary("span", "through", to=period.to)
        )
    if period.to is None:
        return w.summary("span", "from", **{"from": period.from_})
    return w.summary("span", "from_to", **{"from": period.from_, "to": period.to})


def _if_dismissed(w: Wording, law: Law, values: dict[str, Any], periods: list[Period]) -> str:
    """The periods of the dismissal posture, those with one answer merged, each with what
    starts it."""
    clauses = []
    for i, (_, run) in enumerate(groupby(periods, key=lambda p: p.er_applicable)):
        group = list(run)
        merged = group[0].model_copy(update={"to": group[-1].to})
        text = w.summary("period", merged.er_applicable, span=_span(w, merged, i == 0))
        whichever = GROUND_UNKNOWN in merged.uncertain
        if i == 0 and merged.er_applicable == "no":
            blocks = _blocks(w, law, merged.from_, merged.blocking, values, whichever)
            text += w.summary("because", blocks=blocks)
        elif merged.cause:
            text += w.summary("cause", cause=merged.cause)
        clauses.append(text)
    return w.summary("if_dismissed", periods=_listed(w, clauses))


def summary(
    facts: Facts,
    law: Law,
    values: dict[str, Any],
    answer: str,
    blocking: list[str],
    open_points: list[str],
    branches: list[Branch],
    timeline: Timeline | None,
    language: str = "en",
) -> str:
    """Two to four sentences: the answer, what decides it, what a dismissal would do and
    when that changes, and the two-year date where it is ahead."""
    w = words(language)
    sentences = [f"{w.answer(answer)}. {w.answer_sentence(answer, facts.as_of)}"]
    grounds = w.join(w.summary("ground_names", b.category) for b in branches)
    if answer == "no":
        blocks = _blocks(w, law, facts.day, blocking, values, bool(branches))
        key = "barred_whichever" if branches else "barred"
        sentences.append(w.summary(key, blocks=blocks, grounds=grounds))
    elif answer == "depends":
        points = _listed(w, [w.summary("open", c) for c in open_points])
        sentences.append(w.summary("open_points", points=points))
    elif branches:
        sentences.append(w.summary("ground_whichever", grounds=grounds))
    else:
        limit = ""
        if values["two_year_date"] and values["two_year_date"] > facts.day:
            limit = w.summary("limit_years", date=values["two_year_date"])
        sentences.append(
            w.summary("ground", ground=w.summary("grounds", values["category"]), limit=limit)
        )
    if timeline is not None and timeline.if_dismissed:
        sentences.append(_if_dismissed(w, law, values, timeline.if_dismissed))
    two_years = two_years_ahead(law, values, facts.day)
    if two_years is not None:
        sentences.append(w.summary("two_year_date", date=two_years, since=values["arrival_date"]))
    return " ".join(sentences[:4])


def two_years_ahead(law: Law, values: dict[str, Any], day: date) -> date | None:
    """The day two years since the last arrival complete, where it is still ahead of `day`
    and the ground met counts years of presence (the 2019 and 2025 designations: shown
    presence then defeats expedited removal), else None."""
    two_years: date | None = values["two_year_date"]
    years = limit_unit(law, values["ground_class"]) == "years"
    if years and two_years and two_years > day and values["arrival_date"]:
        return two_years
    return None


__all__ = ["summary", "two_years_ahead"]
