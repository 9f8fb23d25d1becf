"""The pipeline model: people in pending 240 cases, and people the border hands to ICE,
moving day by day through the procedure's steps (`erpath.simulate.flows`), vectorised over
people with numpy (ADR 0034).

Each day, everyone whose next event falls on it takes one step, and steps that follow on
the same day (a dismissal granted from the bench, the arrest at the court, the placement in
ER) are taken that day too. A step's outcome is drawn with the scenario's share for it; its
delay is the scenario's (a hearing's interval is exponential around its mean, every other
delay fixed); the periods the law fixes are read from the law data and the procedure (the
days to appeal, the days within which an IJ reviews a negative credible-fear finding, the
days to answer a motion to dismiss). Whether the law puts a person in ER's reach on the day
is the rules' answer (`erpath.simulate.eligibility`), what the court allows on the day the
answers' (`erpath.simulate.court_days`).

The model counts people, each standing for `weight` people of the population.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt

from erpath.answer.arrest_at_court import RESPONSE_DEADLINE
from erpath.eoir.synth.courts import court_weights
from erpath.exposure.citizenship import named_countries
from erpath.exposure.release import IngestedRelease
from erpath.law.model import Law
from erpath.places import court_distance, hearing_places
from erpath.procedure import bundled_procedure
from erpath.procedure.model import Procedure
from erpath.rules import RuleSet, build_rules
from erpath.simulate.court_days import CourtDays, court_days
from erpath.simulate.eligibility import DEPENDS, YES, Profile, border_line, reach_table
from erpath.simulate.flows import (
    APPEAL,
    AT_HEARING,
    CUSTODY,
    DENIED,
    DISMISSED,
    ER_ORDER,
    FINAL_ORDER,
    FLOWS,
    FOUND,
    IN_ER,
    INDEX,
    INITIAL,
    MOTION,
    ORDERED,
    REFERRED,
    REVIEW,
    States,
    states_of,
)
from erpath.simulate.levers import law_with_levers
from erpath.simulate.population import ReleaseCases, release_cases
from erpath.simulate.scenario import Scenario, ScenarioError

NEVER = np.iinfo(np.int32).max
BORDER_DAYS_SINCE_ENTRY = 3  # a border encounter is 3 days after the entry (chosen)
MAX_STEPS_A_DAY = 32


def _month_15(day: date) -> date:
    return day.replace(day=15)


def _months(first: date, last: date) -> list[date]:
    out, d = [], first.replace(day=15)
    while d <= last.replace(day=15):
        out.append(d)
        d = (d.replace(day=1) + timedelta(days=32)).replace(day=15)
    return out


@dataclass(frozen=True)
class Prepared:
    """What every replication shares: the law's answers by class and day, the courts'."""

    scenario: Scenario
    law: Law
    first: date
    last: date
    weight: float
    courts: CourtDays
    court_weight: npt.NDArray[np.float64]
    court_near_border: npt.NDArray[np.bool_]
    reach: npt.NDArray[np.int8]  # [class, day]
    months: list[date]  # interior classes' entry months
    border_offset: int  # the first border class
    appeal_days: npt.NDArray[np.int32]  # by day: the days to appeal to the BIA
    review_days: npt.NDArray[np.int32]  # by day: the days to review a negative finding
    response_days: int
    states: States  # the procedure's states, numbered, and each flow's from and to
    citizenships: tuple[str, ...]  # the classes' nationalities: the scenario's, then the release's
    pending_people: int  # people modelled on the first day
    # the scenario's inflows (new cases, the border's, removals outside the model) scaled
    # to the population modelled: a release's pending cases over the scenario's `pending`
    inflow_scale: float = 1.0
    cases: ReleaseCases | None = None  # the release's pending cases, when seeded from one

    @property
    def span(self) -> int:
        return (self.last - self.first).days + 1

    def interior_class(
        self,
        month: npt.NDArray[np.int64],
        ewi: npt.NDArray[np.bool_],
        documented: npt.NDArray[np.bool_],
        citizenship: npt.NDArray[np.int64],
        near: npt.NDArray[np.bool_],
    ) -> npt.NDArray[np.int32]:
        c = len(self.citizenships)
        return ((((month * 2 + ewi) * 2 + documented) * c + citizenship) * 2 + near).astype(
            np.int32
        )

    def border_class(
        self, day: npt.NDArray[np.int64], citizenship: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.int32]:
        c = len(self.citizenships)
        return (self.border_offset + day * c + citizenship).astype(np.int32)


def _profiles(
    scenario: Scenario, first: date, last: date, codes: list[str], entered: date | None
) -> tuple[list[Profile], list[date], int]:
    pop = scenario.population
    earliest = date(min(e.year for e in pop.entry_years), 1, 15)
    lag = timedelta(days=int(pop.new_case_entry_lag_days.value * 6))
    months = _months(min(earliest, first - lag, entered or earliest), last)
    recent = int(pop.recent_presence_days.value)
    interior = [
        Profile(m, bool(ewi), bool(doc), code, bool(near), in_240=True, recent_days=recent)
        for m in months
        for ewi in (0, 1)
        for doc in (0, 1)
        for code in codes
        for near in (0, 1)
    ]
    span = (last - first).days + 1
    border = [
        Profile(
            first + timedelta(days=d - BORDER_DAYS_SINCE_ENTRY),
            True,
            False,
            code,
            True,
            in_240=False,
            recent_days=recent,
        )
        for d in range(span)
        for code in codes
    ]
    return interior + border, months, len(interior)


def _by_day(first: date, span: int, value: Callable[[date], int]) -> npt.NDArray[np.int32]:
    return np.array([value(first + timedelta(days=d)) for d in range(span)], dtype=np.int32)


def prepare(
    scenario: Scenario,
    law: Law,
    first: date | None = None,
    last: date | None = None,
    members: int | None = None,
    procedure: Procedure | None = None,
    release: IngestedRelease | None = None,
) -> Prepared:
    """Ask the law once for everything the replications share; with `release`, the people
    pending on the first day are its pending 240 cases (`erpath.simulate.population`)."""
    first, last = first or scenario.start, last or scenario.end
    if last < first:
        raise ValueError(f"--to {last} is before --from {first}")
    procedure = procedure or bundled_procedure()
    states = states_of(procedure)
    law = law_with_levers(law, scenario.levers)
    rules: RuleSet = build_rules(law, procedure)
    codes = [c.code for c in scenario.population.citizenship]
    cases = release_cases(release, first, law) if release is not None else None
    if cases is not None:
        if cases.size == 0:
            raise ScenarioError([f"--release: no pending 240 case on {first}"])
        if members is not None and members > cases.size:
            raise ScenarioError(
                [f"--members: the release has {cases.size:,} pending 240 cases on {first}"]
            )
        if all(c in named_countries(law) for c in codes):
            raise ScenarioError(
                ["population.citizenship: name a country the law does not name, to stand "
                 "for the release's nationalities the law does not tell apart"]
            )  # fmt: skip
        codes += [c for c in cases.named(law) if c not in codes]
        people = members or cases.size
        weight = cases.size / people
        inflow_scale = cases.size / scenario.population.pending.value
    else:
        inflow_scale = 1.0
        people = members or scenario.members
        weight = scenario.population.pending.value / people
    profiles, months, offset = _profiles(
        scenario, first, last, codes, cases.earliest() if cases else None
    )
    reach = reach_table(rules, profiles, first, last)
    places = hearing_places()
    court_codes = list(places)
    weights = court_weights(court_codes)
    line = border_line(law)
    near = np.array(
        [(d := court_distance(places[c])) is not None and d.miles <= line for c in court_codes],
        dtype=np.bool_,
    )
    days = court_days(law, court_codes, first, last, scenario.readings)
    rule = next(d for d in procedure.deadlines if d.code == RESPONSE_DEADLINE)
    span = (last - first).days + 1
    return Prepared(
        scenario=scenario,
        law=law,
        first=first,
        last=last,
        weight=weight,
        courts=days,
        court_weight=weights / weights.sum(),
        court_near_border=near,
        reach=reach,
        months=months,
        border_offset=offset,
        appeal_days=_by_day(first, span, law.parameters.bia_appeal_days.value_on),
        review_days=_by_day(first, span, law.parameters.credible_fear_review_days.value_on),
        response_days=rule.period.days or 0,
        states=states,
        citizenships=tuple(codes),
        pending_people=people,
        cases=cases,
        inflow_scale=inflow_scale,
    )


@dataclass
class Run:
    """One replication's counts: flows[day, flow] in people of the model (multiply by
    `weight` for the population)."""

    flows: npt.NDArray[np.int64]


class _People:
    """The people of one replication, in arrays that grow as cases arrive."""

    def __init__(self, capacity: int) -> None:
        self.n = 0
        self.state = np.zeros(capacity, dtype=np.int8)
        self.due = np.full(capacity, NEVER, dtype=np.int32)
        self.then = np.zeros(capacity, dtype=np.int8)  # a step drawn ahead (its row), or 0
        self.cls = np.zeros(capacity, dtype=np.int32)
        self.court = np.zeros(capacity, dtype=np.int16)
        self.at_court = np.zeros(capacity, dtype=np.bool_)

    def add(
        self,
        state: int,
        due: npt.NDArray[np.int32],
        cls: npt.NDArray[np.int32],
        court: npt.NDArray[np.int16],
    ) -> None:
        k = len(due)
        if self.n + k > len(self.state):
            grow = max(self.n + k, 2 * len(self.state))
            for name in ("state", "due", "then", "cls", "court", "at_court"):
                old = getattr(self, name)
                new = np.zeros(grow, dtype=old.dtype)
                if name == "due":
                    new[:] = NEVER
                new[: self.n] = old[: self.n]
                setattr(self, name, new)
        s = slice(self.n, self.n + k)
        self.state[s], self.due[s], self.cls[s], self.court[s] = state, due, cls, court
        self.then[s], self.at_court[s] = 0, False
        self.n += k


class Simulation:
    """One replication of a prepared scenario."""

    def __init__(self, prepared: Prepared, replication: int) -> None:
        self.p = prepared
        s = prepared.scenario
        self.r = s.rates
        self.levers = s.levers
        self.rng = np.random.default_rng([s.seed, replication])
        self.flows = np.zeros((prepared.span, len(FLOWS)), dtype=np.int64)
        expected_new = self._per_day(s.population.new_cases_per_day.value) * prepared.span
        expected_border = (
            self._per_day(s.population.border_encounters_per_day.value) * prepared.span
        )
        pending = prepared.pending_people
        self.people = _People(int(pending + 1.2 * (expected_new + expected_border)) + 16)
        self.campaign_day = (
            (s.campaign.since - prepared.first).days if s.campaign is not None else NEVER
        )
        self.grant = s.grant_share()
        self.positive = s.credible_fear_share()
        if prepared.cases is not None:
            self._from_release(prepared.cases, pending)
        else:
            self._pending(pending)

    # -- who arrives -------------------------------------------------------------------

    def _per_day(self, rate: float) -> float:
        """A scenario's daily inflow in people modelled."""
        return rate * self.p.inflow_scale / self.p.weight

    def _draw_citizenship(self, n: int) -> npt.NDArray[np.int64]:
        shares = [c.share for c in self.p.scenario.population.citizenship]
        return self.rng.choice(len(shares), size=n, p=shares)

    def _draw_court(self, n: int) -> npt.NDArray[np.int16]:
        return self.rng.choice(len(self.p.court_weight), size=n, p=self.p.court_weight).astype(
            np.int16
        )

    def _interior(
        self, n: int, month: npt.NDArray[np.int64]
    ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int16]]:
        pop = self.p.scenario.population
        court = self._draw_court(n)
        ewi = self.rng.random(n) < pop.entered_without_inspection.value
        documented = self.rng.random(n) < pop.documented_presence.value
        cls = self.p.interior_class(
            month, ewi, documented, self._draw_citizenship(n), self.p.court_near_border[court]
        )
        return cls, court

    def _hearing_in(self, n: int) -> npt.NDArray[np.int32]:
        days = self.rng.exponential(self.r.hearing_interval_days.value, size=n)
        return np.maximum(1, np.rint(days)).astype(np.int32)

    def _drawn_months(self, n: int) -> npt.NDArray[np.int64]:
        """`n` entry months (indices of `months`) drawn from the scenario's entry years,
        a month uniform within its year; an entry after the first day is its month."""
        pop = self.p.scenario.population
        years = np.array([e.year for e in pop.entry_years])
        shares = np.array([e.share for e in pop.entry_years])
        year = self.rng.choice(years, size=n, p=shares)
        month_of_year = self.rng.integers(0, 12, size=n)
        first_month = self.p.months[0]
        month = (year - first_month.year) * 12 + month_of_year - (first_month.month - 1)
        latest = len([m for m in self.p.months if m <= _month_15(self.p.first)]) - 1
        clipped: npt.NDArray[np.int64] = np.clip(month, 0, latest)
        return clipped

    def _pending(self, n: int) -> None:
        """The pending cases on the first day, with their entry months."""
        cls, court = self._interior(n, self._drawn_months(n))
        self.people.add(self.p.states.of(INITIAL), self._hearing_in(n), cls, court)

    def _from_release(self, cases: ReleaseCases, n: int) -> None:
        """`n` of the release's pending cases (all of them, or a sample), with what the
        release does not record drawn from the scenario's shares."""
        pop = self.p.scenario.population
        chosen = np.sort(self.rng.choice(cases.size, size=n, replace=False))
        index = {m: i for i, m in enumerate(self.p.months)}
        drawn_month = self._drawn_months(n)  # read where the release records no entry
        month = np.array(
            [
                index[_month_15(a)] if (a := cases.arrival[i]) is not None else drawn_month[k]
                for k, i in enumerate(chosen)
            ],
            dtype=np.int64,
        )
        known = cases.without_inspection[chosen]
        ewi = np.where(
            known >= 0, known == 1, self.rng.random(n) < pop.entered_without_inspection.value
        )
        documented = self.rng.random(n) < pop.documented_presence.value
        position = {c: i for i, c in enumerate(self.p.citizenships)}
        drawn_citizenship = self._draw_citizenship(n)
        citizenship = np.array(
            [
                position.get(c, self._stand_in) if c is not None else drawn_citizenship[k]
                for k, c in enumerate(cases.citizenship[i] for i in chosen)
            ],
            dtype=np.int64,
        )
        court_of = {c: i for i, c in enumerate(self.p.courts.courts)}
        drawn_court = self._draw_court(n)
        court = np.array(
            [court_of.get(cases.court[i] or "", drawn_court[k]) for k, i in enumerate(chosen)],
            dtype=np.int16,
        )
        cls = self.p.interior_class(
            month, ewi, documented, citizenship, self.p.court_near_border[court]
        )
        self.people.add(self.p.states.of(INITIAL), self._hearing_in(n), cls, court)

    @property
    def _stand_in(self) -> int:
        """The scenario's first nationality the law does not name: it stands for every
        nationality the law does not tell apart."""
        named = named_countries(self.p.law)
        return next(i for i, c in enumerate(self.p.citizenships) if c not in named)

    def _arrivals(self, t: int) -> None:
        pop = self.p.scenario.population
        n = self.rng.poisson(self._per_day(pop.new_cases_per_day.value))
        if n:
            lag = self.rng.exponential(pop.new_case_entry_lag_days.value, size=n)
            entered = [
                _month_15(self.p.first + timedelta(days=t - int(x)))
                for x in np.minimum(lag, pop.new_case_entry_lag_days.value * 6)
            ]
            index = {m: i for i, m in enumerate(self.p.months)}
            month = np.array([index[m] for m in entered], dtype=np.int64)
            cls, court = self._interior(n, month)
            self.people.add(self.p.states.of(INITIAL), t + self._hearing_in(n), cls, court)
            self._count("new_case", t, n)
        b = self.rng.poisson(self._per_day(pop.border_encounters_per_day.value))
        if b:
            cls = self.p.border_class(np.full(b, t), self._draw_citizenship(b))
            self.people.add(
                self.p.states.of(CUSTODY), np.full(b, t, dtype=np.int32), cls, self._draw_court(b)
            )
            self._count("border_encounter", t, b)
        for key, rate in (
            ("reinstatement_removal", pop.reinstatements_per_day.value),
            ("other_removal", pop.other_removals_per_day.value),
        ):
            self._count(key, t, int(self.rng.poisson(self._per_day(rate))))

    # -- steps -------------------------------------------------------------------------

    def _count(self, key: str, t: int, n: int) -> None:
        self.flows[t, INDEX[key]] += n

    def _move(
        self, key: str, who: npt.NDArray[np.int64], t: int, due: int | npt.NDArray[np.int32]
    ) -> None:
        """`who` take the flow `key` on day `t`, into the state it leads to, their next
        event on `due`."""
        if who.size == 0:
            return
        people = self.people
        people.state[who] = self.p.states.target[INDEX[key]]
        people.due[who] = due
        people.then[who] = 0
        self.flows[t, INDEX[key]] += who.size

    def _in_reach(self, who: npt.NDArray[np.int64], t: int) -> npt.NDArray[np.bool_]:
        answer = self.p.reach[self.people.cls[who], t]
        reach: npt.NDArray[np.bool_] = answer == YES
        if self.p.scenario.readings.depends_in_reach:
            reach |= answer == DEPENDS
        return reach

    def _split(
        self, who: npt.NDArray[np.int64], share: float
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        hit = self.rng.random(who.size) < share
        return who[hit], who[~hit]

    def _scheduled(self, who: npt.NDArray[np.int64], t: int) -> None:
        absent, present = self._split(who, self.r.fails_to_appear.value)
        self._move("row_2", absent, t, NEVER)
        self._move("row_1", present, t, t)

    def _at_hearing(self, who: npt.NDArray[np.int64], t: int) -> None:
        people, r = self.people, self.r
        if t >= self.campaign_day:
            reach = self._in_reach(who, t)
            moved, _ = self._split(who[reach], r.dhs_moves_to_dismiss.value)
            bench = self.p.courts.bench_decision[people.court[moved], t]
            people.at_court[moved] = bench
            self._move("row_3", moved[bench], t, t)
            self._move("row_3", moved[~bench], t, t + self.p.response_days)
            who = np.setdiff1d(who, moved, assume_unique=True)
        u = self.rng.random(who.size)
        ordered = who[u < r.ij_orders_removal.value]
        done = who[
            (u >= r.ij_orders_removal.value)
            & (u < r.ij_orders_removal.value + r.completed_otherwise.value)
        ]
        going_on = who[u >= r.ij_orders_removal.value + r.completed_otherwise.value]
        self._move("row_10", ordered, t, t + int(self.p.appeal_days[t]))
        self._move("completed_otherwise", done, t, NEVER)
        self._move("hearing_continued", going_on, t, t + self._hearing_in(going_on.size))

    def _motion(self, who: npt.NDArray[np.int64], t: int) -> None:
        granted, denied = self._split(who, self.grant)
        self._move("row_4", granted, t, t)
        self._move("row_5", denied, t, t + self._hearing_in(denied.size))

    def _denied(self, who: npt.NDArray[np.int64], t: int) -> None:
        self.people.at_court[who] = False
        self._move("row_6", who, t, t)

    def _dismissed(self, who: npt.NDArray[np.int64], t: int) -> None:
        people = self.people
        can = people.at_court[who] & self.p.courts.arrests_allowed[people.court[who], t]
        arrested, _ = self._split(who[can], self.r.ice_arrests_at_court.value)
        self._move("row_8", arrested, t, t)
        self._move(
            "dismissed_not_arrested",
            np.setdiff1d(who, arrested, assume_unique=True),
            t,
            NEVER,
        )

    def _ordered(self, who: npt.NDArray[np.int64], t: int) -> None:
        appealed, final = self._split(who, self.r.respondent_appeals_order.value)
        self._move("row_12", appealed, t, t + int(self.r.bia_decision_days.value))
        self._move("row_11", final, t, t)

    def _appeal(self, who: npt.NDArray[np.int64], t: int) -> None:
        self._move("row_13", who, t, t)

    def _final_order(self, who: npt.NDArray[np.int64], t: int) -> None:
        people = self.people
        drawn, fresh = who[people.then[who] == 15], who[people.then[who] == 0]
        self._move("row_15", drawn, t, NEVER)
        executed, _ = self._split(fresh, self.r.removal_after_order.value)
        people.due[fresh] = NEVER  # a final order not carried out in the model's time
        people.due[executed] = t + int(self.r.days_to_removal.value)
        people.then[executed] = 15

    def _custody(self, who: npt.NDArray[np.int64], t: int) -> None:
        self._move("row_16", who, t, t)

    def _in_er(self, who: npt.NDArray[np.int64], t: int) -> None:
        reach = self._in_reach(who, t)
        self._move("row_17", who[~reach], t, NEVER)
        fear, none = self._split(who[reach], self.r.expresses_fear.value)
        self._move("row_22", fear, t, t + int(self.r.days_to_interview.value))
        self._move("row_21", none, t, t + int(self.r.days_to_removal.value))

    def _er_order(self, who: npt.NDArray[np.int64], t: int) -> None:
        self._move("row_23", who, t, NEVER)

    def _referred(self, who: npt.NDArray[np.int64], t: int) -> None:
        people, r = self.people, self.r
        drawn, fresh = who[people.then[who] == 26], who[people.then[who] == 0]
        self._move("row_26", drawn, t, NEVER)
        found, negative = self._split(fresh, self.positive)
        self._move("row_24", found, t, t + int(r.days_to_nta.value))
        review, declined = self._split(negative, r.review_requested.value)
        self._move("row_25", review, t, t + int(self.p.review_days[t]))
        people.due[declined] = t + int(r.days_to_removal.value)
        people.then[declined] = 26

    def _review(self, who: npt.NDArray[np.int64], t: int) -> None:
        people, r = self.people, self.r
        drawn, fresh = who[people.then[who] == 27], who[people.then[who] == 0]
        self._move("row_27", drawn, t, NEVER)
        vacated, concurred = self._split(fresh, r.ij_vacates.value)
        self._move("row_28", vacated, t, t + int(r.days_to_nta.value))
        people.due[concurred] = t + int(r.days_to_removal.value)
        people.then[concurred] = 27

    def _found(self, who: npt.NDArray[np.int64], t: int) -> None:
        self._move("row_29", who, t, NEVER)

    def run(self) -> Run:
        of = self.p.states.of
        handlers = {
            of(INITIAL): self._scheduled,
            of(AT_HEARING): self._at_hearing,
            of(MOTION): self._motion,
            of(DISMISSED): self._dismissed,
            of(DENIED): self._denied,
            of(ORDERED): self._ordered,
            of(APPEAL): self._appeal,
            of(FINAL_ORDER): self._final_order,
            of(CUSTODY): self._custody,
            of(IN_ER): self._in_er,
            of(ER_ORDER): self._er_order,
            of(REFERRED): self._referred,
            of(REVIEW): self._review,
            of(FOUND): self._found,
        }
        people = self.people
        for t in range(self.p.span):
            self._arrivals(t)
            who = np.flatnonzero(people.due[: people.n] == t)
            for _ in range(MAX_STEPS_A_DAY):
                if who.size == 0:
                    break
                state = people.state[who]
                for code in np.unique(state):
                    handlers[int(code)](who[state == code], t)
                who = who[people.due[who] == t]
            else:
                raise RuntimeError(f"day {t}: more than {MAX_STEPS_A_DAY} steps in a day")
        return Run(self.flows)


def simulate_once(prepared: Prepared, replication: int) -> Run:
    return Simulation(prepared, replication).run()
