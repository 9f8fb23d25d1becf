"""What can go wrong with a case store. Every message is one line and names no person."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every error the case store raises; the message is one clear line."""


class WrongPassphrase(StoreError):
    """The passphrase does not open this store (the key check fails)."""


class DamagedStore(StoreError):
    """The file is not a readable case store: it names what is damaged."""


class IncompleteStore(DamagedStore):
    """Committed records are missing from the log (a damaged or missing write-ahead log,
    a file copied alone, a damaged backup): the message says how many and what to do."""


class StoreExists(StoreError):
    """create() was given a path that already exists."""


class NoSuchCase(StoreError):
    """The store holds no case with that id."""
