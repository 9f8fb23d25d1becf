"""The guided interview: one question (or one small group) per screen, in the order the law
needs the facts, asking next only what can still change the answer.

Every question fills fields of the screening form (`screening_form`, named after their
place in the facts document), so the facts are made one way whichever path is taken. A
question is shown when the answers so far make it apply (a parole's details only for a
parole); a question with `probes` is asked only when its possible answers give different
outlooks (`erpath.answer.outlook`: the answer, ground, blocks and open points today and on
every dated change ahead, as given and if dismissed), or, for the state of arrest, different
detention (the circuit decides bond), or, for the status step, different answers: Temporary
Protected Status adds its own block wherever it holds, so it is asked only where the answer
itself can change, and deferred action and an asylum application filed with USCIS (which
change no answer, but are explained) are asked with it. The court is asked only where the
law data holds an order in force on the day asked about that bars, in some places only
(`where`), a policy the blocks of the case read. The place is chosen by court or city; its
distance from the land border comes from `erpath.places`, and the exact miles are asked only
when that distance is too close to a limit of the law to rely on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from pydantic import ValidationError

from erpath.answer.detention import detention
from erpath.answer.outlook import outlook
from erpath.contract.facts import Facts
from erpath.law.loader import bundled_law
from erpath.law.model import CourtOrder, Law
from erpath.law.moment import Moment
from erpath.places import Court, court_distance, hearing_places, near_a_limit, state_names
from erpath.places.jurisdiction import circuit_of_state
from erpath.presence import AbroadError
from erpath.rules import bundled_rules
from erpath.rules.answer import border_cases, border_limits, evaluate_row
from erpath.rules.row import facts_row
from erpath.validation import problems
from erpath.web.screening_form import (
    PROCEEDINGS_WITH_NTA,
    ScreeningForm,
    day_of,
    is_child,
    timed_days,
)
from erpath.wording.catalogs import N_

Values = dict[str, str]
# The place of the encounter (or of an arrest to come): at the court of the 240 case, in a
# city chosen from the list, a distance typed in miles, or not known.
PLACE = "place"
PLACE_CITY = "place-city"
ER_STARTED = "er-started"
# The interview's own fields, which the facts do not have (form_values turns them into facts).
OWN_FIELDS = (PLACE, PLACE_CITY, ER_STARTED)
# What the court of a 240 case decides, by the case's posture: the policies (`concerns`) read
# by the blocks the determination gives for it (erpath.answer.arrest_at_court: whether ICE
# may arrest at the court where a case is pending or was dismissed; the time to answer a DHS
# motion to dismiss where one is pending).
COURT_DECIDES: dict[str, tuple[str, ...]] = {
    "pending": ("courthouse_arrests", "dismissal_response"),
    "dismissed": ("courthouse_arrests",),
}


@dataclass(frozen=True)
class Question:
    """One screen: what it asks, why, the fields it fills (the first is the main one),
    when it applies, and the answers to try to see whether it can change the answer (None:
    always asked when it applies), compared by `decides` (the outlook unless told). In `why`,
    `%(miles)s` is the law data's border limit (`border_miles`) and `%(child_age)s` its child
    age on the day asked about (`child_age`)."""

    id: str
    asks: str
    why: str
    fields: tuple[str, ...]
    applies: Callable[[Values], bool] = lambda _v: True
    probes: Callable[[Values, dt.date], list[Values]] | None = None
    dates: tuple[str, ...] = ()
    decides: Callable[[Values], Hashable] | None = None


def _on(values: Values, name: str) -> dt.date | None:
    return day_of(values.get(name))


def _each(name: str, options: tuple[str, ...]) -> Callable[[Values, dt.date], list[Values]]:
    return lambda _v, _d: [{name: o} for o in options]


def _days_back(name: str, *days: int) -> Callable[[Values, dt.date], list[Values]]:
    return lambda _v, today: (
        [{name: ""}] + [{name: (today - dt.timedelta(days=n)).isoformat()} for n in days]
    )


def _citizenships(_v: Values, _d: dt.date) -> list[Values]:
    """No citizenship known, one the law names nothing for, and each the law names."""
    law = bundled_law()
    named = {c.country for c in law.western_hemisphere_without_full_relations}
    named |= {n.country for d in law.designations for c in d.classes for n in c.nationals_excepted}
    return [{"person-citizenship": c} for c in ("", "MEX", *sorted(named))]


def _places(_v: Values, _d: dt.date) -> list[Values]:
    """A distance on each side of every border limit of the law (the engine's probes)."""
    return [
        {PLACE: "miles", "encounter-miles_from_land_border": f"{m:g}"}
        for m in border_cases(bundled_law())
    ]


def place_scoped_orders(law: Law, concerns: str, day: dt.date) -> list[CourtOrder]:
    """The orders barring the policy that governs `concerns` that reach some places only
    (their `where`) and are in force on `day`, their effect that day known or not. An order
    that declines to bar it changes no answer (the blocks read only the orders that bar)."""
    return [
        o
        for o in law.orders_on_policy(law.policy(concerns))
        if o.bars is not None and o.where is not None and o.in_force(Moment.of(day))
    ]


def court_matters(values: Values) -> bool:
    """Whether the court can change an answer: a 240 case pending or dismissed, and an
    order reaching some places only bars, on the day asked about, a policy the blocks of
    that case read (so the answer differs between the courts it reaches and the others)."""
    concerns = COURT_DECIDES.get(values.get("proceedings-section_240", ""), ())
    day = _on(values, "as_of") or dt.date.today()
    law = bundled_law()
    return any(place_scoped_orders(law, c, day) for c in concerns)


def _states(_v: Values, _d: dt.date) -> list[Values]:
    """No state, and one state or territory of each federal circuit (the first by code)."""
    by_circuit: dict[str, str] = {}
    for code in sorted(state_names("en")):
        circuit = circuit_of_state(code)
        if circuit is not None:
            by_circuit.setdefault(circuit, code)
    return [{"encounter-state": s} for s in ("", *by_circuit.values())]


def _custody_of(values: Values) -> Hashable:
    """Detention once arrested on the day asked about (the stage, the authority, bond), by
    the engine's one-row evaluation and its detention block, as the screening gives it."""
    facts, _lines, _paths = facts_of(values)
    if facts is None:
        return "problems"
    rules = bundled_rules()
    try:
        ev = evaluate_row(rules, facts_row(facts, rules.law, "daily"))
        found = detention(facts, rules.law, ev.values, ev.er_applicable)
    except (AbroadError, ValueError, OverflowError) as exc:
        return type(exc).__name__
    return found.stage, found.authority, found.bond


# The status step: Temporary Protected Status (the probe: it blocks while in effect), then
# deferred action and an asylum application filed with USCIS (explained, never a block: they
# ride along where TPS is asked, since no probe of theirs could change an answer).
STATUS_FIELDS = (
    "person-tps-since",
    "person-tps-until",
    "person-deferred_action-kind",
    "person-deferred_action-since",
    "person-deferred_action-until",
    "person-affirmative_asylum_filed_on",
)
STATUS_DATES = tuple(name for name in STATUS_FIELDS if not name.endswith("-kind"))
# The periods of the status step, each (its kind, if it has one; its first day; its last
# day), checked as they are answered so that each problem is said in words beside its field
# (the facts model refuses the same, naming the period by its path).
STATUS_PERIODS: tuple[tuple[str | None, str, str], ...] = (
    (None, "person-tps-since", "person-tps-until"),
    (
        "person-deferred_action-kind",
        "person-deferred_action-since",
        "person-deferred_action-until",
    ),
)


def period_problems(answers: Values) -> list[tuple[str, str]]:
    """The problems of the status step's periods, as (field, problem): `ends_first` (the
    last day before the first), `no_start` (a last day or a kind without the first day),
    `no_kind` (deferred action's days without its kind). Dates are ISO by then."""
    found: list[tuple[str, str]] = []
    for kind, start, end in STATUS_PERIODS:
        first, last = answers.get(start, ""), answers.get(end, "")
        chosen = answers.get(kind, "") if kind else ""
        if first and last and last < first:
            found.append((end, "ends_first"))
        if not first and (last or chosen):
            found.append((start, "no_start"))
        if kind and not chosen and (first or last):
            found.append((kind, "no_kind"))
    return found


def _tps(_v: Values, today: dt.date) -> list[Values]:
    """No Temporary Protected Status, and one granted on the day asked about with no end
    given, so in effect on that day and every day ahead (protections/tps_in_effect)."""
    return [{"person-tps-since": ""}, {"person-tps-since": today.isoformat()}]


def _answers_of(values: Values) -> Hashable:
    """The answers (yes, no or depends) of the outlook, on each of its days and postures,
    without its blocks and open points: a protection adds its own block wherever it holds,
    so comparing blocks would ask about it even where expedited removal cannot apply anyway;
    it is asked where the answer itself can change."""
    found = _outlook_of(values)
    if not isinstance(found, tuple):
        return found
    return tuple(item[0] for item in found if isinstance(item, tuple))


def _arrived(values: Values) -> bool:
    """An arrival's details are facts only with its date (the facts model needs it)."""
    return bool(values.get("arrivals-0-date"))


def _in_240(values: Values) -> bool:
    return values.get("proceedings-section_240", "") in PROCEEDINGS_WITH_NTA


def _no_240_pending(values: Values) -> bool:
    return values.get("proceedings-section_240", "") not in ("pending", "ordered_removed")


def _child(values: Values) -> bool:
    birth = _on(values, "person-birth_date")
    met = _on(values, "encounter-date") or _on(values, "as_of")
    return birth is not None and met is not None and is_child(birth, met)


def border_miles() -> str:
    """The law data's farthest border limit in miles (100 today), for the questions' words."""
    return f"{max(border_limits(bundled_law())):g}"


def child_age(values: Values) -> str:
    """The law data's age below which a person is a child, on the day asked about."""
    day = _on(values, "as_of") or dt.date.today()
    age = bundled_law().parameters.child_age_years.on(day)
    return "" if age is None else f"{age.value:g}"


def _exact_miles(values: Values) -> bool:
    if values.get(PLACE) == "miles":
        return True
    found = place_distance(values)
    return found is not None and near_a_limit(found, border_limits(bundled_law()))


QUESTIONS: tuple[Question, ...] = (
    Question(
        "date",
        N_("On what date is the question asked?"),
        N_(
            "The law is read as it stood on that day: usually the day of the next hearing, or "
            "today."
        ),
        ("as_of",),
        dates=("as_of",),
    ),
    Question(
        "time",
        N_("At what time of day?"),
        N_(
            "On this day the law changed at a time of day (the 2025 designation took effect at "
            "6:00 p.m. Eastern time), so the hour matters."
        ),
        ("as_of_time", "as_of_offset"),
        applies=lambda v: (day := _on(v, "as_of")) is not None and day in timed_days(),
    ),
    Question(
        "case",
        N_("Is there a case in immigration court (section 240)?"),
        N_(
            "While a section 240 case is pending, DHS cannot use expedited removal; it must first "
            "have the case dismissed. What happens to the case decides what follows."
        ),
        ("proceedings-section_240",),
    ),
    Question(
        "court",
        N_("Which immigration court?"),
        N_(
            "DHS may move to dismiss the case at the hearing and arrest the person at the court. "
            "On this day a court order reaches some immigration courts only: whether ICE may "
            "arrest there, or how long there is to answer a motion to dismiss, turns on the "
            "court."
        ),
        ("proceedings-court", "proceedings-next_hearing"),
        applies=court_matters,
        dates=("proceedings-next_hearing",),
    ),
    Question(
        "arrival",
        N_("When did the person last come into the United States?"),
        N_(
            "Expedited removal reaches people who cannot show two years of continuous presence "
            "since their last arrival; any departure restarts the count."
        ),
        ("arrivals-0-date",),
        probes=_days_back("arrivals-0-date", 10, 400, 1100),
        dates=("arrivals-0-date",),
    ),
    Question(
        "manner",
        N_("How did they come in?"),
        N_(
            "The law treats people who came in without inspection, were paroled, or were admitted "
            "differently."
        ),
        ("arrivals-0-manner",),
        applies=_arrived,
        probes=_each(
            "arrivals-0-manner",
            ("", "without_inspection", "admitted", "paroled", "inspected_not_admitted"),
        ),
    ),
    Question(
        "parole",
        N_("About the parole"),
        N_(
            "Whether the parole is still in effect, and how it was granted, changes who may be put"
            " in expedited removal."
        ),
        ("arrivals-0-parole-program", "arrivals-0-parole-until", "arrivals-0-parole-terminated_on"),
        applies=lambda v: _arrived(v) and v.get("arrivals-0-manner") == "paroled",
        dates=("arrivals-0-parole-until", "arrivals-0-parole-terminated_on"),
    ),
    Question(
        "mode",
        N_("Did they arrive by land, by air or by sea?"),
        N_(
            "Each designation reaches arrivals of one kind: by sea (2002), near the land border "
            "(2004), anywhere (2019, 2025)."
        ),
        ("arrivals-0-mode", "arrivals-0-at_port_of_entry"),
        applies=_arrived,
        probes=_each("arrivals-0-mode", ("", "land", "air", "sea")),
    ),
    Question(
        "sea",
        N_("Were they interdicted at sea and brought in?"),
        N_(
            "The 2002 designation of arrivals by sea does not reach people interdicted at sea and "
            "brought in."
        ),
        ("arrivals-0-interdicted_at_sea",),
        applies=lambda v: _arrived(v) and v.get("arrivals-0-mode") == "sea",
    ),
    Question(
        "citizenship",
        N_("What is the person's citizenship?"),
        N_(
            "The law names some nationals: those of Western Hemisphere countries without full "
            "diplomatic relations arriving by air, and those a designation excepts."
        ),
        ("person-citizenship",),
        probes=_citizenships,
    ),
    Question(
        "place",
        N_("Where did DHS meet the person, or where would it arrest them?"),
        N_(
            "Near the land border, the 2004 designation reaches people within %(miles)s air miles"
            " of it: the place decides which designation applies."
        ),
        (PLACE, PLACE_CITY),
        probes=_places,
    ),
    Question(
        "miles",
        N_("How many air miles from the Mexican or Canadian land border?"),
        N_(
            "The place chosen is close to a limit of the law (%(miles)s air miles), closer than "
            "the bundled map can tell: the exact distance decides."
        ),
        ("encounter-miles_from_land_border",),
        applies=_exact_miles,
    ),
    Question(
        "state",
        N_("In which state or territory would DHS arrest the person?"),
        N_(
            "Whether an immigration judge may set bond after an arrest turns, on this day, on "
            "the federal court of appeals of the state of arrest: the circuits disagree."
        ),
        ("encounter-state",),
        applies=lambda v: chosen_court(v) is None,
        probes=_states,
        decides=_custody_of,
    ),
    Question(
        "nta",
        N_("When was the Notice to Appear filed with the court?"),
        N_(
            "A section 240 case begins when the Notice to Appear is filed with the immigration "
            "court."
        ),
        ("proceedings-nta_filed_on",),
        applies=_in_240,
        probes=_days_back("proceedings-nta_filed_on", 1, 200),
        dates=("proceedings-nta_filed_on",),
    ),
    Question(
        "dismissal",
        N_("About the dismissal of the case"),
        N_(
            "A dismissal is final only when the time to appeal has passed or the appeal is "
            "decided; until then expedited removal waits."
        ),
        ("proceedings-dismissed_on", "proceedings-dismissal_appeal_pending"),
        applies=lambda v: v.get("proceedings-section_240") == "dismissed",
        dates=("proceedings-dismissed_on",),
    ),
    Question(
        "removal_order",
        N_("When did the judge order removal?"),
        N_(
            "A removal order of a judge is carried out as it is; expedited removal does not apply "
            "to it."
        ),
        ("proceedings-removal_ordered_on",),
        applies=lambda v: v.get("proceedings-section_240") == "ordered_removed",
        dates=("proceedings-removal_ordered_on",),
    ),
    Question(
        "birth",
        N_("What is the person's date of birth?"),
        N_("An unaccompanied child cannot be put in expedited removal."),
        ("person-birth_date",),
        probes=_days_back("person-birth_date", 3650, 11000),
        dates=("person-birth_date",),
    ),
    Question(
        "child",
        N_("Who was with the child?"),
        N_(
            "The person was under %(child_age)s at the encounter: an unaccompanied child cannot "
            "be put in expedited removal."
        ),
        ("person-accompanied_by", "person-uac"),
        applies=_child,
    ),
    Question(
        "claim",
        N_(
            "Does the person claim to be a US citizen, a permanent resident, a refugee or an "
            "asylee?"
        ),
        N_(
            "Such a claim must be checked, and if it cannot be verified, reviewed by a judge "
            "before any expedited removal order."
        ),
        ("person-claimed_status",),
        probes=_each("person-claimed_status", ("", "usc")),
    ),
    Question(
        "claim_verified",
        N_("Did DHS verify the claim?"),
        N_("A verified claim ends expedited removal; one that cannot be verified goes to a judge."),
        ("person-claimed_status_verified",),
        applies=lambda v: bool(v.get("person-claimed_status")),
    ),
    Question(
        "status",
        N_("Status and applications"),
        N_(
            "Temporary Protected Status in effect bars removal (INA 244(a)(1)(A)): here it "
            "can change the answer. Deferred action (DACA or another kind) and an asylum "
            "application filed with USCIS change no answer, but the answer explains what they "
            "mean."
        ),
        STATUS_FIELDS,
        probes=_tps,
        dates=STATUS_DATES,
        decides=_answers_of,
    ),
    Question(
        "er_started",
        N_("Has DHS already begun expedited removal against the person?"),
        N_(
            "An arrest for expedited removal, an order, or a fear interview already under way "
            "changes what comes next."
        ),
        (ER_STARTED,),
        applies=_no_240_pending,
    ),
    Question(
        "er_stage",
        N_("About the expedited removal so far"),
        N_(
            "The dates of the encounter and the order, and a fear claimed, set the steps and "
            "deadlines that follow."
        ),
        (
            "encounter-date",
            "expedited_removal-order_issued_on",
            "expedited_removal-fear_claimed",
            "inadmissibility_grounds",
        ),
        applies=lambda v: v.get(ER_STARTED) == "yes",
        dates=("encounter-date", "expedited_removal-order_issued_on"),
    ),
    Question(
        "credible_fear",
        N_("About the credible-fear interview"),
        N_(
            "A person who fears return has a credible-fear interview; a positive finding ends "
            "expedited removal, a negative one may be reviewed by a judge."
        ),
        ("expedited_removal-credible_fear-result", "expedited_removal-credible_fear-decided_on"),
        applies=lambda v: v.get("expedited_removal-fear_claimed") == "yes",
        dates=("expedited_removal-credible_fear-decided_on",),
    ),
    Question(
        "ij_review",
        N_("About the judge's review of the negative finding"),
        N_(
            "A judge reviews a negative credible-fear finding if asked: the review decides whether"
            " the order stands."
        ),
        (
            "expedited_removal-ij_review-requested",
            "expedited_removal-ij_review-result",
            "expedited_removal-ij_review-decided_on",
        ),
        applies=lambda v: v.get("expedited_removal-credible_fear-result") == "negative",
        dates=("expedited_removal-ij_review-decided_on",),
    ),
    Question(
        "presence",
        N_("Has an officer made a finding on two years' presence?"),
        N_(
            "After two years here, the person must show them to an officer; a finding either way "
            "decides."
        ),
        ("presence_finding",),
        probes=_each("presence_finding", ("", "shown", "not_shown")),
    ),
)
BY_ID = {q.id: q for q in QUESTIONS}


def chosen_court(values: Values) -> Court | None:
    """The court or city chosen as the place, if it is one erpath has coordinates for."""
    where = {"court": values.get("proceedings-court", ""), "city": values.get(PLACE_CITY, "")}
    return hearing_places().get(where.get(values.get(PLACE, ""), ""))


def place_distance(values: Values) -> float | None:
    """Air miles from the chosen court or city to the land border, if one is chosen."""
    court = chosen_court(values)
    found = court_distance(court) if court is not None else None
    return None if found is None else found.miles


def form_values(values: Values) -> Values:
    """The screening form's values: the interview's own fields turned into the facts' (the
    place into its state and, unless too close to a limit to rely on, its miles)."""
    found = {k: v for k, v in values.items() if k not in OWN_FIELDS}
    court = chosen_court(values)
    if court is not None:
        found["encounter-state"] = court.state
        miles = place_distance(values)
        if miles is not None and not near_a_limit(miles, border_limits(bundled_law())):
            found["encounter-miles_from_land_border"] = f"{miles:g}"
    elif values.get(PLACE) != "miles":
        found.pop("encounter-miles_from_land_border", None)
    return found


def facts_of(values: Values) -> tuple[Facts | None, list[str], dict[str, str]]:
    """The facts the answers make, or the problems (each line naming its field)."""
    document, paths = ScreeningForm(values=form_values(values)).document()
    try:
        return Facts.model_validate(document), [], paths
    except ValidationError as exc:
        return None, problems(exc), paths


def _outlook_of(values: Values) -> Hashable:
    facts, _lines, _paths = facts_of(values)
    if facts is None:
        return "problems"
    try:
        return outlook(bundled_rules(), facts)
    except (AbroadError, ValueError, OverflowError) as exc:
        return type(exc).__name__


def matters(question: Question, values: Values) -> bool:
    """Whether the question's possible answers give different outlooks (or what else the
    question `decides`), the others as answered so far (its own fields unknown)."""
    if question.probes is None:
        return True
    today = _on(values, "as_of") or dt.date.today()
    base = {k: v for k, v in values.items() if k not in question.fields}
    decides = question.decides or _outlook_of
    seen = {decides({**base, **probe}) for probe in question.probes(values, today)}
    return len(seen) > 1


@dataclass
class Interview:
    """The answers so far and the questions answered, in order (the way back)."""

    values: Values = field(default_factory=dict)
    answered: list[str] = field(default_factory=list)

    def upcoming(self) -> list[Question]:
        """The questions not yet answered that apply to the answers so far."""
        return [q for q in QUESTIONS if q.id not in self.answered and q.applies(self.values)]

    def next_question(self) -> Question | None:
        """The first question that applies and can still change the answer."""
        for question in self.upcoming():
            if matters(question, self.values):
                return question
        return None

    def answer(self, question: Question, posted: Values) -> None:
        for name in question.fields:
            self.values[name] = posted.get(name, "")
        if question.id not in self.answered:
            self.answered.append(question.id)

    def back(self) -> Question | None:
        """Reopen the last question answered (its answers kept, to change)."""
        if not self.answered:
            return None
        return BY_ID[self.answered.pop()]

    def progress(self, current: Question | None) -> tuple[int, int]:
        """(this question's number, about how many in all): the rest that still apply
        count, though some may turn out not to matter."""
        done = len(self.answered)
        if current is None:
            return done, done
        return done + 1, done + len(self.upcoming())


__all__ = [
    "BY_ID",
    "PLACE",
    "PLACE_CITY",
    "QUESTIONS",
    "Interview",
    "Question",
    "border_miles",
    "child_age",
    "chosen_court",
    "court_matters",
    "facts_of",
    "form_values",
    "matters",
    "period_problems",
    "place_distance",
    "place_scoped_orders",
]
