"""The determination report as PDF and HTML, in English and Spanish: the answer, the
ground, what blocks it or what it turns on, the next step and the citations can be found
in its text; the Spanish report is in Spanish; anything from the facts is escaped."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from erpath.answer.screen import screen
from erpath.cli import app
from erpath.contract.determination import Determination
from erpath.contract.facts import Facts
from erpath.law.model import Law
from erpath.report.determination import render_report_html, write_report
from erpath.wording import words

EXAMPLES = Path(__file__).parents[2] / "src" / "erpath" / "examples"
CONTRACT_EXAMPLE = EXAMPLES / "01-interior-pending-240.json"
DEPENDS_EXAMPLE = EXAMPLES / "03-two-years-not-shown.json"
ANSWER = {
    "en": {"no": "Answer: No", "depends": "Answer: Depends"},
    "es": {"no": "Respuesta: No", "depends": "Respuesta: Depende"},
}
# Citations (each source's `cite`) the reasons of both examples rest on.
CITATIONS = [
    "8 CFR 239.2(c)",
    "8 CFR 1239.2(c)",
    "8 CFR 235.3(b)(1)(ii)",
    "8 U.S.C. 1225(b)(1)(A)(i)",
    "69 FR 48877",
]


@cache
def _facts(path: Path) -> Facts:
    return Facts.model_validate(json.loads(path.read_text(encoding="utf-8")))


@cache
def _screened(path: Path, language: str) -> Determination:
    return screen(_facts(path), language=language)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pdf_text(path: Path) -> tuple[str, int]:
    pages = PdfReader(path).pages
    return _flat(" ".join((page.extract_text() or "") for page in pages)), len(pages)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("example", [CONTRACT_EXAMPLE, DEPENDS_EXAMPLE], ids=["01", "03"])
def test_the_pdf_states_the_answer_its_grounds_and_its_sources(
    tmp_path: Path, example: Path, language: str
) -> None:
    d = _screened(example, language)
    path = write_report(d, tmp_path / "report.pdf", language)
    text, pages = _pdf_text(path)
    # three pages, and a fourth since the law around the answer (court, detention) is told
    assert 1 <= pages <= 4
    w = words(language)
    assert ANSWER[language][d.er_applicable] in text
    assert _flat(w.label("categories", d.category)) in text
    turns = d.blocking + [u.code for u in d.uncertain]
    assert turns
    for code in turns:
        assert _flat(w.label("codes", code)) in text
    for u in d.uncertain:
        assert _flat(u.reason) in text
    for code in d.blocking:
        reason = next(r for r in d.reasons if r.code == code)
        assert _flat(reason.text) in text
    assert _flat(d.next_step) in text
    assert d.two_year_date is not None
    assert w.date(d.two_year_date) in text
    assert all(cite in text for cite in CITATIONS)
    assert w.date(d.law.verified_through) in text
    notice = {"en": "not legal advice", "es": "no constituye asesoría legal"}[language]
    assert notice in text


def test_the_pdf_links_each_citation_to_its_source(tmp_path: Path, law: Law) -> None:
    path = write_report(_screened(CONTRACT_EXAMPLE, "en"), tmp_path / "report.pdf")
    uris = {
        str(annotation.get_object()["/A"]["/URI"])
        for page in PdfReader(path).pages
        for annotation in page.get("/Annots") or []
        if "/A" in annotation.get_object()
    }
    assert law.sources["8-cfr-1239.2-c"].url in uris
    assert law.sources["8-cfr-239.2-c"].url in uris


def test_the_spanish_report_words_the_reasons_in_spanish(tmp_path: Path) -> None:
    english = _screened(CONTRACT_EXAMPLE, "en")
    spanish = _screened(CONTRACT_EXAMPLE, "es")
    text, _ = _pdf_text(write_report(spanish, tmp_path / "informe.pdf", "es"))
    assert _flat(words("es").reason("pending_240_proceedings", "holds", {})) in text
    assert "Aviso de Comparecencia (NTA)" in text
    assert "remoción expedita" in text
    for reason in english.reasons:
        assert _flat(reason.text) not in text, reason.code
    assert _flat(english.next_step) not in text
    assert "Ground" not in text
    assert "Next step" not in text
    assert "Siguiente paso" in text
    assert "Fundamento" in text


def test_the_html_links_citations_and_marks_unverified_sources() -> None:
    html = render_report_html(_screened(CONTRACT_EXAMPLE, "en"))
    assert '<a href="https://www.ecfr.gov/current/title-8/chapter-V/' in html
    assert ">8 CFR 1239.2(c)</a>" in html
    assert "[reported]" in html
    assert "[unverified]" in html
    spanish = render_report_html(_screened(CONTRACT_EXAMPLE, "es"), "es")
    assert '<html lang="es">' in spanish
    assert "[según informes]" in spanish
    assert "[sin verificar]" in spanish


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_html_escapes_what_comes_from_the_facts(language: str) -> None:
    # No free text of the facts reaches a determination today (the charged grounds only
    # in a reason that is not shown); every text of the determination is escaped anyway.
    markup = "<script>alert('x')</script>&<b>"
    d = _screened(CONTRACT_EXAMPLE, language)
    template = words(language).reason_template("two_years_shown", "fails") or ""
    two_years = template.replace("{two_years_why}", markup)
    d = d.model_copy(
        update={
            "next_step": markup,
            "reasons": [
                r.model_copy(update={"text": two_years}) if r.code == "two_years_shown" else r
                for r in d.reasons
            ],
            "counterfactuals": [c.model_copy(update={"change": markup}) for c in d.counterfactuals],
        }
    )
    html = render_report_html(d, language)
    assert "<script>" not in html
    assert "<b>" not in html
    assert html.count("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&lt;b&gt;") == 3


def test_a_determination_worded_in_another_language_is_refused() -> None:
    with pytest.raises(ValueError, match="language='es'"):
        render_report_html(_screened(CONTRACT_EXAMPLE, "en"), "es")
    with pytest.raises(ValueError, match="language='en'"):
        render_report_html(_screened(CONTRACT_EXAMPLE, "es"), "en")
    with pytest.raises(ValueError, match="not one of"):
        render_report_html(_screened(CONTRACT_EXAMPLE, "en"), "fr")


def test_the_html_report_is_written_for_any_other_suffix(tmp_path: Path) -> None:
    path = write_report(_screened(DEPENDS_EXAMPLE, "es"), tmp_path / "informe.html", "es")
    html = path.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert "Respuesta" in html
    assert "Depende" in html


def test_the_examples_counterfactuals_are_in_the_spanish_report() -> None:
    d = _screened(EXAMPLES / "02-interior-dismissed.json", "es")
    html = render_report_html(d, "es")
    assert "Suspensión conforme a la sección 705 de la designación de 2025" in html
    assert "la respuesta pasa a ser: No" in html


def test_screen_writes_the_report_and_still_prints_the_json(tmp_path: Path) -> None:
    out = tmp_path / "informe.pdf"
    args = ["screen", str(CONTRACT_EXAMPLE), "--json", "--report", str(out), "--lang", "es"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["er_applicable"] == "no"
    assert f"wrote {out}" in result.stderr
    text, _ = _pdf_text(out)
    assert "Respuesta: No" in text


def test_screen_writes_an_html_report_after_the_explanation(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["screen", str(DEPENDS_EXAMPLE), "--report", str(out)])
    assert result.exit_code == 0, result.output
    assert "Depends. On July 20, 2026, the answer turns on the open points below" in result.stdout
    assert f"wrote {out}" in result.stdout
    assert "Answer" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("option", "value", "problem"),
    [
        ("--lang", "fr", "--lang: 'fr' is not one of en, es"),
        ("--report", "report.txt", "should end in .pdf or .html"),
    ],
)
def test_screen_refuses_a_bad_report_option(
    tmp_path: Path, option: str, value: str, problem: str
) -> None:
    result = CliRunner().invoke(app, ["screen", str(CONTRACT_EXAMPLE), option, value])
    assert result.exit_code == 2
    assert problem in result.stderr
