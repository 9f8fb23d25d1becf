"""Law scenarios as data: facts -> expected answer, each with its citation.

Each rule's scenarios are `tests/law/<topic>/<rule>.yaml` (ADR 0018): cases whose `name` is
a legal proposition and whose `cite` names the provision that decides it; `expect` holds
the fields of the determination, and may also hold `reasons` (a condition's English text,
which must be true for the facts), `sources` (the sources a condition cites on the date),
`decisive` (the codes of the reasons that decide it), `summary_says` (phrases the English
summary must contain) and `timeline` (per posture, each period as `[from, to, answer,
because]`).

The blocks that follow the answer (ADR 0025: arrest_at_court, dismissal_response,
detention, credible_fear) have their scenarios in `tests/law/blocks/<block>.yaml`: `expect`
holds the block's fields (null where the block is not given), and `says` the phrases its
reasons must contain.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from erpath.answer.screen import screen
from erpath.contract.determination import (
    ArrestAtCourt,
    CredibleFearScreen,
    Detention,
    DismissalResponse,
)
from erpath.contract.facts import Facts
from erpath.law.model import Law
from erpath.rules import RuleSet
from erpath.rules.catalog import rule_modules
from erpath.rules.row import facts_frame, facts_row
from erpath.rules.vectorised import determine_table

HERE = Path(__file__).parent
SET_FIELDS = ("blocking",)


BLOCKS = ("arrest_at_court", "dismissal_response", "detention", "credible_fear")


def _files() -> list[Path]:
    """Each rule's scenario file that exists, in the order of the rules."""
    paths = (HERE / topic / f"{code}.yaml" for code, (topic, _) in rule_modules().items())
    return [p for p in paths if p.is_file()]


def _block_files() -> list[Path]:
    return [HERE / "blocks" / f"{block}.yaml" for block in BLOCKS]


def _cases() -> list[Any]:
    cases = []
    for path in _files() + _block_files():
        rule = f"{path.parent.name}/{path.stem}"
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["scenarios"]:
            cases.append(pytest.param(case, id=f"{rule}: {case['name'][:90]}"))
    return cases


def test_every_scenario_file_is_a_rules_and_every_blocking_rule_has_one(law: Law) -> None:
    topics = {topic for topic, _ in rule_modules().values()}
    files = {p for topic in topics for p in (HERE / topic).glob("*")}
    assert sorted(str(p.relative_to(HERE)) for p in files - set(_files())) == []
    covered = {(p.parent.name, p.stem) for p in _files()}
    blocking = {(s.topic, s.code) for s in law.rules.values() if not s.explains}
    assert sorted(blocking - covered) == []


def test_every_block_has_scenarios_and_every_field_of_it_is_expected() -> None:
    models: dict[str, type[BaseModel]] = {
        "arrest_at_court": ArrestAtCourt,
        "dismissal_response": DismissalResponse,
        "detention": Detention,
        "credible_fear": CredibleFearScreen,
    }
    assert sorted(p.name for p in (HERE / "blocks").glob("*")) == sorted(
        p.name for p in _block_files()
    )
    for block, model in models.items():
        cases = yaml.safe_load((HERE / "blocks" / f"{block}.yaml").read_text(encoding="utf-8"))
        expected = {key for case in cases["scenarios"] for key in (case["expect"].get(block) or {})}
        assert sorted(set(model.model_fields) - expected - {"reasons", "reason"}) == [], block


def _says(determination: dict[str, Any], wanted: dict[str, list[str]], name: str) -> None:
    for block, phrases in wanted.items():
        got = determination[block]
        texts = " ".join([got.get("reason", "")] + [r["text"] for r in got.get("reasons", [])])
        for phrase in phrases:
            assert phrase in texts, f"{name}: {block} does not say {phrase!r}"


def test_there_are_enough_scenarios() -> None:
    assert len(_cases()) >= 60


def _sources(determination: dict[str, Any], wanted: dict[str, list[str]], name: str) -> None:
    cited = {r["code"]: r["sources"] for r in determination["reasons"]}
    for code, sources in wanted.items():
        assert cited[code] == sources, f"{name}: sources of {code}"


def _decisive(determination: dict[str, Any], wanted: list[str], name: str) -> None:
    reasons = determination["reasons"]
    decisive = [r["code"] for r in reasons if r["decisive"]]
    assert sorted(decisive) == sorted(wanted), name
    # the decisive reasons come first
    assert [r["decisive"] for r in reasons] == sorted(
        (r["decisive"] for r in reasons), reverse=True
    )


def _summary_says(determination: dict[str, Any], wanted: list[str], name: str) -> None:
    for phrase in wanted:
        assert phrase in determination["summary"], f"{name}: summary lacks {phrase!r}"


def _timeline(determination: dict[str, Any], wanted: dict[str, list[list[Any]]], name: str) -> None:
    for posture, periods in wanted.items():
        got = [
            [p["from"], p["to"], p["er_applicable"], p["because"]]
            for p in determination["timeline"][posture]
        ]
        assert got == periods, f"{name}: timeline.{posture}"


EXTRA: dict[str, Callable[[dict[str, Any], Any, str], None]] = {
    "sources": _sources,
    "decisive": _decisive,
    "summary_says": _summary_says,
    "timeline": _timeline,
    "says": _says,
}


@pytest.mark.parametrize("case", _cases())
def test_scenario(case: dict[str, Any], rules: RuleSet) -> None:
    assert case.get("cite"), "every scenario cites the law that decides it"
    determination = json.loads(screen(Facts.model_validate(case["facts"]), rules).contract_json())
    expect = case["expect"]
    for key in ("er_applicable", "category", "blocking", "uncertain"):
        assert key in expect, f"expect.{key} is required"
    for key, wanted in expect.items():
        if key in EXTRA:
            EXTRA[key](determination, wanted, case["name"])
            continue
        got = determination[key]
        if key == "uncertain":
            assert sorted(u["code"] for u in got) == sorted(wanted), case["name"]
        elif key == "reasons":  # the English text of a condition's reason, which must be true
            texts = {r["code"]: r["text"] for r in got}
            for code, text in wanted.items():
                assert texts[code] == text, f"{case['name']}: reasons.{code}"
        elif key in SET_FIELDS:
            assert sorted(got) == sorted(wanted), case["name"]
        elif key in BLOCKS and wanted is None:
            assert got is None, f"{case['name']}: {key} is given"
        elif isinstance(wanted, dict):
            for sub, value in wanted.items():
                assert got[sub] == value, f"{case['name']}: {key}.{sub}"
        else:
            assert got == wanted, f"{case['name']}: {key}"


def test_every_scenario_gets_the_same_answer_from_the_table(rules: RuleSet) -> None:
    """The table path (`determine_table`, what exposure and the simulation run) answers each
    scenario as the one-person path and the scenario's expectation do: all the scenarios as
    one table of many days, and each alone (a table of one day, folded with it)."""
    cases = [param.values[0] for param in _cases()]
    facts = [Facts.model_validate(case["facts"]) for case in cases]
    rows = [facts_row(f, rules.law) for f in facts]
    together = determine_table(rules, facts_frame(rows)).to_dicts()
    alone = [determine_table(rules, facts_frame([row])).to_dicts()[0] for row in rows]
    wrong = []
    for case, one, table_row, single in zip(cases, facts, together, alone, strict=True):
        person = screen(one, rules)
        wanted = (person.er_applicable, person.category, sorted(person.blocking))
        expect = case["expect"]
        assert wanted == (expect["er_applicable"], expect["category"], sorted(expect["blocking"]))
        for how, got in (("in the table", table_row), ("alone", single)):
            answer = (got["er_applicable"], got["category"], sorted(got["blocking"]))
            if answer != wanted:
                wrong.append(f"{case['name']} ({how}): {answer} != {wanted}")
    assert wrong == []
