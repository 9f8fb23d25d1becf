"""Presence: the time limits of the designated classes (two years; fourteen days for the
2004 designation), shown to the officer."""

from erpath.rules.presence import fourteen_days_shown, two_years_shown

# In the order their reasons are listed.
RULES = (
    two_years_shown,
    fourteen_days_shown,
)
