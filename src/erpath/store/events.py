"""One event in a case's log (issue 4): what happened, when it happened, when it was
recorded, the document it rests on, and a note. Events are never changed or removed; a
correction is a new event."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


def new_id() -> str:
    return uuid.uuid4().hex


class EventInput(BaseModel):
    """What a user records; the store adds the rest."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: str = Field(description="a procedure event code, or case_opened / facts / note")
    occurred_on: dt.date = Field(description="the day it happened")
    source_document: str | None = Field(default=None, description="the document it rests on")
    note: str | None = None
    data: dict[str, Any] = Field(default_factory=dict, description="facts, dates, details")


class Event(EventInput):
    """An event as stored: with its case, its place in the store and when it was recorded."""

    id: str
    case_id: str
    seq: int = Field(ge=1, description="position in the store's log, in recording order")
    recorded_at: dt.datetime
