"""The plaintext inside a sealed record: JSON for a case opened or an event appended."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from erpath.store.events import Event


class CaseRecord(BaseModel):
    """A case was opened: its id, its label (which may name the person) and when."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: Literal["case"] = "case"
    case_id: str = Field(min_length=1)
    label: str
    opened_at: AwareDatetime


class EventRecord(BaseModel):
    """An event was appended to a case."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: Literal["event"] = "event"
    event: Event


Record = Annotated[CaseRecord | EventRecord, Field(discriminator="type")]
_RECORD = TypeAdapter[CaseRecord | EventRecord](Record)


class RecordFormatError(Exception):
    """An authenticated plaintext that is not a record this code understands."""


def encode(record: CaseRecord | EventRecord) -> bytes:
    return _RECORD.dump_json(record)


def decode(plaintext: bytes) -> CaseRecord | EventRecord:
    try:
        return _RECORD.validate_json(plaintext)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "record"
        raise RecordFormatError(f"{where}: {first['msg']}") from None


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
