"""The store's integrity record: the seq of the last committed record, sealed under the
store's key, in a file beside the store (``cases.db-integrity``).

Everything SQLite commits in WAL mode goes first to the ``-wal`` file, so a record of the
log's length kept inside the database would be lost with the very frames it should vouch
for. Kept beside it, and written after each commit, it only ever runs behind the log:
a log shorter than it has lost committed records (a damaged, truncated or missing
``-wal``, or a copy of the main file alone). See docs/adr/0014-store-integrity-and-backup.md.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from erpath.store.crypto import Sealer, SealError
from erpath.store.errors import DamagedStore, StoreError

FORMAT = "erpath-case-store-integrity"
VERSION = 1
SUFFIX = "-integrity"
MAX_BYTES = 4096  # a record is about 150 bytes; anything larger is not one


def path_of(store: Path) -> Path:
    return store.with_name(store.name + SUFFIX)


def write(store: Path, sealer: Sealer, seq: int) -> None:
    """Record `seq` as the last committed, atomically and durably (a temporary file
    renamed over the record, both synced). Callers hold the store's write lock.
    StoreError if it cannot be written."""
    target = path_of(store)
    temporary = target.with_name(target.name + ".tmp")
    document = {"format": FORMAT, "version": VERSION, "sealed": sealer.seal_tip(seq).hex()}
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, json.dumps(document).encode("ascii"))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, target)
        directory = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except OSError as exc:
        raise StoreError(
            f"the integrity record {target.name} cannot be written ({exc.strerror})"
        ) from None


def read(store: Path, sealer: Sealer) -> int | None:
    """The last committed seq the record vouches for; None if there is no record;
    DamagedStore if it is not one, or not this store's."""
    target = path_of(store)
    try:
        with target.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DamagedStore(
            f"the integrity record {target.name} cannot be read ({exc.strerror})"
        ) from None
    try:
        if len(raw) > MAX_BYTES:
            raise ValueError("too large")
        document = json.loads(raw)
        if document["format"] != FORMAT or document["version"] != VERSION:
            raise ValueError("not an integrity record")
        return sealer.open_tip(bytes.fromhex(document["sealed"]))
    except (ValueError, KeyError, TypeError, SealError):
        raise DamagedStore(
            f"the integrity record {target.name} is damaged or belongs to another store"
        ) from None


def remove(store: Path) -> None:
    for leftover in (path_of(store), path_of(store).with_name(path_of(store).name + ".tmp")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
