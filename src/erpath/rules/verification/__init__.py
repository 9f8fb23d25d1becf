"""The law data's own date: through when it was checked against its sources."""

from erpath.rules.verification import law_verified_through

# In the order their reasons are listed.
RULES = (law_verified_through,)
