"""Protections of a person's own status or filings that the facts can now express
(issue 14): Temporary Protected Status (INA 244(a)(1)(A)), which bars removal while in
effect; deferred action and an affirmative asylum application, which do not (legal
brief section 1.2: practical or policy, not law)."""

from erpath.rules.protections import affirmative_asylum_filed, deferred_action, tps_in_effect

# In the order their reasons are listed.
RULES = (tps_in_effect, deferred_action, affirmative_asylum_filed)
