"""procedure.yaml: strict validation of a copied and edited file; every problem names the
file and the key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from erpath.law.loader import bundled_law
from erpath.procedure import ProcedureDataError, load_procedure
from erpath.procedure.loader import PROCEDURE_FILE


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "procedure.yaml"
    shutil.copyfile(PROCEDURE_FILE, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def _problems(path: Path) -> list[str]:
    with pytest.raises(ProcedureDataError) as caught:
        load_procedure(path)
    assert str(caught.value) == "\n".join(caught.value.problems)
    return caught.value.problems


def test_the_bundled_procedure_loads(copy: Path) -> None:
    procedure = load_procedure(copy, bundled_law())
    assert len(procedure.transitions) == 36
    assert len(procedure.deadlines) == 8


# (what is changed, replaced by, a problem expected among those reported)
EDITS = [
    pytest.param(
        '    trigger: "Person appears at hearing"\n',
        '    triger: "Person appears at hearing"\n',
        "procedure.yaml: transitions[0].triger: unknown key",
        id="unknown-key",
    ),
    pytest.param(
        "    code: hearing_scheduled\n",
        "    code: hearing_scheduled\n    terminal_state: false\n",
        "procedure.yaml: states[0].terminal_state: unknown key",
        id="unknown-key-in-a-state",
    ),
    pytest.param(
        "    period: {days: 10}\n",
        "    period: {days: 10, business: true}\n",
        "procedure.yaml: deadlines[0].period.business: unknown key",
        id="unknown-key-in-a-deadline",
    ),
    pytest.param(
        "    sources: [ina-240-b-5]\n",
        "    sources: []\n",
        "procedure.yaml: transitions[1].sources: transition 2 cites no source",
        id="missing-source",
    ),
    pytest.param(
        "    sources: [ina-240-b-5]\n",
        "    sources: [ina-240-b-6]\n",
        "procedure.yaml: transitions[1].sources: unknown source 'ina-240-b-6'",
        id="unknown-source",
    ),
    pytest.param(
        "    event: fails_to_appear\n",
        "    event: FailsToAppear\n",
        "procedure.yaml: transitions[1].event: String should match pattern",
        id="event-not-snake-case",
    ),
    pytest.param(
        "  - number: 2\n    from: [S0]\n    to: S19\n",
        "  - number: 2\n    from: [S0]\n    to: S1\n",
        "procedure.yaml: states[19]: S19 (in_absentia_order) is not reachable from S0",
        id="unreachable-state",
    ),
    pytest.param(
        "    from: [S8, S9, S12, S13]\n",
        "    from: [S8, S9, S12, S13, S17]\n",
        "procedure.yaml: transitions[31].from: S17 is terminal; a terminal state has no "
        "transition out",
        id="terminal-with-a-transition-out",
    ),
    pytest.param(
        "    event: ij_denies_dismissal\n",
        "    event: ij_grants_dismissal\n",
        "procedure.yaml: transitions[4].event: 'ij_grants_dismissal' already leaves S2 "
        "(transition 4)",
        id="event-twice-from-one-state",
    ),
    pytest.param(
        "    to: S17\n    event: removal_executed\n",
        "    to: S77\n    event: removal_executed\n",
        "procedure.yaml: transitions[14].to: unknown state 'S77'",
        id="unknown-state",
    ),
    pytest.param(
        '    open_end: "The brief lists no transition out of release',
        '    note: "The brief lists no transition out of release',
        "procedure.yaml: states[16]: S16 (released_or_paroled) has no transition out; "
        "mark it terminal or open_end",
        id="dead-end-not-declared",
    ),
    pytest.param(
        "    period: {parameter: credible_fear_review_days}\n",
        "    period: {parameter: credible_fear_days}\n",
        "procedure.yaml: deadlines[3].period.parameter: unknown parameter 'credible_fear_days'",
        id="unknown-parameter",
    ),
    pytest.param(
        "    leap_day: february_28\n",
        "",
        "procedure.yaml: deadlines[7].leap_day: give leap_day exactly when the period is in years",
        id="year-period-without-leap-day-rule",
    ),
    pytest.param(
        "    ends_with: [4, 5]\n",
        "    ends_with: [4, 50]\n",
        "procedure.yaml: deadlines[0].ends_with: unknown transition 50",
        id="unknown-transition-in-a-deadline",
    ),
    pytest.param(
        "    contested: [dismissal-finality]\n",
        "    contested: [dismissal-finalty]\n",
        "procedure.yaml: transitions[7].contested: unknown contested point 'dismissal-finalty'",
        id="unknown-contested-point",
    ),
    pytest.param(
        "    weekends_and_holidays: not_moved\n",
        "    weekends_and_holidays: maybe\n",
        "procedure.yaml: deadlines[3].weekends_and_holidays: Input should be "
        "'next_business_day' or 'not_moved'",
        id="unknown-weekend-rule",
    ),
    pytest.param(
        "  - number: 37\n    from: [S17]\n",
        "  - number: 37\n    from: [S16]\n",
        "procedure.yaml: sequels[0].from: 'S16' is not a terminal state",
        id="sequel-of-a-state-that-is-not-terminal",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), EDITS)
def test_a_malformed_procedure_is_refused_naming_file_and_key(
    copy: Path, old: str, new: str, expected: str
) -> None:
    _edit(copy, old, new)
    problems = _problems(copy)
    assert any(p.startswith(expected) for p in problems), problems


def test_not_yaml_and_missing_file_are_named(copy: Path, tmp_path: Path) -> None:
    copy.write_text("states: [\n")
    assert _problems(copy)[0].startswith("procedure.yaml: not valid YAML")
    assert _problems(tmp_path / "procedure.yaml.missing") == [
        "procedure.yaml.missing: file is missing"
    ]


def test_every_transition_source_has_a_verification_level_from_the_brief(copy: Path) -> None:
    procedure = load_procedure(copy)
    cited = {s for t in procedure.transitions for s in t.sources}
    levels = {procedure.law.sources[s].verification for s in cited}
    assert levels == {"verified", "reported", "unverified"}
