"""Continuous physical presence: the clock from the last arrival, and what evidence shows.

8 CFR 235.3(b)(1)(ii): the person must show continuous presence "for the 2-year period
immediately prior to the date of determination of inadmissibility"; "Any absence from the
United States shall serve to break the period of continuous physical presence", so the
clock starts at the last arrival on or before the determination date. The window is the
last arrival through the day before the determination (the 2004 designation counts its
14 days the same way, to the day before the encounter: 69 FR 48877).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from erpath.contract.facts import Arrival, Facts

ONE_DAY = timedelta(days=1)


class AbroadError(ValueError):
    """The facts place the person outside the United States on the determination date."""


@dataclass(frozen=True)
class Stretch:
    """Consecutive days, both ends included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Coverage:
    """How much of the window [since, until) some evidence covers."""

    since: date
    until: date
    covered: tuple[Stretch, ...]
    gaps: tuple[Stretch, ...]

    @property
    def days(self) -> int:
        return max((self.until - self.since).days, 0)

    @property
    def shown_days(self) -> int:
        return sum(s.days for s in self.covered)

    @property
    def run_start(self) -> date | None:
        """First day of the unbroken covered run that ends the day before `until`."""
        if self.covered and self.covered[-1].end == self.until - ONE_DAY:
            return self.covered[-1].start
        return None


def coverage(intervals: Iterable[tuple[date, date]], since: date, until: date) -> Coverage:
    """Merge the inclusive `intervals`, clipped to [since, until), and find the gaps."""
    last = until - ONE_DAY
    clipped = sorted(
        (max(start, since), min(end, last))
        for start, end in intervals
        if end >= since and start <= last
    )
    merged: list[Stretch] = []
    for start, end in clipped:
        if merged and start <= merged[-1].end + ONE_DAY:
            if end > merged[-1].end:
                merged[-1] = Stretch(merged[-1].start, end)
        else:
            merged.append(Stretch(start, end))
    gaps: list[Stretch] = []
    cursor = since
    for stretch in merged:
        if stretch.start > cursor:
            gaps.append(Stretch(cursor, stretch.start - ONE_DAY))
        cursor = stretch.end + ONE_DAY
    if since <= last and cursor <= last:
        gaps.append(Stretch(cursor, last))
    return Coverage(since, until, tuple(merged), tuple(gaps))


def gaps_within(cov: Coverage, start: date) -> tuple[Stretch, ...]:
    """The uncovered stretches of `cov` from `start` on."""
    return tuple(Stretch(max(g.start, start), g.end) for g in cov.gaps if g.end >= start)


def last_arrival(facts: Facts, day: date) -> Arrival | None:
    """The last arrival on or before `day`; AbroadError if the person had left by then."""
    arrived = [a for a in facts.arrivals if a.date <= day]
    if not arrived:
        return None
    last = arrived[-1]
    left = [d for d in facts.departures if last.date <= d < day]
    if left:
        raise AbroadError(
            f"as_of: the person left the United States on {left[0]} and the facts give no "
            f"arrival after that on or before {day}"
        )
    return last


def evidence_coverage(facts: Facts, since: date, until: date) -> Coverage:
    return coverage(((e.from_, e.to) for e in facts.evidence), since, until)
