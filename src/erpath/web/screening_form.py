"""The guided screening form: the answers as typed, the facts document they make, and which
questions to ask given the answers so far.

Each field is named after its place in the facts document (`arrivals-0-parole-until` is
`arrivals[0].parole.until`), so a problem the facts model names is shown beside the field
that caused it. An empty answer is "unknown" and becomes null, never a guess. Questions
that matter only for some answers (the parole's details, the distance from the border,
whether a child was accompanied...) are asked once those answers make them matter; the
distance is asked only when the engine's answer changes with it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from erpath.answer.screen import screen
from erpath.contract.facts import Facts, within_range
from erpath.law.charges import charge_code, paragraph
from erpath.law.loader import bundled_law
from erpath.law.model import timed_boundaries
from erpath.law.years import anniversary
from erpath.presence import AbroadError
from erpath.rules.answer import border_cases

ROW_LIMIT = 40
MIN_ARRIVAL_ROWS = 2
MIN_DOCUMENT_ROWS = 3
ARRIVAL_FIELDS = (
    "date",
    "manner",
    "mode",
    "at_port_of_entry",
    "interdicted_at_sea",
    "parole-program",
    "parole-until",
    "parole-terminated_on",
    "departed",
)
EVIDENCE_FIELDS = ("kind", "from", "to", "issuer", "note")
# Field name -> its path in the facts document.
SCALARS: dict[str, str] = {
    "as_of": "as_of",
    "as_of_time": "as_of",
    "as_of_offset": "as_of",
    "person-citizenship": "person.citizenship",
    "person-birth_date": "person.birth_date",
    "person-accompanied_by": "person.accompanied_by",
    "person-uac": "person.uac",
    "person-claimed_status": "person.claimed_status",
    "person-claimed_status_verified": "person.claimed_status_verified",
    "person-tps-since": "person.tps.since",
    "person-tps-until": "person.tps.until",
    "person-deferred_action-kind": "person.deferred_action.kind",
    "person-deferred_action-since": "person.deferred_action.since",
    "person-deferred_action-until": "person.deferred_action.until",
    "person-affirmative_asylum_filed_on": "person.affirmative_asylum_filed_on",
    "encounter-date": "encounter.date",
    "encounter-miles_from_land_border": "encounter.miles_from_land_border",
    "encounter-state": "encounter.state",
    "inadmissibility_grounds": "inadmissibility_grounds",
    "proceedings-section_240": "proceedings.section_240",
    "proceedings-nta_filed_on": "proceedings.nta_filed_on",
    "proceedings-dismissed_on": "proceedings.dismissed_on",
    "proceedings-dismissal_appeal_pending": "proceedings.dismissal_appeal_pending",
    "proceedings-removal_ordered_on": "proceedings.removal_ordered_on",
    "proceedings-court": "proceedings.court",
    "proceedings-next_hearing": "proceedings.next_hearing",
    "expedited_removal-fear_claimed": "expedited_removal.fear_claimed",
    "expedited_removal-order_issued_on": "expedited_removal.order_issued_on",
    "expedited_removal-credible_fear-result": "expedited_removal.credible_fear.result",
    "expedited_removal-credible_fear-decided_on": "expedited_removal.credible_fear.decided_on",
    "expedited_removal-ij_review-requested": "expedited_removal.ij_review.requested",
    "expedited_removal-ij_review-result": "expedited_removal.ij_review.result",
    "expedited_removal-ij_review-decided_on": "expedited_removal.ij_review.decided_on",
    "presence_finding": "presence_finding",
}
# Questions asked only when earlier answers make them matter, and their fields.
GROUPS: dict[str, tuple[str, ...]] = {
    "time": ("as_of_time", "as_of_offset"),
    "distance": ("encounter-miles_from_land_border",),
    "child": ("person-accompanied_by", "person-uac"),
    "claim": ("person-claimed_status_verified",),
    "nta": ("proceedings-nta_filed_on",),
    "dismissal": ("proceedings-dismissed_on", "proceedings-dismissal_appeal_pending"),
    "removal_order": ("proceedings-removal_ordered_on",),
    "cf_decided": ("expedited_removal-credible_fear-decided_on",),
    "ij_review": (
        "expedited_removal-ij_review-requested",
        "expedited_removal-ij_review-result",
        "expedited_removal-ij_review-decided_on",
    ),
}
ROW_GROUPS: dict[str, tuple[str, ...]] = {
    "parole": ("parole-program", "parole-until", "parole-terminated_on"),
    "sea": ("interdicted_at_sea",),
}
ROW_FIELD = re.compile(r"^(arrivals|evidence)-(\d+)-([a-z_]+(?:-[a-z_]+)?)$")
ROW_GROUP = re.compile(r"^(parole|sea)-(\d+)$")
# The periods of a protection (TPS, deferred action): a problem of the period as a whole
# (its end before its start) is shown beside its end.
PERIODS: dict[str, tuple[str, ...]] = {
    "tps": ("since", "until"),
    "deferred_action": ("kind", "since", "until"),
}
PROCEEDINGS_WITH_NTA = ("pending", "dismissed", "terminated", "ordered_removed")
DEFAULT_OFFSET = "-05:00"


def day_of(text: str | None) -> dt.date | None:
    """The day typed, or None when it is no day erpath computes with (the facts model then
    names the field)."""
    try:
        return within_range(dt.date.fromisoformat(text)) if text else None
    except ValueError:
        return None


def is_child(birth: dt.date, met: dt.date) -> bool:
    """Whether a person born on `birth` is a child on `met`: under the age of the parameter
    `child_age_years` that day, complete on that birthday (29 February: 1 March, ADR 0002),
    as the rule `children/uac` reads it."""
    age = bundled_law().parameters.child_age_years.on(met)
    return age is not None and met < anniversary(birth, age.value)


@cache
def timed_days() -> frozenset[dt.date]:
    """Days on which the law changes at a time of day (the 2025 designation)."""
    return frozenset(b.date() for b in timed_boundaries(bundled_law()))


def distance_matters(facts: Facts) -> bool:
    """Whether the engine's answer changes with the distance from the border: at a distance
    on each side of every border threshold (the engine's own probes, `border_cases`)."""
    doc = facts.model_dump(mode="json", by_alias=True)
    outcomes = set()
    for miles in border_cases(bundled_law()):
        doc["encounter"] = {**(doc.get("encounter") or {}), "miles_from_land_border": miles}
        probe = Facts.model_validate(doc)
        try:
            d = screen(probe)
        except (AbroadError, ValueError, OverflowError):
            return False
        outcomes.add((d.er_applicable, d.category, tuple(d.blocking)))
    return len(outcomes) > 1


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[\s,;]+", text) if t]


@dataclass
class ScreeningForm:
    """The answers as typed (strings, stripped; empty means unknown)."""

    values: dict[str, str] = field(default_factory=dict)
    arrivals: int = MIN_ARRIVAL_ROWS
    documents: int = MIN_DOCUMENT_ROWS
    asked: set[str] = field(default_factory=set)

    def value(self, name: str) -> str:
        return self.values.get(name, "")

    # -- reading a posted form -----------------------------------------------------------

    @classmethod
    def parse(cls, items: Iterable[tuple[str, Any]]) -> ScreeningForm:
        scalars: dict[str, str] = {}
        rows: dict[str, dict[int, dict[str, str]]] = {"arrivals": {}, "evidence": {}}
        asked_raw = ""
        for name, raw in items:
            if not isinstance(raw, str):
                continue
            text = raw.strip()
            if name == "asked":
                asked_raw = text
            elif name in SCALARS:
                scalars[name] = text
            elif match := ROW_FIELD.match(name):
                part, index, column = match.group(1), int(match.group(2)), match.group(3)
                allowed = ARRIVAL_FIELDS if part == "arrivals" else EVIDENCE_FIELDS
                if index < ROW_LIMIT and column in allowed:
                    rows[part].setdefault(index, {})[column] = text
        values = dict(scalars)
        renumbered: dict[str, dict[int, int]] = {}
        for part, by_index in rows.items():
            kept = [i for i in sorted(by_index) if any(by_index[i].values())]
            renumbered[part] = {old: new for new, old in enumerate(kept)}
            for new, old in enumerate(kept):
                for column, text in by_index[old].items():
                    values[f"{part}-{new}-{column}"] = text
        asked: set[str] = set()
        for group in asked_raw.split(","):
            if group in GROUPS:
                asked.add(group)
            elif (m := ROW_GROUP.match(group)) and int(m.group(2)) in renumbered["arrivals"]:
                asked.add(f"{m.group(1)}-{renumbered['arrivals'][int(m.group(2))]}")
        form = cls(values=values, asked=asked)
        form.arrivals = max(MIN_ARRIVAL_ROWS, len(renumbered["arrivals"]) + 1)
        form.documents = max(MIN_DOCUMENT_ROWS, len(renumbered["evidence"]) + 1)
        return form

    @classmethod
    def blank(cls, today: dt.date) -> ScreeningForm:
        return cls(values={"as_of": today.isoformat()})

    @classmethod
    def from_facts(cls, facts: Facts) -> ScreeningForm:
        """The form a facts document would have been typed as."""
        doc = facts.model_dump(mode="json", by_alias=True)
        values: dict[str, str] = {}

        def put(name: str, value: Any) -> None:
            if value is None:
                return
            if isinstance(value, bool):
                values[name] = "yes" if value else "no"
            elif isinstance(value, float) and value.is_integer():
                values[name] = str(int(value))
            else:
                values[name] = str(value)

        as_of = str(doc["as_of"])
        if "T" in as_of:
            moment = dt.datetime.fromisoformat(as_of)
            values["as_of"] = moment.date().isoformat()
            values["as_of_time"] = moment.strftime("%H:%M")
            offset = moment.strftime("%z")
            values["as_of_offset"] = f"{offset[:3]}:{offset[3:]}"
        else:
            values["as_of"] = as_of
        for key, value in (doc.get("person") or {}).items():
            if key == "citizenship" and value:
                values["person-citizenship"] = ", ".join(value)
            elif key in PERIODS:
                for part in PERIODS[key]:
                    put(f"person-{key}-{part}", (value or {}).get(part))
            else:
                put(f"person-{key}", value)
        departures = list(doc.get("departures") or [])
        for i, arrival in enumerate(doc.get("arrivals") or []):
            for key in ("date", "manner", "mode", "at_port_of_entry", "interdicted_at_sea"):
                put(f"arrivals-{i}-{key}", arrival.get(key))
            for key, value in (arrival.get("parole") or {}).items():
                put(f"arrivals-{i}-parole-{key}", value)
            if i > 0:
                before = [d for d in departures if d < arrival["date"]]
                if before:
                    put(f"arrivals-{i}-departed", before[-1])
                    departures.remove(before[-1])
        for key, value in (doc.get("encounter") or {}).items():
            put(f"encounter-{key}", value)
        if doc.get("inadmissibility_grounds"):
            values["inadmissibility_grounds"] = ", ".join(doc["inadmissibility_grounds"])
        for key, value in (doc.get("proceedings") or {}).items():
            put(f"proceedings-{key}", value)
        stage = doc.get("expedited_removal") or {}
        for key in ("fear_claimed", "order_issued_on"):
            put(f"expedited_removal-{key}", stage.get(key))
        for part in ("credible_fear", "ij_review"):
            for key, value in (stage.get(part) or {}).items():
                put(f"expedited_removal-{part}-{key}", value)
        put("presence_finding", doc.get("presence_finding"))
        for i, e in enumerate(doc.get("evidence") or []):
            for key in EVIDENCE_FIELDS:
                put(f"evidence-{i}-{key}", e.get(key))
        form = cls(values=values)
        form.arrivals = max(MIN_ARRIVAL_ROWS, len(doc.get("arrivals") or []) + 1)
        form.documents = max(MIN_DOCUMENT_ROWS, len(doc.get("evidence") or []) + 1)
        form.asked = form.groups_with_answers()
        return form

    # -- the facts document ---------------------------------------------------------------

    def document(self) -> tuple[dict[str, Any], dict[str, str]]:
        """The facts document, and a map from each path in it to the field it came from."""
        v = self.values
        paths: dict[str, str] = {path: name for name, path in SCALARS.items()}
        paths["as_of"] = "as_of"
        doc: dict[str, Any] = {}

        def put(target: dict[str, Any], key: str, name: str, value: Any = None) -> None:
            text = v.get(name, "")
            if text:
                target[key] = text if value is None else value

        if v.get("as_of"):
            time = v.get("as_of_time", "")
            if time:
                seconds = "" if time.count(":") >= 2 else ":00"
                offset = v.get("as_of_offset") or DEFAULT_OFFSET
                doc["as_of"] = f"{v['as_of']}T{time}{seconds}{offset}"
            else:
                doc["as_of"] = v["as_of"]
        person: dict[str, Any] = {}
        citizenship = v.get("person-citizenship", "")
        put(person, "citizenship", "person-citizenship", [t.upper() for t in _tokens(citizenship)])
        for key in ("birth_date", "accompanied_by", "uac", "claimed_status"):
            put(person, key, f"person-{key}")
        put(person, "claimed_status_verified", "person-claimed_status_verified")
        for key, parts in PERIODS.items():
            period: dict[str, Any] = {}
            for part in parts:
                put(period, part, f"person-{key}-{part}")
            if period:
                person[key] = period
            paths[f"person.{key}"] = f"person-{key}-until"
        put(person, "affirmative_asylum_filed_on", "person-affirmative_asylum_filed_on")
        if person:
            doc["person"] = person
        arrivals: list[dict[str, Any]] = []
        departures: list[str] = []
        for i in range(self.arrivals):
            row = f"arrivals-{i}"
            arrival: dict[str, Any] = {}
            for key in ("date", "manner", "mode", "at_port_of_entry", "interdicted_at_sea"):
                put(arrival, key, f"{row}-{key}")
                paths[f"arrivals[{i}].{key}"] = f"{row}-{key}"
            parole: dict[str, Any] = {}
            for key in ("program", "until", "terminated_on"):
                put(parole, key, f"{row}-parole-{key}")
                paths[f"arrivals[{i}].parole.{key}"] = f"{row}-parole-{key}"
            if parole:
                arrival["parole"] = parole
            paths[f"arrivals[{i}]"] = f"{row}-date"
            if v.get(f"{row}-departed"):
                paths[f"departures[{len(departures)}]"] = f"{row}-departed"
                departures.append(v[f"{row}-departed"])
            if arrival:
                arrivals.append(arrival)
        if arrivals:
            doc["arrivals"] = arrivals
        if departures:
            doc["departures"] = departures
        encounter: dict[str, Any] = {}
        put(encounter, "date", "encounter-date")
        put(encounter, "miles_from_land_border", "encounter-miles_from_land_border")
        put(encounter, "state", "encounter-state")
        if encounter:
            doc["encounter"] = encounter
        grounds = [
            paragraph(g) or charge_code(g) for g in _tokens(v.get("inadmissibility_grounds", ""))
        ]
        put(doc, "inadmissibility_grounds", "inadmissibility_grounds", grounds)
        proceedings: dict[str, Any] = {}
        for key in (
            "section_240",
            "nta_filed_on",
            "dismissed_on",
            "dismissal_appeal_pending",
            "removal_ordered_on",
            "court",
            "next_hearing",
        ):
            put(proceedings, key, f"proceedings-{key}")
        if proceedings:
            doc["proceedings"] = proceedings
        stage: dict[str, Any] = {}
        put(stage, "fear_claimed", "expedited_removal-fear_claimed")
        put(stage, "order_issued_on", "expedited_removal-order_issued_on")
        for part, keys in (
            ("credible_fear", ("result", "decided_on")),
            ("ij_review", ("requested", "result", "decided_on")),
        ):
            inner: dict[str, Any] = {}
            for key in keys:
                put(inner, key, f"expedited_removal-{part}-{key}")
            if inner:
                stage[part] = inner
        if stage:
            doc["expedited_removal"] = stage
        put(doc, "presence_finding", "presence_finding")
        evidence: list[dict[str, Any]] = []
        for i in range(self.documents):
            row = f"evidence-{i}"
            item: dict[str, Any] = {}
            for key in EVIDENCE_FIELDS:
                put(item, key, f"{row}-{key}")
                paths[f"evidence[{i}].{key}"] = f"{row}-{key}"
            paths[f"evidence[{i}]"] = f"{row}-to"
            if item:
                evidence.append(item)
        if evidence:
            doc["evidence"] = evidence
        return doc, paths

    # -- which questions to ask ---------------------------------------------------------

    def groups_with_answers(self) -> set[str]:
        found = {g for g, names in GROUPS.items() if any(self.value(n) for n in names)}
        for i in range(self.arrivals):
            for group, columns in ROW_GROUPS.items():
                if any(self.value(f"arrivals-{i}-{c}") for c in columns):
                    found.add(f"{group}-{i}")
        return found

    def needed(self, facts: Facts | None) -> set[str]:
        """The conditional questions the answers so far make matter."""
        v = self.values
        groups: set[str] = set()
        day = day_of(v.get("as_of"))
        if day is not None and day in timed_days():
            groups.add("time")
        for i in range(self.arrivals):
            if v.get(f"arrivals-{i}-manner") == "paroled":
                groups.add(f"parole-{i}")
            if v.get(f"arrivals-{i}-mode") == "sea":
                groups.add(f"sea-{i}")
        birth = day_of(v.get("person-birth_date"))
        met = day_of(v.get("encounter-date")) or day
        if birth is not None and met is not None and is_child(birth, met):
            groups.add("child")
        if v.get("person-claimed_status"):
            groups.add("claim")
        status = v.get("proceedings-section_240")
        if status in PROCEEDINGS_WITH_NTA:
            groups.add("nta")
        if status == "dismissed":
            groups.add("dismissal")
        if status == "ordered_removed":
            groups.add("removal_order")
        result = v.get("expedited_removal-credible_fear-result")
        if result in ("positive", "negative"):
            groups.add("cf_decided")
        if result == "negative":
            groups.add("ij_review")
        if facts is not None and distance_matters(facts):
            groups.add("distance")
        return groups


def field_for(line: str, paths: dict[str, str]) -> str | None:
    """The form field a problem line (`arrivals[0].date: ...`) is about, if any."""
    path, sep, _rest = line.partition(": ")
    if not sep:
        return None
    while path:
        if path in paths:
            return paths[path]
        shorter = re.sub(r"(\[\d+\]|\.[A-Za-z_]+)$", "", path)
        if shorter == path:
            return None
        path = shorter
    return None
