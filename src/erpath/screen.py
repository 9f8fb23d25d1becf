"""Screen one person: the determination with reasons, presence, law, deadlines and the
smallest changes that would alter it (CONTRACT.md)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from erpath.determination import (
    Counterfactual,
    Deadline,
    Determination,
    Gap,
    LawInForce,
    Presence,
    Reason,
    Uncertain,
)
from erpath.facts import Evidence, Facts
from erpath.law.model import Law
from erpath.law.moment import Moment, boundary_day
from erpath.presence import (
    Coverage,
    Stretch,
    evidence_coverage,
    gaps_within,
    last_arrival,
    period_start,
)
from erpath.presence.analysis import Policy
from erpath.rules import bundled_rules
from erpath.rules.answer import Evaluation, evaluate_row
from erpath.rules.expr import anniversary
from erpath.rules.row import facts_row
from erpath.rules.ruleset import DEADLINES, RuleSet
from erpath.wording import say, wording


def evaluate(rules: RuleSet, facts: Facts, policy: Policy = "daily") -> Evaluation:
    return evaluate_row(rules, facts_row(facts, policy))


def _outcome(value: bool | None) -> str:
    return "unknown" if value is None else ("holds" if value else "fails")


def _gap(stretch: Stretch) -> Gap:
    return Gap(**{"from": stretch.start, "to": stretch.end})


def _period_gaps(law: Law, facts: Facts, cov: Coverage | None) -> tuple[Stretch, ...]:
    """The uncovered days of the two years before `as_of` (INA 235(b)(1)(A)(iii)(II))."""
    if cov is None:
        return ()
    years = law.parameters["designated_presence_years"].values[-1].value
    return gaps_within(cov, period_start(facts.day, years))


def _stretches(gaps: list[Gap]) -> str:
    return ", ".join(f"{g.from_} to {g.to}" for g in gaps) or "none"


def _context(
    facts: Facts, law: Law, values: dict[str, Any], cov: Coverage | None
) -> dict[str, Any]:
    day = facts.day
    moment = Moment.of(facts.as_of)
    miles = values["miles_from_land_border"]
    missing = [
        name
        for name, key in (
            ("arrivals[].manner", "arrival_manner"),
            ("arrivals[].mode", "arrival_mode"),
            ("encounter.miles_from_land_border", "miles_from_land_border"),
        )
        if values[key] is None
    ]
    if values["arrival_date"] is None:
        missing.insert(0, "arrivals (no arrival on or before as_of)")
    stays = [o for o in law.orders_in_force(moment) if o.bars and o.bars.designation]
    contested = [
        law.contested[u.contested].question for o in law.orders for u in o.unknown if u.covers(day)
    ]
    interior = [
        d.id
        for d in law.designations_in_force(moment)
        if any(c.ground == "designated_interior" for c in d.classes)
    ]
    gaps = [_gap(g) for g in _period_gaps(law, facts, cov)]
    why = "they are not yet complete (two years end on {})".format(values["two_year_date"])
    if values["presence_finding"] == "not_shown":
        why = "an officer found them not shown"
    dismissed_on = values["dismissed_on"]
    finality = (
        "an appeal is pending"
        if values["dismissal_appeal_pending"]
        else (
            "whether an appeal is pending is not given"
            if values["dismissal_appeal_pending"] is None
            else "the appeal window runs through {}".format(values["due:bia_appeal_of_dismissal"])
        )
    )
    return {
        "as_of": facts.as_of.isoformat(),
        "mode": values["arrival_mode"] or "an unknown mode",
        "distance": "" if miles is None else f"{miles:g} air miles from the land border",
        "missing": ", ".join(missing) or "none",
        "arrival": values["arrival_date"],
        "since": values["arrival_date"],
        "two_year_date": values["two_year_date"],
        "gaps": _stretches(gaps),
        "by_finding": " (an officer so found)" if values["presence_finding"] == "shown" else "",
        "two_years_why": why,
        "encounter": values["encounter"],
        "orders": ", ".join(o.id for o in stays) or "none",
        "contested": " ".join(contested) or "see the order's unknown period",
        "claimed_status": (values["claimed_status"] or "").upper(),
        "dismissed_on": f" on {dismissed_on}" if dismissed_on else "",
        "finality": finality,
        "interior": ", ".join(interior) or "none",
        "grounds": ", ".join(facts.inadmissibility_grounds or []),
        "verified_through": law.verified_through,
    }


def _presence(facts: Facts, values: dict[str, Any]) -> tuple[Presence | None, Coverage | None]:
    arrival = values["arrival_date"]
    if arrival is None:
        return None, None
    cov = evidence_coverage(facts, arrival, facts.day)
    block = Presence(
        since=arrival,
        days=cov.days,
        shown_days=cov.shown_days,
        gaps=[_gap(g) for g in cov.gaps],
        shown=bool(values["presence_shown"]),
    )
    return block, cov


def _deadlines(law: Law, facts: Facts, values: dict[str, Any]) -> list[Deadline]:
    """Time limits running on `as_of` (8 CFR 1003.38(b) and the 2026 IFR; INA
    235(b)(1)(B)(iii)(III) and 8 CFR 1003.42(e))."""
    day = facts.day
    stage = facts.expedited_removal
    cf = stage.credible_fear if stage else None
    review = stage.ij_review if stage else None
    running = {
        "bia_appeal_of_dismissal": values["section_240"] == "dismissed"
        and values["dismissal_appeal_pending"] is not True,
        "bia_appeal_of_removal_order": values["section_240"] == "ordered_removed",
        "credible_fear_review": cf is not None
        and cf.result == "negative"
        and (review is None or review.requested is not False)
        and (review is None or review.result in (None, "pending")),
    }
    found = []
    for code, parameter, decided in DEADLINES:
        due = values[f"due:{code}"]
        if due is None or due < day or not running[code]:
            continue
        value = law.parameters[parameter].on(values[decided])
        sources = list(value.sources) if value else []
        found.append(
            Deadline(code=code, due=due, sources=sources, verification=law.weakest(sources))
        )
    return found


def _next_step(
    facts: Facts,
    answer: str,
    blocking: list[str],
    deadlines: list[Deadline],
    uncertain: list[Uncertain],
) -> str:
    """The next procedural step in plain words (legal brief section 9)."""
    steps = wording()["next_step"]
    if answer == "no":
        return next((steps[c] for c in blocking if c in steps), steps["not_available"])
    if answer == "depends":
        return steps["depends"].format(points=", ".join(u.code for u in uncertain))
    stage = facts.expedited_removal
    cf = stage.credible_fear if stage else None
    review = stage.ij_review if stage else None
    declined = cf is not None and cf.result == "negative" and review and review.requested is False
    if (review and review.result == "concur") or declined:
        return steps["order_executable"]
    if (review and review.result == "vacate") or (cf and cf.result == "positive"):
        return steps["leaves_expedited_removal"]
    if cf and cf.result == "negative":
        due = next((d.due for d in deadlines if d.code == "credible_fear_review"), None)
        return steps["ij_review"].format(by=f" no later than {due}" if due else "")
    if (stage and stage.fear_claimed) or (cf and cf.result == "pending"):
        return steps["credible_fear_interview"]
    return steps["may_apply"]


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
    child_age = law.parameters["child_age_years"].on(facts.day)
    if values["birth_date"] and values["encounter_date"] is None and child_age:
        adult = anniversary(values["birth_date"], child_age.value)
        labels.setdefault(adult, f"the person turns {child_age.value}")
    return labels


def _counterfactuals(
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
        missing = _period_gaps(rules.law, facts, cov)
        extra = [Evidence(kind="other", **{"from": g.start, "to": g.end}) for g in missing]
        gaps = _stretches([_gap(g) for g in missing])
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


def screen(facts: Facts, rules: RuleSet | None = None, policy: Policy = "daily") -> Determination:
    """The determination for one facts document (CONTRACT.md); `policy` is how evidence
    shows presence (erpath.presence.analysis: `daily` unless told otherwise)."""
    rules = rules or bundled_rules()
    law = rules.law
    ev = evaluate(rules, facts, policy)
    values = ev.values
    presence, cov = _presence(facts, values)
    context = _context(facts, law, values, cov)
    reasons: list[Reason] = []
    uncertain: list[Uncertain] = []
    for c in rules.conditions:
        value = values[f"c:{c.code}"]
        sources = list(c.sources)
        text = say(c.code, _outcome(value), context)
        reasons.append(
            Reason(
                code=c.code,
                holds=value,
                text=text,
                sources=sources,
                verification=law.weakest(sources),
            )
        )
        if value is None and ev.er_applicable == "depends":
            uncertain.append(Uncertain(code=c.code, reason=text))
    if ev.time_of_day:
        uncertain.append(
            Uncertain(code="as_of_time_of_day", reason=say("as_of_time_of_day", "unknown", context))
        )
    for c in rules.info:
        if values[f"i:{c.code}"] is True:
            sources = list(c.sources)
            reasons.append(
                Reason(
                    code=c.code,
                    holds=True,
                    text=say(c.code, "holds", context),
                    sources=sources,
                    verification=law.weakest(sources),
                )
            )
    moment = Moment.of(facts.as_of)
    blocking = ev.blocking if ev.er_applicable != "yes" else []
    deadlines = _deadlines(law, facts, values)
    return Determination(
        as_of=facts.as_of,
        er_applicable=ev.er_applicable,
        category=values["category"],
        blocking=blocking,
        uncertain=uncertain,
        two_year_date=values["two_year_date"],
        presence=presence,
        next_step=_next_step(facts, ev.er_applicable, blocking, deadlines, uncertain),
        deadlines=deadlines,
        reasons=reasons,
        law=LawInForce(
            in_force=[d.id for d in law.designations_in_force(moment)],
            orders=[o.id for o in law.orders_in_force(moment)],
            verified_through=law.verified_through,
        ),
        counterfactuals=_counterfactuals(rules, facts, ev, cov, policy),
    )


__all__ = ["Evaluation", "evaluate", "last_arrival", "screen"]
