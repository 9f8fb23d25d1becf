"""The law as data: sources, designations, court orders, parameters, contested points.

Nothing here decides a case; `erpath.rules` reads this data to build its conditions.
"""

from erpath.law.loader import LawDataError, load_law
from erpath.law.model import Law

__all__ = ["Law", "LawDataError", "load_law"]
