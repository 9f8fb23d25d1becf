"""An unknown nationality is unknown: `??`, `UN`, `XX`, a code EOIR's nationality lookup
does not hold, and no code at all are answered under each country the law names, so a
case that would be exposed unless the person is Venezuelan (INA 235(b)(1)(F), contested)
is `depends`, as a Venezuelan's is, never exposed (ADR 0026). Invented cases, written as
a real release (Parquet and DuckDB) and read through the CLI's own path."""

from __future__ import annotations

from datetime import date

import pytest

from erpath.exposure import open_ingested
from erpath.exposure.exposure import exposure_on

from .builder import IngestedRelease, one_case, write_release

NATS = ["MX", "FR", "VE", "??", "UN", "XX", "QQ", None]
ON = date(2025, 3, 1)  # the 2025 designation in force, no stay yet


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("nationality")
    cases, proceedings, charges = [], [], []
    for number, nat in enumerate(NATS, start=1):
        # entered without inspection (an EWI charge) a month before: exposed unless the
        # nationality's exception may apply
        case, proceeding, charge = one_case(number, date(2025, 2, 1), nat=nat)
        cases.append(case)
        proceedings.append(proceeding)
        charges.extend(charge)
    write_release(root, IngestedRelease(cases, proceedings, charges))
    found = exposure_on(open_ingested(root, "duckdb"), ON, dimensions=["nationality"])
    return dict(found.cases.select("nationality", "er_applicable").rows())


def test_known_nationalities_keep_their_answer(answers: dict[str, str]) -> None:
    assert answers["MX"] == "yes"
    assert answers["FR"] == "yes"
    assert answers["VE"] == "depends"


@pytest.mark.parametrize("code", ["??", "UN", "XX", "QQ", "unknown"])
def test_an_unknown_nationality_depends_like_a_venezuelan(
    answers: dict[str, str], code: str
) -> None:
    assert answers[code] == "depends"
