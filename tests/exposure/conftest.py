"""Fixtures of the exposure tests: invented releases written as real Parquet and DuckDB
files, and the engine's own one-person answer (`evaluate_row`) as the reference."""

from __future__ import annotations

from datetime import date
from itertools import product
from pathlib import Path
from typing import Any

import pytest

from erpath.exposure import open_ingested
from erpath.exposure.exposure import Prepared, citizenship_cases, prepare_release
from erpath.exposure.release import IngestedRelease
from erpath.rules import RuleSet
from erpath.rules.answer import evaluate_row

from .builder import Case, Charge, Proceeding, Rep, write_release
from .builder import IngestedRelease as Invented

# Entry dates, charges, birth months and nationalities crossed into one case each.
ENTRIES = [
    None,
    date(2014, 1, 1),
    date(2016, 5, 20),
    date(2019, 7, 30),
    date(2024, 6, 10),
    date(2025, 1, 15),
    date(2025, 6, 5),
    date(2025, 8, 30),
    date(2026, 7, 1),
]
CHARGES: list[list[tuple[str, str | None]]] = [
    [("212a06Ai", "S")],
    [("212(a)(06)(A)(i)", "O"), ("212a07Ai  I", "S")],
    [("237a01B", "S")],
    [("212a06Ai", "W")],
    [],
]
BIRTHS = ["06/1990", "12/2010", None]
NATS = ["MX", "VE", "CU", "FR", "??"]
COURTS = ["NYC", "LOS", "HOU"]


def mixed_release(root: Path) -> Path:
    """One pending case (proceeding begun 2010-01-04, open) per combination, spread over
    three courts, with one LPR and one represented case in every ten."""
    cases: list[Case] = []
    proceedings: list[Proceeding] = []
    charges: list[Charge] = []
    reps: list[Rep] = []
    combos = product(ENTRIES, range(len(CHARGES)), BIRTHS, NATS)
    for number, (entry, charge_set, birth, nat) in enumerate(combos, start=1):
        idncase = 1000 + number * 7
        cases.append(
            Case(
                idncase,
                entry,
                nat=nat,
                birth=birth,
                lpr="1" if number % 10 == 3 else "0",
                custody="DRN"[number % 3],
            )
        )
        proceedings.append(
            Proceeding(idncase * 3, idncase, date(2010, 1, 4), court=COURTS[number % 3])
        )
        charges.extend(Charge(idncase, idncase * 3, c, s) for c, s in CHARGES[charge_set])
        if number % 10 == 7:
            reps.append(Rep(idncase, date(2012, 1, 1)))
    return write_release(root, Invented(cases, proceedings, charges, reps), files=3)


@pytest.fixture(scope="session")
def mixed_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return mixed_release(tmp_path_factory.mktemp("mixed"))


@pytest.fixture(scope="session")
def mixed(mixed_root: Path) -> IngestedRelease:
    return open_ingested(mixed_root)


@pytest.fixture(scope="session")
def mixed_prepared(mixed: IngestedRelease) -> Prepared:
    return prepare_release(mixed).collected()


def reference_answer(rules: RuleSet, row: dict[str, Any]) -> str:
    """The engine's one-person answer for a facts row (which splits an unknown mode of
    arrival and distance from the border itself); an unknown citizenship answered under
    each country the law names and none, the answer all give, else "depends" (ADR 0026)."""
    if row["citizenship"] is not None:
        return evaluate_row(rules, row).er_applicable
    answers = {
        evaluate_row(rules, row | {"citizenship": case}).er_applicable
        for case in citizenship_cases(rules.law)
    }
    return answers.pop() if len(answers) == 1 else "depends"
