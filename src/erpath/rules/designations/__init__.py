"""Designations: which ground of expedited removal reaches the arrival, and when none does
(INA 235(b)(1)(A)(i) and (iii); law/data/designations.yaml)."""

from erpath.rules.designations import (
    before_expedited_removal,
    category,
    limited_exceptions,
    outside_designation,
)

# In the order their reasons are listed.
RULES = (
    before_expedited_removal,
    outside_designation,
    category,
    limited_exceptions,
)
