"""The case store on real SQLite files: round trip, encryption at rest, damage, import.

All names and facts here are invented. Stores are made with a low scrypt cost
(``kdf_n=TEST_N``) so the tests run fast; one test checks the default is strong.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import unicodedata
import uuid
from pathlib import Path

import pytest

from erpath.store import (
    CaseStore,
    DamagedStore,
    NoSuchCase,
    StoreError,
    StoreExists,
    WrongPassphrase,
)
from erpath.store.events import Event, EventInput

TEST_N = 2**10
PASSPHRASE = "correct horse battery staple"
NAME = "Zephyrine Quillfeather"
LABEL = f"{NAME}, port of entry case"
KIND = "credible_fear_interview_scheduled"
DOCUMENT = "Form I-869 Quillfeather"


def make_store(path: Path, passphrase: str = PASSPHRASE) -> CaseStore:
    return CaseStore.create(path, passphrase, kdf_n=TEST_N)


def sample_events() -> list[EventInput]:
    return [
        EventInput(kind="case_opened", occurred_on=dt.date(2025, 1, 20)),
        EventInput(
            kind=KIND,
            occurred_on=dt.date(2025, 2, 3),
            source_document=DOCUMENT,
            note=f"{NAME} was told of the interview date",
            data={"interview_on": "2025-02-10", "place": {"city": "Invented City"}},
        ),
        EventInput(kind="note", occurred_on=dt.date(2025, 2, 4), note='Ünïcode ✓ and quotes "'),
    ]


def store_with_one_case(path: Path) -> tuple[str, list[Event]]:
    """A closed store at ``path`` with one case of three events."""
    with make_store(path) as store:
        case_id = store.new_case(LABEL)
        events = [store.append(case_id, event) for event in sample_events()]
    return case_id, events


def one_line(error: pytest.ExceptionInfo[StoreError]) -> str:
    message = str(error.value)
    assert message
    assert "\n" not in message
    return message


def raw_sql(path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Run SQL on the file with plain sqlite3, as someone tampering with it would."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def sealed(path: Path, seq: int) -> bytes:
    (row,) = raw_sql(path, "SELECT sealed FROM records WHERE seq = ?", (seq,))
    blob = row[0]
    assert isinstance(blob, bytes)
    return blob


def set_sealed(path: Path, seq: int, blob: bytes) -> None:
    raw_sql(path, "UPDATE records SET sealed = ? WHERE seq = ?", (blob, seq))


# -- round trip ---------------------------------------------------------------------------


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "cases.erpath"
    before = dt.datetime.now(dt.UTC)
    with make_store(path) as store:
        first = store.new_case(LABEL)
        second = store.new_case("Second invented case")
        stored = [store.append(first, event) for event in sample_events()]
        other = store.append(second, sample_events()[0])
        assert store.events(first) == stored

    assert uuid.UUID(hex=first).hex == first
    assert uuid.UUID(hex=first).version == 4
    assert [e.seq for e in stored] == [3, 4, 5]
    assert other.seq == 6
    for event, given in zip(stored, sample_events(), strict=True):
        assert event.model_dump(include=set(EventInput.model_fields)) == given.model_dump()
        assert event.case_id == first
        assert event.recorded_at.utcoffset() == dt.timedelta(0)
        assert before <= event.recorded_at <= dt.datetime.now(dt.UTC)
    assert len({e.id for e in stored}) == 3

    with CaseStore.open(path, PASSPHRASE) as store:
        assert store.events(first) == stored
        assert store.events(second) == [other]
        summaries = store.cases()
    assert [(s.case_id, s.label, s.events) for s in summaries] == [
        (first, LABEL, 3),
        (second, "Second invented case", 1),
    ]
    assert before <= summaries[0].opened_at <= summaries[1].opened_at <= stored[0].recorded_at


def test_append_returns_what_a_later_read_gives(tmp_path: Path) -> None:
    """Data that JSON cannot hold as is (a date) is returned as it is stored."""
    path = tmp_path / "cases.erpath"
    with make_store(path) as store:
        case_id = store.new_case("Invented")
        event = EventInput(
            kind="note", occurred_on=dt.date(2025, 3, 1), data={"on": dt.date(2025, 3, 2)}
        )
        stored = store.append(case_id, event)
    assert stored.data == {"on": "2025-03-02"}
    with CaseStore.open(path, PASSPHRASE) as store:
        assert store.events(case_id) == [stored]


def test_a_case_without_events_and_a_store_without_cases(tmp_path: Path) -> None:
    with make_store(tmp_path / "cases.erpath") as store:
        assert store.cases() == []
        case_id = store.new_case("")
        assert store.events(case_id) == []
        assert [(s.label, s.events) for s in store.cases()] == [("", 0)]


def test_returned_events_cannot_change_the_store(tmp_path: Path) -> None:
    with make_store(tmp_path / "cases.erpath") as store:
        case_id = store.new_case("Invented")
        store.append(case_id, sample_events()[1])
        store.events(case_id)[0].data["place"]["city"] = "Elsewhere"
        assert store.events(case_id)[0].data["place"] == {"city": "Invented City"}


def test_unknown_case(tmp_path: Path) -> None:
    with make_store(tmp_path / "cases.erpath") as store:
        store.new_case("Invented")
        with pytest.raises(NoSuchCase) as error:
            store.append("0" * 32, sample_events()[0])
        assert "0" * 32 in one_line(error)
        with pytest.raises(NoSuchCase):
            store.events("0" * 32)
        assert [s.events for s in store.cases()] == [0]


def test_data_that_cannot_be_stored_is_refused_whole(tmp_path: Path) -> None:
    with make_store(tmp_path / "cases.erpath") as store:
        case_id = store.new_case("Invented")
        bad = EventInput(kind="note", occurred_on=dt.date(2025, 1, 1), data={"x": object()})
        with pytest.raises(StoreError, match="cannot be stored") as error:
            store.append(case_id, bad)
        one_line(error)
        good = store.append(case_id, sample_events()[0])
        assert good.seq == 2
        assert store.events(case_id) == [good]


def test_closed_store(tmp_path: Path) -> None:
    store = make_store(tmp_path / "cases.erpath")
    with store:
        case_id = store.new_case("Invented")
    with pytest.raises(StoreError, match="closed"):
        store.events(case_id)
    store.close()  # closing twice is harmless


# -- opening and creating -------------------------------------------------------------------


def test_create_refuses_an_existing_path(tmp_path: Path) -> None:
    path = tmp_path / "cases.erpath"
    path.write_bytes(b"someone else's file")
    with pytest.raises(StoreExists) as error:
        make_store(path)
    one_line(error)
    assert path.read_bytes() == b"someone else's file"

    store_with_one_case(tmp_path / "other.erpath")
    with pytest.raises(StoreExists):
        make_store(tmp_path / "other.erpath")


def test_open_does_not_create_a_missing_store(tmp_path: Path) -> None:
    path = tmp_path / "missing.erpath"
    with pytest.raises(StoreError, match="no case store") as error:
        CaseStore.open(path, PASSPHRASE)
    one_line(error)
    assert not path.exists()


def test_create_in_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot create"):
        make_store(tmp_path / "no" / "such" / "folder.erpath")


def test_empty_passphrase_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="empty"):
        make_store(tmp_path / "cases.erpath", "")
    assert not (tmp_path / "cases.erpath").exists()


def test_default_key_derivation_is_strong(tmp_path: Path) -> None:
    path = tmp_path / "cases.erpath"
    CaseStore.create(path, PASSPHRASE).close()
    ((header,),) = raw_sql(path, "SELECT value FROM meta WHERE key = 'header'")
    assert isinstance(header, str)
    kdf = json.loads(header)["kdf"]
    assert kdf["name"] == "scrypt"
    assert kdf["n"] >= 2**15
    assert kdf["r"] >= 8
    assert len(bytes.fromhex(kdf["salt"])) >= 16
    CaseStore.open(path, PASSPHRASE).close()


@pytest.mark.parametrize("kdf_n", [2**9, 3000, 2**21])
def test_unsafe_or_odd_kdf_cost_is_refused(tmp_path: Path, kdf_n: int) -> None:
    with pytest.raises(ValueError, match="power of two"):
        CaseStore.create(tmp_path / "cases.erpath", PASSPHRASE, kdf_n=kdf_n)
    assert not (tmp_path / "cases.erpath").exists()


# -- encryption at rest ---------------------------------------------------------------------


def test_the_file_reveals_nothing_without_the_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "cases.erpath"
    store = make_store(path)
    case_id = store.new_case(LABEL)
    events = [store.append(case_id, event) for event in sample_events()]

    secrets = [
        NAME,
        "Quillfeather",
        "Zephyrine",
        LABEL,
        KIND,
        DOCUMENT,
        "Invented City",
        "interview_on",
        "2025-02-03",
        "2025-02-10",
        PASSPHRASE,
        case_id,
        *(event.id for event in events),
    ]

    def assert_nothing_in(*files: Path) -> None:
        for file in files:
            raw = file.read_bytes().lower()
            for secret in secrets:
                for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                    assert secret.lower().encode(encoding) not in raw, (file.name, secret)

    wal = path.with_name(path.name + "-wal")
    assert wal.stat().st_size > 0  # the events are in the write-ahead log now
    assert_nothing_in(path, wal, path.with_name(path.name + "-shm"))
    store.close()
    assert not wal.exists() or wal.stat().st_size == 0
    assert_nothing_in(path)

    with pytest.raises(WrongPassphrase) as error:
        CaseStore.open(path, "correct horse battery stapler")
    assert one_line(error) == "wrong passphrase for this case store"
    with pytest.raises(WrongPassphrase):
        CaseStore.open(path, "")


def test_the_rows_hold_nothing_but_sealed_blobs(tmp_path: Path) -> None:
    path = tmp_path / "cases.erpath"
    store_with_one_case(path)
    assert {row[0] for row in raw_sql(path, "SELECT name FROM sqlite_schema")} == {
        "meta",
        "records",
        "sqlite_autoindex_meta_1",
    }
    rows = raw_sql(path, "SELECT seq, typeof(sealed), length(sealed) FROM records ORDER BY seq")
    assert [row[:2] for row in rows] == [(seq, "blob") for seq in (1, 2, 3, 4)]
    # nonce + tag + plaintext padded to 64 bytes: lengths come in steps of 64
    assert all((int(str(row[2])) - 28) % 64 == 0 for row in rows)
    meta = {str(key): str(value) for key, value in raw_sql(path, "SELECT key, value FROM meta")}
    assert set(meta) == {"header", "header_sha256", "integrity"}
    assert set(json.loads(meta["header"])) == {"format", "version", "kdf", "key_check"}
    assert meta["integrity"] == "beside"  # the record of the log's length is in its own file
    record = json.loads((tmp_path / "cases.erpath-integrity").read_text(encoding="ascii"))
    assert set(record) == {"format", "version", "sealed"}
    assert NAME.encode() not in (tmp_path / "cases.erpath-integrity").read_bytes()


def test_the_passphrase_is_normalised(tmp_path: Path) -> None:
    composed = unicodedata.normalize("NFC", "contraseña secreta")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    path = tmp_path / "cases.erpath"
    make_store(path, composed).close()
    CaseStore.open(path, decomposed).close()


# -- damage ---------------------------------------------------------------------------------


def test_an_altered_record_is_named(tmp_path: Path) -> None:
    path = tmp_path / "cases.erpath"
    store_with_one_case(path)
    blob = bytearray(sealed(path, 3))
    blob[len(blob) // 2] ^= 0x01
    set_sealed(path, 3, bytes(blob))
    with pytest.raises(DamagedStore) as error:
        CaseStore.open(path, PASSPHRASE)
    assert one_line(error) == "record 3 fails authentication"


def test_swapped_records_are_detected(tmp_path: Path) -> None:
    path = tmp_path / "cases.erpath"
    store_with_one_case(path)
    second, third = sealed(path, 2), sealed(path, 3)
    set_sealed(path, 2, third)
    set_sealed(path, 3, second)
    with pytest.raises(DamagedStore, match="record 2 fails authentication"):
        CaseStore.open(path, PASSPHRASE)


def test_a_record_from_another_store_is_detected(tmp_path: Path) -> None:
    """Same passphrase, different salt: a record cannot be carried from store to store."""
    first, second = tmp_path / "first.erpath", tmp_path / "second.erpath"
    store_with_one_case(first)
    store_with_one_case(second)
    set_sealed(second, 2, sealed(first, 2))
    with pytest.raises(DamagedStore, match="record 2 fails authentication"):
        CaseStore.open(second, PASSPHRASE)


def test_a_missing_record_is_named(tmp_path: Path) -> None:
    path = tmp_path / "cases.erpath"
    store_with_one_case(path)
    raw_sql(path, "DELETE FROM records WHERE seq = 2")
    with pytest.raises(DamagedStore) as error:
        CaseStore.open(path, PASSPHRASE)
    assert one_line(error) == "record 2 is missing from the case store"


def test_a_damaged_header_is_not_a_wrong_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "cases.erpath"
    store_with_one_case(path)
    ((header,),) = raw_sql(path, "SELECT value FROM meta WHERE key = 'header'")
    fields = json.loads(str(header))
    fields["kdf"]["salt"] = "00" * 16
    raw_sql(path, "UPDATE meta SET value = ? WHERE key = 'header'", (json.dumps(fields),))
    with pytest.raises(DamagedStore) as error:
        CaseStore.open(path, PASSPHRASE)
    assert one_line(error) == "the store header is damaged"


def test_a_flipped_byte_in_the_file_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "cases.erpath"
    store_with_one_case(path)
    blob = sealed(path, 4)
    raw = bytearray(path.read_bytes())
    at = raw.find(blob)
    assert at > 0
    raw[at + 20] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(DamagedStore, match="record 4"):
        CaseStore.open(path, PASSPHRASE)


def test_damage_appearing_while_open_returns_nothing_partial(tmp_path: Path) -> None:
    path = tmp_path / "cases.erpath"
    case_id, _ = store_with_one_case(path)
    with CaseStore.open(path, PASSPHRASE) as store:
        raw_sql(path, "INSERT INTO records (seq, sealed) VALUES (5, ?)", (sealed(path, 4),))
        with pytest.raises(DamagedStore, match="record 5 fails authentication"):
            store.events(case_id)
        with pytest.raises(DamagedStore):
            store.cases()
        with pytest.raises(DamagedStore):
            store.append(case_id, sample_events()[0])
    assert raw_sql(path, "SELECT count(*) FROM records") == [(5,)]


@pytest.mark.parametrize("keep", [0, 100, 4096, 6000, 8192, -1])
def test_a_truncated_file_is_damaged(tmp_path: Path, keep: int) -> None:
    path = tmp_path / "cases.erpath"
    store_with_one_case(path)
    raw = path.read_bytes()
    assert len(raw) > 8192
    path.write_bytes(raw[:keep])
    with pytest.raises(DamagedStore) as error:
        CaseStore.open(path, PASSPHRASE)
    one_line(error)
    assert error.value.__cause__ is None
    assert error.value.__context__ is None or error.value.__suppress_context__


@pytest.mark.parametrize(
    "content",
    [b"\x00" * 8192, b"SQLite format 3\x00" + b"\xa5" * 10000, b"not a database at all\n" * 500],
)
def test_garbage_is_damaged(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "cases.erpath"
    path.write_bytes(content)
    with pytest.raises(DamagedStore) as error:
        CaseStore.open(path, PASSPHRASE)
    one_line(error)
    assert path.read_bytes() == content


def test_another_sqlite_database_is_not_a_case_store(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    raw_sql(path, "CREATE TABLE people (name TEXT)")
    with pytest.raises(DamagedStore, match="not a case store"):
        CaseStore.open(path, PASSPHRASE)


# -- import ---------------------------------------------------------------------------------


def test_import_keeps_events_and_gives_new_seqs(tmp_path: Path) -> None:
    case_id, exported = store_with_one_case(tmp_path / "from.erpath")
    path = tmp_path / "to.erpath"
    with make_store(path) as store:
        store.new_case("Invented case already here")
        store.import_events(case_id, LABEL, exported)
        imported = store.events(case_id)
    assert [e.seq for e in imported] == [3, 4, 5]
    assert [e.model_dump(exclude={"seq"}) for e in imported] == [
        e.model_dump(exclude={"seq"}) for e in exported
    ]
    with CaseStore.open(path, PASSPHRASE) as store:
        assert store.events(case_id) == imported
        assert [(s.label, s.events) for s in store.cases()] == [
            ("Invented case already here", 0),
            (LABEL, 3),
        ]


def test_import_refuses_a_case_the_store_has_and_writes_nothing(tmp_path: Path) -> None:
    # A bundle adds a new case; it cannot append events to one already here (issue 10).
    case_id, exported = store_with_one_case(tmp_path / "from.erpath")
    with make_store(tmp_path / "to.erpath") as store:
        here = store.new_case("Invented case here")
        first = store.append(here, sample_events()[0])
        renamed = [e.model_copy(update={"case_id": here}) for e in exported]
        with pytest.raises(StoreError, match=f"case {here[:8]} is already in this store") as error:
            store.import_events(here, "ignored", renamed)
        one_line(error)
        assert store.events(here) == [first]
        assert [s.label for s in store.cases()] == ["Invented case here"]
    with CaseStore.open(tmp_path / "to.erpath", PASSPHRASE) as store:
        assert store.events(here) == [first]
    assert case_id != here


def test_import_refuses_events_already_present_and_writes_nothing(tmp_path: Path) -> None:
    case_id, exported = store_with_one_case(tmp_path / "from.erpath")
    with make_store(tmp_path / "to.erpath") as store:
        store.import_events(case_id, LABEL, exported[:1])
        with pytest.raises(StoreError, match=f"event {exported[0].id} is already") as error:
            store.import_events("3" * 32, LABEL, exported)
        one_line(error)
        with pytest.raises(StoreError, match="appears twice"):
            store.import_events("1" * 32, "Another", [exported[1], exported[1]])
        with pytest.raises(StoreError, match="already in the store"):
            store.import_events("2" * 32, "Another", exported[1:] + exported[:1])
        assert [(s.case_id, s.events) for s in store.cases()] == [(case_id, 1)]
        assert [e.seq for e in store.events(case_id)] == [2]


def test_a_path_with_unusual_characters(tmp_path: Path) -> None:
    path = tmp_path / "a folder" / "case #1?%20 ñ.erpath"
    path.parent.mkdir()
    case_id, events = store_with_one_case(path)
    with CaseStore.open(path, PASSPHRASE) as store:
        assert store.events(case_id) == events
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name, path.name + "-integrity"]
