"""Admission and parole: INA 235(b)(1)(A)(iii) reaches only an alien "who has not been
admitted or paroled"; 8 CFR 1.2 on who remains an arriving alien."""

from erpath.rules.admission_and_parole import (
    admitted,
    advance_parole,
    parole_ended,
    parole_in_effect,
)

# In the order their reasons are listed.
RULES = (
    admitted,
    parole_in_effect,
    advance_parole,
    parole_ended,
)
