"""Each rule has one home under each root (ADR 0018): its law data
`law/data/<topic>/<rule>.yaml`, its definition `erpath.rules.<topic>.<rule>` and its
words in every language (erpath.wording); the data and the definition must match, and
a mismatch is named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from erpath.law.loader import DATA_DIR, LawDataError, load_law
from erpath.law.model import Law
from erpath.procedure.loader import bundled_procedure
from erpath.rules import RuleSet, build_rules
from erpath.rules.catalog import RuleDataError, rule_modules
from erpath.wording import words

RULES_DIR = Path(__file__).parents[2] / "src" / "erpath" / "rules"


def test_every_rule_has_its_law_data_in_the_same_topic(law: Law) -> None:
    modules = {code: topic for code, (topic, _) in rule_modules().items()}
    data = {code: spec.topic for code, spec in law.rules.items()}
    assert modules == data
    for code, topic in modules.items():
        assert (RULES_DIR / topic / f"{code}.py").is_file()
        assert (DATA_DIR / topic / f"{code}.yaml").is_file()


def test_every_condition_takes_its_sources_and_contested_point_from_its_data(
    rules: RuleSet, law: Law
) -> None:
    for condition in [*rules.conditions, *rules.info]:
        spec = law.rules.get(condition.code)
        if spec is None:  # one reason per ground, from designations/category
            assert condition.code in {c.ground for _, c in law.classes()}
            continue
        assert condition.contested == spec.contested
        assert condition.excepts == spec.excepts
        blocks_nothing = spec.explains or spec.excepts is not None
        assert condition.blocks == (None if blocks_nothing else spec.blocks or spec.code)
        if spec.sources is not None:
            assert list(condition.sources) == spec.sources
        else:
            assert condition.sources, f"{condition.code}: its data's entries cite nothing"


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_rule_has_words_in_every_language(rules: RuleSet, language: str) -> None:
    w = words(language)
    for condition in [*rules.conditions, *rules.info]:
        assert w.has("reasons", condition.code), f"{condition.code}: no {language} reason"
        assert w.has("codes", condition.code), f"{condition.code}: no {language} name"


def test_rule_data_naming_an_unknown_source_or_point_is_refused(law_data: Path) -> None:
    data = law_data
    rule = data / "proceedings" / "dismissal_not_final.yaml"
    text = rule.read_text().replace("i-arc-v-doj", "no-such-case")
    rule.write_text(text.replace("contested: dismissal-finality", "contested: no-such-point"))
    with pytest.raises(LawDataError) as caught:
        load_law(data)
    assert caught.value.problems == [
        "proceedings/dismissal_not_final.yaml: sources: unknown source 'no-such-case'",
        "proceedings/dismissal_not_final.yaml: contested: unknown contested point 'no-such-point'",
    ]


def test_a_statutes_dates_naming_unknown_entries_or_out_of_order_are_refused(
    law_data: Path,
) -> None:
    rule = law_data / "children" / "uac.yaml"
    text = rule.read_text()
    rule.write_text(
        text.replace("contested: tvpra-effective-date", "contested: no-such-point").replace(
            "sources: [tvpra-2008-235]", "sources: [no-such-act]"
        )
    )
    with pytest.raises(LawDataError) as caught:
        load_law(law_data)
    assert caught.value.problems == [
        "children/uac.yaml: in_force.sources: unknown source 'no-such-act'",
        "children/uac.yaml: in_force.contested: unknown contested point 'no-such-point'",
    ]
    rule.write_text(text.replace("effective: 2009-03-23", "effective: 2008-01-01"))
    with pytest.raises(LawDataError, match="effective must not be before enacted"):
        load_law(law_data)


def test_an_exception_to_no_blocking_rule_or_that_blocks_is_refused(law_data: Path) -> None:
    rule = law_data / "children" / "uac_contiguous_country.yaml"
    text = rule.read_text()
    rule.write_text(text.replace("excepts: uac", "excepts: law_verified_through"))
    with pytest.raises(LawDataError) as caught:
        load_law(law_data)
    assert caught.value.problems == [
        "children/uac_contiguous_country.yaml: excepts: no blocking rule 'law_verified_through'"
    ]
    rule.write_text(text.replace("excepts: uac", "excepts: uac\nblocks: uac"))
    with pytest.raises(LawDataError, match="an exception blocks nothing"):
        load_law(law_data)


def test_an_exception_lifts_its_rules_block_or_leaves_it_open(rules: RuleSet) -> None:
    """b:uac is `c:uac & ~c:uac_contiguous_country` (Kleene): held, lifted or open."""
    stage = next(s for s in rules.stages if "b:uac" in s)
    block = stage["b:uac"]
    for child, exception, wanted in (
        (True, False, True),
        (True, None, None),
        (True, True, False),
        (False, None, False),
        (None, False, None),
    ):
        row = {"c:uac": child, "c:uac_contiguous_country": exception}
        assert block.evaluate(row, "end") is wanted, (child, exception)


def test_rule_data_with_an_unknown_key_or_in_two_topics_is_refused(law_data: Path) -> None:
    data = law_data
    rule = data / "children" / "uac.yaml"
    rule.write_text(rule.read_text() + "block: uac\n")
    shutil.copy(data / "charges" / "no_er_ground.yaml", data / "proceedings" / "no_er_ground.yaml")
    with pytest.raises(LawDataError) as caught:
        load_law(data)
    assert caught.value.problems == [
        "children/uac.yaml: block: unknown key",
        "proceedings/no_er_ground.yaml: rule 'no_er_ground' also in charges/",
    ]


def test_a_rule_without_data_or_data_without_a_rule_is_named(law: Law) -> None:
    procedure = bundled_procedure()
    without = {c: s for c, s in law.rules.items() if c != "uac"}
    with pytest.raises(RuleDataError, match=r"add law/data/children/uac\.yaml"):
        build_rules(law.model_copy(update={"rules": without}), procedure)
    stray = law.rules["uac"].model_copy(update={"code": "uac_again"})
    with pytest.raises(RuleDataError, match=r"children/uac_again\.yaml: no rule defines it"):
        build_rules(law.model_copy(update={"rules": {**law.rules, "uac_again": stray}}), procedure)
