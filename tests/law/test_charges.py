"""One reader of charges (erpath.law.charges): however a charge is written, in a facts
document, the web form or an EOIR release, it is one code, and only 212(a)(6)(C) and
212(a)(7) support expedited removal (INA 235(b)(1)(A)(i))."""

from __future__ import annotations

import pytest

from erpath.law.charges import charge_code, paragraph, parts
from erpath.law.model import Law


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("212(a)(6)(C)(i)", "212A6CI"),
        ("INA 212(a)(06)(C)(i)", "212A6CI"),
        ("212a06Ci", "212A6CI"),
        ("(6)(C)", "212A6C"),
        ("6c", "212A6C"),
        ("7", "212A7"),
        ("212a07Ai  I", "212A7AI I"),
        ("237(a)(1)(B)", "237A1B"),
        (" 212(a)(10) ", "212A10"),
    ],
)
def test_a_charge_is_one_code_however_written(written: str, code: str) -> None:
    assert charge_code(written) == code


@pytest.mark.parametrize(
    ("grounds", "supports"),
    [
        (["212(a)(7)"], True),
        (["6Ci"], True),
        (["212a06Ci"], True),  # as the EOIR release writes it
        (["212(a)(6)(A)(i)"], False),  # present without admission: not an ER ground
        (["212(a)(6)(A)(i)", "212(a)(7)"], True),
        (["237(a)(1)(B)"], False),  # a ground of deportability
        (["212(a)(2)(A)(i)(I)"], False),
        ([], False),
        (None, None),
    ],
)
def test_only_6c_and_7_support_expedited_removal(
    law: Law, grounds: list[str] | None, supports: bool | None
) -> None:
    assert law.er_grounds.charged(grounds) is supports


def test_the_paragraph_of_212a_or_none_for_another_section() -> None:
    assert [paragraph(c) for c in ("212(a)(6)(C)(i)", "(7)", "237(a)(1)(B)")] == ["6CI", "7", None]


@pytest.mark.parametrize(
    ("charge", "manner"),
    [
        ("212(a)(6)(A)(i)", "without_inspection"),
        ("212a06Ai", "without_inspection"),  # as the EOIR release writes it
        ("212(a)(6)(A)(i)(I)", "without_inspection"),  # a part of the clause
        ("212a06Ai  I", "without_inspection"),
        ("212(a)(6)(A)(ii)", None),  # the next clause is not a part of (i)
        ("212(a)(6)(C)(i)", None),
        ("237(a)(1)(B)", "admitted"),  # deportability presumes an admission
        ("237a01Ci", "admitted"),
        ("237", None),  # the section alone names no ground
        ("212(a)(7)", None),  # no documents: says nothing of the manner
    ],
)
def test_what_a_charge_says_of_the_manner_of_arrival(
    law: Law, charge: str, manner: str | None
) -> None:
    """grounds.yaml `arrival_charges`: INA 212(a)(6)(A)(i) (present without admission or
    parole) and INA 237(a) (deportable: in and admitted to the United States), each with
    its parts; 8 CFR 235.3(b)(6)."""
    says = law.arrival_charges
    found = [
        m
        for m, charged in (
            ("without_inspection", says.without_inspection),
            ("admitted", says.admitted),
        )
        if charged.covers(charge)
    ]
    assert found == ([manner] if manner else [])


def test_a_subclause_in_brackets_is_set_apart_as_the_release_sets_it() -> None:
    assert charge_code("212(a)(7)(A)(i)(I)") == charge_code("212a07Ai  I") == "212A7AI I"
    assert parts("212(a)(7)(A)(i)(I)") == ("212", "A", "7", "A", "I", "I")
    assert parts("212(a)(6)(A)(ii)") == ("212", "A", "6", "A", "II")
