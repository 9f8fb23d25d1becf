"""The client summary: one page for the person screened, in English or Spanish, apart from
counsel's report (erpath.report.determination). It says what the answer means for them
(today, and if DHS's motion to dismiss their 240 case is granted at a hearing: 8 CFR
239.2(c), 1239.2(c)), when two years of presence complete, where the ground met counts them (INA
235(b)(1)(A)(iii)(II); the summary's own rule, `two_years_ahead`), what
to bring, what to do (a fear of return is referred to a credible-fear interview: 8 CFR
235.3(b)(4)), and whom to call: the organisation's referral (erpath.report.referral). It
names no one: it carries no name, number or address of the client."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from erpath.answer.summary import two_years_ahead
from erpath.contract.determination import Answer, Determination, Period
from erpath.contract.facts import Facts
from erpath.presence import last_arrival
from erpath.report import environment, write_document
from erpath.report.referral import Referral
from erpath.rules import bundled_rules
from erpath.rules.answer import evaluate_row
from erpath.rules.row import facts_row
from erpath.wording import words


@dataclass(frozen=True)
class Stretch:
    """A period of the answer if the case were dismissed, in words."""

    start: str
    end: str | None
    answer: Answer


@dataclass(frozen=True)
class ClientSummary:
    language: str
    day: str
    answer: Answer
    why: list[str]  # the blocks, or the open points, in words
    if_dismissed: list[Stretch]
    two_years: str | None  # the day two years complete, when it is still ahead
    since: str | None  # the last arrival, from which papers must show presence
    referral: Referral | None


def _stretches(periods: list[Period], language: str) -> list[Stretch]:
    """The periods in words, those next to each other with one answer joined (what starts
    them, and their open points, are counsel's concern)."""
    w = words(language)
    joined: list[Period] = []
    for p in periods:
        if joined and joined[-1].er_applicable == p.er_applicable:
            joined[-1] = joined[-1].model_copy(update={"to": p.to})
        else:
            joined.append(p)
    return [
        Stretch(w.date(p.from_), w.date(p.to) if p.to else None, p.er_applicable) for p in joined
    ]


def client_summary(
    determination: Determination, facts: Facts, language: str, referral: Referral | None
) -> ClientSummary:
    """What the client summary says, in `language`."""
    w = words(language)
    d = determination
    codes = d.blocking if d.er_applicable == "no" else [u.code for u in d.uncertain]
    rules = bundled_rules()
    values = evaluate_row(rules, facts_row(facts, rules.law)).values
    ahead = two_years_ahead(rules.law, values, facts.day)
    arrival = last_arrival(facts, facts.day)
    dismissed = d.timeline.if_dismissed if d.timeline else None
    return ClientSummary(
        language=language,
        day=w.date(facts.day),
        answer=d.er_applicable,
        why=[w.label("codes", c) for c in codes if d.er_applicable != "yes"],
        if_dismissed=_stretches(dismissed or [], language),
        two_years=w.date(ahead) if ahead else None,
        since=w.date(arrival.date) if arrival else None,
        referral=referral,
    )


def render_client_summary(
    determination: Determination, facts: Facts, language: str, referral: Referral | None
) -> str:
    """The client summary as HTML in `language`."""
    summary = client_summary(determination, facts, language, referral)
    return environment(language).get_template("client_summary.html").render(s=summary)


def write_client_summary(
    determination: Determination,
    facts: Facts,
    path: Path,
    language: str,
    referral: Referral | None = None,
) -> Path:
    """Write the client summary as PDF (a .pdf path) or HTML (any other suffix)."""
    html = render_client_summary(determination, facts, language, referral)
    return write_document(html, path)


__all__ = ["ClientSummary", "client_summary", "render_client_summary", "write_client_summary"]
