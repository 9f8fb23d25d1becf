"""Which 240 cases are pending on a day: the latest proceeding begun by then, not completed
by then, of case type RMV."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import polars as pl

from erpath.exposure import open_ingested, prepare_release
from erpath.exposure.pending import FILTER_DAYS, pending_on, pending_on_days

from .builder import Appeal, Case, IngestedRelease, Proceeding, write_release

D = date(2025, 6, 10)
DAY = timedelta(days=1)


def _pending(root: Path, on: date) -> dict[int, str]:
    """IDNCASE -> court of the pending proceeding on `on`."""
    spans = prepare_release(open_ingested(root)).spans
    rows = pending_on(spans, on).select("IDNCASE", "court").collect().rows()
    return dict(rows)


def test_completed_the_day_before_or_on_the_day_is_not_pending_after_is(tmp_path: Path) -> None:
    release = IngestedRelease(
        [Case(1), Case(2), Case(3), Case(4)],
        [
            Proceeding(11, 1, comp_date=D - DAY),
            Proceeding(21, 2, comp_date=D),
            Proceeding(31, 3, comp_date=D + DAY),
            Proceeding(41, 4, comp_date=None),
        ],
    )
    pending = _pending(write_release(tmp_path, release), D)
    assert sorted(pending) == [3, 4]


def test_a_proceeding_begins_on_its_input_date_else_its_charging_document(tmp_path: Path) -> None:
    release = IngestedRelease(
        [Case(1), Case(2), Case(3), Case(4)],
        [
            Proceeding(11, 1, input_date=D),
            Proceeding(21, 2, input_date=D + DAY),
            Proceeding(31, 3, input_date=None, osc_date=D - DAY),
            Proceeding(41, 4, input_date=None, osc_date=None),  # cannot be placed
        ],
    )
    assert sorted(_pending(write_release(tmp_path, release), D)) == [1, 3]


def test_the_latest_proceeding_begun_by_the_day_decides(tmp_path: Path) -> None:
    change_of_venue = date(2025, 3, 1)
    release = IngestedRelease(
        [Case(1), Case(2), Case(3)],
        [
            # Moved from NYC to LOS on 1 March: NYC's proceeding completes that day.
            Proceeding(11, 1, date(2024, 1, 10), change_of_venue, court="NYC"),
            Proceeding(12, 1, change_of_venue, None, court="LOS"),
            # Completed, then a new proceeding begun after D: not pending on D.
            Proceeding(21, 2, date(2024, 1, 10), date(2025, 1, 5), court="NYC"),
            Proceeding(22, 2, D + DAY, None, court="NYC"),
            # An open proceeding superseded by a later one completed before D.
            Proceeding(31, 3, date(2024, 1, 10), None, court="NYC"),
            Proceeding(32, 3, date(2024, 9, 1), date(2025, 2, 1), court="HOU"),
        ],
    )
    root = write_release(tmp_path, release)
    assert _pending(root, date(2024, 6, 1)) == {1: "NYC", 2: "NYC", 3: "NYC"}
    assert _pending(root, date(2024, 10, 1)) == {1: "NYC", 2: "NYC", 3: "HOU"}
    assert _pending(root, change_of_venue - DAY) == {1: "NYC"}
    assert _pending(root, change_of_venue) == {1: "LOS"}
    assert _pending(root, D) == {1: "LOS"}
    assert _pending(root, D + DAY) == {1: "LOS", 2: "NYC"}


def test_only_removal_proceedings_under_240_count(tmp_path: Path) -> None:
    release = IngestedRelease(
        [Case(1), Case(2, case_type="DEP"), Case(3, case_type="RMV"), Case(4), Case(5)],
        [
            Proceeding(11, 1),
            Proceeding(21, 2, case_type=None),  # the case's type: DEP
            Proceeding(31, 3, case_type=None),  # the case's type: RMV
            Proceeding(41, 4, case_type="CFR"),
            Proceeding(51, 5, case_type="aoc"),
        ],
    )
    assert sorted(_pending(write_release(tmp_path, release), D)) == [1, 3]


def test_one_row_per_case_on_many_days(tmp_path: Path) -> None:
    release = IngestedRelease(
        [Case(1)],
        [
            Proceeding(11, 1, date(2024, 1, 1), date(2024, 6, 1)),
            Proceeding(12, 1, date(2024, 6, 1)),
        ],
    )
    spans = prepare_release(open_ingested(write_release(tmp_path, release))).spans

    days = [date(2023, 12, 31), date(2024, 1, 1), date(2024, 5, 31), date(2024, 6, 1)]
    rows = pending_on_days(spans, days).select("as_of", "IDNPROCEEDING").collect()
    assert rows.sort("as_of").rows() == [
        (date(2024, 1, 1), 11),
        (date(2024, 5, 31), 11),
        (date(2024, 6, 1), 12),
    ]
    assert rows.select(pl.col("as_of").is_unique().all()).item()


def test_many_days_read_by_one_join_give_the_same_rows(tmp_path: Path) -> None:
    release = IngestedRelease(
        [Case(1), Case(2), Case(3)],
        [
            Proceeding(11, 1, date(2024, 1, 1), date(2024, 6, 1)),
            Proceeding(12, 1, date(2024, 6, 1)),
            Proceeding(21, 2, date(2024, 3, 15), date(2024, 9, 30)),
            Proceeding(31, 3, date(2024, 12, 1)),
        ],
    )
    spans = prepare_release(open_ingested(write_release(tmp_path, release))).spans
    days = [date(2023, 12, 1) + timedelta(days=30 * i) for i in range(14)]
    assert len(days) > FILTER_DAYS
    joined = pending_on_days(spans, days).select("as_of", "IDNPROCEEDING").collect()
    one_by_one = pl.concat(
        pending_on_days(spans, [day]).select("as_of", "IDNPROCEEDING").collect() for day in days
    )
    assert joined.sort(pl.all()).equals(one_by_one.sort(pl.all()))
    assert joined.height == 20


def test_a_case_appeal_at_the_board_keeps_the_case_pending_until_the_board_decides(
    tmp_path: Path,
) -> None:
    """8 CFR 1003.39 and 1241.1(a): the judge's decision is not final while an appeal of it
    waits at the Board; only appeals of the case itself count (tbllookupAppealType)."""
    decided = D - 30 * DAY
    cases = [Case(i) for i in range(1, 10)]
    proceedings = [Proceeding(i * 10, i, comp_date=decided) for i in range(1, 10)]
    proceedings.append(Proceeding(81, 8, input_date=D - DAY))  # 8: remanded, a new proceeding
    appeals = [
        Appeal(1, 10, decided + DAY),  # waiting at the Board
        Appeal(2, 20, decided + DAY, decided=D),  # the Board decided on the day
        Appeal(3, 30, decided + DAY, decided=D + DAY),  # decides after the day
        Appeal(4, 40, decided + DAY, kind="Bond Appeal"),  # not an appeal of the case
        Appeal(5, 50, decided + DAY, kind="MTR BIA"),  # a motion: the order stays final
        Appeal(6, None, decided + DAY),  # no proceeding named: the case's latest
        Appeal(7, 70, decided + DAY, category="DD"),  # an appeal of a DHS decision
        Appeal(8, 80, decided + DAY),  # remanded: the new proceeding is before the judge
        Appeal(9, 90, D + DAY),  # filed after the day
        Appeal(1, 10, decided + 2 * DAY, kind="circuit court remand"),  # overlapping: once
    ]
    root = write_release(tmp_path, IngestedRelease(cases, proceedings, [], None, None, appeals))
    spans = prepare_release(open_ingested(root)).spans
    rows = pending_on(spans, D).select("IDNCASE", "IDNPROCEEDING", "stage").collect()
    assert sorted(rows.rows()) == [
        (1, 10, "board_appeal"),
        (3, 30, "board_appeal"),
        (6, 60, "board_appeal"),
        (8, 81, "immigration_court"),
    ]
    # before the judge decided, the same cases are pending at the court, once each
    earlier = pending_on(spans, decided - DAY).select("IDNCASE", "stage").collect()
    assert earlier.height == 9
    assert set(earlier.get_column("stage")) == {"immigration_court"}
