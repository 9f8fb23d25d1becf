"""The answer page for an invented client with a pending 240 case, through the real server
and the real form: the summary first, then the strips (as given, and if the 240 case is
dismissed: exposed from June 23, 2026, that boundary labelled with its cause, dates in
prose), then the reasons that decide, every other condition folded under a disclosure;
reasons cite short cites with links, mark agency policy, and no source id is visible."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from erpath.answer.screen import screen
from erpath.contract.determination import Determination
from erpath.contract.facts import Facts
from erpath.report.strip import COLOURS, MIN_SHARE
from erpath.web.screening_form import ScreeningForm
from erpath.wording import words
from erpath.wording.catalogs import gettext_for
from web.webtools import Browser, screen_through

CLIENT = Path(__file__).parents[1] / "report" / "client-pending-240.json"
JUNE_23, JUNE_29 = dt.date(2026, 6, 23), dt.date(2026, 6, 29)


def _facts() -> Facts:
    return Facts.model_validate(json.loads(CLIENT.read_text(encoding="utf-8")))


def _flat(text: str) -> str:
    return " ".join(text.split())


class _Element(HTMLParser):
    """The visible text of the first element with id `wanted` (no script or style)."""

    def __init__(self, wanted: str) -> None:
        super().__init__()
        self.wanted = wanted
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += tag not in ("br", "img", "input", "meta", "link", "rect", "line")
        elif ("id", self.wanted) in attrs:
            self.depth = 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def text_of(page: str, element_id: str) -> str:
    parser = _Element(element_id)
    parser.feed(page)
    assert parser.parts, f"no #{element_id} on the page"
    return _flat(" ".join(parser.parts))


@pytest.fixture(params=["en", "es"])
def answer(browser: Browser, request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    """The client's answer page, in English and in Spanish, and its language."""
    language: str = request.param
    browser.get(f"/?lang={language}")
    page = screen_through(browser, ScreeningForm.from_facts(_facts()).values)
    yield page, language
    browser.get("/?lang=en")


def _screened(language: str) -> Determination:
    return screen(_facts(), language=language)


def test_the_page_leads_with_the_summary_then_the_strips_then_what_decides(
    answer: tuple[str, str],
) -> None:
    page, language = answer
    d = _screened(language)
    # the summary is the first thing under the heading, whole
    main = page[page.index('<main id="main"') :]
    first = re.search(r"</h1>\s*<(\w+)[^>]*id=\"(\w+)\"", main)
    assert first
    assert first.group(2) == "answer"
    assert text_of(page, "answer") == _flat(d.summary)
    # then the strips, the decisive reasons, the disclosure, and the rest
    order = ['id="answer"', 'id="timeline"', 'id="decisive-reasons"', 'id="every-condition"']
    order += ['id="category"', 'id="next-step"']
    assert [page.index(m) for m in order] == sorted(page.index(m) for m in order)
    decisive = page[page.index('id="decisive-reasons"') : page.index('id="every-condition"')]
    folded = page[page.index('<details id="every-condition"') : page.index('id="category"')]
    assert re.findall(r'<tr class="\w+" data-code="(\w+)"', decisive) == [
        r.code for r in d.reasons if r.decisive
    ]
    assert re.findall(r'<tr class="\w+" data-code="(\w+)"', folded) == [
        r.code for r in d.reasons if not r.decisive
    ]
    assert " open" not in folded[: folded.index(">")]
    summary = text_of(page, "every-condition")
    assert summary.startswith(_flat(gettext_for(language)("Every condition checked")))


def test_the_dismissed_strip_shows_the_window_from_june_23_with_its_cause(
    answer: tuple[str, str],
) -> None:
    page, language = answer
    d = _screened(language)
    w = words(language)
    assert d.timeline is not None
    assert d.timeline.if_dismissed is not None
    window = d.timeline.if_dismissed[1]
    assert (window.from_, window.to, window.er_applicable) == (JUNE_23, JUNE_29, "yes")
    assert window.cause
    assert window.because
    listed = page[page.index('id="periods-if_dismissed"') :]
    listed = listed[: listed.index("</ol>")]
    items = re.findall(r"<li (data-answer=[^>]*)>(.*?)</li>", listed, re.S)
    assert [re.search(r'data-from="([\d-]+)"', a).group(1) for a, _ in items] == [  # type: ignore[union-attr]
        p.from_.isoformat() for p in d.timeline.if_dismissed
    ]
    attrs, body = items[1]
    assert 'data-answer="yes"' in attrs
    assert 'data-to="2026-06-29"' in attrs
    visible = _flat(re.sub(r"<[^>]+>", " ", body)).replace("&#39;", "'")
    assert w.date(JUNE_23) in visible
    assert w.date(JUNE_29) in visible
    assert _flat(window.cause) in visible
    assert "2026-06-23" not in visible  # ISO only in machine-readable attributes
    assert window.because not in visible
    # the last period is open-ended, and said to be
    last_attrs, last_body = items[-1]
    assert "data-to" not in last_attrs
    assert gettext_for(language)("open-ended") in last_body
    # the bar: the window red, as wide as its days against the first period's
    bar = re.search(r'<svg class="strip-bar"[^>]*data-posture="if_dismissed".*?</svg>', page, re.S)
    assert bar
    widths = {
        start: float(width)
        for width, fill, start in re.findall(
            r'width="([\d.]+)%" height="\d+" fill="(#\w+)" data-answer="\w+" '
            r'data-from="([\d-]+)"',
            bar.group(0),
        )
    }
    assert f'fill="{COLOURS["yes"]}" data-answer="yes" data-from="2026-06-23"' in bar.group(0)
    days = [((p.to - p.from_).days + 1) for p in d.timeline.if_dismissed if p.to]
    assert days[1] == 7
    first, second = widths["2026-01-20"], widths["2026-06-23"]
    assert second >= MIN_SHARE
    assert second / first == pytest.approx(days[1] / days[0], rel=0.02)
    assert gettext_for(language)("open-ended") in bar.group(0)


def test_reasons_cite_short_cites_with_links_and_mark_policy(
    answer: tuple[str, str],
) -> None:
    page, language = answer
    d = _screened(language)
    mark = words(language).label("kinds", "policy")
    row = re.compile(r'<tr class="\w+" data-code="(\w+)" data-kind="\w+">(.*?)</tr>', re.S)
    rows = dict(row.findall(page))
    assert set(rows) == {r.code for r in d.reasons}
    assert any(r.kind == "policy" for r in d.reasons)
    for r in d.reasons:
        label = rows[r.code].split("</th>")[0]
        assert (mark in label) is (r.kind == "policy"), r.code
        for sid in r.sources:
            cited = d.citations[sid]
            cite = cited.cite.replace("&", "&amp;").replace("'", "&#39;")
            link = f'<a href="{cited.url}" rel="noopener noreferrer" class="cite">{cite}</a>'
            plain = f'<span class="cite">{cite}</span>'
            assert (link if cited.url else plain) in rows[r.code], sid
    visible = _flat(re.sub(r"<[^>]+>", " ", page[page.index("<main") :]))
    bare = [rf"(?<![\w.-]){re.escape(sid)}(?![\w-])" for sid in d.citations]
    assert [p for p in bare if re.search(p, visible)] == []


def test_without_the_distance_the_page_gives_each_way_the_ground_may_go(
    browser: Browser,
) -> None:
    """With no distance from the border, the ground is undetermined: the page says whichever
    applies and lists each way (within 100 miles: the 2004 designation; beyond: the interior
    one, stayed), each with its answer, as the summary leads."""
    facts = _facts().model_copy(update={"encounter": None})
    d = screen(facts)
    assert d.category == "undetermined"
    page = screen_through(browser, ScreeningForm.from_facts(facts).values)
    ways = text_of(page, "branches")
    for b in d.branches:
        assert _flat(b.when) in ways
    assert "within 100 air miles" in ways
    assert "more than 100 air miles" in ways
    assert "Whichever ground applies" in text_of(page, "answer")
