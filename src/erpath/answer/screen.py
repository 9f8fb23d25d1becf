"""Screen one person: the determination with reasons, presence, law, deadlines and the
smallest changes that would alter it (CONTRACT.md)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, get_args

from erpath.answer.arrest_at_court import Place, arrest_at_court, dismissal_response
from erpath.answer.branches import Case, branches
from erpath.answer.counterfactuals import counterfactuals, gap, period_gaps, stretches
from erpath.answer.credible_fear import credible_fear
from erpath.answer.detention import detention
from erpath.answer.summary import summary
from erpath.answer.timeline import timeline
from erpath.contract.determination import (
    Branch,
    Citation,
    Deadline,
    Determination,
    LawInForce,
    Presence,
    Reason,
    Uncertain,
)
from erpath.contract.facts import Facts
from erpath.law.model import CourtOrder, Ground, Law
from erpath.law.moment import Moment
from erpath.presence import (
    Coverage,
    evidence_coverage,
)
from erpath.presence.analysis import Policy
from erpath.procedure import DeadlineContext, deadline
from erpath.rules import bundled_rules
from erpath.rules.answer import evaluate_row, open_codes
from erpath.rules.basis import Condition, limit_unit, stays_of
from erpath.rules.row import facts_row
from erpath.rules.ruleset import DECISIONS, RuleSet
from erpath.wording import Wording, words

UAC = "uac"  # the blocking code of the unaccompanied-child rule (CONTRACT.md)


def _outcome(value: bool | None) -> str:
    return "unknown" if value is None else ("holds" if value else "fails")


def _open_points(w: Wording, law: Law, day: date, orders: list[CourtOrder]) -> list[str]:
    """The questions of the unknown periods of `orders` that cover `day`, in words."""
    return [
        w.law_text(u.contested, law.contested[u.contested].question)
        for o in orders
        for u in o.unknown
        if u.covers(day)
    ]


def _exception(w: Wording, law: Law, decided: date | None) -> str:
    """The case the appeal period of a decision of `decided` does not govern, in words."""
    period = law.parameters.bia_appeal_days.on(decided) if decided else None
    if period is None or period.exception is None:
        return ""
    return w.fragment("except", case=w.label("exceptions", period.exception))


def _context(
    facts: Facts, law: Law, values: dict[str, Any], cov: Coverage | None, language: str = "en"
) -> dict[str, Any]:
    """What the reasons' templates fill in, each piece in `language` (law-data entries
    by their titles, never by id)."""
    w = words(language)
    day = facts.day
    moment = Moment.of(facts.as_of)
    miles = values["miles_from_land_border"]
    missing = [
        w.fragment(name)
        for name, key in (
            ("missing_manner", "arrival_manner"),
            ("missing_mode", "arrival_mode"),
            ("missing_miles", "miles_from_land_border"),
        )
        if values[key] is None
    ]
    if values["arrival_date"] is None:
        missing.insert(0, w.fragment("missing_arrival"))
    stays = [o for o in law.orders_in_force(moment) if o.bars and o.bars.designation]
    # the open points of the stays of the designation the arrival's ground belongs to
    contested = _open_points(w, law, day, stays_of(law, values["ground_class"]))
    interior = [
        w.law_text(d.id, d.title)
        for d in law.designations_in_force(moment)
        if any(c.ground == "designated_interior" for c in d.classes)
    ]
    gaps = [gap(g) for g in period_gaps(law, facts, cov)]
    limit = limit_unit(law, values["ground_class"])
    why = w.fragment("two_years_not_complete", date=values["two_year_date"])
    if values["two_year_date"] is None:
        why = w.fragment("two_years_do_not_apply")
    if values["presence_finding"] == "not_shown":
        why = w.fragment("officer_found_not_shown")
    if limit == "days":
        why = w.fragment("two_years_not_applicable_days")
    fourteen = w.fragment("fourteen_days_not_applicable")
    if limit == "days":
        fourteen = (
            w.fragment("officer_found_not_shown")
            if values["presence_finding"] == "not_shown"
            else w.fragment("fourteen_days_not_complete", encounter=values["encounter"])
        )
    statute = law.rules[UAC].in_force
    uac_why = (
        w.fragment("uac_not_a_child")
        if values[f"c:{UAC}"] is not None
        else w.fragment("uac_facts_missing", encounter=values["encounter"])
    )
    if statute is not None and day < statute.enacted:
        uac_why = w.fragment("uac_before_statute", enacted=statute.enacted)
    elif statute is not None and day < statute.effective and values[f"c:{UAC}"] is None:
        uac_why = w.law_text(statute.contested, law.contested[statute.contested].question)
    poe_open = _open_points(w, law, day, [o for o in law.orders if o.bars and o.bars.scope])
    poe_why = (
        " ".join(poe_open)
        if values["poe_parolee"] is True and poe_open
        else w.fragment("poe_parole_not_known")
    )
    dismissed_on = values["dismissed_on"]
    finality = (
        w.fragment("appeal_pending")
        if values["dismissal_appeal_pending"]
        else (
            w.fragment("appeal_not_given")
            if values["dismissal_appeal_pending"] is None
            else w.fragment("appeal_window_runs", date=values["due:bia_appeal_of_dismissal"])
            + _exception(w, law, dismissed_on)
        )
    )
    return {
        "as_of": facts.as_of,
        "mode": w.label("arrival_modes", values["arrival_mode"])
        if values["arrival_mode"]
        else w.fragment("unknown_mode"),
        "distance": "" if miles is None else w.fragment("miles_from_border", miles=f"{miles:g}"),
        "missing": w.join(missing),
        "arrival": values["arrival_date"],
        "since": values["arrival_date"],
        "two_year_date": values["two_year_date"],
        "gaps": stretches(gaps, language),
        "by_finding": w.fragment("by_finding") if values["presence_finding"] == "shown" else "",
        "two_years_why": why,
        "fourteen_days_why": fourteen,
        "uac_why": uac_why,
        "poe_why": poe_why,
        "encounter": values["encounter"],
        "orders": w.join(w.law_text(o.id, o.title) for o in stays),
        "contested": " ".join(contested) or w.fragment("see_unknown_period"),
        "claimed_status": w.label("claimed_statuses", values["claimed_status"])
        if values["claimed_status"]
        else w.fragment("unknown_status"),
        "dismissed_on": w.fragment("dismissed_on", date=dismissed_on) if dismissed_on else "",
        "finality": finality,
        "interior": w.join(interior),
        "grounds": ", ".join(facts.inadmissibility_grounds or []),
        "verified_through": law.verified_through,
    }


def _reason(
    law: Law, code: str, value: bool | None, text: str, sources: tuple[str, ...], moment: Moment
) -> Reason:
    """A condition's reason, citing only the sources that speak to `moment`."""
    dated = law.sources_on(list(sources), moment)
    return Reason(
        code=code,
        holds=value,
        text=text,
        sources=dated,
        verification=law.weakest(dated),
        kind="policy" if any(law.sources[s].kind == "policy" for s in dated) else "law",
    )


# The conditions that keep a `yes` where the facts put them in play: the stays where an
# order bears or bore on the day, the parole rules for a paroled arrival, the finality of
# a dismissal (CONTRACT.md `reasons[].decisive`).
KEEPS_YES: dict[str, Callable[[dict[str, Any]], bool]] = {
    "designation_stayed": lambda v: v["ground_stayable"],
    "port_of_entry_parole_stayed": lambda v: v["poe_parolee"] is True,
    "parole_in_effect": lambda v: v["arrival_manner"] == "paroled",
    "parole_ended": lambda v: v["arrival_manner"] == "paroled",
    "advance_parole": lambda v: v["arrival_manner"] == "paroled",
    "dismissal_not_final": lambda v: v["section_240"] == "dismissed",
    "claimed_status_verified": lambda v: v["claimed_status"] is not None,
    "claimed_status_review": lambda v: v["claimed_status"] is not None,
}


def _decisive(
    law: Law,
    answer: str,
    values: dict[str, Any],
    blocking: list[str],
    open_codes: list[str],
    conditions: dict[str, Condition],
    reasons: list[Reason],
) -> set[str]:
    """The codes of the reasons that decide `answer` (CONTRACT.md `reasons[].decisive`):
    the blocks that hold (no); the open points (depends); the ground, its time limit and
    the conditions the facts put in play that keep it (yes)."""
    if answer == "no":
        return {
            r.code
            for r in reasons
            if r.holds and r.code in conditions and conditions[r.code].blocks in blocking
        }
    if answer == "depends":
        return set(open_codes)
    limit = {"years": "two_years_shown", "days": "fourteen_days_shown"}
    found = {values["category"], limit.get(limit_unit(law, values["ground_class"]) or "", "")}
    facts = {**values, "ground_stayable": bool(stays_of(law, values["ground_class"]))}
    with_sources = {r.code for r in reasons if r.sources}
    found.update(code for code, put in KEEPS_YES.items() if put(facts) and code in with_sources)
    return found


def _presence(facts: Facts, values: dict[str, Any]) -> tuple[Presence | None, Coverage | None]:
    arrival = values["arrival_date"]
    if arrival is None:
        return None, None
    cov = evidence_coverage(facts, arrival, facts.day)
    block = Presence(
        since=arrival,
        days=cov.days,
        shown_days=cov.shown_days,
        gaps=[gap(g) for g in cov.gaps],
        shown=bool(values["presence_shown"]),
    )
    return block, cov


def _deadlines(law: Law, facts: Facts, values: dict[str, Any]) -> list[Deadline]:
    """Time limits running on `as_of`, computed by the procedure (law/data/procedure.yaml):
    a BIA appeal from the dismissal or removal order (8 CFR 1003.38(b), the 2026 IFR);
    IJ review of a negative credible-fear finding (INA 235(b)(1)(B)(iii)(III), 8 CFR
    1003.42(e))."""
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
    for code, column in DECISIONS.items():
        decided = values[column]
        if decided is None or not running[code]:
            continue
        context = DeadlineContext(supervisory_concurrence_on=decided)
        limit = deadline(code, decided, context)
        if limit is None or limit.due < day:
            continue
        found.append(
            Deadline(
                code=code,
                due=limit.due,
                sources=limit.sources,
                verification=limit.verification,
            )
        )
    return found


def _next_step(
    facts: Facts,
    answer: str,
    blocking: list[str],
    deadlines: list[Deadline],
    uncertain: list[Uncertain],
    language: str = "en",
) -> str:
    """The next procedural step in plain words (legal brief section 9)."""
    w = words(language)
    if answer == "no":
        step = next((c for c in blocking if w.has("next_steps", c)), "not_available")
        return w.next_step(step)
    if answer == "depends":
        return w.next_step("depends", points=w.join(w.label("codes", u.code) for u in uncertain))
    stage = facts.expedited_removal
    cf = stage.credible_fear if stage else None
    review = stage.ij_review if stage else None
    declined = cf is not None and cf.result == "negative" and review and review.requested is False
    if (review and review.result == "concur") or declined:
        return w.next_step("order_executable")
    if (review and review.result == "vacate") or (cf and cf.result == "positive"):
        return w.next_step("leaves_expedited_removal")
    if cf and cf.result == "negative":
        due = next((d.due for d in deadlines if d.code == "credible_fear_review"), None)
        return w.next_step("ij_review", by=w.fragment("no_later_than", date=due) if due else "")
    if (stage and stage.fear_claimed) or (cf and cf.result == "pending"):
        return w.next_step("credible_fear_interview")
    return w.next_step("may_apply")


def _branch(rules: RuleSet, way: Case, reasons: list[Reason], moment: Moment) -> Branch:
    """One way the ground may go, with the codes of the conditions that decide it there."""
    law, values = rules.law, way.evaluation.values
    conditions = {c.code: c for c in rules.conditions}
    held = [
        _reason(law, r.code, values.get(f"c:{r.code}"), "", tuple(r.sources), moment)
        for r in reasons
    ]
    points = open_codes(rules, way.evaluation)
    decisive = _decisive(law, way.answer, values, way.blocking, points, conditions, held)
    return Branch(
        when=way.when,
        category=way.category,
        er_applicable=way.answer,
        blocking=way.blocking,
        decisive=sorted(decisive & ({r.code for r in reasons} | {way.category})),
    )


def _whichever(
    w: Wording,
    code: str,
    ways: list[Case],
    worded: list[tuple[dict[str, Any], dict[str, Any]]],
) -> tuple[bool | None, str]:
    """A condition's value and text where the ground is undetermined: the one value and
    text all ways give, or, where they differ, unknown and each way's text after its
    facts."""
    found = [(v[f"c:{code}"], w.reason(code, _outcome(v[f"c:{code}"]), ctx)) for v, ctx in worded]
    if len({value for value, _ in found}) == 1 and len({text for _, text in found}) == 1:
        return found[0]
    parts = [
        w.fragment("branch_reason", when=c.when, text=text)
        for c, (_, text) in zip(ways, found, strict=True)
    ]
    return None, " ".join(parts)


def citations(law: Law, source_ids: list[str]) -> dict[str, Citation]:
    """Each of `source_ids` for a reader (CONTRACT.md `citations`), once, in order."""
    return {
        s: Citation(
            cite=law.sources[s].cite,
            title=law.sources[s].title,
            url=law.sources[s].url,
            verification=law.sources[s].verification,
        )
        for s in dict.fromkeys(source_ids)
    }


def screen(
    facts: Facts, rules: RuleSet | None = None, policy: Policy = "daily", language: str = "en"
) -> Determination:
    """The determination for one facts document (CONTRACT.md); `policy` is how evidence
    shows presence (erpath.presence.analysis: `daily` unless told otherwise); `language`
    is the language of every text of the determination (`en` or `es`)."""
    rules = rules or bundled_rules()
    law = rules.law
    row = facts_row(facts, law, policy)
    ev = evaluate_row(rules, row)
    values = ev.values
    presence, cov = _presence(facts, values)
    w = words(language)
    moment = Moment.of(facts.as_of)
    ways = branches(rules, ev, w)
    # Each way the ground may go, with the words of its reasons (one way: the facts').
    worded = [
        (c.evaluation.values, _context(facts, law, c.evaluation.values, cov, language))
        for c in ways
    ]
    context = _context(facts, law, values, cov, language)
    blocking = ev.blocking if ev.er_applicable != "yes" else []
    reasons: list[Reason] = []
    texts: dict[str, str] = {}
    conditions = {c.code: c for c in rules.conditions}
    for c in rules.conditions:
        value = values[f"c:{c.code}"]
        text = w.reason(c.code, _outcome(value), context)
        if worded:
            value, text = _whichever(w, c.code, ways, worded)
        reasons.append(_reason(law, c.code, value, text, c.sources, moment))
        texts[c.code] = text
    uncertain = [
        Uncertain(code=code, reason=texts.get(code) or w.reason(code, "unknown", context))
        for code in open_codes(rules, ev)
    ]
    # where the ground is undetermined, the branches say which ground each way meets
    grounds = set(get_args(Ground)) if ways else set()
    for c in rules.info:
        if values[f"i:{c.code}"] is True and c.code not in grounds:
            text = w.reason(c.code, "holds", context)
            reasons.append(_reason(law, c.code, True, text, c.sources, moment))
    decisive = _decisive(
        law, ev.er_applicable, values, blocking, [u.code for u in uncertain], conditions, reasons
    )
    reasons = sorted(
        (r.model_copy(update={"decisive": r.code in decisive}) for r in reasons),
        key=lambda r: not r.decisive,
    )
    shown_ways = [_branch(rules, c, reasons, moment) for c in ways]
    deadlines = _deadlines(law, facts, values)
    ahead = timeline(rules, facts, row, values, policy, language)
    at_court = arrest_at_court(facts, law, language)
    response = dismissal_response(facts, law, language)
    custody = detention(facts, law, values, ev.er_applicable, language)
    fear = credible_fear(facts, law, values, ev.er_applicable, language)
    cited = [s for r in reasons for s in r.sources] + [s for d in deadlines for s in d.sources]
    cited += [s for block in (at_court, response) if block for s in block.sources]
    cited += [s for block in (custody, fear) if block for r in block.reasons for s in r.sources]
    place = Place.of(facts)
    return Determination(
        as_of=facts.as_of,
        er_applicable=ev.er_applicable,
        category=values["category"],
        blocking=blocking,
        uncertain=uncertain,
        two_year_date=values["two_year_date"],
        presence=presence,
        next_step=_next_step(facts, ev.er_applicable, blocking, deadlines, uncertain, language),
        deadlines=deadlines,
        reasons=reasons,
        law=LawInForce(
            in_force=[d.id for d in law.designations_in_force(moment)],
            orders=[
                o.id
                for o in law.orders_in_force(moment)
                if o.where is None or o.where.reaches(place.court, place.area, place.circuit)
            ],
            verified_through=law.verified_through,
        ),
        counterfactuals=counterfactuals(rules, facts, ev, cov, policy, language),
        timeline=ahead,
        summary=summary(
            facts,
            law,
            values,
            ev.er_applicable,
            blocking,
            [u.code for u in uncertain],
            shown_ways,
            ahead,
            language,
        ),
        branches=shown_ways,
        arrest_at_court=at_court,
        dismissal_response=response,
        detention=custody,
        credible_fear=fear,
        citations=citations(law, cited),
    )


__all__ = ["screen"]
