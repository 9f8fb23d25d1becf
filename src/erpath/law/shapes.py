"""The base shapes of the law data: strict models, and stretches of unknown effect."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Days(Strict):
    """A stretch of days, inclusive; `to` null: open-ended."""

    from_: date = Field(alias="from")
    to: date | None = None

    def covers(self, day: date) -> bool:
        return self.from_ <= day and (self.to is None or day <= self.to)


class Unknown(Days):
    """A stretch of days (inclusive) on which an order's effect is not known, and the
    open point it turns on."""

    contested: str
