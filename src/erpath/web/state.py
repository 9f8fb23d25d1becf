"""What the app holds while it runs, reachable from every request."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Literal, cast

from fastapi import Request

from erpath.report.referral import Referral
from erpath.web.casestore import StoreService
from erpath.web.interview import Interview
from erpath.web.results import Result, Results
from erpath.web.security import LoginLimiter, Session, Sessions, Users
from erpath.web.settings import Settings


@dataclass(frozen=True)
class KeptInterview:
    """An interview under way (its answers change as it goes)."""

    owner: str  # the session id
    interview: Interview
    kind: Literal["interview"] = "interview"
    created: float = field(default_factory=time.monotonic)


@dataclass
class WebState:
    settings: Settings
    sessions: Sessions
    results: Results[Result]
    interviews: Results[KeptInterview]
    limiter: LoginLimiter
    users: Users | None
    store: StoreService | None
    referral: Referral | None  # who the client summaries tell the client to call
    # matplotlib's pyplot and the PDF writer are not safe to run in two threads at once
    drawing: threading.Lock = field(default_factory=threading.Lock)


def state_of(request: Request) -> WebState:
    return cast(WebState, request.app.state.web)


def session_of(request: Request) -> Session:
    return cast(Session, request.state.session)


def language_of(request: Request) -> str:
    return cast(str, request.state.lang)
