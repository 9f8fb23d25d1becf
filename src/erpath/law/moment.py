"""The moment a determination is made, and the boundaries of dated law.

A boundary is a date (the law changes at the start of that day) or an aware date-time
(the 2025 designation took effect at 6:00 p.m. EST on 21 January 2025, 90 FR 8139).
A moment is a day, with the instant when the facts give a time of day. A bare day on
which a timed boundary falls is ambiguous: it is read once at each end of the day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal

Boundary = date | datetime
Side = Literal["start", "end"]


def boundary_day(boundary: Boundary) -> date:
    """The calendar day a boundary falls on, in its own UTC offset."""
    return boundary.date() if isinstance(boundary, datetime) else boundary


def is_timed(boundary: Boundary) -> bool:
    return isinstance(boundary, datetime)


@dataclass(frozen=True)
class Moment:
    """A determination date, with its instant (UTC) when a time of day was given."""

    day: date
    instant: datetime | None = None

    @classmethod
    def of(cls, value: date | datetime) -> Moment:
        if isinstance(value, datetime):
            if value.tzinfo is None:
                raise ValueError("a date-time needs a UTC offset")
            return cls(day=value.date(), instant=value.astimezone(UTC))
        return cls(day=value)

    def reached(self, boundary: Boundary, side: Side) -> bool:
        """Whether this moment is at or after `boundary` (a bare day read at `side`)."""
        if not isinstance(boundary, datetime):
            return self.day >= boundary
        if self.instant is not None:
            return self.instant >= boundary
        day = boundary.date()
        return self.day > day or (self.day == day and side == "end")

    def iso(self) -> str:
        return self.instant.isoformat() if self.instant else self.day.isoformat()
