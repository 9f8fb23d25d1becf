"""The disposition crosswalk and the reading of expedited removal."""

from __future__ import annotations

from pathlib import Path

import pytest

from erpath.ice.dispositions import read_crosswalk
from erpath.ice.read import ReadError

from .plain import Plain


@pytest.mark.parametrize(
    ("raw", "er"),
    [
        ("ER", "er_no_credible_fear"),
        ("ER/CF", "er_credible_fear"),
        ("ER/LR", "er_no_credible_fear"),
        ("Expedited Removal (I-860)", "er_no_credible_fear"),
        ("Expedited Removal with Credible Fear", "er_credible_fear"),
        ("WD/ER", "withdrawal_in_lieu_of_er"),
        ("Withdrawal in Lieu of ER", "withdrawal_in_lieu_of_er"),
        ("REINST", None),
        ("STW/CF", None),  # stowaway with credible fear: not expedited removal
        ("VWP/CF", None),
        ("WA/NTA", None),
    ],
)
def test_expedited_removal_classes(raw: str, er: str | None) -> None:
    assert read_crosswalk().disposition(raw).er == er


def test_labels_are_stripped_and_blank_labels_fall_back_to_the_raw_value() -> None:
    walk = read_crosswalk()
    assert walk.disposition("CRWI99").label == "CREWMEMBER (I-99)"
    blank = walk.disposition("Reinstatement of Deportation Reasonable Fear")
    assert (blank.label, blank.source) == (
        "REINSTATEMENT OF DEPORTATION REASONABLE FEAR",
        "raw value (crosswalk label blank)",
    )
    assert walk.disposition("no such code").source == "not in crosswalk"
    assert len(walk.labels) == 109


def test_every_raw_value_in_both_files_is_in_the_crosswalk(
    plain_removals: Plain, plain_arrests: Plain
) -> None:
    walk = read_crosswalk()
    values = set(plain_removals.counts("Processing Disposition Code"))
    values |= set(plain_arrests.counts("Processing Disposition"))
    assert {value for value in values if value.upper() not in walk.labels} == {""}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("raw|clean\nER|EXPEDITED REMOVAL\n", "expected the header"),
        (
            "processing_disposition_raw|processing_disposition_clean\nER|A\ner|B\n",
            "appears twice",
        ),
        ("processing_disposition_raw|processing_disposition_clean\nER\n", "1 fields"),
    ],
)
def test_a_bad_crosswalk_is_refused(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "crosswalk.csv"
    path.write_text(text)
    with pytest.raises(ReadError, match=problem):
        read_crosswalk(path)
