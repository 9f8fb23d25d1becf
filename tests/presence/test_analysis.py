"""The evidence workbench (INA 235(b)(1)(A)(iii)(II); 8 CFR 235.3(b)(1)(ii))."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from erpath.answer.screen import screen
from erpath.contract.facts import Facts
from erpath.presence.analysis import analyse
from erpath.presence.clock import Stretch

D = date.fromisoformat


def facts(
    as_of: str,
    arrivals: list[str],
    evidence: list[dict[str, Any]],
    departures: list[str] | None = None,
) -> Facts:
    return Facts.model_validate(
        {
            "as_of": as_of,
            "arrivals": [
                {"date": a, "manner": "without_inspection", "mode": "land"} for a in arrivals
            ],
            "departures": departures or [],
            "encounter": {"date": as_of, "miles_from_land_border": 800},
            "proceedings": {"section_240": "none"},
            "evidence": evidence,
        }
    )


def doc(kind: str, start: str, end: str, **extra: str) -> dict[str, Any]:
    return {"kind": kind, "from": start, "to": end, **extra}


def test_overlapping_documents_over_a_leap_day_show_two_years() -> None:
    a = analyse(
        facts(
            "2026-03-01",
            ["2024-02-29"],
            [doc("lease", "2024-02-29", "2025-06-30"), doc("pay_stub", "2025-06-01", "2026-02-28")],
        )
    )
    assert a.two_year_date == D("2026-03-01")
    assert a.complete
    assert a.shown
    assert a.gaps == ()


def test_a_single_day_document_covers_exactly_one_day() -> None:
    a = analyse(facts("2025-01-10", ["2025-01-01"], [doc("photo", "2025-01-05", "2025-01-05")]))
    assert a.coverage.shown_days == 1
    assert a.gaps == (
        Stretch(D("2025-01-01"), D("2025-01-04")),
        Stretch(D("2025-01-06"), D("2025-01-09")),
    )


def test_evidence_before_the_last_arrival_or_after_the_date_is_ignored_and_said_so() -> None:
    a = analyse(
        facts(
            "2025-06-10",
            ["2022-01-10", "2024-03-01"],
            [
                doc("lease", "2022-02-01", "2023-11-30"),
                doc("lease", "2024-03-01", "2025-06-09"),
                doc("utility_bill", "2025-06-10", "2025-07-10"),
            ],
            departures=["2023-12-20"],
        )
    )
    ignored = {d.number: d.ignored for d in a.documents if d.ignored}
    assert set(ignored) == {1, 3}
    assert "before the last arrival" in (ignored[1] or "")
    assert "on or after the determination date" in (ignored[3] or "")
    assert a.coverage.shown_days == a.coverage.days  # the second lease covers the window


def test_a_departure_inside_the_evidence_restarts_the_window_at_the_return() -> None:
    a = analyse(
        facts(
            "2025-06-10",
            ["2022-01-10", "2024-03-01"],
            [doc("lease", "2022-01-10", "2025-06-09")],
            departures=["2023-12-20"],
        )
    )
    assert a.since == D("2024-03-01")
    assert not a.complete
    assert not a.shown


def test_no_evidence_leaves_the_whole_period_as_one_gap() -> None:
    a = analyse(facts("2025-06-10", ["2022-06-10"], []))
    assert a.complete
    assert not a.shown
    assert a.gaps == (Stretch(D("2023-06-10"), D("2025-06-09")),)
    assert [s.gap for s in a.suggestions] == list(a.gaps)
    # two years: the kinds of which two documents (a year each) cover it, strongest first
    assert a.suggestions[0].kinds == ("tax_record", "lease", "religious_record", "affidavit")


def test_monthly_policy_needs_a_government_or_business_document_every_month() -> None:
    evidence = [
        doc("utility_bill", f"{y}-{m:02d}-05", f"{y}-{m:02d}-05")
        for y in (2023, 2024, 2025)
        for m in range(1, 13)
        if date(2023, 6, 1) <= date(y, m, 1) <= date(2025, 6, 1)
    ]
    f = facts("2025-06-10", ["2023-06-01"], evidence)
    monthly, daily = analyse(f, policy="monthly"), analyse(f, policy="daily")
    assert monthly.shown
    assert monthly.gaps == ()
    assert not daily.shown
    assert daily.gaps
    # One month with only an affidavit breaks the monthly run.
    holed = [e for e in evidence if not e["from"].startswith("2024-11")]
    holed.append(doc("affidavit", "2024-11-01", "2024-11-30"))
    a = analyse(facts("2025-06-10", ["2023-06-01"], holed), policy="monthly")
    assert not a.shown
    assert a.gaps == (Stretch(D("2024-11-01"), D("2024-11-30")),)
    assert a.personal_only
    assert a.weakest is not None


def test_the_issuer_type_decides_the_strength_over_the_kind() -> None:
    a = analyse(
        facts(
            "2025-01-10",
            ["2025-01-01"],
            [doc("other", "2025-01-01", "2025-01-09", issuer_type="government")],
        )
    )
    assert a.documents[0].strength == "strong"
    assert a.months[0].third_party


@pytest.mark.parametrize("policy", ["daily", "monthly"])
def test_the_screening_reads_presence_from_the_workbench(policy: str) -> None:
    f = facts(
        "2025-06-10",
        ["2023-06-01"],
        [
            doc("utility_bill", f"{y}-{m:02d}-05", f"{y}-{m:02d}-05")
            for y in (2023, 2024, 2025)
            for m in range(1, 13)
            if date(2023, 6, 1) <= date(y, m, 1) <= date(2025, 6, 1)
        ],
    )
    shown = analyse(f, policy=policy).shown  # type: ignore[arg-type]
    d = screen(f, policy=policy)  # type: ignore[arg-type]
    assert d.presence is not None
    assert d.presence.shown is shown
    assert ("two_years_shown" in d.blocking) is shown
