"""A case screened over time: on the next hearing and on the two-year date, with the
240 posture the log implies, and warnings when either is near."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from erpath.cases.record import record
from erpath.cases.view import view_case
from erpath.store import CaseStore
from erpath.store.events import EventInput

PASSPHRASE = "correct horse battery staple (test only)"
EXAMPLE = Path(__file__).parents[2] / "src" / "erpath" / "examples" / "01-interior-pending-240.json"


def test_the_hearing_screening_reads_the_posture_from_the_log(store_path: Path) -> None:
    facts = json.loads(EXAMPLE.read_text())
    with CaseStore.open(store_path, PASSPHRASE) as store:
        case_id = store.new_case("Posture (invented)")
        record(
            store,
            case_id,
            EventInput(kind="case_opened", occurred_on=date(2025, 5, 1), data={"facts": facts}),
        )
        record(
            store,
            case_id,
            EventInput(
                kind="hearing_scheduled", occurred_on=date(2025, 5, 1), data={"date": "2025-07-20"}
            ),
        )
        before = view_case(store, case_id, date(2025, 5, 2))
        hearing = before.screenings[0]
        assert (hearing.why, hearing.on) == ("next_hearing", date(2025, 7, 20))
        assert hearing.determination.blocking == ["pending_240_proceedings"]
        for kind in ("appears_at_hearing", "dhs_moves_to_dismiss", "ij_grants_dismissal"):
            record(store, case_id, EventInput(kind=kind, occurred_on=date(2025, 5, 20)))
        after = view_case(store, case_id, date(2025, 5, 21))
        screened = after.screenings[0].determination
        assert after.history.state.id == "S3"
        assert screened.er_applicable == "yes"  # dismissed 2025-05-20, window closed by July
        assert screened.category == "designated_interior"


def test_warnings_when_the_two_year_date_or_a_deadline_is_near(store_path: Path) -> None:
    today = date.today()
    arrival = (today - timedelta(days=2 * 365 - 30)).isoformat()
    facts = {
        "as_of": today.isoformat(),
        "arrivals": [{"date": arrival, "manner": "without_inspection", "mode": "land"}],
        "encounter": {"miles_from_land_border": 500},
        "proceedings": {"section_240": "pending"},
    }
    with CaseStore.open(store_path, PASSPHRASE) as store:
        case_id = store.new_case("Near (invented)")
        record(
            store, case_id, EventInput(kind="case_opened", occurred_on=today, data={"facts": facts})
        )
        moved = today - timedelta(days=5)  # the 10-day response is due within the week
        record(store, case_id, EventInput(kind="appears_at_hearing", occurred_on=moved))
        record(store, case_id, EventInput(kind="dhs_moves_to_dismiss", occurred_on=moved))
        view = view_case(store, case_id, today)
    assert any("two years since the last arrival are complete on" in w for w in view.warnings)
    assert any("Response to the DHS motion" in w for w in view.warnings)
    assert [s.why for s in view.screenings] == ["two_year_date"]


def _case_at(store: CaseStore, court: str, state: str, on: date, steps: tuple[str, ...]) -> str:
    """A case whose 240 case is at `court`, with `steps` recorded on `on` (invented facts)."""
    facts = {
        "as_of": on.isoformat(),
        "arrivals": [{"date": "2025-03-10", "manner": "without_inspection", "mode": "land"}],
        "encounter": {"miles_from_land_border": 500, "state": state},
        "proceedings": {"section_240": "pending", "court": court},
    }
    case_id = store.new_case(f"At {court} (invented)")
    record(store, case_id, EventInput(kind="case_opened", occurred_on=on, data={"facts": facts}))
    for kind in steps:
        record(store, case_id, EventInput(kind=kind, occurred_on=on))
    return case_id


DISMISSED = ("appears_at_hearing", "dhs_moves_to_dismiss", "ij_grants_dismissal")


def test_the_step_of_an_arrest_at_court_says_whether_an_order_restricts_it_at_the_case_court(
    store_path: Path,
) -> None:
    """Pablo Sequen v. Albarran (N.D. Cal. Dec. 24, 2025, reported) stays courthouse arrests
    in ICE's San Francisco area, not in Houston's: the case's court decides the note on the
    step 'ICE arrests at or near the court' after a dismissal (procedure.yaml `at_court`)."""
    day = date(2026, 1, 15)
    with CaseStore.open(store_path, PASSPHRASE) as store:
        sfr = view_case(store, _case_at(store, "SFR", "CA", day, DISMISSED), day)
        hou = view_case(store, _case_at(store, "HOU", "TX", day, DISMISSED), day)
    for view in (sfr, hou):
        assert view.history.state.id == "S3"
        assert any(t.at_court == "courthouse_arrests" for t in view.allowed)
    assert sfr.at_court["courthouse_arrests"].startswith(
        "A court order restricts ICE arrests at or near the immigration court in San Francisco"
    )
    assert "Pablo Sequen" not in hou.at_court["courthouse_arrests"]
    assert hou.at_court["courthouse_arrests"].startswith("No court order restricts ICE arrests")


def test_a_pending_motion_to_dismiss_says_what_response_period_applies_at_the_case_court(
    store_path: Path,
) -> None:
    """African Communities Together v. Lyons (S.D.N.Y. Sept. 12, 2025, reported) stays
    EOIR's no-response-period email at the Manhattan courts; elsewhere whether the 10 days
    apply is unknown since the email was reportedly withdrawn (legal brief 3.2)."""
    day = date(2026, 3, 2)
    with CaseStore.open(store_path, PASSPHRASE) as store:
        notes = {}
        for court, state in (("NYC", "NY"), ("HOU", "TX")):
            moved = ("appears_at_hearing", "dhs_moves_to_dismiss")
            case_id = _case_at(store, court, state, day, moved)
            view = view_case(store, case_id, day)
            assert view.history.state.id == "S2"
            notes[court] = view.at_court["dismissal_response"]
    assert "so the 10-day response period applies" in notes["NYC"]
    assert "is not known" in notes["HOU"]
