"""One reader of charges (erpath.law.charges): however a charge is written, in a facts
document, the web form or an EOIR release, it is one code, and only 212(a)(6)(C) and
212(a)(7) support expedited removal (INA 235(b)(1)(A)(i))."""

from __future__ import annotations

import pytest

from erpath.law.charges import charge_code, paragraph
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
