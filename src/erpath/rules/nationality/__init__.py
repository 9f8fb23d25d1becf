"""Nationality: exceptions by country (INA 235(b)(1)(F); the designations' own exceptions)."""

from erpath.rules.nationality import cuban_national_excepted, western_hemisphere_air_arrival

# In the order their reasons are listed.
RULES = (
    western_hemisphere_air_arrival,
    cuban_national_excepted,
)
