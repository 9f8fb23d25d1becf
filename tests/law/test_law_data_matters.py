"""Law data the code reads must decide something: changing what a period is counted to
(`counted_to`) or which day selects a parameter's value (`keyed_to`, for a parameter whose
value changes over time) changes the answer of at least one law scenario. Each change is
made on a copy of the law data; the scenarios run through the table path."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from erpath.answer.screen import screen
from erpath.contract.facts import Facts
from erpath.law.loader import DATA_DIR, bundled_law, load_law
from erpath.procedure.loader import PROCEDURE_FILE, load_procedure
from erpath.rules import build_rules, bundled_rules
from erpath.rules.catalog import rule_modules
from erpath.rules.row import facts_frame, facts_row
from erpath.rules.vectorised import determine_table

LAW_TESTS = Path(__file__).parent
FLIP = {"determination": "encounter", "encounter": "determination", "decision": "determination"}


def _scenarios() -> list[dict[str, Any]]:
    found = []
    for code, (topic, _) in rule_modules().items():
        path = LAW_TESTS / topic / f"{code}.yaml"
        if path.is_file():
            found.extend(yaml.safe_load(path.read_text(encoding="utf-8"))["scenarios"])
    return found


def _changes() -> list[Any]:
    """Each (file, line number, the line changed): every `counted_to`, and the `keyed_to`
    of every parameter with more than one value."""
    changes = []
    for line_no, line in enumerate((DATA_DIR / "designations.yaml").read_text().splitlines()):
        for found in re.finditer(r"counted_to: (\w+)", line):
            new = line.replace(found.group(0), f"counted_to: {FLIP[found.group(1)]}")
            changes.append(
                pytest.param("designations.yaml", line_no, new, id=f"{line_no}: {new.strip()}")
            )
    law = bundled_law()
    lines = (DATA_DIR / "parameters.yaml").read_text().splitlines()
    for _, parameter in law.parameters.items():
        if len(parameter.values) < 2:
            continue
        start = lines.index(f"  - id: {parameter.id}")
        line_no = next(i for i in range(start, len(lines)) if "keyed_to:" in lines[i])
        key = lines[line_no].split(":")[1].strip()
        new = lines[line_no].replace(key, FLIP[key])
        changes.append(
            pytest.param("parameters.yaml", line_no, new, id=f"{parameter.id}: {new.strip()}")
        )
    return changes


def _answers(data: Path, scenarios: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    law = load_law(data)
    rules = build_rules(law, load_procedure(PROCEDURE_FILE, law))
    facts = [Facts.model_validate(s["facts"]) for s in scenarios]
    table = determine_table(rules, facts_frame([facts_row(f, law) for f in facts]))
    return [
        (r["er_applicable"], r["category"], tuple(sorted(r["blocking"]))) for r in table.to_dicts()
    ]


# Changes no answer can show, each with why; for these the rules must still read the datum
# (the rule set's expressions change).
NO_ANSWER_TURNS_ON = {
    # The interior designations' "at least 14 days" (2019, 2025) within 100 miles complement
    # the 2004 designation's "fewer than 14 days" counted to the encounter: counted to the
    # later determination instead, the two would overlap, and where they overlap the 2004
    # ground (first in the law's order) reaches the person just the same.
    "presence_at_least: {days: 14, counted_to: determination}",
}


def _changed(data: Path, name: str, line_no: int, new: str) -> Path:
    lines = (data / name).read_text().splitlines()
    lines[line_no] = new
    (data / name).write_text("\n".join(lines) + "\n")
    return data


@pytest.mark.parametrize(("name", "line_no", "new"), _changes())
def test_changing_it_changes_an_answer(law_data: Path, name: str, line_no: int, new: str) -> None:
    data = _changed(law_data, name, line_no, new)
    if new.strip() in NO_ANSWER_TURNS_ON:
        law = load_law(data)
        # expressions compare by identity: their repr is their structure
        changed = repr(build_rules(law, load_procedure(PROCEDURE_FILE, law)).stages)
        same = repr(build_rules(bundled_law(), load_procedure(PROCEDURE_FILE)).stages)
        assert same == repr(bundled_rules().stages)
        assert changed != same, f"the rules do not read {name} line {line_no + 1}"
        return
    scenarios = _scenarios()
    expected = [
        (
            s["expect"]["er_applicable"],
            s["expect"]["category"],
            tuple(sorted(s["expect"]["blocking"])),
        )
        for s in scenarios
    ]
    assert _answers(DATA_DIR, scenarios) == expected  # the data as it is: every answer right
    assert _answers(data, scenarios) != expected, f"no scenario turns on {name} line {line_no + 1}"


def test_a_new_value_of_the_presence_period_applies_from_its_day(law_data: Path) -> None:
    """The period that takes a person out of a designated class is dated data: were it
    three years from 2030, a person two and a half years in the country would be within
    it from that day, and the two-year date would move, in both evaluators (a sea arrival:
    the 2002 designation, which no court stayed)."""
    data = law_data
    parameters = data / "parameters.yaml"
    text = parameters.read_text()
    old = (
        "      - {since: 1997-04-01, value: 2, sources: [ina-235-b-1-A-iii, 8-cfr-235.3-b-1-ii]}\n"
    )
    assert old in text
    parameters.write_text(
        text.replace(
            old, old + "      - {since: 2030-01-01, value: 3, sources: [ina-235-b-1-A-iii]}\n"
        )
    )
    law = load_law(data)
    rules = build_rules(law, load_procedure(PROCEDURE_FILE, law))
    person = {
        "person": {"citizenship": ["GTM"], "birth_date": "1990-01-01"},
        "arrivals": [{"date": "2027-06-01", "manner": "without_inspection", "mode": "sea"}],
        "encounter": {"miles_from_land_border": 850},
        "proceedings": {"section_240": "none"},
    }
    before = screen(Facts.model_validate({**person, "as_of": "2029-12-31"}), rules)
    after = screen(Facts.model_validate({**person, "as_of": "2030-01-02"}), rules)
    assert (before.er_applicable, before.two_year_date) == ("depends", date(2029, 6, 1))
    assert (after.er_applicable, after.two_year_date) == ("yes", date(2030, 6, 1))
    table = determine_table(
        rules,
        facts_frame(
            [
                facts_row(d, law)
                for d in (
                    Facts.model_validate({**person, "as_of": "2029-12-31"}),
                    Facts.model_validate({**person, "as_of": "2030-01-02"}),
                )
            ]
        ),
    )
    assert table.get_column("er_applicable").to_list() == ["depends", "yes"]
