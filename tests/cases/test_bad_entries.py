"""Issue 10, as the attack: entries that used to break every case view for good. Each is
refused when written (the CLI exits 2 naming the field, nothing half-made), and a log that
already holds one (written by an older erpath, straight through the store) is shown with
its problem on its own row while the list, the other cases and the forms keep working; a
correction withdraws the bad entry. All names and dates are invented."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from typer.testing import Result

from erpath.cases.bundle import export_bundle
from erpath.cases.record import EventRefused, record
from erpath.cases.view import view_case
from erpath.store import CaseStore
from erpath.store.events import Event, EventInput, new_id
from erpath.store.records import utc_now

Run = Callable[..., Result]
PASSPHRASE = "correct horse battery staple (test only)"
BUNDLE_PASSPHRASE = "bundle pass (test only)"
EXAMPLE = Path(__file__).parents[2] / "src" / "erpath" / "examples" / "01-interior-pending-240.json"

# Out on 2026-12-20, back on 2027-01-10: abroad on a hearing of 2026-12-28.
ABROAD = {
    "as_of": "2026-12-01",
    "arrivals": [
        {"date": "2024-03-01", "manner": "without_inspection", "mode": "land"},
        {"date": "2027-01-10", "manner": "without_inspection", "mode": "land"},
    ],
    "departures": ["2026-12-20"],
    "encounter": {"miles_from_land_border": 850},
    "proceedings": {"section_240": "pending"},
}


def _write(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _case_ids(store_path: Path) -> list[str]:
    with CaseStore.open(store_path, PASSPHRASE) as cases:
        return [c.case_id for c in cases.cases()]


def _good_case(erpath: Run, tmp_path: Path) -> str:
    facts = _write(tmp_path / "good.json", json.loads(EXAMPLE.read_text(encoding="utf-8")))
    out = erpath("case", "new", "Good (invented)", "--facts", str(facts), "--on", "2026-11-01")
    case_id = out.output.split("case ")[-1].strip()
    erpath("case", "event", case_id[:8], "appears_at_hearing", "--on", "2026-11-25")
    erpath("case", "event", case_id[:8], "dhs_moves_to_dismiss", "--on", "2026-11-25")
    return case_id


def _legacy_append(store_path: Path, case_id: str, entry: EventInput) -> None:
    """An entry as an older erpath wrote it: straight into the store, unchecked."""
    with CaseStore.open(store_path, PASSPHRASE) as cases:
        cases.append(case_id, entry)


def test_facts_that_place_the_person_abroad_on_the_hearing_break_only_their_own_case(
    erpath: Run, store_path: Path, tmp_path: Path
) -> None:
    good = _good_case(erpath, tmp_path)
    abroad = _write(tmp_path / "abroad.json", ABROAD)
    erpath("case", "new", "Abroad (invented)", "--facts", str(abroad), "--hearing", "2026-12-28")
    listed = erpath("case", "list", "--on", "2026-12-01").output
    assert "Abroad (invented)" in listed
    assert "next hearing (2026-12-28) cannot be made" in listed
    assert good[:8] in listed
    assert "response_to_dhs_motion" in listed
    deadlines = erpath("case", "deadlines", "--on", "2026-12-01").output
    assert "Response to the DHS motion" in deadlines or "response_to_dhs_motion" in deadlines
    shown = erpath("case", "show", _case_ids(store_path)[-1][:8], "--on", "2026-12-01")
    assert "Cannot evaluate" in shown.output
    assert (
        "next hearing (2026-12-28) cannot be made: the person left the United States on "
        "2026-12-20" in shown.output
    )
    erpath("case", "event", good[:8], "note", "--note", "still works (invented)")


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--on", "9999-12-31"], "--on: 9999-12-31 is outside the days erpath covers"),
        (["--on", "1899-12-31"], "--on: 1899-12-31 is outside the days erpath covers"),
        (["--hearing", "2101-01-01"], "--hearing: 2101-01-01 is outside the days erpath covers"),
    ],
)
def test_a_day_erpath_cannot_compute_with_is_refused_when_written(
    erpath: Run, store_path: Path, args: list[str], field: str
) -> None:
    result = erpath("case", "new", "Edge (invented)", *args, ok=False)
    assert result.exit_code == 2
    assert field in result.output
    assert "Traceback" not in result.output
    assert _case_ids(store_path) == []  # nothing half-made


def test_the_record_itself_refuses_days_past_the_calendar(store_path: Path) -> None:
    # What every writer goes through (the CLI, the web pages, a bundle): not only the CLI.
    with CaseStore.open(store_path, PASSPHRASE) as cases:
        case_id = cases.new_case("Record (invented)")
        late = [
            EventInput(kind="note", occurred_on=date(2101, 1, 1)),
            EventInput(
                kind="hearing_scheduled", occurred_on=date(2026, 1, 1), data={"date": "2101-01-01"}
            ),
            EventInput(
                kind="note",
                occurred_on=date(2026, 1, 1),
                data={"supervisory_concurrence_on": "0001-01-01"},
            ),
        ]
        for entry, field in zip(
            late, ["occurred_on", "date", "supervisory_concurrence_on"], strict=True
        ):
            with pytest.raises(
                EventRefused, match=f"^{field}: .* is outside the days erpath covers"
            ):
                record(cases, case_id, entry)
        assert cases.events(case_id) == []


def test_bad_facts_or_a_bad_hearing_date_leave_no_half_made_case(
    erpath: Run, store_path: Path, tmp_path: Path
) -> None:
    bad = _write(tmp_path / "bad.json", {"as_of": "2026-01-01", "departures": ["2025-01-01"]})
    result = erpath("case", "new", "Bad facts (invented)", "--facts", str(bad), ok=False)
    assert result.exit_code == 2
    assert "facts.departures[0]: no arrival after 2025-01-01" in result.output
    result = erpath("case", "new", "Bad hearing (invented)", "--hearing", "2026-02-30", ok=False)
    assert result.exit_code == 2
    assert "--hearing: '2026-02-30' is not a date YYYY-MM-DD" in result.output
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = erpath("case", "new", "Deep (invented)", "--facts", str(deep), ok=False)
    assert result.exit_code == 2
    assert "nested deeper than" in result.output
    assert _case_ids(store_path) == []


def test_a_legacy_event_on_9999_12_31_is_shown_as_a_problem_and_can_be_withdrawn(
    erpath: Run, store_path: Path, tmp_path: Path
) -> None:
    good = _good_case(erpath, tmp_path)
    out = erpath("case", "new", "Far (invented)", "--on", "2026-11-01").output
    far = out.split("case ")[-1].strip()
    hearing = EventInput(kind="appears_at_hearing", occurred_on=date(9999, 12, 30))
    _legacy_append(store_path, far, hearing)
    _legacy_append(store_path, far, EventInput(kind="dhs_moves_to_dismiss", occurred_on=date.max))
    listed = erpath("case", "list", "--on", "2026-12-01").output
    assert "Far (invented)" in listed
    assert good[:8] in listed
    with CaseStore.open(store_path, PASSPHRASE) as cases:
        view = view_case(cases, far, date(2026, 12, 1))
        assert view.problems, "a deadline past the calendar must be named, not raised"
        assert "deadlines cannot be computed" in view.problems[0]
        seq = cases.events(far)[-1].seq
    refused = erpath("case", "correct", far[:8], str(seq - 1), ok=False)  # the motion needs it
    assert refused.exit_code == 2
    assert "leaves steps that cannot happen" in refused.output
    erpath("case", "correct", far[:8], str(seq), "--note", "typed the wrong year (invented)")
    erpath("case", "correct", far[:8], str(seq - 1), "--note", "typed the wrong year (invented)")
    with CaseStore.open(store_path, PASSPHRASE) as cases:
        view = view_case(cases, far, date(2026, 12, 1))
    assert view.problems == []
    assert view.history.state.id == "S0"
    withdrawn = [e.withdrawn_by.seq for e in view.timeline if e.withdrawn_by is not None]
    assert sorted(withdrawn) == [seq + 1, seq + 2]
    shown = erpath("case", "show", far[:8], "--on", "2026-12-01").output
    assert f"withdrawn by #{seq + 1}" in shown
    assert f"withdraws #{seq}" in shown


def test_a_legacy_hearing_without_its_date_is_named_and_corrected(
    erpath: Run, store_path: Path
) -> None:
    case_id = erpath("case", "new", "Dateless (invented)").output.split("case ")[-1].strip()
    _legacy_append(
        store_path, case_id, EventInput(kind="hearing_scheduled", occurred_on=date(2026, 1, 5))
    )
    listed = erpath("case", "list").output
    assert "has no readable hearing date" in listed
    with CaseStore.open(store_path, PASSPHRASE) as cases:
        bad = cases.events(case_id)[-1]
        record(
            cases,
            case_id,
            EventInput(
                kind="correction", occurred_on=date(2026, 1, 6), data={"supersedes": bad.id}
            ),
        )
        assert view_case(cases, case_id, date(2026, 1, 6)).problems == []


def _bundle_of(events: list[Event]) -> bytes:
    return export_bundle("Imported (invented)", events, BUNDLE_PASSPHRASE, kdf_n=2**10)


def _event(case_id: str, seq: int, kind: str, on: date, **data: object) -> Event:
    return Event(
        kind=kind,
        occurred_on=on,
        data=dict(data),
        id=new_id(),
        case_id=case_id,
        seq=seq,
        recorded_at=utc_now(),
    )


def test_a_bundle_is_replayed_before_anything_is_stored(
    erpath: Run, store_path: Path, tmp_path: Path
) -> None:
    case_id = "c" * 32
    opened = _event(case_id, 1, "case_opened", date(2026, 1, 2))
    bad_bundles = {
        "no hearing date": (
            [opened, _event(case_id, 2, "hearing_scheduled", date(2026, 1, 2))],
            "entry 2 (hearing_scheduled): date: a hearing needs its date",
        ),
        "steps out of order": (
            [opened, _event(case_id, 2, "ij_grants_dismissal", date(2026, 1, 3))],
            "entry 2 (ij_grants_dismissal): event 1 (ij_grants_dismissal on 2026-01-03): "
            "cannot apply",
        ),
        "a day past 2100": (
            [opened, _event(case_id, 2, "note", date(9999, 12, 31))],
            "entry 2 (note): occurred_on: 9999-12-31 is outside",
        ),
        "bad facts": (
            [opened, _event(case_id, 2, "facts", date(2026, 1, 3), facts={"as_of": "x"})],
            "entry 2 (facts): facts.as_of",
        ),
    }
    for name, (events, expected) in bad_bundles.items():
        path = tmp_path / f"{name}.erpath-case"
        path.write_bytes(_bundle_of(events))
        result = erpath("case", "import", str(path), ok=False)
        assert result.exit_code == 2, name
        assert expected in result.output, (name, result.output)
        assert _case_ids(store_path) == [], name
    good = tmp_path / "good.erpath-case"
    good.write_bytes(
        _bundle_of(
            [opened, _event(case_id, 2, "hearing_scheduled", date(2026, 1, 2), date="2026-02-01")]
        )
    )
    erpath("case", "import", str(good))
    assert _case_ids(store_path) == [case_id]
    again = erpath("case", "import", str(good), ok=False)
    assert again.exit_code == 2
    assert f"case {case_id[:8]} is already in this store" in again.output
    with CaseStore.open(store_path, PASSPHRASE) as cases:
        assert len(cases.events(case_id)) == 2  # nothing appended to the existing case


def test_a_bundle_whose_key_parameters_would_cost_a_gibibyte_is_refused_at_once(
    erpath: Run, store_path: Path, tmp_path: Path
) -> None:
    opened = _event("d" * 32, 1, "case_opened", date(2026, 1, 2))
    document = json.loads(_bundle_of([opened]))
    document["kdf"]["n"] = 2**20  # 1 GiB of scrypt memory
    path = _write(tmp_path / "costly.erpath-case", document)
    result = erpath("case", "import", str(path), ok=False)
    assert result.exit_code == 2
    assert "key parameters are not acceptable" in result.output
    assert _case_ids(store_path) == []


def test_corrections_are_checked_like_any_entry(store_path: Path) -> None:
    with CaseStore.open(store_path, PASSPHRASE) as cases:
        case_id = cases.new_case("Corrected (invented)")
        record(cases, case_id, EventInput(kind="case_opened", occurred_on=date(2026, 1, 2)))
        day = date(2026, 1, 5)
        hearing = record(cases, case_id, EventInput(kind="appears_at_hearing", occurred_on=day))
        record(cases, case_id, EventInput(kind="dhs_moves_to_dismiss", occurred_on=day))

        def correct(target: str) -> Event:
            entry = EventInput(kind="correction", occurred_on=day, data={"supersedes": target})
            return record(cases, case_id, entry)

        with pytest.raises(EventRefused, match="the case has no entry"):
            correct("f" * 32)
        with pytest.raises(EventRefused, match="leaves steps that cannot happen"):
            correct(hearing.id)  # the motion needs the hearing before it
        motion = cases.events(case_id)[-1]
        correction = correct(motion.id)
        with pytest.raises(EventRefused, match="already withdrawn"):
            correct(motion.id)
        with pytest.raises(EventRefused, match="itself a correction"):
            correct(correction.id)
        view = view_case(cases, case_id, day)
        assert view.history.state.id == "S1"  # at the hearing: the motion no longer counts
        assert "dhs_moves_to_dismiss" in [t.event for t in view.allowed]
        record(cases, case_id, EventInput(kind="dhs_moves_to_dismiss", occurred_on=day))
        assert view_case(cases, case_id, day).history.state.id == "S2"
