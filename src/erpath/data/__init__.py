"""The notebook API: an ingested EOIR release as DuckDB views with stable column names,
wherever the release directory now is (docs/adr/0030-notebook-api.md).

    from erpath.data import connect
    with connect("OUT") as db:
        db.sql("SELECT * FROM release").pl()
"""

from erpath.data.connection import ReleaseData, ReleaseDataError, connect

__all__ = ["ReleaseData", "ReleaseDataError", "connect"]
