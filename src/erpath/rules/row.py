"""One person's facts as one row of the facts table the rules read.

The table is the rules' only input: a screening builds one row from a facts document,
and population-scale work (`erpath.rules.vectorised`) supplies millions of rows in the
same columns (`FACT_COLUMNS`). Derivations that need the lists of a facts document (the
last arrival, evidence coverage) happen here, once.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import polars as pl

from erpath.contract.facts import Facts
from erpath.law.model import Law
from erpath.presence import last_arrival
from erpath.presence.analysis import Policy, run_start

FACT_COLUMNS: dict[str, Any] = {
    "as_of": pl.Date,
    "as_of_instant": pl.Datetime("us", "UTC"),
    "citizenship": pl.List(pl.String),
    "birth_date": pl.Date,
    "accompanied_by": pl.String,
    "uac": pl.Boolean,
    "claimed_status": pl.String,
    "claimed_status_verified": pl.Boolean,
    "tps_since": pl.Date,
    "tps_until": pl.Date,
    "deferred_action_kind": pl.String,
    "deferred_action_since": pl.Date,
    "deferred_action_until": pl.Date,
    "affirmative_asylum_filed_on": pl.Date,
    "arrival_date": pl.Date,
    "arrival_manner": pl.String,
    "arrival_mode": pl.String,
    "arrival_at_port_of_entry": pl.Boolean,
    "arrival_interdicted_at_sea": pl.Boolean,
    "parole_program": pl.String,
    "parole_until": pl.Date,
    "parole_terminated_on": pl.Date,
    "encounter_date": pl.Date,
    "miles_from_land_border": pl.Float64,
    "er_ground_charged": pl.Boolean,
    "section_240": pl.String,
    "dismissed_on": pl.Date,
    "dismissal_appeal_pending": pl.Boolean,
    "dismissal_appeal_waived": pl.Boolean,
    "removal_ordered_on": pl.Date,
    "cf_decided_on": pl.Date,
    "presence_finding": pl.String,
    "evidence_run_start": pl.Date,
    "evidence_run_start_at_encounter": pl.Date,
}


def facts_row(facts: Facts, law: Law, policy: Policy = "daily") -> dict[str, Any]:
    """Flatten a facts document; AbroadError if it places the person abroad on `as_of`.
    `law` says which charged grounds support ER; `policy` is how evidence shows presence
    (erpath.presence.analysis); the 14 days at the encounter are always read day by day."""
    day = facts.day
    instant = facts.as_of.astimezone(UTC) if isinstance(facts.as_of, datetime) else None
    arrival = last_arrival(facts, day)
    person = facts.person
    encounter = facts.encounter
    proceedings = facts.proceedings
    parole = arrival.parole if arrival else None
    tps, deferred = person.tps, person.deferred_action
    stage = facts.expedited_removal
    credible_fear = stage.credible_fear if stage else None
    encounter_day: date = (encounter.date if encounter and encounter.date else None) or day
    shown_from = shown_from_at_encounter = None
    if arrival is not None:
        shown_from = run_start(facts, arrival.date, day, policy)
        shown_from_at_encounter = run_start(facts, arrival.date, encounter_day)
    return {
        "as_of": day,
        "as_of_instant": instant,
        "citizenship": person.citizenship,
        "birth_date": person.birth_date,
        "accompanied_by": person.accompanied_by,
        "uac": person.uac,
        "claimed_status": person.claimed_status,
        "claimed_status_verified": person.claimed_status_verified,
        "tps_since": tps.since if tps else None,
        "tps_until": tps.until if tps else None,
        "deferred_action_kind": deferred.kind if deferred else None,
        "deferred_action_since": deferred.since if deferred else None,
        "deferred_action_until": deferred.until if deferred else None,
        "affirmative_asylum_filed_on": person.affirmative_asylum_filed_on,
        "arrival_date": arrival.date if arrival else None,
        "arrival_manner": arrival.manner if arrival else None,
        "arrival_mode": arrival.mode if arrival else None,
        "arrival_at_port_of_entry": arrival.at_port_of_entry if arrival else None,
        "arrival_interdicted_at_sea": arrival.interdicted_at_sea if arrival else None,
        "parole_program": parole.program if parole else None,
        "parole_until": parole.until if parole else None,
        "parole_terminated_on": parole.terminated_on if parole else None,
        "encounter_date": encounter.date if encounter else None,
        "miles_from_land_border": encounter.miles_from_land_border if encounter else None,
        "er_ground_charged": law.er_grounds.charged(facts.inadmissibility_grounds),
        "section_240": proceedings.section_240 if proceedings else None,
        "dismissed_on": proceedings.dismissed_on if proceedings else None,
        "dismissal_appeal_pending": proceedings.dismissal_appeal_pending if proceedings else None,
        "dismissal_appeal_waived": proceedings.dismissal_appeal_waived if proceedings else None,
        "removal_ordered_on": proceedings.removal_ordered_on if proceedings else None,
        "cf_decided_on": credible_fear.decided_on if credible_fear else None,
        "presence_finding": facts.presence_finding,
        "evidence_run_start": shown_from,
        "evidence_run_start_at_encounter": shown_from_at_encounter,
    }


def facts_frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=FACT_COLUMNS)
