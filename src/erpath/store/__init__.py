"""The private case store: an encrypted SQLite file holding each case as an append-only
log of events (docs/adr/0007-case-store.md)."""

from erpath.store.case_store import CaseStore, CaseSummary
from erpath.store.errors import DamagedStore, NoSuchCase, StoreError, StoreExists, WrongPassphrase

__all__ = [
    "CaseStore",
    "CaseSummary",
    "DamagedStore",
    "NoSuchCase",
    "StoreError",
    "StoreExists",
    "WrongPassphrase",
]
