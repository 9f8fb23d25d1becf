"""The simulation asks the rules only on the days an answer can change, and holds it
between them; asked on every day instead, the rules give the same answers. And what it
holds is the law: facts -> expected answer, each with its citation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from erpath.law.loader import bundled_law
from erpath.rules import bundled_rules
from erpath.simulate.eligibility import ANSWER_CODES, Profile, answers_on, reach_table

FIRST, LAST = date(2024, 10, 1), date(2026, 12, 31)

PROFILES = [
    # entered without inspection, a 240 case dismissed, can show nothing but recent days
    Profile(date(2023, 3, 15), True, False, "GT", False, True, recent_days=90),
    Profile(date(2024, 11, 15), True, False, "GT", False, True, recent_days=90),
    Profile(date(2025, 9, 15), True, False, "GT", True, True, recent_days=90),
    # can show the presence since the entry
    Profile(date(2024, 2, 15), True, True, "MX", False, True, recent_days=90),
    # admitted: never in ER's reach
    Profile(date(2024, 6, 15), False, False, "GT", False, True, recent_days=90),
    # at the border, three days after crossing, no 240 case
    Profile(date(2025, 3, 1), True, False, "GT", True, False, recent_days=90),
]


def test_held_answers_equal_the_rules_asked_every_day() -> None:
    rules = bundled_rules()
    held = reach_table(rules, PROFILES, FIRST, LAST)
    days = [FIRST + timedelta(days=d) for d in range((LAST - FIRST).days + 1)]
    for i, profile in enumerate(PROFILES):
        asked = [d for d in days if d >= profile.arrival]
        daily = answers_on(rules, rules.law, profile, asked)
        offset = (asked[0] - FIRST).days
        expected = [ANSWER_CODES[a] for a in daily]
        assert held[i, offset:].tolist() == expected, profile


CASES = [
    (
        "entered without inspection 14 months before, case dismissed, under the 2025 designation",
        Profile(date(2024, 1, 15), True, False, "GT", False, True, recent_days=90),
        date(2025, 3, 1),
        "yes",
        "INA 235(b)(1)(A)(iii)(II); 90 FR 8139 (Jan. 24, 2025): not admitted or paroled, "
        "and has not shown two years' presence (nor been here two years)",
    ),
    (
        "the same person during the stay of the 2025 designation",
        Profile(date(2024, 1, 15), True, True, "GT", False, True, recent_days=90),
        date(2025, 10, 15),
        "no",
        "Make the Road N.Y. v. Noem, No. 1:25-cv-00190 (D.D.C. Aug. 29, 2025): 705 stay",
    ),
    (
        "entered without inspection 5 months before, case dismissed, after the vacatur",
        Profile(date(2026, 1, 15), True, True, "GT", False, True, recent_days=90),
        date(2026, 6, 25),
        "yes",
        "Make the Road N.Y. v. Noem, No. 25-5320 (D.C. Cir. June 23, 2026): stay vacated",
    ),
    (
        "shows presence since an entry three years before: two years shown",
        Profile(date(2022, 5, 15), True, True, "GT", False, True, recent_days=90),
        date(2025, 3, 1),
        "no",
        "INA 235(b)(1)(A)(iii)(II): two years' continuous presence shown",
    ),
    (
        "admitted at a port of entry",
        Profile(date(2024, 6, 15), False, False, "GT", False, True, recent_days=90),
        date(2025, 3, 1),
        "no",
        "INA 235(b)(1)(A)(iii): the designation reaches those not admitted or paroled",
    ),
    (
        "at the border three days after crossing, 2019",
        Profile(date(2019, 3, 1), True, False, "GT", True, False, recent_days=90),
        date(2019, 3, 4),
        "yes",
        "69 FR 48877 (Aug. 11, 2004): within 100 miles and 14 days of the entry",
    ),
]


@pytest.mark.parametrize(
    ("facts", "profile", "day", "expected", "cite"), CASES, ids=[c[0] for c in CASES]
)
def test_the_law_on_the_day(
    facts: str, profile: Profile, day: date, expected: str, cite: str
) -> None:
    rules = bundled_rules()
    assert answers_on(rules, bundled_law(), profile, [day]) == [expected], cite
