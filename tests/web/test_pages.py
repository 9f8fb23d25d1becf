"""Every page: each control has a unique, stable id and a <label>; the law page and the
glossary; the glossary covers every language; the demo store."""

from __future__ import annotations

import datetime as dt
import re
import stat
from collections import Counter
from pathlib import Path

from markupsafe import escape

from erpath.law.loader import bundled_law
from erpath.store import CaseStore
from erpath.web.demo import CASES, ensure_demo
from erpath.web.glossary import glossary
from erpath.wording.catalogs import LANGUAGES
from web.webtools import Browser, csrf_of

CONTROL = re.compile(r"<(input|select|textarea)\b([^>]*)>")


def _controls_are_labelled(page: str, where: str) -> None:
    ids = re.findall(r'\sid="([^"]+)"', page)
    repeated = [i for i, n in Counter(ids).items() if n > 1]
    assert not repeated, f"{where}: ids used twice: {repeated}"
    labelled = set(re.findall(r'<label for="([^"]+)"', page))
    for tag, attributes in CONTROL.findall(page):
        if 'type="hidden"' in attributes:
            continue
        found = re.search(r'\sid="([^"]+)"', attributes)
        assert found, f"{where}: a <{tag}> without an id"
        assert found.group(1) in labelled, f"{where}: no <label> for #{found.group(1)}"
    for button in re.findall(r"<button\b[^>]*>", page):
        assert 'id="' in button, f"{where}: a button without an id"


def _every_page(browser: Browser) -> dict[str, str]:
    pages = {path: browser.get(path).text for path in ("/", "/law?on=2025-06-10", "/glossary")}
    form = browser.get("/screen").text
    # answers that bring up every follow-up question at once
    pages["/screen (all questions)"] = browser.post(
        "/screen",
        data={
            "csrf": csrf_of(form),
            "action": "screen",
            "as_of": "2025-01-21",
            "arrivals-0-date": "2024-12-01",
            "arrivals-0-manner": "paroled",
            "arrivals-0-mode": "sea",
            "arrivals-1-date": "2025-01-10",
            "arrivals-1-departed": "2025-01-05",
            "person-birth_date": "2010-01-01",
            "person-claimed_status": "lpr",
            "proceedings-section_240": "dismissed",
            "expedited_removal-credible_fear-result": "negative",
        },
    ).text
    assert 'id="arrivals-0-parole-until"' in pages["/screen (all questions)"]
    assert 'id="as_of_time"' in pages["/screen (all questions)"]
    assert 'id="expedited_removal-ij_review-result"' in pages["/screen (all questions)"]
    pages["/cases"] = browser.get("/cases").text
    case_id = re.findall(r'href="/cases/([0-9a-f]{32})"', pages["/cases"])[0]
    pages["/cases/{id}"] = browser.get(f"/cases/{case_id}").text
    evidence = browser.get("/evidence").text
    pages["/evidence (analysis)"] = browser.post(
        "/evidence",
        data={
            "csrf": csrf_of(evidence),
            "arrived": "2024-03-01",
            "on": "2025-06-10",
            "evidence-0-kind": "lease",
            "evidence-0-from": "2024-03-05",
            "evidence-0-to": "2025-03-04",
        },
    ).text
    return pages


def test_every_control_has_an_id_and_a_label(browser: Browser) -> None:
    for lang in LANGUAGES:
        browser.get(f"/?lang={lang}")
        for where, page in _every_page(browser).items():
            assert f'<html lang="{lang}">' in page, where
            assert 'name="viewport"' in page
            assert 'href="#main"' in page  # skip link
            _controls_are_labelled(page, f"{where} ({lang})")
    browser.get("/?lang=en")


def test_the_law_page(browser: Browser) -> None:
    page = browser.get("/law").text
    law = bundled_law()
    for d in law.designations:
        assert escape(d.title) in page
    for o in law.orders:
        assert escape(o.title) in page
    first = law.sources[law.designations[0].sources[0]]
    assert first.cite in page
    on = browser.get("/law?on=2025-06-10").text
    assert 'id="law-on"' in on
    # how each entry bears on the day, in words (Law.standing)
    timed = browser.get("/law?on=2025-01-21").text
    assert "in force from 6:00 p.m. (UTC-05:00) this day" in timed
    bad = browser.get("/law?on=yesterday")
    assert bad.status_code == 422
    assert "on: yesterday is not a date" in bad.text
    unknown = browser.get("/law?on=2026-07-15&lang=es").text
    assert "efecto desconocido: ¿Sigue vigente la designación de 2025" in unknown


def test_the_glossary_defines_the_terms_in_every_language(browser: Browser) -> None:
    terms = glossary()
    for key in (
        "nta",
        "parole",
        "credible_fear",
        "expedited_removal",
        "section_240",
        "designation",
        "continuous_presence",
        "ij",
        "bia",
        "uac",
    ):
        assert set(terms[key]) == set(LANGUAGES), key
    page = browser.get("/glossary?lang=es").text
    assert terms["credible_fear"]["es"].definition in page
    assert 'id="term-nta"' in page
    screen = browser.get("/screen?lang=es").text
    # inline: the term with its definition as the title
    assert f'class="term" title="{escape(terms["continuous_presence"]["es"].definition)}"' in screen
    browser.get("/?lang=en")


def test_the_demo_store_is_made_once_with_a_private_passphrase(tmp_path: Path) -> None:
    today = dt.date(2026, 3, 2)
    store, passphrase = ensure_demo(tmp_path / "demo", today, kdf_n=2**14)
    secret = tmp_path / "demo" / "passphrase"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert secret.read_text().strip() == passphrase
    with CaseStore.open(store, passphrase) as cases:
        labels_ = [c.label for c in cases.cases()]
    assert labels_ == [c.label for c in CASES]
    assert all("invented" in label for label in labels_)
    again, same = ensure_demo(tmp_path / "demo", today, kdf_n=2**14)
    assert (again, same) == (store, passphrase)
    with CaseStore.open(store, passphrase) as cases:
        assert len(cases.cases()) == len(CASES)


def test_case_pages_in_spanish(browser: Browser) -> None:
    page = browser.get("/cases?lang=es").text
    assert "Moción de desestimación del DHS pendiente" in page  # Luis, state S2
    assert "Respuesta a la moción de desestimación del DHS" in page
    browser.get("/?lang=en")
