"""Whether the law puts each simulated person in expedited removal's reach, day by day.

People who share the facts the rules read (the day of entry, the manner, whether they can
show their presence, nationality, how near the border, whether a 240 case was dismissed)
form a class. The rules (`erpath.rules.vectorised.determine_table`, the engine every answer
uses) are asked for each class only on the days its answer can change: the days the law
changes (and the day after each, for a change at a time of day) and the days each period
of presence the designations count (two years, 14 days: law data) completes for the class,
and the day the recent presence anyone can show reaches back to the entry, each with a day
either side; the answer is held between them. `tests/simulate` checks this
against asking on every day.

After the law data's verified date (`meta.yaml` verified_through) the law is held as it
stood on that date (the scenario's reading `after_verified: held`): a later day is answered
as that date for a person present as long as they are on the later day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt
import polars as pl

from erpath.law.model import Law, Presence
from erpath.rules import RuleSet
from erpath.rules.row import FACT_COLUMNS
from erpath.rules.vectorised import determine_table

NO, YES, DEPENDS = 0, 1, 2
ANSWER_CODES = {"no": NO, "yes": YES, "depends": DEPENDS}
# A simulated person is an adult (no one in the model is a child: chosen, ADR 0034).
BIRTH_DATE = date(1990, 6, 30)


def border_line(law: Law) -> float:
    """The distance from the land border the designations draw their line at
    (`border_miles` of their classes, law data: 100 miles in 2004, 2019 and 2025)."""
    lines = {
        m for _, cls in law.classes() if cls.border_miles for m in
        (cls.border_miles.within, cls.border_miles.beyond) if m is not None
    }  # fmt: skip
    if len(lines) != 1:
        raise ValueError(f"the designations draw the border line at {sorted(lines)} miles, not one")
    return lines.pop()


@dataclass(frozen=True)
class Profile:
    """The facts of a class of people, beside the day."""

    arrival: date
    without_inspection: bool
    documented: bool
    citizenship: str
    near_border: bool
    in_240: bool  # a 240 case was dismissed (False: encountered with no case, at the border)
    # the days before each day that anyone can show (a lease, pay): evidence runs from the
    # later of that and the entry; `documented` people show their presence since the entry
    recent_days: int = 0

    def shown_from(self, on: date, arrival: date) -> date | None:
        if self.documented:
            return arrival
        if self.recent_days == 0:
            return None
        return max(arrival, on - timedelta(days=self.recent_days))


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _periods(law: Law) -> list[Presence]:
    return [p for _, cls in law.classes() for p in cls.periods()]


def _completes(law: Law, presence: Presence, arrival: date) -> date:
    """The day a period of presence counted from `arrival` completes."""
    if presence.parameter is not None:
        parameter = law.parameters[presence.parameter]
        value = parameter.value_on(arrival)
        unit = parameter.unit
    else:
        value = presence.years if presence.years is not None else presence.days or 0
        unit = "years" if presence.years is not None else "days"
    return _add_years(arrival, value) if unit == "years" else arrival + timedelta(days=value)


def change_days(law: Law) -> list[date]:
    """The days the law changes, and the day after each."""
    days = {c.day for c in law.changes()}
    return sorted(days | {d + timedelta(days=1) for d in days})


def ask_days(law: Law, profile: Profile, first: date, last: date) -> list[date]:
    """The days within [first, last] (from the arrival) on which the class's answer may
    change; the first of them is the first day asked."""
    start = max(first, profile.arrival)
    days = {start}
    for d in change_days(law):
        if start < d <= last:
            days.add(d)
    thresholds = [_completes(law, period, profile.arrival) for period in _periods(law)]
    if profile.recent_days and not profile.documented:
        thresholds.append(profile.arrival + timedelta(days=profile.recent_days))
    for done in thresholds:
        for d in (done - timedelta(days=1), done, done + timedelta(days=1)):
            if start < d <= last:
                days.add(d)
    return sorted(days)


def facts_rows(law: Law, profile: Profile, days: list[date]) -> list[dict[str, object]]:
    """The facts table's rows for the class on `days` (the law held after its verified
    date)."""
    held = law.verified_through
    rows = []
    for day in days:
        shift = max((day - held).days, 0)
        on = day - timedelta(days=shift)
        arrival = profile.arrival - timedelta(days=shift)
        rows.append(
            {
                "as_of": on,
                "citizenship": [profile.citizenship],
                "birth_date": BIRTH_DATE,
                "accompanied_by": "none",
                "arrival_date": arrival,
                "arrival_manner": "without_inspection"
                if profile.without_inspection
                else "admitted",
                "arrival_mode": "land" if profile.without_inspection else "air",
                "arrival_at_port_of_entry": not profile.without_inspection,
                # a class near the border stands at half the line's distance, one inland
                # at five times it: the answer turns only on which side of it they are
                "miles_from_land_border": border_line(law) * (0.5 if profile.near_border else 5),
                "encounter_date": on,
                "er_ground_charged": True,
                "section_240": "dismissed" if profile.in_240 else "none",
                "dismissal_appeal_pending": False if profile.in_240 else None,
                "evidence_run_start": profile.shown_from(on, arrival),
                "evidence_run_start_at_encounter": profile.shown_from(on, arrival),
            }
        )
    return rows


def answers_on(rules: RuleSet, law: Law, profile: Profile, days: list[date]) -> list[str]:
    """The rules' answer (`yes`, `no`, `depends`) for the class on each of `days`."""
    table = pl.DataFrame(
        [{k: r.get(k) for k in FACT_COLUMNS} for r in facts_rows(law, profile, days)],
        schema=FACT_COLUMNS,
    )
    return determine_table(rules, table).get_column("er_applicable").to_list()


def reach_table(
    rules: RuleSet, profiles: list[Profile], first: date, last: date
) -> npt.NDArray[np.int8]:
    """answer[class, day - first] (NO, YES, DEPENDS) for every day of [first, last]; NO
    before the class's arrival. One run of the rules for every class and day asked."""
    law = rules.law
    span = (last - first).days + 1
    out = np.zeros((len(profiles), span), dtype=np.int8)
    asked = [ask_days(law, p, first, last) for p in profiles]
    rows = [r for p, days in zip(profiles, asked, strict=True) for r in facts_rows(law, p, days)]
    if not rows:
        return out
    table = pl.DataFrame([{k: r.get(k) for k in FACT_COLUMNS} for r in rows], schema=FACT_COLUMNS)
    answers = determine_table(rules, table).get_column("er_applicable").to_list()
    at = 0
    for i, days in enumerate(asked):
        for j, day in enumerate(days):
            begin = (day - first).days
            end = (days[j + 1] - first).days if j + 1 < len(days) else span
            out[i, begin:end] = ANSWER_CODES[answers[at + j]]
        at += len(days)
    return out
