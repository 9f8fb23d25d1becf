"""Charges: expedited removal reaches only the grounds of 212(a)(6)(C) and (7)
(INA 235(b)(1)(A)(i); law/data/grounds.yaml)."""

from erpath.rules.charges import er_ground_assumed, no_er_ground

# In the order their reasons are listed.
RULES = (
    no_er_ground,
    er_ground_assumed,
)
