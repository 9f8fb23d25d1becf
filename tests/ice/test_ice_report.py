"""The report's counts equal counts made independently from the raw gzip files."""

from __future__ import annotations

from pathlib import Path

import pytest

from erpath.ice.report import BLANK, REDACTED, IceReport, Table, ice_report, report_frame
from erpath.ice.suppression import HIDDEN, hidden_cells

from .plain import Plain

# Expedited removal as the values are spelled in each raw file, written out here on purpose
# rather than taken from erpath.ice.dispositions.
REMOVAL_ER_CF = {"ER/CF"}
REMOVAL_ER_OTHER = {"ER", "ER/LR"}
ARREST_ER_CF = {"EXPEDITED REMOVAL WITH CREDIBLE FEAR"}
ARREST_ER_OTHER = {"EXPEDITED REMOVAL (I-860)", "EXPEDITED REMOVAL LIMITED REVIEW"}


def by_key(table: Table) -> dict[str, int]:
    """The table's counts keyed as the plain counts are: the blank value is ''."""
    counts: dict[str, int] = {}
    for line in table.lines:
        key = "" if line.key is None else line.key
        counts[key] = counts.get(key, 0) + line.count
    return counts


def test_removals_by_code_equal_the_raw_count(report: IceReport, plain_removals: Plain) -> None:
    raw = plain_removals.counts("Processing Disposition Code")
    assert by_key(report.removals) == dict(raw)
    assert report.removals.base == sum(raw.values()) == 241_513
    assert sum(line.count for line in report.removals.lines) == report.removals.base
    assert report.removals.count(None) == raw[""] == 1_562
    assert next(line.label for line in report.removals.lines if line.key is None) == BLANK


def test_arrests_by_disposition_equal_the_raw_count(
    report: IceReport, plain_arrests: Plain
) -> None:
    raw = plain_arrests.counts("Processing Disposition")
    assert by_key(report.arrests) == dict(raw)
    assert report.arrests.base == sum(raw.values()) == 131_904
    assert sum(line.count for line in report.arrests.lines) == report.arrests.base


def test_lines_are_largest_first(report: IceReport) -> None:
    for table in (report.removals, report.arrests):
        counts = [line.count for line in table.lines]
        assert counts == sorted(counts, reverse=True)


def er_lines(table: Table) -> dict[str, int]:
    return {line.label.strip(): line.count for line in table.lines}


def test_removals_expedited_removal_equals_the_raw_count(
    report: IceReport, plain_removals: Plain
) -> None:
    raw = plain_removals.counts("Processing Disposition Code")
    with_cf = sum(raw[code] for code in REMOVAL_ER_CF)
    without = sum(raw[code] for code in REMOVAL_ER_OTHER)
    assert er_lines(report.removals_er) == {
        "Expedited removal, all": with_cf + without,
        "with a credible-fear referral": with_cf,
        "without a recorded credible-fear referral": without,
        "Withdrawal in lieu of ER (not counted as ER)": raw["WD/ER"],
    }
    assert (with_cf, without, raw["WD/ER"]) == (17_608, 48_835, 252)
    all_er = report.removals_er.lines[0]
    assert all_er.share == pytest.approx(66_443 / 241_513)
    assert round(all_er.share, 3) == 0.275
    assert report.removals_er.lines[1].of_er == pytest.approx(17_608 / 66_443)


def test_arrests_expedited_removal_equals_the_raw_count(
    report: IceReport, plain_arrests: Plain
) -> None:
    raw = plain_arrests.counts("Processing Disposition")
    upper = {value.upper(): n for value, n in raw.items()}
    with_cf = sum(upper.get(label, 0) for label in ARREST_ER_CF)
    without = sum(upper.get(label, 0) for label in ARREST_ER_OTHER)
    assert er_lines(report.arrests_er) == {
        "Expedited removal, all": with_cf + without,
        "with a credible-fear referral": with_cf,
        "without a recorded credible-fear referral": without,
        "Withdrawal in lieu of ER (not counted as ER)": upper["WITHDRAWAL IN LIEU OF ER"],
    }
    assert (with_cf, without) == (327, 2_469)


def test_every_disposition_has_a_label(report: IceReport) -> None:
    for table in (report.removals, report.arrests):
        assert all(line.note != "not in crosswalk" for line in table.lines)
    reinstatement = next(
        line for line in report.arrests.lines if line.key == "REINSTATEMENT OF DEPORT ORDER I-871"
    )
    assert reinstatement.label == "REINSTATEMENT OF DEPORT ORDER I-871"
    assert reinstatement.note == "raw value (crosswalk label blank)"


def test_notes_say_what_the_data_cannot_separate(report: IceReport) -> None:
    text = " ".join(report.notes)
    assert "no field for the credible-fear determination" in text
    assert "Removal Date runs 2018-10-01 to 2019-08-31 (11 calendar months)" in text
    assert "1,562 records" in text


def test_printed_frame_hides_every_count_under_ten(report: IceReport) -> None:
    frame = report_frame(report)
    counts = frame["count"].to_list()
    assert HIDDEN in counts
    assert all(count == HIDDEN or int(count) >= 10 for count in counts)
    hidden = frame.filter(frame["count"] == HIDDEN)
    assert set(hidden["share"].to_list()) == {""}
    removals = frame.filter(frame["table"] == "removals_by_disposition")
    assert removals.filter(removals["value"] == "ER/LR")["count"].to_list() == ["10"]
    assert removals.filter(removals["value"] == "I")["count"].to_list() == [HIDDEN]
    totals = frame.filter(frame["label"] == "Total")
    assert totals["count"].to_list() == ["241513", "241513", "131904", "131904"]


@pytest.mark.parametrize(
    ("counts", "partition", "hidden"),
    [
        ([500, 40, 3], True, {2, 1}),  # one small cell: the next smallest goes too
        ([500, 40, 3], False, {2}),
        ([500, 40, 3, 9], True, {2, 3}),
        ([500, 40], True, set()),
        ([5], True, {0}),
        ([0, 12, 30], True, {0, 1}),
    ],
)
def test_hidden_cells(counts: list[int], partition: bool, hidden: set[int]) -> None:
    assert hidden_cells(counts, partition) == hidden


def test_small_files_of_ones_own(tmp_path: Path) -> None:
    removals = tmp_path / "removals.csv"
    removals.write_text(
        '"Area of Responsibility"|"Apprehension Date"|"Processing Disposition Code"|'
        '"Birth Date"|"Citizenship"|"Gender"|"RC Threat Level"|"Final Charge Section"|'
        '"Departed Date"|"Removal Date"\n'
    )
    arrests = tmp_path / "arrests.csv"
    arrests.write_text(
        '"Area of Responsibility"|"Apprehension Date"|"Apprehension Method"|'
        '"Apprehension Landmark"|"Operation"|"Processing Disposition"|"Birth Date"|'
        '"Citizenship"|"Gender"\n'
        '"Seattle Area of Responsibility"|1/2/2019|"Located"|""|""|"Expedited Removal (I-860)"|'
        '"(B)(6);(B)(7)(C) "|"MEXICO"|"Male"\n'
        '"Seattle Area of Responsibility"|1/3/2019|"Located"|""|""|"(B)(3)"|""|"MEXICO"|"Male"\n'
    )
    small = ice_report(removals, arrests)
    assert small.removals.base == 0
    assert small.removals.lines == ()
    assert [line.count for line in small.removals_er.lines] == [0, 0, 0, 0]
    assert [(line.key, line.label, line.count) for line in small.arrests.lines] == [
        ("Expedited Removal (I-860)", "EXPEDITED REMOVAL (I-860)", 1),
        (None, REDACTED, 1),
    ]
    assert small.arrests_er.lines[0].count == 1
    frame = report_frame(small)
    assert set(frame.filter(frame["label"] != "Total")["count"].to_list()) == {HIDDEN}
