"""At the immigration court: whether a court order restricts ICE arrests there on a day
(`arrest_at_court`), and the time to answer a DHS motion to dismiss there
(`dismissal_response`). Both turn on the place: the court's code, its ICE area of
responsibility and circuit (erpath.places.jurisdiction), against the places each order
reaches (`where`; legal brief sections 2.2 and 3.2; section 10, points 6 and 9)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from erpath.contract.determination import Answer, ArrestAtCourt, DismissalResponse
from erpath.contract.facts import Facts
from erpath.law.model import CourtOrder, Law, Policy, Verification
from erpath.law.moment import Moment
from erpath.places import courts
from erpath.places.jurisdiction import area_of_court, circuit_of_court
from erpath.procedure import bundled_procedure
from erpath.wording import Wording, words

# the procedure's deadline that answers a DHS motion to dismiss (procedure.yaml)
RESPONSE_DEADLINE = "response_to_dhs_motion"


@dataclass(frozen=True)
class Place:
    """The court of the facts, with its area and circuit where erpath knows them."""

    court: str | None
    area: str | None
    circuit: str | None

    @classmethod
    def of(cls, facts: Facts) -> Place:
        code = facts.proceedings.court if facts.proceedings else None
        if code is None:
            return cls(None, None, None)
        return cls(code, area_of_court(code), circuit_of_court(code))

    def name(self, w: Wording) -> str:
        """The court in words: its city (and site), else its code."""
        known = courts().get(self.court or "")
        return known.name if known else (self.court or w.fragment("unknown_status"))


@dataclass(frozen=True)
class Bearing:
    """How an order bears on a place on a day: reaches it (True, False or None where the
    place is too little known), and whether its effect that day is unknown (the open
    point's question, in words)."""

    order: CourtOrder
    reaches: bool | None
    question: str | None


def _bearings(law: Law, w: Wording, policy: Policy, place: Place, day: date) -> list[Bearing]:
    """The orders on `policy` in force on `day`, each with how it bears on `place`."""
    found = []
    for order in law.orders_on_policy(policy):
        if not order.in_force(Moment.of(day)):
            continue
        reaches = (
            True
            if order.where is None
            else order.where.reaches(place.court, place.area, place.circuit)
        )
        window = next((u for u in order.unknown if u.covers(day)), None)
        question = (
            w.law_text(window.contested, law.contested[window.contested].question)
            if window
            else None
        )
        found.append(Bearing(order, reaches, question))
    return found


def _title(w: Wording, orders: list[CourtOrder]) -> str:
    return w.join(w.law_text(o.id, o.title) for o in orders)


def _sources(law: Law, ids: list[str]) -> tuple[list[str], Verification]:
    listed = list(dict.fromkeys(ids))
    return listed, law.weakest(listed)


def arrest_at_court(facts: Facts, law: Law, language: str = "en") -> ArrestAtCourt | None:
    """Whether a court order restricts ICE arrests at or near the court of the facts on
    `as_of`; None where no 240 case is or was and no court is given."""
    proceedings = facts.proceedings
    if proceedings is None or (
        proceedings.court is None and proceedings.section_240 not in ("pending", "dismissed")
    ):
        return None
    w, day, place = words(language), facts.day, Place.of(facts)
    policy = law.policy("courthouse_arrests")
    bearings = _bearings(law, w, policy, place, day)
    barring = [b for b in bearings if b.order.bars]
    declining = [b for b in bearings if b.order.declines and b.reaches]
    context = {"court": place.name(w), "date": day}
    restricted: Answer = "no"
    if any(b.reaches and not b.question for b in barring):
        chosen = [b.order for b in barring if b.reaches and not b.question]
        restricted = "yes"
        text = w.block("arrest_at_court", "restricted", orders=_title(w, chosen), **context)
    elif any(b.reaches and b.question for b in barring):
        unknown = next(b for b in barring if b.reaches and b.question)
        chosen = [unknown.order]
        restricted = "depends"
        text = w.block(
            "arrest_at_court",
            "unknown_stretch",
            orders=_title(w, chosen),
            question=unknown.question,
            **context,
        )
    elif any(b.reaches is None for b in barring):
        chosen = [b.order for b in barring if b.reaches is None]
        restricted = "depends"
        where = w.join(a for o in chosen if o.where for a in o.where.areas + o.where.courts)
        key = "no_court" if place.court is None else "court_unknown"
        text = w.block("arrest_at_court", key, orders=_title(w, chosen), where=where, **context)
    elif declining:
        chosen = [b.order for b in declining]
        text = w.block("arrest_at_court", "declined", orders=_title(w, chosen), **context)
    else:
        chosen = []
        key = "none" if place.court is not None else "none_no_court"
        text = w.block("arrest_at_court", key, **context)
    cited, verification = _sources(law, [s for o in chosen for s in o.sources] or policy.sources)
    return ArrestAtCourt(
        restricted=restricted,
        court=place.court,
        area=place.area,
        orders=[o.id for o in chosen],
        reason=text,
        sources=cited,
        verification=verification,
    )


def dismissal_response(facts: Facts, law: Law, language: str = "en") -> DismissalResponse | None:
    """The time to answer a DHS motion to dismiss at the court of the facts on `as_of`, and
    whether it applies: the practice manual's period, unless EOIR's guidance that none is
    required governs that day and no order bars it at this court; None where no 240 case
    is pending."""
    proceedings = facts.proceedings
    if proceedings is None or proceedings.section_240 != "pending":
        return None
    w, day, place = words(language), facts.day, Place.of(facts)
    rule = next(d for d in bundled_procedure().deadlines if d.code == RESPONSE_DEADLINE)
    days = rule.period.days or 0
    guidance = law.policy("dismissal_response")
    context = {"court": place.name(w), "date": day, "days": days, "since": guidance.since}
    manual = list(rule.sources)
    if day < guidance.since:
        cited, verification = _sources(law, manual)
        text = w.block("dismissal_response", "applies", **context)
        return DismissalResponse(
            days=days,
            required="yes",
            orders=[],
            reason=text,
            sources=cited,
            verification=verification,
        )
    bearings = [b for b in _bearings(law, w, guidance, place, day) if b.order.bars]
    stayed = [b for b in bearings if b.reaches and not b.question]
    open_stay = [b for b in bearings if b.reaches is not False and b not in stayed]
    withdrawn = next((u for u in guidance.unknown if u.covers(day)), None)
    required: Answer
    if stayed:
        chosen, required = [b.order for b in stayed], "yes"
        text = w.block("dismissal_response", "stayed", orders=_title(w, chosen), **context)
    elif withdrawn is None:
        chosen, required = [], "no"
        text = w.block("dismissal_response", "none_required", **context)
    else:
        chosen, required = [b.order for b in open_stay], "depends"
        question = w.law_text(withdrawn.contested, law.contested[withdrawn.contested].question)
        text = w.block("dismissal_response", "withdrawn_unknown", question=question, **context)
    cited, verification = _sources(
        law, manual + guidance.sources + [s for o in chosen for s in o.sources]
    )
    return DismissalResponse(
        days=days,
        required=required,
        orders=[o.id for o in chosen],
        reason=text,
        sources=cited,
        verification=verification,
    )


def at_court(facts: Facts, law: Law, concern: str, language: str = "en") -> str | None:
    """What the law says at the court of the facts on `as_of` of a step that turns on it
    (procedure.yaml `at_court`): the reason of `arrest_at_court` for courthouse_arrests,
    of `dismissal_response` for dismissal_response; None where the block is not given."""
    block = (
        arrest_at_court(facts, law, language)
        if concern == "courthouse_arrests"
        else dismissal_response(facts, law, language)
    )
    return block.reason if block else None
