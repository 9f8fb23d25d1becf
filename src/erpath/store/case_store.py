"""The case store: one SQLite file (WAL), every case and event an AES-GCM-sealed record.

Layout (see docs/adr/0007-case-store.md):

- ``meta(key, value)``: ``header``, a JSON text with the format, version, scrypt
  parameters and salt, and a sealed key-check value; ``header_sha256``, its digest,
  which tells a damaged header (DamagedStore) from a wrong passphrase (WrongPassphrase).
  ``integrity``: ``beside`` for a store in use, whose integrity record (the sealed seq of
  the last committed record) is the file ``<store>-integrity`` (erpath.store.integrity);
  ``backup:<sealed seq>`` for a backup, complete by construction.
- ``records(seq, sealed)``: the log. ``seq`` runs 1, 2, 3... without gaps and is the
  AES-GCM associated data of its record; ``sealed`` holds a case record (id, label,
  opened at) or an event record, as JSON. Nothing else is in clear.

Each commit is followed by a passive checkpoint, so the main file holds every committed
record whenever no reader holds the log back; and by the integrity record's update, so a
log that lost committed records (a damaged or missing ``-wal``) is named on open
(IncompleteStore). ``backup`` writes one consistent file with the SQLite backup API.

The state of a case is never stored: only its events, which the caller replays.

A CaseStore keeps the records it has read (each authenticated once) in memory and
reads only newer rows afterwards, so it sees what other processes append. It is for
one thread; processes share the file safely (appends are ``BEGIN IMMEDIATE``
transactions, waiting up to ``BUSY_TIMEOUT_S`` for another writer).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Self

from pydantic import ValidationError
from pydantic_core import PydanticSerializationError

from erpath.store import crypto, integrity
from erpath.store.crypto import KdfParams, Sealer, SealError
from erpath.store.errors import (
    DamagedStore,
    IncompleteStore,
    NoSuchCase,
    StoreError,
    StoreExists,
    WrongPassphrase,
)
from erpath.store.events import Event, EventInput, new_id
from erpath.store.records import (
    CaseRecord,
    EventRecord,
    RecordFormatError,
    decode,
    encode,
    utc_now,
)

FORMAT = "erpath-case-store"
VERSION = 1
BUSY_TIMEOUT_S = 30.0

_SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE records (seq INTEGER PRIMARY KEY, sealed BLOB NOT NULL)",
)
_EXPECTED_OBJECTS = {
    ("table", "meta"),
    ("index", "sqlite_autoindex_meta_1"),
    ("table", "records"),
}


IN_USE = "beside"  # meta `integrity` of a store in use: its record is the file beside it
BACKUP = "backup:"  # meta `integrity` of a backup, followed by its sealed last seq


@dataclass(frozen=True)
class Health:
    """What `erpath case verify` reports of a store that opened."""

    records: int
    cases: int
    events: int
    integrity: str  # how the store vouches that no committed record is missing


@dataclass(frozen=True)
class CaseSummary:
    case_id: str
    label: str
    opened_at: dt.datetime
    events: int


@dataclass
class _Case:
    label: str
    opened_at: dt.datetime
    events: list[Event] = field(default_factory=list)


class CaseStore:
    """An encrypted, append-only store of cases. Use ``create`` or ``open``."""

    def __init__(
        self, conn: sqlite3.Connection, sealer: Sealer, path: Path, in_use: bool = True
    ) -> None:
        # Private: callers use create() or open().
        self._conn: sqlite3.Connection | None = conn
        self._sealer = sealer
        self._path = path
        self._in_use = in_use  # False for a backup until its first write
        self._last_seq = 0
        self._cases: dict[str, _Case] = {}
        self._event_ids: set[str] = set()

    # -- opening ----------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, passphrase: str, *, kdf_n: int = crypto.DEFAULT_N) -> Self:
        """A new, empty store at ``path`` (StoreExists if anything is there).

        ``kdf_n`` is the scrypt cost. Leave the default: a lower value (down to 2**10)
        is for tests only, where it keeps each open fast; it is recorded in the file.
        """
        path = Path(path)
        if not passphrase:
            raise StoreError("the passphrase is empty")
        for leftover in (path, _sidecar(path, "-wal"), integrity.path_of(path)):
            if leftover.exists() or leftover.is_symlink():
                raise StoreExists(f"{leftover} already exists; a new store needs a new path")
        params = KdfParams.fresh(kdf_n)  # ValueError on a bad kdf_n, before any file
        sealer = Sealer(crypto.derive_key(passphrase, params))
        _new_private_file(path, "a new store")
        conn: sqlite3.Connection | None = None
        try:
            conn = _connect(path)
            with _translated():
                if conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
                    raise StoreError(f"cannot use write-ahead logging for {path}")
                conn.execute("BEGIN IMMEDIATE")
                for statement in _SCHEMA:
                    conn.execute(statement)
                header = json.dumps(
                    {
                        "format": FORMAT,
                        "version": VERSION,
                        "kdf": {
                            "name": "scrypt",
                            "n": params.n,
                            "r": params.r,
                            "p": params.p,
                            "salt": params.salt.hex(),
                        },
                        "key_check": sealer.key_check().hex(),
                    },
                    sort_keys=True,
                )
                conn.executemany(
                    "INSERT INTO meta (key, value) VALUES (?, ?)",
                    [
                        ("header", header),
                        ("header_sha256", _sha256(header)),
                        ("integrity", IN_USE),
                    ],
                )
                integrity.write(path, sealer, 0)
                conn.execute("COMMIT")
        except BaseException:
            if conn is not None:
                conn.close()
            for made in (path, _sidecar(path, "-wal"), _sidecar(path, "-shm")):
                with contextlib.suppress(OSError):
                    made.unlink()
            integrity.remove(path)
            raise
        return cls(conn, sealer, path)

    @classmethod
    def open(cls, path: Path, passphrase: str, *, accept_as_is: bool = False) -> Self:
        """The store at ``path``, every record read and authenticated.

        StoreError if there is none, WrongPassphrase if the passphrase does not open it,
        DamagedStore if the file or any record is damaged, IncompleteStore if committed
        records are missing from its log. ``accept_as_is`` takes the log as it now reads
        (after the user has been told what is missing) and vouches for it from now on.
        """
        path = Path(path)
        if not path.is_file():
            raise StoreError(f"no case store at {path}")
        conn = _connect(path)
        try:
            with _translated():
                params, key_check = _read_header(conn)
                sealer = Sealer(crypto.derive_key(passphrase, params))
                if not sealer.verify_key_check(key_check):
                    raise WrongPassphrase("wrong passphrase for this case store")
                mode = _meta(conn, "integrity")
                # Read before the log: a writer may commit in between, never the reverse.
                vouched = integrity.read(path, sealer)
                store = cls(conn, sealer, path, in_use=mode != "" and not mode.startswith(BACKUP))
                store._refresh()
                if accept_as_is:
                    store._vouch(upgrade=True)
                else:
                    store._check_complete(mode, vouched)
        except BaseException:
            conn.close()
            raise
        return store

    def _check_complete(self, mode: str, vouched: int | None) -> None:
        """IncompleteStore if the log is shorter than the store vouches for."""
        name = self._path.name
        hint = (
            f"restore it from a backup (erpath case backup), or accept the {self._last_seq} "
            "records it holds with `erpath case verify --accept-as-is`"
        )
        if mode.startswith(BACKUP):
            try:
                complete = self._sealer.open_tip(bytes.fromhex(mode.removeprefix(BACKUP)))
            except (ValueError, SealError):
                raise DamagedStore("the store's integrity mark is damaged") from None
            if complete != self._last_seq:
                raise IncompleteStore(
                    f"this backup held {complete} records and {self._last_seq} can be read; {hint}"
                )
            return
        if mode not in (IN_USE, ""):
            raise DamagedStore("the store's integrity mark is damaged")
        if vouched is None and mode == IN_USE:
            raise IncompleteStore(
                f"the integrity record {integrity.path_of(self._path).name} is missing beside "
                f"{name}: the file may have been copied without it, and the last records may "
                f"be missing; {hint}"
            )
        if vouched is not None and vouched > self._last_seq:
            lost = vouched - self._last_seq
            raise IncompleteStore(
                f"{lost} committed record{'s' if lost != 1 else ''} (after record "
                f"{self._last_seq}) cannot be read: the write-ahead log {name}-wal is "
                f"damaged or missing; {hint}"
            )
        if mode == "":  # made by an erpath before the integrity record: vouch from now on
            self._vouch(upgrade=True)

    def _vouch(self, upgrade: bool = False) -> None:
        """Under the write lock: record the log's last seq as committed (and, with
        ``upgrade``, mark the store as one whose record is beside it)."""
        conn = self._db()
        with _translated(), _write_transaction(conn):
            self._refresh()
            if upgrade:
                conn.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('integrity', ?)", (IN_USE,)
                )
            integrity.write(self._path, self._sealer, self._last_seq)
        self._in_use = True

    def close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            with contextlib.suppress(sqlite3.Error):
                conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------

    def new_case(self, label: str, events: list[EventInput] | None = None) -> str:
        """Open a new case with its first ``events``, in one transaction; returns its id
        (uuid4 hex). The label is sealed like all else."""
        case_id = new_id()

        def build(first_seq: int) -> list[CaseRecord | EventRecord]:
            records: list[CaseRecord | EventRecord] = [
                CaseRecord(case_id=case_id, label=label, opened_at=utc_now())
            ]
            for seq, event in enumerate(events or [], start=first_seq + 1):
                records.append(EventRecord(event=_stored(event, case_id, seq)))
            return records

        self._append_records(build)
        return case_id

    def append(self, case_id: str, event: EventInput) -> Event:
        """Record ``event`` in the case; returns it as stored (id, seq, recorded_at UTC)."""

        def build(first_seq: int) -> list[CaseRecord | EventRecord]:
            self._require_case(case_id)
            return [EventRecord(event=_stored(event, case_id, first_seq))]

        (written,) = self._append_records(build)
        assert isinstance(written, EventRecord)
        return written.event

    def import_events(self, case_id: str, label: str, events: list[Event]) -> None:
        """Add a case from a bundle, ``case_id`` with ``label`` and ``events``, all or
        nothing. Each event keeps its id, dates, document, note and data; it gets
        ``case_id`` and a new seq. StoreError if the store has the case already, or any
        event id is already in the store or repeated in ``events``.
        """
        if not case_id:
            raise StoreError("the case id is empty")
        seen: set[str] = set()
        for event in events:
            if event.id in seen:
                raise StoreError(f"event {event.id} appears twice in the import")
            seen.add(event.id)

        def build(first_seq: int) -> list[CaseRecord | EventRecord]:
            if case_id in self._cases:
                raise StoreError(
                    f"case {case_id[:8]} is already in this store; a bundle adds a new case"
                )
            for event in events:
                if event.id in self._event_ids:
                    raise StoreError(f"event {event.id} is already in the store")
            records: list[CaseRecord | EventRecord] = [
                CaseRecord(case_id=case_id, label=label, opened_at=utc_now())
            ]
            for event in events:
                seq = first_seq + len(records)
                records.append(
                    EventRecord(event=event.model_copy(update={"case_id": case_id, "seq": seq}))
                )
            return records

        self._append_records(build)

    # -- reading ----------------------------------------------------------------------

    def events(self, case_id: str) -> list[Event]:
        """The case's events in seq order (NoSuchCase if there is no such case)."""
        self._refresh()
        return [event.model_copy(deep=True) for event in self._require_case(case_id).events]

    def cases(self) -> list[CaseSummary]:
        """Every case, in the order they were opened."""
        self._refresh()
        return [
            CaseSummary(case_id, case.label, case.opened_at, len(case.events))
            for case_id, case in self._cases.items()
        ]

    # -- internals --------------------------------------------------------------------

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError("the case store is closed")
        return self._conn

    def _require_case(self, case_id: str) -> _Case:
        case = self._cases.get(case_id)
        if case is None:
            raise NoSuchCase(f"no case {case_id} in this store")
        return case

    def _append_records(
        self, build: Callable[[int], list[CaseRecord | EventRecord]]
    ) -> list[CaseRecord | EventRecord]:
        """Write records at the end of the log in one transaction.

        ``build`` gives the records, numbered from the first new seq it is passed. It is
        called inside the transaction, after reading what other processes appended, so
        its checks (the case exists, the ids are new) and its seqs still hold when the
        records are written. Each record is encoded, then decoded from that plaintext:
        what the store returns is exactly what a later read will give.
        """
        conn = self._db()
        with _translated():
            if not self._in_use:  # a backup written to becomes a store in use
                conn.execute("PRAGMA journal_mode = WAL")
            with _write_transaction(conn):
                self._refresh()
                first = self._last_seq + 1
                wanted = build(first)
                written: list[tuple[int, CaseRecord | EventRecord]] = []
                rows: list[tuple[int, bytes]] = []
                for seq, record in enumerate(wanted, start=first):
                    try:
                        plaintext = encode(record)
                        stored = decode(plaintext)
                    except (PydanticSerializationError, RecordFormatError, ValidationError) as e:
                        what = "case" if isinstance(record, CaseRecord) else "event"
                        raise StoreError(f"the {what} cannot be stored: {_first_line(e)}") from None
                    rows.append((seq, self._sealer.seal_record(seq, plaintext)))
                    written.append((seq, stored))
                conn.executemany("INSERT INTO records (seq, sealed) VALUES (?, ?)", rows)
        self._apply(written)
        self._vouch(upgrade=not self._in_use)
        with _translated():
            # Into the main file now, so that a copy of it alone holds what was committed.
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        return [record for _, record in written]

    # -- checking and copying ---------------------------------------------------------

    def health(self) -> Health:
        """The store as it reads now (every record authenticated)."""
        self._refresh()
        how = (
            f"the integrity record beside it vouches for all {self._last_seq} records"
            if self._in_use
            else f"a backup of {self._last_seq} records, complete when written"
        )
        return Health(
            records=self._last_seq,
            cases=len(self._cases),
            events=len(self._event_ids),
            integrity=how,
        )

    def backup(self, target: Path) -> Health:
        """Write the store as one consistent file at ``target`` (a new path), with the
        SQLite backup API: no ``-wal`` beside it, every record still sealed, marked as a
        backup of exactly its records. The copy is read back and authenticated."""
        target = Path(target)
        if target.exists() or target.is_symlink():
            raise StoreExists(f"{target} already exists; a backup needs a new path")
        partial = target.with_name(target.name + ".partial")
        _new_private_file(partial, "a backup")
        try:
            self._refresh()
            with _translated():
                copy = sqlite3.connect(partial, isolation_level=None)
                try:
                    self._db().backup(copy)
                    copy.execute("PRAGMA journal_mode = DELETE")
                    mark = BACKUP + self._sealer.seal_tip(self._last_seq).hex()
                    copy.execute(
                        "INSERT OR REPLACE INTO meta (key, value) VALUES ('integrity', ?)", (mark,)
                    )
                    check = type(self)(copy, self._sealer, partial, in_use=False)
                    check._refresh()
                    check._check_complete(mark, None)
                    health = check.health()
                finally:
                    copy.close()
            with open(partial, "rb") as handle:
                os.fsync(handle.fileno())
            os.link(partial, target)  # never over a file that appeared meanwhile
        except FileExistsError:
            raise StoreExists(f"{target} already exists; a backup needs a new path") from None
        finally:
            with contextlib.suppress(OSError):
                partial.unlink()
        return health

    def _refresh(self) -> None:
        """Read and authenticate the records appended since the last read.

        All or nothing: if any new record is missing, fails authentication or does not
        fit the log, DamagedStore, and nothing of this read is kept.
        """
        conn = self._db()
        with _translated():
            rows = conn.execute(
                "SELECT seq, sealed FROM records WHERE seq > ? ORDER BY seq", (self._last_seq,)
            ).fetchall()
        if not rows:
            return
        decoded: list[tuple[int, CaseRecord | EventRecord]] = []
        new_cases: set[str] = set()
        new_events: set[str] = set()
        expected = self._last_seq + 1
        for seq, sealed in rows:
            if seq != expected:
                raise DamagedStore(f"record {expected} is missing from the case store")
            expected += 1
            if not isinstance(sealed, bytes):
                raise DamagedStore(f"record {seq} is not a sealed record")
            try:
                record = decode(self._sealer.open_record(seq, sealed))
            except SealError:
                raise DamagedStore(f"record {seq} fails authentication") from None
            except RecordFormatError as e:
                raise DamagedStore(f"record {seq} cannot be read ({e})") from None
            if isinstance(record, CaseRecord):
                if record.case_id in self._cases or record.case_id in new_cases:
                    raise DamagedStore(f"record {seq} opens a case that is already open")
                new_cases.add(record.case_id)
            else:
                event = record.event
                if event.seq != seq:
                    raise DamagedStore(f"record {seq} holds an event numbered {event.seq}")
                if event.case_id not in self._cases and event.case_id not in new_cases:
                    raise DamagedStore(f"record {seq} belongs to a case the store does not have")
                if event.id in self._event_ids or event.id in new_events:
                    raise DamagedStore(f"record {seq} repeats an event already in the store")
                new_events.add(event.id)
            decoded.append((seq, record))
        self._apply(decoded)

    def _apply(self, records: list[tuple[int, CaseRecord | EventRecord]]) -> None:
        for seq, record in records:
            if isinstance(record, CaseRecord):
                self._cases[record.case_id] = _Case(record.label, record.opened_at)
            else:
                self._cases[record.event.case_id].events.append(record.event)
                self._event_ids.add(record.event.id)
            self._last_seq = seq


def _stored(event: EventInput, case_id: str, seq: int) -> Event:
    """``event`` as the store records it: a new id, its case, its seq, recorded now."""
    return Event(
        **event.model_dump(include=set(EventInput.model_fields)),
        id=new_id(),
        case_id=case_id,
        seq=seq,
        recorded_at=utc_now(),
    )


def _sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def _connect(path: Path) -> sqlite3.Connection:
    """A connection to an existing file (never creates one), set up for the store."""
    uri = path.resolve().as_uri() + "?mode=rw"
    with _translated():
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            # FULL: a commit is on disk when append() returns, even across a power loss.
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA trusted_schema = OFF")
        except BaseException:
            conn.close()
            raise
    return conn


def _meta(conn: sqlite3.Connection, key: str) -> str:
    """A meta value ("" when absent)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else ""


def _read_header(conn: sqlite3.Connection) -> tuple[KdfParams, bytes]:
    """Check the file is a whole, undamaged case store; its KDF parameters and key check."""
    problems = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
    if problems != ["ok"]:
        raise DamagedStore(f"the store file is damaged ({str(problems[0]).splitlines()[0]})")
    objects = {tuple(row) for row in conn.execute("SELECT type, name FROM sqlite_schema")}
    if not objects:
        raise DamagedStore("the file is empty or not a case store")
    if objects != _EXPECTED_OBJECTS:
        raise DamagedStore("the file is not a case store (its tables are not the store's)")
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    header = meta.get("header")
    if not isinstance(header, str) or meta.get("header_sha256") != _sha256(header):
        raise DamagedStore("the store header is damaged")
    try:
        fields = json.loads(header)
        if fields["format"] != FORMAT:
            raise DamagedStore("the file is not a case store")
        if fields["version"] != VERSION:
            raise StoreError(
                f"case store format version {fields['version']} is not supported "
                f"(this erpath reads version {VERSION})"
            )
        kdf = fields["kdf"]
        if kdf["name"] != "scrypt":
            raise StoreError(f"key derivation {kdf['name']!r} is not supported")
        params = KdfParams(salt=bytes.fromhex(kdf["salt"]), n=kdf["n"], r=kdf["r"], p=kdf["p"])
        params.check()
        key_check = bytes.fromhex(fields["key_check"])
    except (KeyError, TypeError, ValueError) as e:
        raise DamagedStore(f"the store header cannot be read ({_first_line(e)})") from None
    return params, key_check


_DAMAGE_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}


@contextlib.contextmanager
def _write_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """``BEGIN IMMEDIATE`` (the write lock) ... ``COMMIT``, rolled back on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise


def _new_private_file(path: Path, what: str) -> None:
    """Create ``path`` empty, readable by its owner only; StoreExists if it is there."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise StoreExists(f"{path} already exists; {what} needs a new path") from None
    except OSError as e:
        raise StoreError(f"cannot create {path}: {e.strerror}") from None
    os.close(fd)


@contextlib.contextmanager
def _translated() -> Iterator[None]:
    """sqlite3 errors become StoreError (DamagedStore for a damaged file), one line."""
    try:
        yield
    except sqlite3.Error as e:
        code = getattr(e, "sqlite_errorcode", None)
        message = _first_line(e)
        primary = code & 0xFF if isinstance(code, int) else None
        if primary in _DAMAGE_CODES:
            raise DamagedStore(f"the store file is damaged ({message})") from None
        if code == sqlite3.SQLITE_IOERR_SHORT_READ:
            raise DamagedStore(f"the store file is truncated ({message})") from None
        if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            raise StoreError(
                f"the case store stayed locked by another program for {BUSY_TIMEOUT_S:g} s"
            ) from None
        raise StoreError(f"the case store cannot be used ({message})") from None
