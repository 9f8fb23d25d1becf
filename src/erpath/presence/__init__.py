"""Continuous physical presence: the clock, the evidence, and what it shows.

`clock` is the presence window and day coverage; `kinds` the documented kinds of
evidence and their strength; `analysis` the workbench (policies, gaps, what to collect).
The screening's `presence` block and the rows the rules read come from here.
"""

from erpath.law.years import period_start
from erpath.presence.clock import (
    AbroadError,
    Coverage,
    Stretch,
    coverage,
    evidence_coverage,
    gaps_within,
    last_arrival,
)

__all__ = [
    "AbroadError",
    "Coverage",
    "Stretch",
    "coverage",
    "evidence_coverage",
    "gaps_within",
    "last_arrival",
    "period_start",
]
