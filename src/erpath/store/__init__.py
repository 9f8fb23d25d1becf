"""The private case store: an encrypted SQLite file holding each case as an append-only
log of events (docs/adr/0007-case-store.md)."""

from erpath.store.case_store import CaseStore, CaseSummary, Health
from erpath.store.errors import (
    DamagedStore,
    IncompleteStore,
    NoSuchCase,
    StoreError,
    StoreExists,
    WrongPassphrase,
)

__all__ = [
    "CaseStore",
    "CaseSummary",
    "DamagedStore",
    "Health",
    "IncompleteStore",
    "NoSuchCase",
    "StoreError",
    "StoreExists",
    "WrongPassphrase",
]
