"""Screenings, evidence analyses and interviews under way kept in memory for a while, so
that their pages, the chart and the reports can be fetched by an unguessable token (never by
facts in a URL).

Only the session that made a result can read it; results expire after `ttl_s` seconds
and the oldest go first past `capacity`. Nothing is written to disk."""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Generic, Literal, Protocol, TypeVar

from erpath.contract.facts import Facts
from erpath.presence.analysis import Policy

Kind = Literal["screening", "evidence", "interview"]


class Kept(Protocol):
    @property
    def owner(self) -> str: ...
    @property
    def kind(self) -> Kind: ...
    @property
    def created(self) -> float: ...


T = TypeVar("T", bound=Kept)


@dataclass(frozen=True)
class Result:
    owner: str  # the session id
    kind: Kind
    facts: Facts
    values: dict[str, str] = field(default_factory=dict)  # the form as typed
    policy: Policy = "daily"
    created: float = field(default_factory=time.monotonic)


class Results(Generic[T]):
    def __init__(self, ttl_s: int, capacity: int = 500) -> None:
        self.ttl_s = ttl_s
        self.capacity = capacity
        self._items: OrderedDict[str, T] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, result: T) -> str:
        token = secrets.token_urlsafe(18)
        with self._lock:
            self._expire()
            self._items[token] = result
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)
        return token

    def get(self, token: str, owner: str, kind: Kind) -> T | None:
        with self._lock:
            self._expire()
            found = self._items.get(token)
        if found is None or found.kind != kind or not secrets.compare_digest(found.owner, owner):
            return None
        return found

    def _expire(self) -> None:
        oldest = time.monotonic() - self.ttl_s
        while self._items:
            token, first = next(iter(self._items.items()))
            if first.created > oldest:
                break
            del self._items[token]
