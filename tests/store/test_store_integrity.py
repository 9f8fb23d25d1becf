"""Issue 10, as the attack: committed events used to vanish silently through the WAL (a
flipped byte or a truncation in ``-wal``, records cut from the end, a copy of the main
file alone taken while a long-lived process had the store open). Each is now named on
open, and `erpath case backup` / `verify` give one consistent copy and a check. The
damage is done on disk, to real SQLite files. All names are invented."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from erpath.cli import app
from erpath.store import CaseStore, DamagedStore, IncompleteStore, StoreExists
from erpath.store.events import EventInput

PASSPHRASE = "integrity test passphrase (invented)"
TEST_N = 2**10


def _note(n: int) -> EventInput:
    return EventInput(kind="note", occurred_on=date(2026, 1, 1), note=f"invented note {n}")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[tuple[Path, CaseStore, str]]:
    path = tmp_path / "live" / "cases.db"
    path.parent.mkdir()
    with CaseStore.create(path, PASSPHRASE, kdf_n=TEST_N) as cases:
        case_id = cases.new_case("Invented person")
        for n in range(3):
            cases.append(case_id, _note(n))
        yield path, cases, case_id


def _copy(path: Path, into: Path, *suffixes: str) -> Path:
    """The store's files with these suffixes ("" the main file) copied, as a user would."""
    into.mkdir()
    for suffix in suffixes:
        source = path.with_name(path.name + suffix)
        shutil.copyfile(source, into / source.name)
    return into / path.name


def _held_back(path: Path) -> sqlite3.Connection:
    """A reader holding its snapshot: no checkpoint can move later commits into the main
    file, so they live only in the ``-wal`` (as while a long read runs)."""
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM records").fetchone()
    return reader


def _last_frame_of_this_generation(wal: bytes) -> int:
    """Where the last frame written since the WAL was last reset starts (the file may
    hold stale frames after it, with older salts: https://sqlite.org/fileformat.html)."""
    page_size = int.from_bytes(wal[8:12], "big")
    salts = wal[16:24]
    offset, last = 32, 0
    while offset + 24 + page_size <= len(wal) and wal[offset + 8 : offset + 16] == salts:
        last, offset = offset, offset + 24 + page_size
    assert last, "the WAL holds no frame of its current generation"
    return last


def _live_copy_with_recent_events_in_the_wal(
    store: tuple[Path, CaseStore, str], into: Path
) -> Path:
    path, cases, case_id = store
    reader = _held_back(path)
    try:
        for n in range(3, 6):
            cases.append(case_id, _note(n))
        wal = path.with_name(path.name + "-wal")
        assert wal.stat().st_size > 0
        return _copy(path, into, "", "-wal", "-integrity")
    finally:
        reader.close()


def test_a_whole_live_copy_opens_with_every_event(store: tuple[Path, CaseStore, str]) -> None:
    path, _cases, case_id = store
    copy = _live_copy_with_recent_events_in_the_wal(store, path.parent.parent / "copy")
    with CaseStore.open(copy, PASSPHRASE) as opened:
        assert [e.note for e in opened.events(case_id)][-1] == "invented note 5"


@pytest.mark.parametrize("damage", ["flip a byte", "truncate", "remove"])
def test_damage_to_the_wal_is_named_not_silent(
    store: tuple[Path, CaseStore, str], damage: str
) -> None:
    path = store[0]
    copy = _live_copy_with_recent_events_in_the_wal(store, path.parent.parent / "copy")
    wal = copy.with_name(copy.name + "-wal")
    raw = bytearray(wal.read_bytes())
    if damage == "flip a byte":
        raw[_last_frame_of_this_generation(bytes(raw)) + 24 + 200] ^= 0x01
        wal.write_bytes(bytes(raw))
    elif damage == "truncate":
        wal.write_bytes(bytes(raw[: len(raw) // 2]))
    else:
        wal.unlink()
    with pytest.raises(IncompleteStore) as error:
        CaseStore.open(copy, PASSPHRASE)
    message = str(error.value)
    assert "committed record" in message
    assert "cases.db-wal is damaged or missing" in message
    assert "erpath case backup" in message
    assert "\n" not in message


def test_records_cut_from_the_end_of_the_log_are_named(store: tuple[Path, CaseStore, str]) -> None:
    path, cases, _case_id = store
    cases.close()
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("DELETE FROM records WHERE seq >= 3")
    raw.close()
    with pytest.raises(IncompleteStore, match=r"2 committed records \(after record 2\)"):
        CaseStore.open(path, PASSPHRASE)


def test_a_copy_of_the_main_file_alone_is_complete_but_says_it_cannot_vouch(
    store: tuple[Path, CaseStore, str],
) -> None:
    path, cases, case_id = store
    cases.append(case_id, _note(9))  # by the long-lived process, which keeps the store open
    alone = _copy(path, path.parent.parent / "alone", "")
    with pytest.raises(IncompleteStore, match=r"integrity record cases\.db-integrity is missing"):
        CaseStore.open(alone, PASSPHRASE)
    with CaseStore.open(alone, PASSPHRASE, accept_as_is=True) as accepted:
        assert accepted.events(case_id)[-1].note == "invented note 9"  # checkpointed: all there
    with CaseStore.open(alone, PASSPHRASE) as reopened:  # vouched for from now on
        assert len(reopened.events(case_id)) == 4
    beside = _copy(path, path.parent.parent / "beside", "", "-integrity")
    with CaseStore.open(beside, PASSPHRASE) as opened:
        assert opened.events(case_id)[-1].note == "invented note 9"


def test_a_backup_is_one_consistent_file(store: tuple[Path, CaseStore, str]) -> None:
    path, cases, case_id = store
    reader = _held_back(path)  # a backup while recent commits are only in the -wal
    try:
        cases.append(case_id, _note(7))
        target = path.parent.parent / "backup" / "cases-backup.db"
        target.parent.mkdir()
        health = cases.backup(target)
    finally:
        reader.close()
    assert (health.records, health.cases, health.events) == (5, 1, 4)
    assert sorted(p.name for p in target.parent.iterdir()) == ["cases-backup.db"]
    with pytest.raises(StoreExists):
        cases.backup(target)
    with CaseStore.open(target, PASSPHRASE) as restored:
        assert restored.events(case_id)[-1].note == "invented note 7"
        assert "backup of 5 records" in restored.health().integrity
        restored.append(case_id, _note(8))  # a restored backup in use vouches for itself
        assert "vouches for all 6 records" in restored.health().integrity
    assert (target.parent / "cases-backup.db-integrity").is_file()
    relabelled = path.parent.parent / "relabelled.db"
    shutil.copyfile(target, relabelled)
    raw = sqlite3.connect(relabelled, isolation_level=None)
    raw.execute("UPDATE meta SET value = 'backup:00' WHERE key = 'integrity'")
    raw.close()
    with pytest.raises(DamagedStore, match="integrity mark is damaged"):
        CaseStore.open(relabelled, PASSPHRASE)


def test_a_backup_missing_its_last_records_is_named(store: tuple[Path, CaseStore, str]) -> None:
    path, cases, _case_id = store
    target = path.parent.parent / "b.db"
    cases.backup(target)
    raw = sqlite3.connect(target, isolation_level=None)
    raw.execute("DELETE FROM records WHERE seq = 4")
    raw.close()
    with pytest.raises(IncompleteStore, match="this backup held 4 records and 3 can be read"):
        CaseStore.open(target, PASSPHRASE)


def test_backup_and_verify_from_the_command_line(
    store: tuple[Path, CaseStore, str], tmp_path: Path
) -> None:
    path, cases, _case_id = store
    cases.close()
    runner = CliRunner()
    env = {"ERPATH_STORE": str(path), "ERPATH_PASSPHRASE": PASSPHRASE, "COLUMNS": "200"}
    target = tmp_path / "out.db"
    made = runner.invoke(app, ["case", "backup", str(target)], env=env)
    assert made.exit_code == 0, made.output
    assert "4 records (1 cases, 3 events)" in made.output
    checked = runner.invoke(app, ["case", "verify"], env=env)
    assert checked.exit_code == 0, checked.output
    assert "sound" in checked.output
    path.with_name(path.name + "-integrity").unlink()
    refused = runner.invoke(app, ["case", "verify"], env=env)
    assert refused.exit_code == 2
    assert "is missing" in refused.output
    assert "Traceback" not in refused.output
    accepted = runner.invoke(app, ["case", "verify", "--accept-as-is"], env=env)
    assert accepted.exit_code == 0, accepted.output
    again = runner.invoke(app, ["case", "backup", str(target)], env=env)
    assert again.exit_code == 2
    assert "already exists" in again.output
