"""What each pending case's facts row says: charges, the LPR flag and the entry date to the
manner and date of arrival; birth month, nationality, custody and representation."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from erpath.exposure import exposure_on, open_ingested, prepare_release
from erpath.exposure.facts_table import Assumptions
from erpath.exposure.pending import pending_on_days
from erpath.law.loader import load_law
from erpath.law.model import Law
from erpath.rules.row import FACT_COLUMNS

from .builder import (
    Case,
    Charge,
    IngestedRelease,
    Juvenile,
    Proceeding,
    Rep,
    Spell,
    write_release,
)

D = date(2025, 6, 10)


def _facts(
    root: Path, on: date = D, assume: Assumptions | None = None, law: Law | None = None
) -> dict[int, dict[str, Any]]:
    prepared = prepare_release(open_ingested(root), law=law)
    pending = pending_on_days(prepared.spans, [on])
    frame = prepared.facts(pending, assume or Assumptions()).collect()
    return {row["IDNCASE"]: row for row in frame.to_dicts()}


def _release(
    tmp_path: Path, cases: list[Case], charges: list[Charge], reps: list[Rep] | None = None
) -> Path:
    proceedings = [Proceeding(c.idncase * 10, c.idncase) for c in cases]
    return write_release(tmp_path, IngestedRelease(cases, proceedings, charges, reps))


def test_charges_and_the_lpr_flag_give_the_manner_of_arrival(tmp_path: Path) -> None:
    entry = date(2024, 6, 10)
    cases = [Case(i, entry) for i in range(1, 10)]
    cases[6].lpr = "1"
    charges = [
        Charge(1, 10, "212a06Ai"),  # present without admission or parole
        Charge(2, 20, "212(a)(06)(A)(i)", "S"),  # another spelling, sustained
        Charge(3, 30, "237a01B"),  # deportable: was admitted
        Charge(4, 40, "212a06Ai"),
        Charge(4, 40, "237a01Ci"),  # both: the charges contradict each other
        Charge(5, 50, "212a06Ai", "W"),  # withdrawn: not read
        Charge(6, 60, "212a07Ai  I"),  # no documents: says nothing of the manner
        Charge(7, 70, "212a06Ai"),  # but the LPR flag says admitted
        Charge(8, 80, "212a06Ai", "N"),  # not sustained: not read
        Charge(9, 90, "212a06Ai", None),
    ]
    facts = _facts(_release(tmp_path, cases, charges))
    manner = {i: facts[i]["arrival_manner"] for i in facts}
    assert manner == {
        1: "without_inspection",
        2: "without_inspection",
        3: "admitted",
        4: None,
        5: None,
        6: None,
        7: "admitted",
        8: None,
        9: "without_inspection",
    }


def test_no_entry_date_is_no_known_arrival(tmp_path: Path) -> None:
    cases = [Case(1, None), Case(2, D), Case(3, date(2025, 6, 11)), Case(4, date(2001, 2, 3))]
    charges = [Charge(i, i * 10) for i in range(1, 5)]
    facts = _facts(_release(tmp_path, cases, charges))
    assert [facts[i]["arrival_date"] for i in (1, 2, 3, 4)] == [None, D, None, date(2001, 2, 3)]
    # An arrival is a date and a manner: with no date the manner is unknown too.
    assert [facts[i]["arrival_manner"] for i in (1, 2, 3, 4)] == [
        None,
        "without_inspection",
        None,
        "without_inspection",
    ]
    assert [facts[i]["entry_date_known"] for i in (1, 2, 3, 4)] == [False, True, False, True]


def test_the_counterfactual_is_a_final_dismissal_on_the_day(tmp_path: Path) -> None:
    facts = _facts(_release(tmp_path, [Case(1, date(2024, 6, 10))], [Charge(1, 10)]))
    row = facts[1]
    assert row["as_of"] == D
    assert row["as_of_instant"] is None
    assert row["section_240"] == "dismissed"
    assert row["dismissal_appeal_pending"] is False
    assert row["dismissed_on"] is None
    for unknown in (
        "arrival_mode",
        "miles_from_land_border",
        "encounter_date",
        "presence_finding",
        "evidence_run_start",
        "er_ground_charged",
        "claimed_status",
        "uac",
        "accompanied_by",
        "parole_program",
    ):
        assert row[unknown] is None, unknown
    assert set(FACT_COLUMNS) <= set(row)


def test_assumptions_set_the_mode_and_the_distance(tmp_path: Path) -> None:
    root = _release(tmp_path, [Case(1, date(2024, 6, 10))], [Charge(1, 10)])
    row = _facts(root, assume=Assumptions("land", 50.0))[1]
    assert (row["arrival_mode"], row["miles_from_land_border"]) == ("land", 50.0)


@pytest.mark.parametrize(
    ("text", "born"),
    [
        ("03/1990", date(1990, 3, 31)),
        ("2/2008", date(2008, 2, 29)),
        ("12/2024", date(2024, 12, 31)),
        ("13/2000", None),
        ("00/2000", None),
        ("1990", None),
        ("b6", None),
        (None, None),
    ],
)
def test_birth_month_is_read_as_its_last_day(
    tmp_path: Path, text: str | None, born: date | None
) -> None:
    facts = _facts(_release(tmp_path, [Case(1, date(2024, 6, 10), birth=text)], [Charge(1, 10)]))
    assert facts[1]["birth_date"] == born


@pytest.mark.parametrize(
    ("nat", "citizenship"),
    [
        ("MX", ["MEX"]),
        ("VE", ["VEN"]),
        ("CU", ["CUB"]),
        ("HO", ["HND"]),
        ("FR", []),
        ("??", None),
        ("UN", None),
        ("XX", None),
        ("QQ", None),
    ],
)
def test_nationality_codes_become_citizenship(
    tmp_path: Path, nat: str, citizenship: list[str] | None
) -> None:
    facts = _facts(_release(tmp_path, [Case(1, date(2024, 6, 10), nat=nat)], [Charge(1, 10)]))
    assert facts[1]["citizenship"] == citizenship
    assert facts[1]["nationality"] == nat


def test_custody_and_representation(tmp_path: Path) -> None:
    cases = [
        Case(1, custody="D"),
        Case(2, custody="R"),
        Case(3, custody="N"),
        Case(4, custody=None),
        Case(5, custody="x"),
    ]
    reps = [
        Rep(1, date(2024, 1, 1)),
        Rep(2, date(2025, 7, 1)),
        Rep(3, None),
        Rep(4, date(2024, 1, 1), kind="INS"),
    ]
    facts = _facts(_release(tmp_path, cases, [], reps))
    # Without a custody history the day is not known: the latest record, labelled so.
    assert [facts[i]["custody"] for i in range(1, 6)] == [
        "recorded_detained",
        "recorded_released",
        "recorded_never_detained",
        "unknown",
        "unknown",
    ]
    # An EOIR-28 by the day, or undated, is representation; one after the day is not
    # yet; DHS's counsel (INS) is not the respondent's.
    assert [facts[i]["representation"] for i in range(1, 6)] == [
        "represented",
        "unrepresented",
        "represented",
        "unrepresented",
        "unrepresented",
    ]


def test_representation_without_the_reps_table(tmp_path: Path) -> None:
    cases = [Case(1, e28=date(2024, 1, 1)), Case(2, e28=None), Case(3, e28=date(2025, 12, 1))]
    facts = _facts(_release(tmp_path, cases, [], None))
    assert [facts[i]["representation"] for i in (1, 2, 3)] == [
        "represented",
        "unrepresented",
        "unrepresented",
    ]


def test_a_case_key_twice_in_the_case_table_has_unknown_attributes(tmp_path: Path) -> None:
    cases = [Case(1, date(2024, 6, 10)), Case(1, date(2024, 6, 10), nat="VE")]
    release = IngestedRelease(cases, [Proceeding(10, 1)], [Charge(1, 10)])
    facts = _facts(write_release(tmp_path, release))
    assert facts[1]["arrival_date"] is None
    assert facts[1]["nationality"] == "unknown"
    assert facts[1]["representation"] == "unknown"


def test_the_facts_table_has_the_engine_schema(tmp_path: Path) -> None:
    prepared = prepare_release(open_ingested(_release(tmp_path, [Case(1)], [])))
    frame = prepared.facts(pending_on_days(prepared.spans, [D])).collect()
    assert frame.select(list(FACT_COLUMNS)).schema == pl.Schema(FACT_COLUMNS)


def test_the_law_data_says_what_a_charge_tells_of_the_manner(
    tmp_path: Path, law_data: Path
) -> None:
    """The charges are read as grounds.yaml `arrival_charges` says, not as the code
    knows them: moved to another ground, the manner follows the data."""
    cases = [Case(1, date(2024, 6, 10)), Case(2, date(2024, 6, 10))]
    charges = [Charge(1, 10, "212a06Ai"), Charge(2, 20, "212a07Ai  I")]
    root = _release(tmp_path / "release", cases, charges)
    grounds = law_data / "grounds.yaml"
    text = grounds.read_text(encoding="utf-8")
    grounds.write_text(text.replace('charges: ["212(a)(6)(A)(i)"]', 'charges: ["212(a)(7)"]'))
    bundled, changed = _facts(root), _facts(root, law=load_law(law_data))
    assert [bundled[i]["arrival_manner"] for i in (1, 2)] == ["without_inspection", None]
    assert [changed[i]["arrival_manner"] for i in (1, 2)] == [None, "without_inspection"]


def test_an_assumed_manner_fills_only_where_the_data_is_silent(tmp_path: Path) -> None:
    entry = date(2024, 6, 10)
    cases = [Case(i, entry) for i in range(1, 4)]
    cases[1].lpr = "1"
    charges = [Charge(3, 30, "237a01B")]  # deportable: was admitted
    root = _release(tmp_path, cases, charges)
    silent = _facts(root)
    assumed = _facts(root, assume=Assumptions(arrival_manner="without_inspection"))
    assert [silent[i]["arrival_manner"] for i in (1, 2, 3)] == [None, "admitted", "admitted"]
    assert [assumed[i]["arrival_manner"] for i in (1, 2, 3)] == [
        "without_inspection",
        "admitted",
        "admitted",
    ]


def test_custody_on_the_day_from_the_dated_history(tmp_path: Path) -> None:
    """tbl_CustodyHistory's dated spells decide the custody on the day where they can
    (erpath.exposure.custody, RESEARCH.md 1.7); elsewhere the latest record, labelled."""
    before, day, after = date(2025, 1, 5), D, date(2025, 9, 1)
    rows = {
        # case: (latest record, spells)
        1: ("R", [Spell(1, "R", before, after)]),  # a spell covers the day
        2: ("R", [Spell(2, "R", date(2024, 3, 1), before)]),  # released before the day
        3: ("D", [Spell(3, "D", after)]),  # first detained after the day, all dated
        4: ("D", [Spell(4, "D", after), Spell(4, "D")]),  # first dated after, one undated
        12: ("D", [Spell(12, "D", after), Spell(12, "R", None, before)]),  # out, then in
        5: ("D", [Spell(5, "D", before)]),  # detained before, still detained at release
        6: ("R", [Spell(6, "D", before)]),  # detained before, released on a date unknown
        7: ("D", [Spell(7, "R", date(2024, 3, 1), before)]),  # detained again, undated
        8: ("R", [Spell(8, "D", before), Spell(8, "D", date(2025, 4, 1))]),  # two detentions
        9: ("N", [Spell(9, "N")]),  # an N row: no event
        10: ("R", [Spell(10, "D", day), Spell(10, "R", day, day)]),  # released on the day
        11: ("D", []),  # no history
    }
    cases = [Case(i, custody=code) for i, (code, _) in rows.items()]
    spells = [s for _, history in rows.values() for s in history]
    proceedings = [Proceeding(c.idncase * 10, c.idncase) for c in cases]
    root = write_release(tmp_path, IngestedRelease(cases, proceedings, [], None, spells))
    facts = _facts(root, day)
    assert {i: facts[i]["custody"] for i in rows} == {
        1: "detained",
        2: "released",
        3: "never_detained",
        4: "recorded_detained",
        5: "detained",
        6: "recorded_released",
        7: "recorded_detained",
        8: "recorded_released",
        9: "recorded_never_detained",
        10: "released",
        11: "recorded_detained",
        12: "released",
    }
    # The same history read on an earlier day: case 1 not yet detained, all dated.
    assert _facts(root, date(2024, 12, 1))[1]["custody"] == "never_detained"


def test_who_accompanied_a_juvenile_from_the_juvenile_records(tmp_path: Path) -> None:
    """tbl_JuvenileHistory through the release's own tblLookup_Juvenile, and
    A_TblCaseIdentifier's codes (erpath.exposure.juvenile): UJ and J2 unaccompanied, AJ
    accompanied; the engine then decides from the birth month (8 U.S.C. 1232(a)(5)(D))."""
    entry = date(2024, 6, 10)
    child = "03/2010"  # under 18 on the day
    # Guatemalan: a Mexican or Canadian child at the border is another question (1232(a)(2))
    cases = [Case(i, entry, nat="GT", birth=child) for i in range(1, 7)]
    cases[5].birth = "03/1990"  # an adult marked unaccompanied at entry years ago
    marks = [
        Juvenile(1, juvenile=14),  # UJ, by the lookup's id
        Juvenile(2, juvenile=16),  # AJ
        Juvenile(3, identifier="J2"),  # a case tag
        Juvenile(4, juvenile=11),  # J: a juvenile case, who came with whom not said
        Juvenile(4, juvenile=16),
        Juvenile(4, identifier="UJ"),  # unaccompanied wins over accompanied
        Juvenile(6, juvenile=14),
    ]
    charges = [Charge(i, i * 10) for i in range(1, 7)]
    proceedings = [Proceeding(i * 10, i) for i in range(1, 7)]
    root = write_release(
        tmp_path, IngestedRelease(cases, proceedings, charges, None, None, None, marks)
    )
    facts = _facts(root)
    assert {i: facts[i]["accompanied_by"] for i in facts} == {
        1: "none",
        2: "parent",
        3: "none",
        4: "none",
        5: None,
        6: "none",
    }
    answers = exposure_on(open_ingested(root), D).cases
    answer = dict(answers.select("IDNCASE", "er_applicable").rows())
    # an unaccompanied child is barred; an accompanied one and an adult are not, by this
    assert answer[1] == "no"
    assert answer[3] == "no"
    assert answer[2] == answer[6] == "yes"
    assert answer[5] == "depends"  # a child, who came with whom not known
