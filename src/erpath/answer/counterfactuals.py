"""The smallest changes of fact or date that change a determination (CONTRACT.md,
`counterfactuals`): the next date on which the answer changes, each blocking fact
removed, and the evidence gaps that, once covered, would change it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from erpath.contract.determination import Counterfactual, Gap
from erpath.contract.facts import Evidence, Facts
from erpath.law.model import Law
from erpath.law.years import anniversary
from erpath.presence import Coverage, Stretch, evidence_coverage, gaps_within, period_start
from erpath.presence.analysis import Policy
from erpath.rules.answer import Evaluation, evaluate_row
from erpath.rules.row import facts_row
from erpath.rules.ruleset import RuleSet
from erpath.wording import words


def evaluate(rules: RuleSet, facts: Facts, policy: Policy = "daily") -> Evaluation:
    return evaluate_row(rules, facts_row(facts, rules.law, policy))


def gap(stretch: Stretch) -> Gap:
    return Gap(**{"from": stretch.start, "to": stretch.end})


def period_gaps(law: Law, facts: Facts, cov: Coverage | None) -> tuple[Stretch, ...]:
    """The uncovered days of the two years before `as_of` (INA 235(b)(1)(A)(iii)(II))."""
    if cov is None:
        return ()
    years = law.parameters.designated_presence_years.value_on(facts.day)
    return gaps_within(cov, period_start(facts.day, years))


def stretches(gaps: list[Gap], language: str = "en") -> str:
    """The stretches `gaps` as a list in words of `language`."""
    w = words(language)
    return w.join(w.fragment("stretch", start=g.from_, end=g.to) for g in gaps)


def _with(facts: Facts, **changes: Any) -> Facts:
    data = facts.model_dump(by_alias=True)
    for path, value in changes.items():
        target = data
        *parents, leaf = path.split(".")
        for part in parents:
            target = target.setdefault(part, {}) or {}
        target[leaf] = value
    return Facts.model_validate(data)


# Which change of a day names it, where several fall on one day: a designation taking
# effect, then a court order, then the rest in the law data's order.
FIRST_NAMED = ("designation_takes_effect", "order_takes_effect", "order_ends", "contested_from")


@dataclass(frozen=True)
class DateChange:
    """A day ahead on which the answer may change: the entry whose day it is (CONTRACT.md
    `counterfactuals[].event`) and what happens (`changes.date.<what>` in the wording)."""

    day: date
    event: str
    what: str
    context: dict[str, Any]
    at: datetime | None = None  # where the change falls at a time of day


def date_changes(law: Law, facts: Facts, values: dict[str, Any], language: str) -> list[DateChange]:
    w = words(language)
    titles = {d.id: d.title for d in law.designations} | {o.id: o.title for o in law.orders}
    questions = {k: c.question for k, c in law.contested.items()}
    ranked = sorted(
        law.changes(),
        key=lambda c: FIRST_NAMED.index(c.what) if c.what in FIRST_NAMED else len(FIRST_NAMED),
    )
    found: dict[date, DateChange] = {}
    for c in ranked:
        context = {}
        if c.entry in titles:
            context["title"] = w.law_text(c.entry, titles[c.entry])
        if c.entry in questions:
            context["question"] = w.law_text(c.entry, questions[c.entry])
        found.setdefault(c.day, DateChange(c.day, c.entry, c.what, context, c.at))
    if values["two_year_date"]:
        day = values["two_year_date"]
        found[day] = DateChange(day, "two_year_date", "two_year_date", {})
    for key, event, what in (
        ("parole_until", "parole_until", "parole_ends"),
        ("tps_until", "tps_until", "tps_ends"),
        ("due:bia_appeal_of_dismissal", "bia_appeal_of_dismissal", "appeal_window_closes"),
    ):
        if values.get(key):
            day = values[key] + timedelta(days=1)
            found.setdefault(day, DateChange(day, event, what, {}))
    ends = _evidence_ends(facts)
    if ends is not None:
        # the first determination whose counted days include one the evidence leaves out
        day = ends + timedelta(days=2)
        found.setdefault(day, DateChange(day, "evidence_ends", "evidence_ends", {"date": ends}))
    adulthood = law.parameters.child_age_years
    child_age = adulthood.on(facts.day)
    if values["birth_date"] and values["encounter_date"] is None and child_age:
        day = anniversary(values["birth_date"], child_age.value)
        found.setdefault(
            day, DateChange(day, adulthood.id, "turns_adult", {"age": child_age.value})
        )
    return sorted(found.values(), key=lambda c: c.day)


def _evidence_ends(facts: Facts) -> date | None:
    """The last day of the evidence's unbroken run through the day before `as_of` (the
    last day counted), or None when that day is not covered."""
    if not facts.evidence:
        return None
    last_counted = facts.day - timedelta(days=1)
    horizon = max(e.to for e in facts.evidence) + timedelta(days=1)
    ahead = evidence_coverage(facts, last_counted, max(horizon, facts.day))
    if ahead.covered and ahead.covered[0].start == last_counted:
        return ahead.covered[0].end
    return None


def _probe(facts: Facts, change: DateChange) -> str | None:
    """The determination date to try for `change`: its instant where it falls at a time
    of day after the determination's own, else its day when that is later; None when the
    change is not ahead."""
    if change.at is None:
        return change.day.isoformat() if change.day > facts.day else None
    as_of = facts.as_of
    ahead = change.at > as_of if isinstance(as_of, datetime) else change.day >= facts.day
    return change.at.isoformat() if ahead else None


@dataclass(frozen=True)
class FactChange:
    """One fact changed: the field path, the procedural step that would change it (or
    none), the wording's key (`changes.fact.<what>`) and the changes to the facts."""

    fact: str
    event: str | None
    what: str
    changes: dict[str, Any]


def _terminated_parole(facts: Facts) -> list[dict[str, Any]]:
    last = facts.arrivals[-1]
    parole = last.parole.model_dump() if last.parole else {}
    return [
        *[a.model_dump(by_alias=True) for a in facts.arrivals[:-1]],
        {
            **last.model_dump(by_alias=True),
            "parole": {**parole, "terminated_on": facts.day.isoformat()},
        },
    ]


def _fact_changes(facts: Facts, ev: Evaluation) -> list[FactChange]:
    found: list[FactChange] = []
    blocking = ev.blocking
    if "pending_240_proceedings" in blocking or "ordered_removed_in_240" in blocking:
        found.append(
            FactChange(
                "proceedings.section_240",
                "ij_grants_dismissal",
                "dismissed",
                {
                    "proceedings.section_240": "dismissed",
                    "proceedings.dismissal_appeal_pending": False,
                    "proceedings.dismissed_on": None,
                },
            )
        )
    if "two_years_shown" in blocking:
        found.append(
            FactChange("presence_finding", None, "not_shown", {"presence_finding": "not_shown"})
        )
    if "no_er_ground" in blocking:
        found.append(
            FactChange(
                "inadmissibility_grounds",
                None,
                "er_ground_charged",
                {"inadmissibility_grounds": ["7"]},
            )
        )
    if ev.values["c:parole_in_effect"] is True:
        index = len(facts.arrivals) - 1
        found.append(
            FactChange(
                f"arrivals[{index}].parole.terminated_on",
                None,
                "parole_terminated",
                {"arrivals": _terminated_parole(facts)},
            )
        )
    return found


def counterfactuals(
    rules: RuleSet,
    facts: Facts,
    ev: Evaluation,
    cov: Coverage | None,
    policy: Policy,
    language: str = "en",
) -> list[Counterfactual]:
    """The next date that changes the answer, then each fact and the evidence whose
    change would, each worded in `language`."""
    w = words(language)
    found: list[Counterfactual] = []
    values, answer = ev.values, ev.er_applicable
    for c in date_changes(rules.law, facts, values, language):
        probe = _probe(facts, c)
        if probe is None:
            continue
        try:
            other = evaluate(rules, _with(facts, as_of=probe), policy).er_applicable
        except ValueError:
            continue
        if other != answer:
            found.append(
                Counterfactual(
                    change=w.change("date", c.what, **c.context),
                    er_applicable=other,
                    kind="date",
                    on=c.at or c.day,
                    event=c.event,
                )
            )
            break
    for f in _fact_changes(facts, ev):
        try:
            other = evaluate(rules, _with(facts, **f.changes), policy).er_applicable
        except ValueError:
            continue
        if other != answer:
            found.append(
                Counterfactual(
                    change=w.change("fact", f.what),
                    er_applicable=other,
                    kind="fact",
                    event=f.event,
                    fact=f.fact,
                )
            )
    if (
        cov is not None
        and cov.gaps
        and (values["c:two_years_shown"] is None or values["c:fourteen_days_shown"] is None)
    ):
        missing = period_gaps(rules.law, facts, cov)
        extra = [Evidence(kind="other", **{"from": g.start, "to": g.end}) for g in missing]
        covered = {"evidence": [e.model_dump(by_alias=True) for e in [*facts.evidence, *extra]]}
        try:
            other = evaluate(rules, _with(facts, **covered), policy).er_applicable
        except ValueError:
            other = answer
        if other != answer:
            gaps = stretches([gap(g) for g in missing], language)
            found.append(
                Counterfactual(
                    change=w.change("evidence", gaps=gaps),
                    er_applicable=other,
                    kind="evidence",
                    fact="evidence",
                )
            )
    return found
