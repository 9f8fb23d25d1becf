"""The smallest changes of fact or date that change a determination (CONTRACT.md,
`counterfactuals`): the next date on which the answer changes, each blocking fact
removed, and the evidence gaps that, once covered, would change it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from erpath.contract.determination import Counterfactual, Gap
from erpath.contract.facts import Evidence, Facts
from erpath.law.model import Law
from erpath.law.moment import boundary_day
from erpath.law.years import anniversary
from erpath.presence import Coverage, Stretch, gaps_within, period_start
from erpath.presence.analysis import Policy
from erpath.rules.answer import Evaluation, evaluate_row
from erpath.rules.row import facts_row
from erpath.rules.ruleset import RuleSet


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


def stretches(gaps: list[Gap]) -> str:
    return ", ".join(f"{g.from_} to {g.to}" for g in gaps) or "none"


def _with(facts: Facts, **changes: Any) -> Facts:
    data = facts.model_dump(by_alias=True)
    for path, value in changes.items():
        target = data
        *parents, leaf = path.split(".")
        for part in parents:
            target = target.setdefault(part, {}) or {}
        target[leaf] = value
    return Facts.model_validate(data)


def _date_labels(law: Law, facts: Facts, values: dict[str, Any]) -> dict[date, str]:
    labels: dict[date, str] = {}
    for d in law.designations:
        labels.setdefault(boundary_day(d.since), f"{d.title} takes effect")
    for o in law.orders:
        if o.since:
            labels.setdefault(o.since, o.title)
        if o.until:
            labels.setdefault(o.until, f"{o.title}: ends")
        for u in o.unknown:
            labels.setdefault(u.from_, law.contested[u.contested].question)
    for day in law.boundaries():
        labels.setdefault(day, "the law in force changes")
    if values["two_year_date"]:
        labels[values["two_year_date"]] = "two years since the last arrival"
    for key, text in (
        ("parole_until", "the parole expires"),
        ("due:bia_appeal_of_dismissal", "the dismissal's appeal window closes"),
    ):
        if values.get(key):
            labels.setdefault(values[key] + timedelta(days=1), text)
    child_age = law.parameters.child_age_years.on(facts.day)
    if values["birth_date"] and values["encounter_date"] is None and child_age:
        adult = anniversary(values["birth_date"], child_age.value)
        labels.setdefault(adult, f"the person turns {child_age.value}")
    return labels


def counterfactuals(
    rules: RuleSet, facts: Facts, ev: Evaluation, cov: Coverage | None, policy: Policy
) -> list[Counterfactual]:
    found: list[Counterfactual] = []
    values, answer = ev.values, ev.er_applicable
    for day, label in sorted(_date_labels(rules.law, facts, values).items()):
        if day <= facts.day:
            continue
        try:
            later = _with(facts, as_of=day.isoformat())
            other = evaluate(rules, later, policy).er_applicable
        except ValueError:
            continue
        if other != answer:
            found.append(Counterfactual(change=f"on {day}: {label}", er_applicable=other, on=day))
            break
    changes: list[tuple[str, dict[str, Any]]] = []
    blocking = ev.blocking
    if "pending_240_proceedings" in blocking or "ordered_removed_in_240" in blocking:
        changes.append(
            (
                "the 240 case is dismissed",
                {
                    "proceedings.section_240": "dismissed",
                    "proceedings.dismissal_appeal_pending": False,
                    "proceedings.dismissed_on": None,
                },
            )
        )
    if "two_years_shown" in blocking:
        changes.append(
            (
                "the officer is not satisfied that two years are shown",
                {"presence_finding": "not_shown"},
            )
        )
    if "no_er_ground" in blocking:
        changes.append(("DHS charges INA 212(a)(7)", {"inadmissibility_grounds": ["7"]}))
    if values["c:parole_in_effect"] is True:
        changes.append(
            (
                "the parole is terminated",
                {
                    "arrivals": [
                        *[a.model_dump(by_alias=True) for a in facts.arrivals[:-1]],
                        {
                            **facts.arrivals[-1].model_dump(by_alias=True),
                            "parole": {
                                **(
                                    facts.arrivals[-1].parole.model_dump()
                                    if facts.arrivals[-1].parole
                                    else {}
                                ),
                                "terminated_on": facts.day.isoformat(),
                            },
                        },
                    ]
                },
            )
        )
    if (
        cov is not None
        and cov.gaps
        and (values["c:two_years_shown"] is None or values["c:fourteen_days_shown"] is None)
    ):
        missing = period_gaps(rules.law, facts, cov)
        extra = [Evidence(kind="other", **{"from": g.start, "to": g.end}) for g in missing]
        gaps = stretches([gap(g) for g in missing])
        changes.append(
            (
                f"documents covering {gaps} are produced",
                {"evidence": [e.model_dump(by_alias=True) for e in [*facts.evidence, *extra]]},
            )
        )
    for text, change in changes:
        try:
            other = evaluate(rules, _with(facts, **change), policy).er_applicable
        except ValueError:
            continue
        if other != answer:
            found.append(Counterfactual(change=text, er_applicable=other))
    return found
