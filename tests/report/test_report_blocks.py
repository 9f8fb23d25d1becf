"""The law around the answer in the determination report, as PDF (WeasyPrint, read back
with pypdf) and HTML, in English and Spanish: arrests at the court, the time to answer a
DHS motion to dismiss, detention and bond if arrested, the credible-fear screen. The facts
are invented (tests/report/blocks/)."""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from erpath.answer.screen import screen
from erpath.contract.determination import Determination
from erpath.contract.facts import Facts
from erpath.law.model import Law
from erpath.report.determination import render_report_html, write_report
from erpath.wording import words

BLOCKS = Path(__file__).parent / "blocks"
SECTIONS = ("arrest-at-court", "dismissal-response", "detention", "credible-fear")
HEADINGS = {
    "en": {
        "arrest-at-court": "Arrests at the court",
        "dismissal-response": "The time to answer a DHS motion to dismiss",
        "detention": "Detention and bond if arrested",
        "credible-fear": "The credible-fear screen",
    },
    "es": {
        "arrest-at-court": "Arrestos en el tribunal",
        "dismissal-response": "El plazo para responder a una moción de desestimación del DHS",
        "detention": "Detención y fianza en caso de arresto",
        "credible-fear": "El examen de temor creíble",
    },
}
BOND = {
    "en": "May an immigration judge hear a bond request?",
    "es": "¿Puede un juez de inmigración conocer de una solicitud de fianza?",
}


@cache
def _screened(name: str, language: str) -> Determination:
    facts = json.loads((BLOCKS / f"{name}.json").read_text(encoding="utf-8"))
    return screen(Facts.model_validate(facts), language=language)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _cap(text: str) -> str:
    """`text` as it opens a cell of the report: its first letter a capital."""
    return text[:1].upper() + text[1:]


def _pdf(tmp_path: Path, name: str, language: str) -> str:
    path = write_report(_screened(name, language), tmp_path / f"{name}-{language}.pdf", language)
    return _flat(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


def _sections(name: str, language: str) -> dict[str, str]:
    """The text of each block's section of the HTML report, by its id."""
    page = render_report_html(_screened(name, language), language)
    found = re.findall(r'<section id="([\w-]+)">(.*?)</section>', page, re.DOTALL)
    return {key: _flat(html.unescape(re.sub(r"<[^>]+>", " ", body))) for key, body in found}


def _title(law: Law, order_id: str, language: str) -> str:
    order = next(o for o in law.orders if o.id == order_id)
    return _flat(words(language).law_text(order_id, order.title))


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_restriction_at_the_san_francisco_court_is_shown_there_only(
    tmp_path: Path, law: Law, language: str
) -> None:
    """Dismissed at the San Francisco court on 15 January 2026: the Pablo Sequen stay
    restricts ICE arrests there, by its title and citation; at Houston it is not named."""
    sfr = _screened("dismissed-sfr", language)
    assert sfr.arrest_at_court is not None
    assert sfr.arrest_at_court.restricted == "yes"
    title = _title(law, "pablo-sequen-2025-stay", language)
    cite = sfr.citations["pablo-sequen-v-albarran-2025"].cite
    mark = words(language).label("verification", "reported")
    text = _pdf(tmp_path, "dismissed-sfr", language)
    assert HEADINGS[language]["arrest-at-court"] in text
    assert _flat(sfr.arrest_at_court.reason) in text
    assert f"{title} ({cite} [{mark}])" in text
    hou = _screened("dismissed-hou", language)
    assert hou.arrest_at_court is not None
    assert hou.arrest_at_court.restricted == "no"
    text = _pdf(tmp_path, "dismissed-hou", language)
    assert HEADINGS[language]["arrest-at-court"] in text
    assert _flat(hou.arrest_at_court.reason) in text
    assert title not in text
    assert cite not in text


@pytest.mark.parametrize("language", ["en", "es"])
def test_bond_is_no_in_texas_and_depends_in_new_york(tmp_path: Path, language: str) -> None:
    """A pending 240 case, entry without inspection, arrested on 1 March 2026: the Fifth
    Circuit holds detention mandatory (no bond); in the Second Circuit it depends; each
    with its reasons."""
    w = words(language)
    for name, bond, circuit in [("pending-tx", "no", "5"), ("pending-ny", "depends", "2")]:
        d = _screened(name, language)
        assert d.detention is not None
        assert (d.detention.bond, d.detention.circuit) == (bond, circuit)
        text = _pdf(tmp_path, name, language)
        assert HEADINGS[language]["detention"] in text
        assert f"{BOND[language]} {w.answer(bond)}" in text
        assert _cap(_flat(w.label("circuits", circuit))) in text
        assert d.detention.reasons
        for reason in d.detention.reasons:
            assert _flat(reason.text) in text


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_response_period_is_kept_at_the_manhattan_court(
    tmp_path: Path, law: Law, language: str
) -> None:
    d = _screened("pending-ny", language)
    assert d.dismissal_response is not None
    assert (d.dismissal_response.days, d.dismissal_response.required) == (10, "yes")
    section = _sections("pending-ny", language)["dismissal-response"]
    assert HEADINGS[language]["dismissal-response"] in section
    assert words(language).answer("yes") in section
    assert _flat(d.dismissal_response.reason) in section
    assert _title(law, "act-2025-dismissal-directive-stayed", language) in section
    assert _flat(d.dismissal_response.reason) in _pdf(tmp_path, "pending-ny", language)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_credible_fear_screen_is_shown(tmp_path: Path, language: str) -> None:
    d = _screened("fear-negative", language)
    c = d.credible_fear
    assert c is not None
    w = words(language)
    text = _pdf(tmp_path, "fear-negative", language)
    assert HEADINGS[language]["credible-fear"] in text
    assert _cap(w.label("cf_standards", c.standard)) in text
    assert c.bars == ["mandatory_bars"]
    assert _cap(w.label("cf_rules", "mandatory_bars")) in text
    assert w.date(c.interview_on) in text
    for reason in c.reasons:
        assert _flat(reason.text) in text


def _labels(name: str, language: str) -> dict[str, list[str]]:
    """The heading and row labels of each block's section of the HTML report."""
    page = render_report_html(_screened(name, language), language)
    found = re.findall(r'<section id="([\w-]+)">(.*?)</section>', page, re.DOTALL)
    return {
        key: [
            _flat(html.unescape(re.sub(r"<[^>]+>", " ", cell)))
            for cell in re.findall(r"<(?:h2|th)>(.*?)</(?:h2|th)>", body, re.DOTALL)
        ]
        for key, body in found
    }


@pytest.mark.parametrize("name", ["dismissed-sfr", "pending-tx", "pending-ny", "fear-negative"])
def test_the_spanish_blocks_leave_no_english(name: str) -> None:
    """No English heading or label, no English word for a code and no English text of the
    determination is left in the Spanish report's blocks, and no code is shown."""
    spanish = _sections(name, "es")
    d = _screened(name, "en")
    given = [key for key in SECTIONS if getattr(d, key.replace("-", "_")) is not None]
    assert sorted(spanish) == sorted(given)
    en = words("en")
    english = [label for labels in _labels(name, "en").values() for label in labels]
    english += [
        _cap(_flat(text))
        for group in ("circuits", "authorities", "detention_stages", "cf_standards", "cf_routes")
        for text in en.labels(group).values()
    ]
    english += [_cap(_flat(t)) for t in en.labels("cf_rules").values()]
    english += [en.answer("yes"), en.answer("depends"), en.label("verification", "reported")]
    for block in (d.arrest_at_court, d.dismissal_response):
        english += [_flat(block.reason)] if block else []
    for screened in (d.detention, d.credible_fear):
        english += [_flat(r.text) for r in screened.reasons] if screened else []
    assert len(english) > 30
    left = [(key, e) for key, text in spanish.items() for e in english if e in text]
    assert left == []
    for key, text in spanish.items():
        for code in ("section_240", "significant_possibility", "mandatory_bars", "contested"):
            assert code not in text, (key, code)
