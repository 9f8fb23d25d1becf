"""The law data: strict validation, and a walk over every day since 1997."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from erpath.law.loader import LawDataError, load_law
from erpath.law.model import Law
from erpath.law.moment import Moment


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_unknown_key_names_the_file_and_the_key(law_data: Path) -> None:
    data = law_data
    _edit(data / "designations.yaml", "    until: 2022-03-21\n", "    untill: 2022-03-21\n")
    with pytest.raises(LawDataError) as caught:
        load_law(data)
    assert "designations.yaml: designations[3].untill: unknown key" in caught.value.problems


def test_missing_key_names_the_file_and_the_key(law_data: Path) -> None:
    data = law_data
    _edit(data / "court_orders.yaml", "    kind: vacatur\n", "")
    with pytest.raises(LawDataError) as caught:
        load_law(data)
    assert any(
        p.startswith("court_orders.yaml: orders[") and p.endswith("kind: required, missing")
        for p in caught.value.problems
    ), caught.value.problems


def test_misplaced_key_is_an_error(law_data: Path) -> None:
    data = law_data
    _edit(data / "court_orders.yaml", "    kind: vacatur\n", "    kind: vacatur\n    ground: sea\n")
    with pytest.raises(LawDataError, match=r"court_orders.yaml: orders\[\d\]\.ground: unknown key"):
        load_law(data)


def test_unknown_source_reference_is_an_error(law_data: Path) -> None:
    data = law_data
    _edit(data / "designations.yaml", "[67-fr-68924,", "[67-fr-99999,")
    with pytest.raises(LawDataError, match=r"unknown source '67-fr-99999'"):
        load_law(data)


# What ../shared/law/primary-texts.md's table says was checked of each Federal Register
# notice (No, Partly), and the brief's marks of the court orders (reported).
CHECKED = {
    "62-fr-10312": "reported",  # 11a: No (the heading only)
    "67-fr-68924": "partly",  # 11b: Partly
    "69-fr-48877": "partly",  # 11c
    "84-fr-35409": "partly",  # 11d
    "87-fr-16022": "partly",  # 11e
    "90-fr-8139": "partly",  # 11f
    "82-fr-4902": "partly",  # 11g
    "mtr-v-noem-stay-2025": "reported",  # a press release; the order itself was not read
    "mtr-v-noem-dc-cir-vacatur-2026": "reported",
    "act-v-lyons-2025": "reported",
    "pablo-sequen-v-albarran-2025": "reported",
    # brief section 5: the circuits' rulings on detention are all reported
    "buenrostro-mendez-2026": "reported",
    "herrera-avila-8th-cir-2026": "reported",
    "cunha-v-freden-2026": "reported",
    "third-sixth-circuits-2026": "reported",
    "bond-certiorari-2026-06-26": "reported",
    # brief 4.1: the heightened screening standards "unverified: from general knowledge";
    # 4.5: Proclamation 10888 and its vacatur reported
    "88-fr-31314": "unverified",
    "89-fr-81156": "unverified",
    "proclamation-10888": "reported",
    "raices-v-noem-2025": "reported",
}


def test_every_source_has_a_verification_level_from_the_brief(law: Law) -> None:
    levels = {s.verification for s in law.sources.values()}
    assert levels == {"verified", "partly", "reported", "unverified"}
    assert {i: law.sources[i].verification for i in CHECKED} == CHECKED


# The law in force, as the legal brief (section 2) tables it: (id, first day, first day
# no longer in force). The 2022 rescission ends, and the 2025 designation begins, at
# 6:00 p.m. EST on 2025-01-21; on that bare day the later state is the one listed.
EXPECTED_DESIGNATIONS = [
    ("d0-arriving", date(1997, 4, 1), None),
    ("d1-sea-2002", date(2002, 11, 13), None),
    ("d2-border-2004", date(2004, 8, 11), None),
    ("d3-interior-2019", date(2019, 7, 23), date(2022, 3, 21)),
    ("d3r-rescission-2022", date(2022, 3, 21), date(2025, 1, 21)),
    ("d4-nationwide-2025", date(2025, 1, 21), None),
]
EXPECTED_ORDERS = [
    ("mtr-2019-injunction", date(2019, 9, 27), date(2020, 10, 1)),
    ("chirla-2025-stay", date(2025, 8, 1), None),
    ("mtr-2025-stay", date(2025, 8, 29), date(2026, 6, 23)),
    ("mtr-2025-partial-stay-pending-appeal", date(2025, 11, 22), date(2026, 6, 23)),
    ("mtr-2026-vacatur", date(2026, 6, 23), None),
    # brief section 2.2, related litigation: scoped to the Manhattan and Bronx courts
    ("act-2025-dismissal-directive-stayed", date(2025, 9, 12), None),
    ("act-2025-courthouse-arrests-not-stayed", date(2025, 9, 12), None),
    # scoped to ICE's San Francisco area
    ("pablo-sequen-2025-stay", date(2025, 12, 24), None),
]


def _expected(table: list[tuple[str, date, date | None]], day: date) -> list[str]:
    return [i for i, since, until in table if since <= day and (until is None or day < until)]


def test_every_day_since_1997_has_exactly_the_law_the_brief_states(law: Law) -> None:
    day, today = date(1997, 1, 1), date.today()
    while day <= today:
        moment = Moment.of(day)
        designations = [d.id for d in law.designations_in_force(moment, "end")]
        assert designations == _expected(EXPECTED_DESIGNATIONS, day), day
        assert [o.id for o in law.orders_in_force(moment)] == _expected(EXPECTED_ORDERS, day), day
        interior = {"d3-interior-2019", "d3r-rescission-2022", "d4-nationwide-2025"}
        assert len(interior & set(designations)) <= 1, f"overlap on {day}"
        day += timedelta(days=1)


def test_the_2025_designation_starts_at_six_pm_eastern(law: Law) -> None:
    d4 = law.designation("d4-nationwide-2025")
    before = Moment.of(datetime.fromisoformat("2025-01-21T17:59:00-05:00"))
    after = Moment.of(datetime.fromisoformat("2025-01-21T18:00:00-05:00"))
    assert not d4.in_force(before)
    assert d4.in_force(after)
    assert not d4.in_force(Moment.of(date(2025, 1, 21)), "start")


@pytest.mark.parametrize(
    ("grounds", "charged"),
    [
        (["7"], True),
        (["6C"], True),
        (["212(a)(7)"], True),
        (["(6)(C)(i)"], True),
        # EOIR's spelling of 212(a)(6)(C)(i) is the same charge (erpath.law.charges, the one
        # reader); read as no ground it made a false "no" (issue 11, step 3)
        (["212a06Ci"], True),
        (["212a06Ai"], False),  # EOIR's spelling of entry without inspection: no ER ground
        (["6A", "2A"], False),
        ([], False),
        (None, None),
    ],
)
def test_the_grounds_that_support_er_come_from_the_law_data(
    law: Law, grounds: list[str] | None, charged: bool | None
) -> None:
    """INA 235(b)(1)(A)(i): 212(a)(6)(C) and (a)(7) only, written as 212(a) paragraphs."""
    assert law.er_grounds.paragraphs == ["6C", "7"]
    assert law.er_grounds.charged(grounds) is charged


def test_grounds_without_a_paragraph_are_refused(law_data: Path) -> None:
    data = law_data
    _edit(data / "grounds.yaml", 'paragraphs: ["6C", "7"]', "paragraphs: []")
    with pytest.raises(LawDataError) as caught:
        load_law(data)
    assert any(
        p.startswith("grounds.yaml: expedited_removal_grounds.paragraphs")
        for p in caught.value.problems
    ), caught.value.problems


def test_a_parameter_the_code_reads_cannot_go_missing_or_be_misnamed(law_data: Path) -> None:
    data = law_data
    _edit(data / "parameters.yaml", "  - id: child_age_years\n", "  - id: child_age\n")
    with pytest.raises(LawDataError) as caught:
        load_law(data)
    assert caught.value.problems == [
        "parameters.yaml: parameters[child_age_years]: required, missing",
        "parameters.yaml: parameters[child_age]: unknown key",
    ]


def test_a_class_time_limit_names_a_parameter_that_exists(law_data: Path) -> None:
    data = law_data
    _edit(
        data / "designations.yaml",
        "{parameter: designated_presence_years,",
        "{parameter: two_years,",
    )
    with pytest.raises(LawDataError) as caught:
        load_law(data)
    assert caught.value.problems == [
        "designations.yaml: designations[1].classes[0].presence_under.parameter: "
        "unknown parameter 'two_years'"
    ]


def test_a_class_time_limit_is_counted_in_years_or_days_not_hours(law_data: Path) -> None:
    _edit(
        law_data / "designations.yaml",
        "{parameter: designated_presence_years,",
        "{parameter: credible_fear_review_target_hours,",
    )
    with pytest.raises(LawDataError) as caught:
        load_law(law_data)
    assert caught.value.problems == [
        "designations.yaml: designations[1].classes[0].presence_under.parameter: "
        "'credible_fear_review_target_hours' is in hours; "
        "a period of presence is counted in years or days"
    ]


def test_an_order_scoped_to_an_unknown_place_is_an_error(law_data: Path) -> None:
    _edit(
        law_data / "court_orders.yaml",
        "where: {areas: [San Francisco]}",
        "where: {areas: [Frisco]}",
    )
    with pytest.raises(
        LawDataError, match=r"orders\[\d+\]\.where\.areas: unknown ICE area 'Frisco'"
    ):
        load_law(law_data)


def test_detention_readings_out_of_order_or_contested_without_a_point_are_errors(
    law_data: Path,
) -> None:
    path = law_data / "detention.yaml"
    text = path.read_text(encoding="utf-8")
    _edit(path, "- {since: 2019-04-16, authority", "- {since: 2004-04-16, authority")
    with pytest.raises(LawDataError, match=r"detention.yaml: stages: positive_credible_fear: .*"):
        load_law(law_data)
    path.write_text(text.replace(", contested: ewi-bond,", ",", 1), encoding="utf-8")
    with pytest.raises(LawDataError, match=r"bond `depends` names its `contested` point"):
        load_law(law_data)
