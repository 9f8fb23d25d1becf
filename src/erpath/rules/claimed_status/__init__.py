"""A claimed status: U.S. citizen, permanent resident, refugee or asylee (INA 235(b)(1)(C);
8 CFR 235.3(b)(5))."""

from erpath.rules.claimed_status import claimed_status_review, claimed_status_verified

# In the order their reasons are listed.
RULES = (
    claimed_status_verified,
    claimed_status_review,
)
