"""The evidence workbench: what the documents show of two years' presence, where the gaps
are, and what to collect.

The law: the person must "affirmatively show, to the satisfaction of an immigration
officer" continuous presence "for the 2-year period immediately prior to the date of the
determination" (INA 235(b)(1)(A)(iii)(II); 8 CFR 235.3(b)(1)(ii)); any absence breaks it.
Whether documents satisfy the officer is the officer's call: the policies below are
erpath's two documented readings of "shown", not legal standards.

- `daily`: every day of the period lies inside some document's interval (the default,
  and what the screening uses).
- `monthly`: every calendar month of the period is touched by a document issued by a
  government or a business (not only by affidavits or personal records).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from erpath.contract.facts import Evidence, EvidenceKind, Facts
from erpath.law.loader import bundled_law
from erpath.law.years import anniversary, period_start
from erpath.presence.clock import ONE_DAY, Coverage, Stretch, coverage, last_arrival
from erpath.presence.kinds import RANK, Strength, strength_of, to_collect

Policy = Literal["daily", "monthly"]
POLICIES: tuple[Policy, ...] = ("daily", "monthly")
TIERS: tuple[Strength, ...] = ("strong", "good", "weak")


@dataclass(frozen=True)
class Document:
    """One evidence document as the analysis reads it."""

    number: int  # 1-based position in the facts' evidence list
    evidence: Evidence
    strength: Strength
    used: Stretch | None  # the part inside the window
    ignored: str | None  # why it counts for nothing, if it does not


@dataclass(frozen=True)
class Month:
    first: date
    days: int  # days of this month inside the window
    covered: int
    best: Strength | None
    third_party: bool  # touched by a government or business document


@dataclass(frozen=True)
class Suggestion:
    gap: Stretch
    kinds: tuple[EvidenceKind, ...]  # what to collect for the gap, sized to it (kinds.to_collect)


@dataclass(frozen=True)
class Analysis:
    as_of: date
    since: date
    policy: Policy
    years: int
    two_year_date: date
    period_start: date  # first day the law looks at (clipped to the last arrival)
    documents: tuple[Document, ...]
    coverage: Coverage  # daily, over the whole window [since, as_of)
    months: tuple[Month, ...]
    run_start: date | None
    complete: bool  # the arrivals say two years are complete
    shown: bool  # complete, and the evidence shows it under the policy
    gaps: tuple[Stretch, ...]  # what the policy still needs inside the period
    personal_only: tuple[Stretch, ...]
    weakest: Stretch | None  # the longest stretch covered only by the weakest documents
    weakest_strength: Strength | None
    suggestions: tuple[Suggestion, ...]


def _months(start: date, end: date) -> list[tuple[date, date]]:
    """Calendar months overlapping [start, end], each clipped to it."""
    out = []
    first = start.replace(day=1)
    while first <= end:
        following = (first + timedelta(days=32)).replace(day=1)
        out.append((max(first, start), min(following - ONE_DAY, end)))
        first = following
    return out


def _covers(cov: Coverage, start: date, end: date) -> int:
    return sum(
        (min(s.end, end) - max(s.start, start)).days + 1
        for s in cov.covered
        if s.end >= start and s.start <= end
    )


def _documents(facts: Facts, since: date, until: date) -> tuple[Document, ...]:
    out = []
    for number, e in enumerate(facts.evidence, start=1):
        ignored = None
        if e.to < since:
            ignored = f"ends before the last arrival ({since})"
        elif e.from_ >= until:
            ignored = f"starts on or after the determination date ({until})"
        used = None if ignored else Stretch(max(e.from_, since), min(e.to, until - ONE_DAY))
        out.append(Document(number, e, strength_of(e), used, ignored))
    return tuple(out)


def _tier(docs: tuple[Document, ...], at_least: int, since: date, until: date) -> Coverage:
    return coverage(
        ((d.evidence.from_, d.evidence.to) for d in docs if RANK[d.strength] >= at_least),
        since,
        until,
    )


def _monthly_run_start(months: list[Month], since: date) -> date | None:
    start = None
    for month in reversed(months):
        if not month.third_party:
            break
        start = max(month.first, since)
    return start


def run_start(facts: Facts, since: date, until: date, policy: Policy = "daily") -> date | None:
    """First day of the unbroken stretch, ending the day before `until`, that the
    evidence shows under `policy` (clipped to `since`); None if the day before is bare."""
    if policy == "daily":
        return coverage(((e.from_, e.to) for e in facts.evidence), since, until).run_start
    docs = _documents(facts, since, until)
    return _monthly_run_start(_month_table(docs, since, until), since)


def _month_table(docs: tuple[Document, ...], since: date, until: date) -> list[Month]:
    if until <= since:
        return []
    last = until - ONE_DAY
    tiers = {name: _tier(docs, RANK[name], since, until) for name in TIERS}
    months = []
    for start, end in _months(since, last):
        best = next((n for n in TIERS if _covers(tiers[n], start, end)), None)
        months.append(
            Month(
                first=start.replace(day=1),
                days=(end - start).days + 1,
                covered=_covers(tiers["weak"], start, end),
                best=best,
                third_party=_covers(tiers["good"], start, end) > 0,
            )
        )
    return months


def _stretches_missing(months: list[Month], start: date, until: date) -> list[Stretch]:
    """Months that lack a government or business document, from `start`, as stretches."""
    out: list[Stretch] = []
    for month in months:
        following = (month.first + timedelta(days=32)).replace(day=1)
        lo, hi = max(month.first, start), min(following, until) - ONE_DAY
        if month.third_party or hi < lo:
            continue
        if out and out[-1].end + ONE_DAY == lo:
            out[-1] = Stretch(out[-1].start, hi)
        else:
            out.append(Stretch(lo, hi))
    return out


def _only(outer: Coverage, inner: Coverage) -> list[Stretch]:
    """Days covered by `outer` but not by `inner`, as stretches."""
    out: list[Stretch] = []
    for s in outer.covered:
        for g in inner.gaps:
            lo, hi = max(s.start, g.start), min(s.end, g.end)
            if lo <= hi:
                out.append(Stretch(lo, hi))
    return sorted(out, key=lambda s: s.start)


def analyse(facts: Facts, on: date | None = None, policy: Policy = "daily") -> Analysis:
    """The evidence of presence on `on` (default `as_of`) under `policy`."""
    until = on or facts.day
    arrival = last_arrival(facts, until)
    if arrival is None:
        raise ValueError(f"arrivals: no arrival on or before {until}; the clock cannot start")
    since = arrival.date
    years = bundled_law().parameters.designated_presence_years.value_on(until)
    two_year_date = anniversary(since, years)
    start = max(since, period_start(until, years))
    docs = _documents(facts, since, until)
    daily = coverage(((e.from_, e.to) for e in facts.evidence), since, until)
    months = _month_table(docs, since, until)
    if policy == "daily":
        first = daily.run_start
        gaps = tuple(Stretch(max(g.start, start), g.end) for g in daily.gaps if g.end >= start)
    else:
        first = _monthly_run_start(months, since)
        gaps = tuple(_stretches_missing(months, start, until))
    complete = two_year_date <= until
    shown = complete and first is not None and anniversary(first, years) <= until
    strong_or_good = _tier(docs, RANK["good"], since, until)
    personal_only = tuple(_only(daily, strong_or_good))
    strong = _tier(docs, RANK["strong"], since, until)
    lowest: tuple[Stretch, ...] = personal_only or tuple(_only(strong_or_good, strong))
    weakest = max(lowest, key=lambda s: s.days, default=None)
    weakest_strength: Strength | None = None
    if weakest is not None:
        weakest_strength = "weak" if personal_only else "good"
    held = {d.evidence.kind for d in docs if d.used is not None}
    return Analysis(
        as_of=until,
        since=since,
        policy=policy,
        years=years,
        two_year_date=two_year_date,
        period_start=start,
        documents=docs,
        coverage=daily,
        months=tuple(months),
        run_start=first,
        complete=complete,
        shown=shown,
        gaps=gaps,
        personal_only=personal_only,
        weakest=weakest,
        weakest_strength=weakest_strength,
        suggestions=tuple(Suggestion(g, to_collect(g.days, held)) for g in gaps),
    )
