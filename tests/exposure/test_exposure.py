"""The exposure on a day, checked against the engine's own one-person answers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from erpath.exposure import Assumptions, counts, exposure_on, open_ingested, publish
from erpath.exposure.exposure import Prepared, determine
from erpath.exposure.pending import pending_on_days
from erpath.exposure.release import IngestedRelease as Ingested
from erpath.rules import RuleSet
from erpath.rules.row import FACT_COLUMNS

from .builder import Case, Charge, IngestedRelease, Proceeding, write_release
from .conftest import reference_answer

BEFORE = date(2025, 1, 20)  # the day before the 2025 designation
IN_FORCE = date(2025, 6, 10)
STAYED = date(2025, 9, 1)  # Make the Road stay of the 2025 designation


def _year_before(day: date) -> date:
    return day.replace(year=day.year - 1)


def _answers(
    root: Path, on: date, rules: RuleSet, assume: Assumptions | None = None
) -> dict[int, str]:
    result = exposure_on(open_ingested(root), on, rules, assume or Assumptions())
    return dict(result.cases.select("IDNCASE", "er_applicable").rows())


@pytest.fixture
def one_year(tmp_path: Path) -> Path:
    """For each day, an adult Mexican charged with entry without inspection who entered a
    year before it."""
    days = [BEFORE, IN_FORCE, STAYED]
    cases = [Case(i, _year_before(day)) for i, day in enumerate(days, start=1)]
    proceedings = [Proceeding(i * 10, i, date(2025, 1, 2)) for i in (1, 2, 3)]
    charges = [Charge(i, i * 10, "212a06Ai") for i in (1, 2, 3)]
    return write_release(tmp_path, IngestedRelease(cases, proceedings, charges))


def test_a_year_after_entry_exposed_only_while_the_2025_designation_operates(
    one_year: Path, rules: RuleSet
) -> None:
    assert _answers(one_year, IN_FORCE, rules)[2] == "yes"
    assert _answers(one_year, BEFORE, rules)[1] != "yes"
    assert _answers(one_year, STAYED, rules)[3] != "yes"


def test_within_100_miles_five_days_after_entry_exposed_under_2004_either_way(
    tmp_path: Path, rules: RuleSet
) -> None:
    days = [BEFORE, IN_FORCE, STAYED]
    cases = [Case(i, date.fromordinal(day.toordinal() - 5)) for i, day in enumerate(days, 1)]
    proceedings = [Proceeding(i * 10, i, date(2025, 1, 2)) for i in (1, 2, 3)]
    charges = [Charge(i, i * 10, "212a06Ai") for i in (1, 2, 3)]
    root = write_release(tmp_path, IngestedRelease(cases, proceedings, charges))
    near = Assumptions(miles_from_land_border=50.0)
    for number, day in enumerate(days, 1):
        assert _answers(root, day, rules, near)[number] == "yes", day
    # Without the distance, before 2025 the border zone decides: depends.
    assert _answers(root, BEFORE, rules)[1] == "depends"


@pytest.mark.parametrize(
    "on",
    [
        date(2016, 6, 1),  # Cuban exception of the 2002 and 2004 designations
        date(2019, 8, 1),  # the 2019 designation
        date(2020, 1, 15),  # enjoined
        BEFORE,
        date(2025, 1, 21),  # 2025 designation from 6 p.m.: both ends of the day
        IN_FORCE,
        STAYED,
        date(2026, 6, 25),  # stay vacated
        date(2026, 7, 10),  # after the verified date
    ],
)
def test_every_case_gets_the_engines_own_answer(
    mixed_prepared: Prepared, rules: RuleSet, on: date
) -> None:
    pending = pending_on_days(mixed_prepared.spans, [on])
    facts = mixed_prepared.facts(pending).collect()
    engine = determine(rules, facts)
    rows = facts.select("IDNCASE", *FACT_COLUMNS).to_dicts()
    expected = {r["IDNCASE"]: reference_answer(rules, r) for r in rows}
    got = dict(engine.select("IDNCASE", "er_applicable").rows())
    assert got == expected
    # And the aggregation: the counts by court from the reference answers.
    by_hand = (
        facts.select("IDNCASE", "court", "entry_date_known")
        .with_columns(pl.col("IDNCASE").replace_strict(expected).alias("er_applicable"))
        .pipe(counts, ["court"])
    )
    assert exposure_on(mixed_prepared, on, rules).by("court").equals(by_hand)


def test_the_mixed_release_reaches_every_answer(mixed_prepared: Prepared, rules: RuleSet) -> None:
    summary = exposure_on(mixed_prepared, IN_FORCE, rules).summary().row(0, named=True)
    assert summary["exposed"] > 0
    assert summary["depends"] > 0
    assert summary["not_exposed"] > 0
    assert summary["pending"] == summary["exposed"] + summary["depends"] + summary["not_exposed"]


def test_no_entry_date_is_reported_and_never_exposed(
    mixed_prepared: Prepared, rules: RuleSet
) -> None:
    result = exposure_on(mixed_prepared, IN_FORCE, rules)
    summary = result.summary().row(0, named=True)
    # ENTRIES: 1 of 9 has no date and 2 (2025-08-30, 2026-07-01) are after the day.
    assert summary["no_entry_date"] == summary["pending"] // 3
    unknown = result.cases.filter(~pl.col("entry_date_known"))
    assert unknown.height == summary["no_entry_date"]
    assert "yes" not in unknown.get_column("er_applicable").to_list()
    published = publish(result.summary()).row(0, named=True)
    assert published["no_entry_date_share"] == "33.3%"


def _court_release(tmp_path: Path) -> Path:
    """Twelve adults charged with entry without inspection in each of two courts, who
    entered in 2024, and twelve who entered in 2010."""
    cases: list[Case] = []
    proceedings: list[Proceeding] = []
    charges: list[Charge] = []
    for i in range(48):
        idncase = 500 + i
        entry = date(2024, 9, 1) if i % 2 else date(2010, 3, 1)
        cases.append(Case(idncase, entry))
        proceedings.append(
            Proceeding(idncase * 10, idncase, date(2024, 11, 1), court="NYC" if i < 24 else "MIA")
        )
        charges.append(Charge(idncase, idncase * 10, "212a06Ai"))
    return write_release(tmp_path, IngestedRelease(cases, proceedings, charges))


def test_by_court_before_and_after_the_2025_designation(tmp_path: Path, rules: RuleSet) -> None:
    """The issue's done-when: exposure by court before 21 January 2025 and after."""
    release = open_ingested(_court_release(tmp_path))
    before = publish(exposure_on(release, BEFORE, rules).by("court"), ["court"])
    after = publish(exposure_on(release, IN_FORCE, rules).by("court"), ["court"])
    exposed_before = dict(before.select("court", "exposed").rows())
    exposed_after = dict(after.select("court", "exposed").rows())
    assert exposed_before == {"MIA": "<10", "NYC": "<10", "all": "<10"}
    assert exposed_after == {"MIA": "12", "NYC": "12", "all": "24"}
    assert dict(after.select("court", "exposed_share").rows())["all"] == "50.0%"


def test_a_day_with_no_pending_case_counts_zero(tmp_path: Path, rules: RuleSet) -> None:
    release = IngestedRelease([Case(1, date(2024, 6, 10))], [Proceeding(10, 1, date(2024, 1, 2))])
    result = exposure_on(open_ingested(write_release(tmp_path, release)), date(2023, 1, 1), rules)
    assert result.cases.is_empty()
    assert result.summary().row(0) == (0, 0, 0, 0, 0)
    assert result.by("court").is_empty()
    assert determine(rules, pl.DataFrame(schema=FACT_COLUMNS)).is_empty()
    with pytest.raises(ValueError, match="no breakdown by 'judge'"):
        result.by("judge")


def test_only_the_breakdowns_asked_for_are_computed(mixed: Ingested, rules: RuleSet) -> None:
    """Asked only by court, the exposure gives the same counts by court without reading
    the representatives, and refuses a breakdown it did not compute."""
    full = exposure_on(mixed, IN_FORCE, rules)
    by_court = exposure_on(mixed, IN_FORCE, rules, dimensions=("court",))
    assert by_court.by("court").equals(full.by("court"))
    assert by_court.summary().equals(full.summary())
    assert "representation" not in by_court.cases.columns
    with pytest.raises(ValueError, match="no breakdown by 'representation'; computed for court"):
        by_court.by("representation")
    with pytest.raises(ValueError, match="no breakdown by 'judge'"):
        exposure_on(mixed, IN_FORCE, rules, dimensions=("judge",))
