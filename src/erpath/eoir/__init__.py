"""The EOIR (immigration-court) FOIA release: a synthetic generator in the real files'
format and a validating ingest into Parquet and DuckDB (ADR 0010).

    synthesize(cases, out, seed=0, release_date=date(2026, 7, 1)) -> Path
    ingest(release, out=None, progress=True) -> IngestReport
"""

from erpath.eoir.ingest import ingest
from erpath.eoir.release import ReleaseError
from erpath.eoir.report import IngestReport, TableReport
from erpath.eoir.synth import synthesize

__all__ = ["IngestReport", "ReleaseError", "TableReport", "ingest", "synthesize"]
