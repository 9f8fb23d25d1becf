"""Issue 10 through the pages: a case whose facts cannot be screened on its hearing, and
a legacy entry no view can compute with, used to make `/cases` and every event form
answer 500. Now the list and the other cases keep working, the bad case shows its
problem on its row and page, and its wrong entry is withdrawn from the page."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from erpath.cases.record import open_case
from erpath.store import CaseStore
from erpath.store.events import EventInput
from erpath.web import Settings, create_app
from erpath.web.demo import fill
from web.webtools import PASSPHRASE, TODAY, Browser, LiveServer, csrf_of

ABROAD = {  # out on 2026-03-10, back on 2026-04-20: abroad on the hearing of 2026-03-20
    "as_of": "2026-03-02",
    "arrivals": [
        {"date": "2025-01-10", "manner": "without_inspection", "mode": "land"},
        {"date": "2026-04-20", "manner": "without_inspection", "mode": "land"},
    ],
    "departures": ["2026-03-10"],
    "encounter": {"miles_from_land_border": 850},
    "proceedings": {"section_240": "pending"},
}


@pytest.fixture(scope="module")
def bad_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bad") / "cases.db"
    with CaseStore.create(path, PASSPHRASE, kdf_n=2**14) as cases:
        fill(cases, TODAY)
        open_case(
            cases,
            "Abroad on the hearing (invented)",
            [
                EventInput(kind="case_opened", occurred_on=TODAY, data={"facts": ABROAD}),
                EventInput(
                    kind="hearing_scheduled", occurred_on=TODAY, data={"date": "2026-03-20"}
                ),
            ],
        )
        legacy = cases.new_case("Legacy entry (invented)")
        # As an older erpath wrote it, unchecked: a motion on the last day of year 9999.
        cases.append(legacy, EventInput(kind="case_opened", occurred_on=TODAY))
        cases.append(legacy, EventInput(kind="appears_at_hearing", occurred_on=date(9999, 12, 30)))
        cases.append(legacy, EventInput(kind="dhs_moves_to_dismiss", occurred_on=date.max))
    return path


@pytest.fixture(scope="module")
def bad_server(bad_store: Path) -> Iterator[LiveServer]:
    settings = Settings(store_path=bad_store, passphrase=PASSPHRASE, today=TODAY)
    with LiveServer(create_app(settings)) as server:
        yield server


@pytest.fixture
def client(bad_server: LiveServer) -> Iterator[Browser]:
    browser = Browser(bad_server.url)
    yield browser
    browser.close()


def _row(page: str, label: str) -> str:
    found = re.search(
        rf"<tr>\s*<th[^>]*><a href=\"/cases/(\w+)\"[^>]*>{re.escape(label)}.*?</tr>", page, re.S
    )
    assert found, label
    return found.group(0)


def _case_id(row: str) -> str:
    found = re.search(r'href="/cases/(\w+)"', row)
    assert found
    return found.group(1)


def test_the_list_shows_each_bad_case_on_its_own_row(client: Browser) -> None:
    page = client.get("/cases")
    assert page.status_code == 200
    abroad = _row(page.text, "Abroad on the hearing (invented)")
    assert "next hearing (2026-03-20) cannot be made" in abroad
    legacy = _row(page.text, "Legacy entry (invented)")
    assert "deadlines cannot be computed" in legacy
    luis = _row(page.text, "Luis M. (demo, invented)")
    assert "Response to the DHS motion to dismiss" in luis  # the other cases stand


def test_a_bad_case_page_names_its_problem_and_its_forms_keep_working(client: Browser) -> None:
    case_id = _case_id(_row(client.get("/cases").text, "Abroad on the hearing (invented)"))
    page = client.get(f"/cases/{case_id}")
    assert page.status_code == 200
    assert 'id="case-problems"' in page.text
    assert "left the United States on 2026-03-10" in page.text
    response = client.post(
        f"/cases/{case_id}/events",
        data={"csrf": csrf_of(page.text), "kind": "note", "on": "2026-03-02", "note": "called"},
    )
    assert response.status_code == 200
    assert "called" in response.text


def test_a_legacy_entry_is_withdrawn_from_the_page(client: Browser, bad_store: Path) -> None:
    case_id = _case_id(_row(client.get("/cases").text, "Legacy entry (invented)"))
    page = client.get(f"/cases/{case_id}").text
    with CaseStore.open(bad_store, PASSPHRASE) as cases:
        hearing, motion = cases.events(case_id)[1:3]
    refused = client.post(
        f"/cases/{case_id}/corrections", data={"csrf": csrf_of(page), "supersedes": hearing.id}
    )
    assert refused.status_code == 422
    assert "leaves steps that cannot happen" in refused.text
    for wrong in (motion, hearing):
        response = client.post(
            f"/cases/{case_id}/corrections",
            data={"csrf": csrf_of(page), "supersedes": wrong.id, "note": "wrong year"},
        )
        assert response.status_code == 200
        assert f'id="event-{wrong.seq}" class="withdrawn"' in response.text
    assert 'id="case-problems"' not in response.text
    row = _row(client.get("/cases").text, "Legacy entry (invented)")
    assert "cannot be computed" not in row
    with CaseStore.open(bad_store, PASSPHRASE) as cases:
        kinds = [e.kind for e in cases.events(case_id)]
    assert kinds[-2:] == ["correction", "correction"]  # the log keeps every entry


def test_a_copy_taken_while_the_server_runs_holds_what_it_committed(
    client: Browser, bad_store: Path, tmp_path: Path
) -> None:
    case_id = _case_id(_row(client.get("/cases").text, "Luis M. (demo, invented)"))
    page = client.get(f"/cases/{case_id}").text
    note = "copied while serving (invented)"
    response = client.post(
        f"/cases/{case_id}/events",
        data={"csrf": csrf_of(page), "kind": "note", "on": "2026-03-02", "note": note},
    )
    assert response.status_code == 200
    for name in (bad_store.name, bad_store.name + "-integrity"):  # not the -wal
        shutil.copyfile(bad_store.with_name(name), tmp_path / name)
    with CaseStore.open(tmp_path / bad_store.name, PASSPHRASE) as copy:
        assert copy.events(case_id)[-1].note == note
