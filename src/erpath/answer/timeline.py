"""The answer on every day ahead (CONTRACT.md `timeline`): as the facts are given, and, where
a 240 case is pending, if DHS's motion to dismiss were granted that day, appeal waived and
the person arrested that day (8 CFR 239.2(c), 1239.2(c); brief section 3).

Each posture is one table of one row a day, answered by the vectorised rules
(`erpath.rules.vectorised`); the open points of each period are read from the one-row
evaluation of its first day, and what starts it from the dated changes the counterfactuals
know (`date_changes`: the law data's entries, the two-year date, the end of the evidence,
the day after the law is verified through).
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from erpath.answer.counterfactuals import date_changes
from erpath.contract.determination import Period, Timeline
from erpath.contract.facts import Facts
from erpath.presence import last_arrival
from erpath.presence.analysis import Policy, run_start
from erpath.rules.answer import evaluate_row, open_codes
from erpath.rules.row import facts_frame
from erpath.rules.ruleset import RuleSet
from erpath.rules.vectorised import determine_table
from erpath.wording import words

# At most three years ahead (CONTRACT.md), counted from `as_of`.
HORIZON = timedelta(days=3 * 365 + 1)


def posture_rows(
    facts: Facts, base: dict[str, Any], days: list[date], policy: Policy, dismissed: bool
) -> list[dict[str, Any]]:
    """One facts row a day: the determination date moves; the encounter moves with it where
    it is the determination's own (or not given), and always when the case is dismissed and
    the person arrested that day."""
    arrival = last_arrival(facts, facts.day)
    given = facts.encounter.date if facts.encounter else None
    moves = dismissed or given is None or given == facts.day
    rows = []
    for day in days:
        row = {
            **base,
            "as_of": day,
            "as_of_instant": base["as_of_instant"] if day == facts.day else None,
        }
        if arrival is not None:
            row["evidence_run_start"] = run_start(facts, arrival.date, day, policy)
            if moves:
                row["evidence_run_start_at_encounter"] = run_start(facts, arrival.date, day)
        if moves and given is not None:
            row["encounter_date"] = day
        if dismissed:
            row |= {
                "section_240": "dismissed",
                "dismissed_on": day,
                "dismissal_appeal_pending": False,
                "dismissal_appeal_waived": True,
                "encounter_date": day,
            }
        rows.append(row)
    return rows


def _periods(
    rules: RuleSet,
    rows: list[dict[str, Any]],
    causes: dict[date, tuple[str, str]],
    cut: bool,
) -> list[Period]:
    answers = determine_table(rules, facts_frame(rows))
    answer = answers.get_column("er_applicable").to_list()
    blocking = answers.get_column("blocking").to_list()
    days = [r["as_of"] for r in rows]
    # A period may start where the vectorised answer changes, or on a day a dated change
    # falls (the open points may change while the answer does not).
    starts = {0} | {
        i
        for i in range(1, len(days))
        if (answer[i], blocking[i]) != (answer[i - 1], blocking[i - 1])
    }
    starts |= {(d - days[0]).days for d in causes if days[0] < d <= days[-1]}
    found: list[Period] = []
    for i in sorted(starts):
        points = open_codes(rules, evaluate_row(rules, rows[i]))
        state = (answer[i], sorted(blocking[i] or []), points)
        if found and (found[-1].er_applicable, found[-1].blocking, found[-1].uncertain) == state:
            continue
        found.append(
            Period(
                **{"from": days[i]},
                to=None,
                er_applicable=answer[i],
                blocking=state[1],
                uncertain=points,
                because=causes[days[i]][0] if i and days[i] in causes else None,
                cause=causes[days[i]][1] if i and days[i] in causes else None,
            )
        )
    closed = [p.model_copy(update={"to": n.from_ - timedelta(days=1)}) for p, n in pairwise(found)]
    end = found[-1].model_copy(update={"to": days[-1] if cut else None})
    return [*closed, end]


def timeline(
    rules: RuleSet,
    facts: Facts,
    base: dict[str, Any],
    values: dict[str, Any],
    policy: Policy,
    language: str = "en",
) -> Timeline:
    """The periods ahead of `as_of` for each posture, up to the last dated change that can
    still alter an answer (at most three years); what starts each in `language`. `base` is
    the facts' row (`facts_row`) and `values` its evaluation's."""
    law = rules.law
    w = words(language)
    changes = [c for c in date_changes(law, facts, values, language) if c.day > facts.day]
    # On the day after the law data's verification ends, that is what starts a period:
    # every order's effect is unknown from then (CONTRACT.md `because`).
    unverified = law.verified_through + timedelta(days=1)
    causes = {c.day: (c.event, w.change("date", c.what, **c.context)) for c in changes}
    if unverified > facts.day:
        causes[unverified] = (
            "verified_through",
            w.summary("verified_through", date=law.verified_through),
        )
    horizon = facts.day + HORIZON
    cut = any(d > horizon for d in causes)
    end = horizon if cut else max(causes, default=facts.day + timedelta(days=1))
    days = [facts.day + timedelta(days=i) for i in range((end - facts.day).days + 1)]
    as_given = _periods(rules, posture_rows(facts, base, days, policy, False), causes, cut)
    if_dismissed = None
    if values["section_240"] == "pending":
        if_dismissed = _periods(rules, posture_rows(facts, base, days, policy, True), causes, cut)
    return Timeline(as_given=as_given, if_dismissed=if_dismissed)


__all__ = ["HORIZON", "posture_rows", "timeline"]
