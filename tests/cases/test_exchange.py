"""Moving a case between stores (an encrypted, integrity-checked bundle) and putting its
deadlines in a calendar program (iCalendar)."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import Result

from erpath.cases.bundle import BundleError, export_bundle, read_bundle
from erpath.store import CaseStore
from erpath.store.events import EventInput

Run = Callable[..., Result]
PASSPHRASE = "correct horse battery staple (test only)"
INVENTED_NAME = "Oriane Vasquez-Tellmarch"


def _case(store_path: Path) -> str:
    with CaseStore.open(store_path, PASSPHRASE) as store:
        case_id = store.new_case(f"{INVENTED_NAME} (invented)")
        store.append(
            case_id,
            EventInput(
                kind="case_opened", occurred_on=date(2025, 5, 1), note=f"client {INVENTED_NAME}"
            ),
        )
        store.append(case_id, EventInput(kind="appears_at_hearing", occurred_on=date(2025, 6, 10)))
        store.append(case_id, EventInput(kind="ij_orders_removal", occurred_on=date(2025, 6, 10)))
        return case_id


def test_a_case_exported_and_imported_into_another_store_is_the_same(
    erpath: Run, store_path: Path, tmp_path: Path
) -> None:
    case_id = _case(store_path)
    bundle = tmp_path / "case.erpath"
    erpath("case", "export", case_id[:8], str(bundle))
    assert INVENTED_NAME.encode() not in bundle.read_bytes()
    other = tmp_path / "other.db"
    CaseStore.create(other, "another passphrase", kdf_n=2**14).close()
    from typer.testing import CliRunner

    from erpath.cli import app

    result = CliRunner().invoke(
        app,
        ["case", "import", str(bundle)],
        env={
            "ERPATH_STORE": str(other),
            "ERPATH_PASSPHRASE": "another passphrase",
            "ERPATH_BUNDLE_PASSPHRASE": "bundle pass (test only)",
        },
    )
    assert result.exit_code == 0, result.output
    with (
        CaseStore.open(store_path, PASSPHRASE) as a,
        CaseStore.open(other, "another passphrase") as b,
    ):
        first, second = a.events(case_id), b.events(case_id)
        assert [(e.id, e.kind, e.occurred_on, e.note) for e in first] == [
            (e.id, e.kind, e.occurred_on, e.note) for e in second
        ]
        assert [c.label for c in b.cases()] == [f"{INVENTED_NAME} (invented)"]


def test_an_altered_bundle_or_a_wrong_passphrase_is_refused_whole(store_path: Path) -> None:
    case_id = _case(store_path)
    with CaseStore.open(store_path, PASSPHRASE) as store:
        data = export_bundle("label", store.events(case_id), "right", kdf_n=2**14)
    with pytest.raises(BundleError, match="wrong passphrase"):
        read_bundle(data, "wrong")
    document = json.loads(data)
    sealed = bytearray(base64.b64decode(document["sealed"]))
    sealed[20] ^= 1
    document["sealed"] = base64.b64encode(bytes(sealed)).decode()
    with pytest.raises(BundleError, match="altered or damaged"):
        read_bundle(json.dumps(document).encode(), "right")
    with pytest.raises(BundleError, match="not an erpath-case-bundle"):
        read_bundle(b"{}", "right")
    label, events = read_bundle(data, "right")
    assert label == "label"
    assert len(events) == 3


def test_importing_the_same_case_twice_is_refused(
    erpath: Run, store_path: Path, tmp_path: Path
) -> None:
    case_id = _case(store_path)
    bundle = tmp_path / "case.erpath"
    erpath("case", "export", case_id[:8], str(bundle))
    refused = erpath("case", "import", str(bundle), ok=False)
    assert refused.exit_code == 2


def test_the_calendar_file_opens_with_one_all_day_event_per_running_deadline(
    erpath: Run, store_path: Path, tmp_path: Path
) -> None:
    with CaseStore.open(store_path, PASSPHRASE) as store:
        case_id = store.new_case("Calendar (invented)")
        today = date.today()
        store.append(case_id, EventInput(kind="appears_at_hearing", occurred_on=today))
        store.append(case_id, EventInput(kind="ij_orders_removal", occurred_on=today))
    target = tmp_path / "deadlines.ics"
    out = erpath("case", "calendar", str(target)).output
    assert re.search(r"wrote \d+ deadlines", out)
    calendar = Calendar.from_ical(target.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert events
    appeal = next(e for e in events if "BIA" in str(e.get("summary")))
    due = appeal.decoded("dtstart")
    assert isinstance(due, date)
    assert due >= today
    assert "8 CFR 1003.38(b)" in str(appeal.get("description"))
    assert "bia_appeal" not in str(appeal.get("summary")) + str(appeal.get("description"))
    assert str(calendar.get("version")) == "2.0"
