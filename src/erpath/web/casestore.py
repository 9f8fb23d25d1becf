"""The one case store the server opens, used from one thread.

A `CaseStore` holds an SQLite connection, which belongs to the thread that opened it, and
keeps a cache of what it has read; so the server opens it in a single worker thread and
runs every read and write there, one at a time (docs/adr/0009-web-app.md)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from erpath.store import CaseStore

T = TypeVar("T")


class StoreService:
    def __init__(self, path: Path, passphrase: str) -> None:
        self.path = path
        self._passphrase = passphrase
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="erpath-store")
        self._store: CaseStore | None = None

    def _open(self) -> None:
        self._store = CaseStore.open(self.path, self._passphrase)

    async def open(self) -> None:
        """Open the store (StoreError if it cannot be opened)."""
        await asyncio.get_running_loop().run_in_executor(self._executor, self._open)

    async def run(self, work: Callable[[CaseStore], T]) -> T:
        """`work(store)` in the store's thread."""

        def call() -> T:
            if self._store is None:
                raise RuntimeError("the case store is not open")
            return work(self._store)

        return await asyncio.get_running_loop().run_in_executor(self._executor, call)

    async def close(self) -> None:
        def close() -> None:
            if self._store is not None:
                self._store.close()
                self._store = None

        await asyncio.get_running_loop().run_in_executor(self._executor, close)
        self._executor.shutdown(wait=True)
