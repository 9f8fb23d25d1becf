"""Every condition has its wording for each outcome it can have, in every language, with
the same keys, outcomes and placeholders; the law data's texts are marked for the
catalogs."""

from __future__ import annotations

import re

import pytest

from erpath.answer.wording import LAW_TEXTS, law_text, say, wording
from erpath.i18n import LANGUAGES
from erpath.law.model import Law
from erpath.rules import RuleSet

PLACEHOLDER = re.compile(r"\{(\w*)\}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_condition_has_wording_for_every_outcome(rules: RuleSet, language: str) -> None:
    texts = wording(language)
    for condition in rules.conditions:
        assert set(texts[condition.code]) == {"holds", "fails", "unknown"}, condition.code
    for info in rules.info:
        assert "holds" in texts[info.code], info.code
    assert "unknown" in texts["as_of_time_of_day"]


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_every_language_has_the_keys_outcomes_and_placeholders_of_english(
    language: str,
) -> None:
    english, other = wording("en"), wording(language)
    assert list(other) == list(english)
    for code, outcomes in english.items():
        assert sorted(other[code]) == sorted(outcomes), code
        for outcome, text in outcomes.items():
            translated = other[code][outcome]
            assert translated.strip(), (code, outcome)
            assert translated != text, f"{code}.{outcome} is not translated"
            wanted = sorted(PLACEHOLDER.findall(text))
            assert sorted(PLACEHOLDER.findall(translated)) == wanted, (code, outcome)


def test_say_fills_in_the_context_in_the_language() -> None:
    context = {"as_of": "2025-06-10"}
    assert say("parole_in_effect", "fails", context) == "No parole is in effect on 2025-06-10."
    assert say("parole_in_effect", "fails", context, "es") == (
        "Ningún permiso de permanencia temporal (parole) está vigente el 2025-06-10."
    )
    with pytest.raises(ValueError, match="language"):
        wording("fr")


def test_every_title_and_contested_question_of_the_law_is_marked_for_translation(
    law: Law,
) -> None:
    texts = [d.title for d in law.designations]
    texts += [o.title for o in law.orders]
    texts += [c.question for c in law.contested.values()]
    assert sorted(set(texts) - set(LAW_TEXTS)) == [], "add these to erpath.answer.wording.LAW_TEXTS"
    assert sorted(set(LAW_TEXTS) - set(texts)) == [], "stale entries in LAW_TEXTS"
    for text in texts:
        assert law_text(text) == text
        assert law_text(text, "es") != text, text
