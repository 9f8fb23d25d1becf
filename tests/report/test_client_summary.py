"""The client summary (erpath.report.client_summary): one page in either language for every
bundled example and the invented client, saying what the answer means for them today and if
their case is dismissed, what to bring, what to do and whom to call."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from erpath.answer.screen import screen
from erpath.contract.facts import Facts
from erpath.report.client_summary import client_summary, write_client_summary
from erpath.report.referral import ReferralError, load_referral
from erpath.web.demo import DEMO_REFERRAL

ROOT = Path(__file__).parents[2]
CLIENT = Path(__file__).parent / "client-pending-240.json"
DOCUMENTS = [CLIENT, *sorted((ROOT / "src" / "erpath" / "examples").glob("*.json"))]


def _facts(path: Path) -> Facts:
    return Facts.model_validate(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_the_summary_is_one_page(tmp_path: Path, path: Path, language: str) -> None:
    facts = _facts(path)
    d = screen(facts, language=language)
    pdf = write_client_summary(d, facts, tmp_path / "c.pdf", language, load_referral(DEMO_REFERRAL))
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 1
    text = " ".join((reader.pages[0].extract_text() or "").split())
    heading = {"en": "What the screening means for you", "es": "Lo que la evaluación significa"}
    assert heading[language] in text
    called = {"en": "Example Legal Aid Clinic", "es": "Clínica de Ayuda Legal de Ejemplo"}
    assert called[language] in text
    assert "(555) 010-0199" in text


def test_the_client_is_told_the_risk_if_dismissed_in_spanish() -> None:
    """The client of issue 12: barred today; if dismissed, exposed June 23 to 29, 2026 (the
    vacatur to the end of the verified law), uncertain after; neighbours with one answer
    are one stretch."""
    facts = _facts(CLIENT)
    s = client_summary(screen(facts, language="es"), facts, "es", None)
    assert s.answer == "no"
    assert "Caso de la sección 240 pendiente" in s.why
    assert [(p.start, p.end, p.answer) for p in s.if_dismissed] == [
        ("20 de enero de 2026", "22 de junio de 2026", "no"),
        ("23 de junio de 2026", "29 de junio de 2026", "yes"),
        ("30 de junio de 2026", None, "depends"),
    ]
    assert s.two_years == "15 de agosto de 2026"
    assert s.since == "15 de agosto de 2024"


def test_without_a_referral_the_client_is_told_to_ask(tmp_path: Path) -> None:
    facts = _facts(CLIENT)
    pdf = write_client_summary(screen(facts), facts, tmp_path / "c.pdf", "en")
    text = " ".join((PdfReader(str(pdf)).pages[0].extract_text() or "").split())
    assert "Ask the organisation that gave you this page how to reach it." in text


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("phone: 1\n", "name: required"),
        ("name: A\nfax: 2\n", "fax: unknown key"),
        ("name: {en: A, fr: B}\n", "name: 'fr' is not one of en, es"),
        ("name: [unclosed\n", "is not YAML"),
    ],
)
def test_a_bad_referral_file_is_refused_naming_the_field(
    tmp_path: Path, content: str, said: str
) -> None:
    path = tmp_path / "referral.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReferralError) as raised:
        load_referral(path)
    assert said in str(raised.value)


def test_the_two_year_date_is_told_only_where_two_years_count() -> None:
    """Ten days after crossing by land, 40 miles from the border, in 2024 (the 2004
    designation: 14 days, 100 miles): the ground counts days, not years, so the client is not
    told that two years' papers would protect them; the same person under the 2025
    designation (arrived 2025-03-01, screened 2025-06-10) is."""
    border = Facts.model_validate(
        {
            "as_of": "2024-05-11",
            "arrivals": [{"date": "2024-05-01", "manner": "without_inspection", "mode": "land"}],
            "encounter": {"miles_from_land_border": 40},
            "proceedings": {"section_240": "none"},
        }
    )
    d = screen(border)
    assert d.category == "designated_border_14d"
    assert d.two_year_date is not None
    assert client_summary(d, border, "en", None).two_years is None
    interior = Facts.model_validate(
        {
            "as_of": "2025-06-10",
            "arrivals": [{"date": "2025-03-01", "manner": "without_inspection", "mode": "land"}],
            "encounter": {"miles_from_land_border": 400},
            "proceedings": {"section_240": "none"},
        }
    )
    assert client_summary(screen(interior), interior, "en", None).two_years == "March 1, 2027"
