"""The one wording set (ADR 0019): every code of the contract, the rules, the law data and
the procedure has its words in every language, each language has the keys and
placeholders of English, and a missing word is named, never shown as a code."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta, timezone
from typing import Any, get_args

import pytest

from erpath.cases.record import CASE_KINDS
from erpath.contract.determination import Category
from erpath.contract.facts import Arrival, EvidenceKind, Person
from erpath.law.model import Law, Verification
from erpath.presence.kinds import Strength
from erpath.procedure.loader import bundled_procedure
from erpath.rules import RuleSet
from erpath.rules.answer import SPLIT_CODES
from erpath.rules.ruleset import BLOCKING_CODES, DECISIONS
from erpath.wording import WordingError, words
from erpath.wording.catalogs import LANGUAGES

PLACEHOLDER = re.compile(r"\{(\w*)\}")
OTHER_LANGUAGES = [lang for lang in LANGUAGES if lang != "en"]
# Words that are the same in Spanish: the answer "No".
SAME_IN_SPANISH = {("answers", "no", "word")}


def _leaves(tree: Mapping[str, Any], path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for key, value in tree.items():
        if isinstance(value, Mapping):
            yield from _leaves(value, (*path, key))
        else:
            yield (*path, key)


def _at(tree: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    for key in path:
        tree = tree[key]
    return tree


DATE_PIECES = {"day", "month", "year", "hour", "hour24", "minute", "half", "offset", "time"}


def _literal(model: type, field: str) -> set[str]:
    annotation = model.model_fields[field].annotation  # type: ignore[attr-defined]
    return {a for arg in get_args(annotation) for a in get_args(arg) if isinstance(a, str)}


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_language_has_the_keys_and_placeholders_of_english(language: str) -> None:
    english, other = words("en").data, words(language).data
    assert [k for k in other if k != "law"] == list(english)
    assert sorted(_leaves({k: v for k, v in other.items() if k != "law"})) == sorted(
        _leaves(english)
    )
    for path in _leaves(english):
        text, translated = str(_at(english, path)), str(_at(other, path))
        assert translated.strip(), path
        if path[0] == "dates":
            # how a language writes a date or a time is its own: its pieces are among
            # those the reader fills in
            assert set(PLACEHOLDER.findall(translated)) <= DATE_PIECES, path
            continue
        assert sorted(PLACEHOLDER.findall(translated)) == sorted(PLACEHOLDER.findall(text)), path
        if path not in SAME_IN_SPANISH and PLACEHOLDER.sub("", text).strip(" .,:;'()"):
            assert translated != text, f"{'.'.join(path)} is not translated"


def test_every_code_of_the_contract_and_rules_is_named(rules: RuleSet) -> None:
    w = words("en")
    codes = {*BLOCKING_CODES, *SPLIT_CODES}
    codes |= {c.code for c in rules.conditions} | {c.code for c in rules.info}
    assert sorted(set(w.labels("codes"))) == sorted(codes)
    assert set(w.labels("categories")) == set(get_args(Category))
    assert set(w.labels("outcomes")) == {"holds", "fails", "unknown"}
    assert set(w.labels("verification")) == set(get_args(Verification))
    assert set(w.labels("arrival_modes")) == _literal(Arrival, "mode")
    assert set(w.labels("claimed_statuses")) == _literal(Person, "claimed_status")
    assert set(w.labels("evidence_kinds")) == set(get_args(EvidenceKind))
    excepted = {
        v.exception
        for p in type(rules.law.parameters).model_fields
        for v in getattr(rules.law.parameters, p).values
        if v.exception
    }
    assert excepted <= set(w.labels("exceptions"))
    countries = {
        n.country for d in rules.law.designations for c in d.classes for n in c.nationals_excepted
    }
    assert countries <= set(w.labels("nationals"))
    assert set(w.labels("evidence_examples")) == set(get_args(EvidenceKind))
    assert set(w.labels("strengths")) == set(get_args(Strength))


def test_every_condition_has_a_reason_for_each_outcome(rules: RuleSet) -> None:
    reasons = words("en").data["reasons"]
    for condition in rules.conditions:
        assert set(reasons[condition.code]) == {"holds", "fails", "unknown"}, condition.code
    for info in rules.info:
        assert "holds" in reasons[info.code], info.code
    for code in SPLIT_CODES:
        assert "unknown" in reasons[code], code
    wanted = {c.code for c in [*rules.conditions, *rules.info]} | set(SPLIT_CODES)
    assert sorted(set(reasons) - wanted) == [], "reasons of no rule"


def test_every_state_event_deadline_and_party_of_the_procedure_is_named() -> None:
    procedure = bundled_procedure()
    w = words("en")
    assert set(w.labels("states")) == set(procedure.states)
    assert set(w.labels("events")) == {t.event for t in procedure.transitions} | set(CASE_KINDS)
    assert set(w.labels("deadlines")) == {d.code for d in procedure.deadlines}
    assert set(DECISIONS) <= set(w.labels("deadlines"))
    assert set(w.labels("parties")) == {d.party for d in procedure.deadlines}


def test_every_change_of_the_law_and_kind_of_order_is_worded(law: Law) -> None:
    w = words("en")
    assert {c.what for c in law.changes()} <= set(w.data["changes"]["date"])
    assert {o.kind for o in law.orders} <= set(w.labels("order_kinds"))


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_title_and_question_of_the_law_is_translated(law: Law, language: str) -> None:
    english = {d.id: d.title for d in law.designations}
    english |= {o.id: o.title for o in law.orders}
    english |= {k: c.question for k, c in law.contested.items()}
    translated = words(language).data["law"]
    assert sorted(translated) == sorted(english)
    for entry, text in english.items():
        assert words("en").law_text(entry, text) == text
        assert translated[entry] != text, entry


def test_a_missing_word_is_named() -> None:
    with pytest.raises(WordingError, match=r"wording/es.yaml has no states.S99"):
        words("es").label("states", "S99")
    with pytest.raises(ValueError, match="language: 'fr'"):
        words("fr")


def test_a_reason_is_filled_in_the_language() -> None:
    context = {"as_of": "2025-06-10"}
    assert words("en").reason("parole_in_effect", "fails", context) == (
        "No parole is in effect on 2025-06-10."
    )
    assert words("es").reason("parole_in_effect", "fails", context) == (
        "Ningún permiso de permanencia temporal (parole) está vigente el 2025-06-10."
    )


def test_dates_are_written_as_each_language_writes_them() -> None:
    """Prose dates (CONTRACT.md conventions: ISO in data), with the time of day and its
    offset where there is one: the 2025 designation's 6:00 p.m. EST."""
    at = datetime(2025, 1, 21, 18, 0, tzinfo=timezone(timedelta(hours=-5)))
    assert words("en").date(date(2025, 7, 31)) == "July 31, 2025"
    assert words("es").date(date(2025, 7, 31)) == "31 de julio de 2025"
    assert words("en").date(at) == "January 21, 2025, 6:00 p.m. (UTC-05:00)"
    assert words("es").date(at) == "21 de enero de 2025, a las 18:00 (UTC-05:00)"
    # a date filled into any text is written so
    assert "On July 31, 2025," in words("en").answer_sentence("no", date(2025, 7, 31))
