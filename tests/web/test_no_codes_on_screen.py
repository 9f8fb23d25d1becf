"""What a person reads never shows a code where the wording set has words for it (ADR 0019):
no rule, blocking, category, state, event, deadline, evidence or law-data id and no field
path of the facts document in the visible text of the web pages (a real server, both
languages) or of the report, the timeline strips included (what starts a period is shown by its
words, never by its `because` id) and the blocks around the answer (their stages,
authorities, circuits, rules and reasons' codes). Codes stay in attributes (`data-code`, ids, form
values), for tools and tests."""

from __future__ import annotations

import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from erpath.answer.screen import screen
from erpath.contract.determination import Determination
from erpath.contract.facts import Facts
from erpath.law.model import Law
from erpath.procedure.loader import bundled_procedure
from erpath.report.determination import render_report_html
from erpath.web.screening_form import ScreeningForm
from erpath.wording import LABEL_GROUPS, words
from web.webtools import Browser, form_values, screen_through

EXAMPLES = sorted((Path(__file__).parents[2] / "src" / "erpath" / "examples").glob("*.json"))
# An invented client with a pending 240 case: a timeline with a window if dismissed.
CLIENT = Path(__file__).parents[1] / "report" / "client-pending-240.json"
# The columns of an evidence spreadsheet are named as the user types them in its header.
TYPED_BY_THE_USER = {"/evidence": {"issuer_type"}}
# A token that reads as a code: words joined by underscores, a law-data id, a state id.
TOKEN = re.compile(r"[A-Za-z][\w.\[\]-]*[\w\]]")
# The words of the determination's blocks (arrest_at_court, dismissal_response, detention,
# credible_fear) by their codes, and the scenarios that give each block.
BLOCK_GROUPS = (
    "circuits",
    "authorities",
    "detention_stages",
    "cf_standards",
    "cf_rules",
    "cf_routes",
)
BLOCK_SCENARIOS = Path(__file__).parents[1] / "law" / "blocks"


class _Text(HTMLParser):
    """The text a reader sees: no attributes, scripts or styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("script", "style"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _visible(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return " ".join(parser.parts)


def _field_paths() -> set[str]:
    """Every field path of the facts document (`parole.until`, `arrivals[].manner`)."""
    schema = Facts.model_json_schema(by_alias=True, mode="validation")
    found: set[str] = set()

    def walk(node: dict[str, object], path: str) -> None:
        ref = node.get("$ref")
        if isinstance(ref, str):
            node = schema["$defs"][ref.rsplit("/", 1)[1]]
        for option in node.get("anyOf", []) or []:  # type: ignore[attr-defined]
            walk(option, path)
        if node.get("type") == "array" and isinstance(node.get("items"), dict):
            walk(node["items"], f"{path}[]")  # type: ignore[arg-type]
        for name, child in (node.get("properties") or {}).items():  # type: ignore[attr-defined]
            full = f"{path}.{name}" if path else name
            if "." in full or "[" in full or "_" in name:
                found.add(full)
            walk(child, full)

    walk(schema, "")
    # and each tail of a path (`parole.until` of `arrivals[].parole.until`)
    tails = {".".join(p.split(".")[i:]) for p in found for i in range(1, p.count(".") + 1)}
    return found | {t for t in tails if "." in t or "_" in t}


@cache
def _block_codes() -> frozenset[str]:
    """The codes of the blocks: their groups' codes, the wording's keys of their sentences,
    and the codes of their reasons as the block scenarios give them."""
    w = words("en")
    codes: set[str] = set()
    for group in BLOCK_GROUPS:
        codes.update(w.labels(group))
    for block in w.data["blocks"].values():
        codes.update(block)
    for path in sorted(BLOCK_SCENARIOS.glob("*.yaml")):
        for scenario in yaml.safe_load(path.read_text(encoding="utf-8"))["scenarios"]:
            d = screen(Facts.model_validate(scenario["facts"]))
            for block in (d.detention, d.credible_fear):
                if block is not None:
                    codes.update(r.code for r in block.reasons)
    return frozenset(codes)


def _codes(law: Law) -> set[str]:
    """The codes that are not words: with an underscore, a digit or a hyphen inside."""
    w = words("en")
    codes: set[str] = set(_block_codes())
    for group in LABEL_GROUPS:
        codes.update(w.labels(group))
    codes.update(w.data["reasons"])
    codes.update(bundled_procedure().states)
    codes.update(law.sources)
    codes.update(d.id for d in law.designations)
    codes.update(o.id for o in law.orders)
    codes.update(law.contested)
    codes.update(_field_paths())
    codes.update(p.replace("[]", "[0]") for p in _field_paths())
    return {c for c in codes if re.search(r"[_\d-]|\.|\[", c)}


def _because(d: Determination) -> set[str]:
    """What starts each period of the timeline, as ids (`verified_through`, law-data ids)."""
    if d.timeline is None:
        return set()
    periods = [*d.timeline.as_given, *(d.timeline.if_dismissed or [])]
    return {p.because for p in periods if p.because}


def _facts(path: Path) -> Facts:
    return Facts.model_validate(json.loads(path.read_text(encoding="utf-8")))


def _codes_in(text: str, codes: set[str]) -> list[str]:
    found = {t for t in TOKEN.findall(text) if t in codes}
    found |= {t.rstrip(".") for t in TOKEN.findall(text) if t.rstrip(".") in codes}
    return sorted(found)


def test_the_check_finds_a_code_in_the_text_and_not_in_attributes(law: Law) -> None:
    codes = _codes(law)
    page = '<p data-code="two_years_shown">Blocked: two_years_shown, S3 and parole.until.</p>'
    assert _codes_in(_visible(page), codes) == ["S3", "parole.until", "two_years_shown"]
    assert _codes_in(_visible('<p data-code="S3">Appeal window open</p>'), codes) == []


def _screened_page(browser: Browser, example: str, language: str) -> str:
    page = browser.get(f"/screen?example={example}&lang={language}").text
    response = browser.post(
        "/screen", data={**form_values(page, "screen-form"), "action": "screen"}
    )
    assert 'id="answer"' in response.text
    return response.text


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_screening_results_show_words_not_codes(
    browser: Browser, law: Law, language: str
) -> None:
    codes = _codes(law)
    found = {}
    for path in EXAMPLES:
        because = _because(screen(_facts(path), language=language))
        page = _screened_page(browser, path.stem, language)
        hits = _codes_in(_visible(page), codes | because)
        if hits:
            found[path.stem] = hits
    browser.get("/?lang=en")
    assert found == {}


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_law_cases_and_glossary_pages_show_words_not_codes(
    browser: Browser, law: Law, language: str
) -> None:
    codes = _codes(law)
    pages = ["/", "/law", "/law?on=2025-09-01", "/glossary", "/cases", "/evidence"]
    listing = browser.get(f"/cases?lang={language}").text
    pages += sorted(set(re.findall(r'href="(/cases/[^"/.]+)"', listing)))
    assert len(pages) > 7, "the demo store has cases"
    found = {}
    for url in pages:
        response = browser.get(url)
        assert response.status_code == 200, url
        hits = set(_codes_in(_visible(response.text), codes)) - TYPED_BY_THE_USER.get(url, set())
        if hits:
            found[url] = sorted(hits)
    browser.get("/?lang=en")
    assert found == {}


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_report_shows_words_not_codes(law: Law, language: str) -> None:
    codes = _codes(law)
    found = {}
    for path in EXAMPLES:
        d = screen(_facts(path), language=language)
        html = render_report_html(d, language)
        hits = _codes_in(_visible(html), codes | _because(d))
        if hits:
            found[path.stem] = hits
    assert found == {}


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_strips_and_reasons_of_a_pending_240_case_show_words_not_codes(
    browser: Browser, law: Law, language: str
) -> None:
    facts = _facts(CLIENT)
    d = screen(facts, language=language)
    because = _because(d)
    assert len(because) >= 3, "the client's timeline has periods started by law data and dates"
    codes = _codes(law) | because | set(d.citations)
    browser.get(f"/?lang={language}")
    page = screen_through(browser, ScreeningForm.from_facts(facts).values)
    browser.get("/?lang=en")
    new = page[page.index('id="timeline"') : page.index('id="category"')]
    assert "<svg" in new  # the strips
    assert "<details" in new  # the reasons, every other condition folded
    assert _codes_in(_visible(new), codes) == []
    assert _codes_in(_visible(page), codes) == []
    assert _codes_in(_visible(render_report_html(d, language)), codes) == []


RESEARCH_PAGES = [
    "/research",
    "/research/exposure?on=2025-06-10",
    "/research/exposure?on=2025-08-05&by=nationality",
    "/research/series?from=2024-06-01&to=2026-12-31",
    "/research/ice",
    "/research/simulate?scenario=interior-2025-2026",
]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_research_pages_show_words_not_codes(
    law: Law, language: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The research pages (their synthetic release made in a data directory of their own)."""
    from erpath.web import Settings, create_app
    from web.webtools import TODAY, LiveServer

    monkeypatch.delenv("ERPATH_RELEASE", raising=False)
    codes = _codes(law)
    found = {}
    with LiveServer(create_app(Settings(data_dir=tmp_path, today=TODAY))) as server:
        client = Browser(server.url)
        for url in RESEARCH_PAGES:
            response = client.get(f"{url}{'&' if '?' in url else '?'}lang={language}")
            assert response.status_code == 200, url
            hits = _codes_in(_visible(response.text), codes)
            if hits:
                found[url] = hits
        client.close()
    assert found == {}
