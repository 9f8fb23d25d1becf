"""The encounter: the day the designations' limits are counted to."""

from erpath.rules.encounter import encounter_date_assumed

# In the order their reasons are listed.
RULES = (encounter_date_assumed,)
