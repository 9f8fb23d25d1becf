"""Section 240 proceedings: pending, dismissed, or ended in a removal order (8 CFR 239.2(c),
1239.2(c))."""

from erpath.rules.proceedings import (
    dismissal_not_final,
    ordered_removed_in_240,
    pending_240_proceedings,
)

# In the order their reasons are listed.
RULES = (
    pending_240_proceedings,
    dismissal_not_final,
    ordered_removed_in_240,
)
