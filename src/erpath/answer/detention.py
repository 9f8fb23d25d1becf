"""Detention and bond for the person once arrested on `as_of` (CONTRACT.md `detention`;
legal brief section 5): the stage the arrest falls in, the statute DHS detains under, and
whether an immigration judge may set bond, by how the person came in and, where the
courts of appeals are split, by the circuit of `encounter.state`. The readings are
data/detention.yaml."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from erpath.answer.block_reasons import BlockReasons
from erpath.contract.determination import Answer, Detention
from erpath.contract.facts import Facts
from erpath.law.custody import Authority, CircuitReading, Entry, Reading, Stage, reading_on
from erpath.law.model import Law
from erpath.places import state_names
from erpath.places.jurisdiction import circuit_of_state
from erpath.wording import words


def _stage(facts: Facts, values: dict[str, Any], answer: str) -> Stage | None:
    """The stage an arrest on `as_of` falls in; None where it turns on whether DHS uses
    expedited removal (the answer `depends`, no 240 case pending)."""
    er = facts.expedited_removal
    if er is not None and (er.order_issued_on or er.fear_claimed or er.credible_fear):
        cf, review = er.credible_fear, er.ij_review
        if (cf and cf.result == "positive") or (review and review.result == "vacate"):
            return "positive_credible_fear"
        concurred = review is not None and (review.result == "concur" or review.requested is False)
        if (er.fear_claimed and cf is None) or (cf and cf.result != "positive" and not concurred):
            return "credible_fear_pending"
        return "expedited_removal"
    if values["section_240"] == "ordered_removed":
        due = values["due:bia_appeal_of_removal_order"]
        return "final_order" if due is not None and due < facts.day else "section_240"
    if values["section_240"] == "pending":
        return "section_240"
    routes: dict[str, Stage] = {"yes": "expedited_removal", "no": "section_240"}
    return routes.get(answer)


def _entry(values: dict[str, Any]) -> Entry | None:
    """How the person came in, as the readings of section 240 are keyed."""
    manner = values["arrival_manner"]
    if manner == "admitted":
        return "admitted"
    if manner == "paroled":
        return "paroled"
    if values["category"] == "arriving_alien":
        return "arriving"
    return "without_inspection" if manner == "without_inspection" else None


def _circuit_reading(law: Law, circuit: str | None, day: date) -> CircuitReading | None:
    begun = [
        c for c in law.detention.section_240.circuits if c.circuit == circuit and c.since <= day
    ]
    return begun[-1] if begun else None


def _in_240(
    law: Law, out: BlockReasons, values: dict[str, Any], day: date, circuit: str | None, state: str
) -> tuple[Authority, Answer]:
    """Detention in a 240 case: by how the person came in; for an entry without
    inspection, by the circuit's reading where it has one."""
    entry = _entry(values)
    if entry is None:
        readings = [
            reading_on(law.detention.section_240.by_entry(e), day)
            for e in ("admitted", "paroled", "without_inspection")
        ]
        sources = [s for r in readings if r for s in r.sources]
        out.add("detention_entry", "entry_unknown", sources, True)
        return "contested", "depends"
    reading = reading_on(law.detention.section_240.by_entry(entry), day)
    if reading is None:
        out.add("detention_entry", "no_reading", [], True, date=day)
        return "contested", "depends"
    if entry != "without_inspection" or reading.bond != "depends":
        out.add("detention_entry", f"{entry}_{reading.bond}", reading.sources, True)
        return reading.authority, reading.bond
    court = _circuit_reading(law, circuit, day)
    name = out.w.label("circuits", circuit) if circuit else ""
    if court is not None:
        window = next((u for u in court.unknown if u.covers(day)), None)
        if window is None:
            out.add(
                "bond_in_circuit",
                f"circuit_{court.bond}",
                court.sources,
                True,
                circuit=name,
                state=state_names(out.w.language).get(state, state),
            )
            out.add(
                "bond_contested",
                "contested_elsewhere",
                reading.sources,
                False,
                question=out.question(reading.contested or ""),
            )
            return court.authority, court.bond
        out.add(
            "bond_in_circuit",
            "circuit_unknown",
            court.sources,
            True,
            circuit=name,
            question=out.question(window.contested),
        )
    elif circuit is None:
        held_by = law.detention.section_240.circuits
        splits = [s for c in held_by for s in c.sources]
        held = out.w.join(
            out.w.fragment(
                "circuit_bond",
                circuit=out.w.label("circuits", c.circuit),
                bond=out.w.answer(c.bond),
                how=out.w.label("verification", law.weakest(c.sources)),
            )
            for c in held_by
        )
        out.add("bond_in_circuit", "no_circuit", splits, True, readings=held)
    else:
        later = [c for c in law.detention.section_240.circuits if c.circuit == circuit]
        if later:
            out.add(
                "bond_in_circuit",
                "circuit_later",
                later[0].sources,
                False,
                circuit=name,
                since=later[0].since,
            )
        else:
            out.add("bond_in_circuit", "circuit_silent", [], False, circuit=name)
    out.add(
        "bond_contested",
        "contested",
        reading.sources,
        True,
        question=out.question(reading.contested or ""),
    )
    return "contested", "depends"


def _staged(
    law: Law, out: BlockReasons, stage: Stage, facts: Facts, values: dict[str, Any]
) -> tuple[Authority, Answer]:
    """Detention at a stage other than 240: its reading on the day."""
    day = facts.day
    reading: Reading | None = reading_on(law.detention.readings(stage), day)
    if reading is None:
        out.add("detention_stage", "no_reading", [], True, date=day)
        return "contested", "depends"
    if stage == "final_order":
        final = values["due:bia_appeal_of_removal_order"] + timedelta(days=1)
        period = law.parameters.removal_period_days.value_on(final)
        out.add(
            "detention_stage",
            "final_order",
            reading.sources,
            True,
            final=final,
            days=period,
            end=final + timedelta(days=period - 1),
        )
    else:
        out.add(
            "detention_stage", f"{stage}_{reading.bond}", reading.sources, True, since=reading.since
        )
    return reading.authority, reading.bond


def detention(
    facts: Facts, law: Law, values: dict[str, Any], answer: str, language: str = "en"
) -> Detention:
    """The `detention` block: the stage of an arrest on `as_of`, the authority and bond."""
    w = words(language)
    out = BlockReasons(law, w, "detention")
    state = facts.encounter.state if facts.encounter else None
    circuit = circuit_of_state(state) if state else None
    stage = _stage(facts, values, answer)
    if stage is None:
        # expedited removal if it applies, else a 240 case: the two readings side by side
        out.add("detention_route", "er_or_240", [], True)
        er_authority, er_bond = _staged(law, out, "expedited_removal", facts, values)
        authority, bond = _in_240(law, out, values, facts.day, circuit, state or "")
        same = er_bond == bond and er_authority == authority
        return Detention(
            stage="expedited_removal",
            authority=authority if same else "contested",
            bond=bond if same else "depends",
            circuit=circuit,
            reasons=out.found,
        )
    if stage == "section_240":
        due = values["due:bia_appeal_of_removal_order"]
        if values["section_240"] == "ordered_removed" and due is not None:
            out.add("detention_stage", "until_final", [], True, final=due + timedelta(days=1))
        authority, bond = _in_240(law, out, values, facts.day, circuit, state or "")
    else:
        authority, bond = _staged(law, out, stage, facts, values)
    return Detention(
        stage=stage, authority=authority, bond=bond, circuit=circuit, reasons=out.found
    )
