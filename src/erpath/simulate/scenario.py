"""A simulation scenario as data (ADR 0034): the population, the rates and delays of each
step, the readings of what the law leaves open, and the levers. Every number is a named
parameter with where it comes from (`verification`: sourced from a figure, derived from
data, reported, calibrated to a target, or chosen where no figure was found). The periods
the law fixes (the days to review a negative credible-fear finding, to appeal, to answer a
motion) are not here: the model reads them from the law data and the procedure."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from erpath.validation import read_yaml_model

SCENARIOS = Path(__file__).parent / "scenarios"
Verification = Literal["sourced", "derived", "reported", "calibrated", "chosen"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Number(Strict):
    """A parameter: its value and where it comes from (a figure of
    calibration_targets.csv, a source, or why it was chosen)."""

    value: float = Field(ge=0)
    verification: Verification
    source: str = Field(min_length=1)
    target: str | None = None  # the calibration target it is fitted to (`calibrated`)

    @model_validator(mode="after")
    def _target(self) -> Number:
        if (self.verification == "calibrated") != (self.target is not None):
            raise ValueError("a calibrated parameter names its target, and only it")
        return self


class Share(Number):
    value: float = Field(ge=0, le=1)


class EntryYear(Strict):
    year: int = Field(ge=1950, le=2100)
    share: float = Field(gt=0, le=1)


class Citizenship(Strict):
    code: str = Field(pattern=r"^[A-Z]{2}$")
    share: float = Field(gt=0, le=1)


class Population(Strict):
    """Who is in the pipeline: the pending 240 cases on the first day (when no release is
    given), the new cases each day, and the border's flow straight into ICE custody."""

    pending: Number
    new_cases_per_day: Number
    entry_years: list[EntryYear] = Field(min_length=1)
    entry_years_source: str = Field(min_length=1)
    new_case_entry_lag_days: Number
    entered_without_inspection: Share  # the rest were admitted (never in ER's reach)
    documented_presence: Share  # can show their presence since the entry (evidence)
    recent_presence_days: Number  # the days before any day that everyone else can show
    citizenship: list[Citizenship] = Field(min_length=1)
    border_encounters_per_day: Number  # CBP encounters handed to ICE, near the border
    reinstatements_per_day: Number  # removals under a reinstated order (outside ER)
    other_removals_per_day: Number  # every other ICE removal outside the model's steps

    @model_validator(mode="after")
    def _shares(self) -> Population:
        for name, parts in (("entry_years", self.entry_years), ("citizenship", self.citizenship)):
            total = sum(p.share for p in parts)
            if abs(total - 1) > 1e-6:
                raise ValueError(f"the shares of {name} add up to {total:g}, not 1")
        years = [e.year for e in self.entry_years]
        if len(set(years)) != len(years):
            raise ValueError("entry_years lists a year twice")
        return self


class Rates(Strict):
    """Each step's rate (a share of those who reach it) or delay (days), named by the step."""

    hearing_interval_days: Number
    fails_to_appear: Share
    dhs_moves_to_dismiss: Share
    ij_grants_dismissal: Share
    ice_arrests_at_court: Share
    ij_orders_removal: Share
    completed_otherwise: Share
    respondent_appeals_order: Share
    bia_decision_days: Number
    removal_after_order: Share
    days_to_removal: Number
    expresses_fear: Share
    days_to_interview: Number
    credible_fear_positive: Share
    review_requested: Share
    ij_vacates: Share
    days_to_nta: Number


class Campaign(Strict):
    """DHS's practice of moving to dismiss the 240 cases of people it reads as in ER's
    reach and arresting them at the court (legal brief 3.2)."""

    since: dt.date
    source: str = Field(min_length=1)
    verification: Verification


ArrestReading = Literal["allowed", "barred"]
ResponseReading = Literal["required", "not_required"]


class Readings(Strict):
    """How the scenario reads what the law leaves open (`depends`), stated in every output."""

    # whether DHS acts where the law's answer is `depends` (a contested point, or two years
    # the person cannot show): it reads the person as in ER's reach
    depends_in_reach: bool
    courthouse_arrests_unknown: ArrestReading
    dismissal_response_unknown: ResponseReading
    # after the law data's verified date the law is held as it stood on that date
    after_verified: Literal["held"] = "held"


class AreaBar(Strict):
    """A lever: courthouse arrests barred in ICE areas from a day (as a court order would)."""

    areas: list[str] = Field(min_length=1)
    since: dt.date


class Levers(Strict):
    """What-ifs on top of the law and the rates."""

    ij_denies_dismissal: float | None = Field(default=None, ge=0, le=1)
    credible_fear_positive: float | None = Field(default=None, ge=0, le=1)
    courthouse_arrests_barred: list[AreaBar] = []
    stay_never_lifted: bool = False


class Target(Strict):
    """A figure of calibration_targets.csv (its metric and period, as written there) the
    scenario is checked against, and how far the simulated value may be from it."""

    metric: str
    period: str
    tolerance: float = Field(gt=0)


class Calibration(Strict):
    """The targets, each simulated over the same window (within the run, after the
    pipeline has filled)."""

    window_from: dt.date
    window_to: dt.date
    targets: list[Target] = Field(min_length=1)


class Scenario(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    start: dt.date
    end: dt.date
    seed: int = Field(ge=0)
    replications: int = Field(ge=1, le=1000)
    members: int = Field(ge=100, le=20_000_000)
    population: Population
    campaign: Campaign | None
    rates: Rates
    readings: Readings
    levers: Levers = Levers()
    calibration: Calibration | None = None

    @model_validator(mode="after")
    def _period(self) -> Scenario:
        if self.end < self.start:
            raise ValueError(f"end: {self.end} is before start {self.start}")
        c = self.calibration
        if c is not None and not (self.start <= c.window_from <= c.window_to <= self.end):
            raise ValueError("calibration: the window must lie within start..end")
        return self

    def with_levers(self, levers: Levers) -> Scenario:
        return self.model_copy(update={"levers": levers})

    def grant_share(self) -> float:
        """The share of motions to dismiss granted: the lever's, else the rate's."""
        deny = self.levers.ij_denies_dismissal
        return 1 - deny if deny is not None else self.rates.ij_grants_dismissal.value

    def credible_fear_share(self) -> float:
        """The share of interviews finding credible fear: the lever's, else the rate's."""
        lever = self.levers.credible_fear_positive
        return lever if lever is not None else self.rates.credible_fear_positive.value


class ScenarioError(ValueError):
    """A scenario file that cannot be used; `problems` lists one line per problem, naming
    the file and the field."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def load_scenario(path: Path) -> Scenario:
    """The scenario in `path` (YAML); ScenarioError naming each bad field."""
    problems: list[str] = []
    if path.is_dir():
        raise ScenarioError([f"{path.name}: is a directory, not a scenario file"])
    scenario = read_yaml_model(path, Scenario, problems)
    if scenario is None:
        raise ScenarioError(problems)
    return scenario


def bundled_scenarios() -> dict[str, Path]:
    """The scenarios shipped with erpath, by id (their file's stem)."""
    return {p.stem: p for p in sorted(SCENARIOS.glob("*.yaml"))}


def scenario_named(name: str) -> Scenario:
    """A bundled scenario by id, or a scenario file by path."""
    bundled = bundled_scenarios()
    return load_scenario(bundled[name] if name in bundled else Path(name))
