"""Exposure analytics: the pending 240 cases of a public EOIR release whose respondents
would be exposed to expedited removal if their case were dismissed on a date, under the
law in force that day, as the law engine reads it (docs/adr/0012-exposure.md).

    release = open_ingested(Path("OUT"))              # erpath.eoir's ingest output
    result = exposure_on(release, date(2025, 6, 10))
    publish(result.by("court"), ["court"])           # counts, cells under 10 hidden
    exposure_series(release, date(2024, 1, 1), date(2026, 6, 30))

Only counts leave this package, and only through `publish` (small cells suppressed).
"""

from erpath.exposure.exposure import (
    COUNTS,
    Exposure,
    Prepared,
    counts,
    determine,
    exposure_on,
    prepare_release,
)
from erpath.exposure.facts_table import DIMENSIONS, Assumptions
from erpath.exposure.release import IngestedRelease, IngestedReleaseError, open_ingested
from erpath.exposure.series import exposure_series, law_events, series_days
from erpath.exposure.tables import HIDDEN, THRESHOLD, publish, write_table

__all__ = [
    "COUNTS",
    "DIMENSIONS",
    "HIDDEN",
    "THRESHOLD",
    "Assumptions",
    "Exposure",
    "IngestedRelease",
    "IngestedReleaseError",
    "Prepared",
    "counts",
    "determine",
    "exposure_on",
    "exposure_series",
    "law_events",
    "open_ingested",
    "prepare_release",
    "publish",
    "series_days",
    "write_table",
]
