"""The standard tables of an ingested EOIR release, over time (issue 15, ADR 0031): the
backlog by court, nationality and custody; completions by outcome; in-absentia orders;
DHS motions to dismiss; asylum decisions by court and judge; each per month, published
with the 10-person suppression, as Parquet, CSV and a chart.

    write_standard_tables(Path("OUT"), Path("tables"), start=date(2019, 10, 1))
"""

from erpath.standard_tables.periods import DEFAULT_START, By
from erpath.standard_tables.write import StandardTablesError, Written, write_standard_tables

__all__ = ["DEFAULT_START", "By", "StandardTablesError", "Written", "write_standard_tables"]
