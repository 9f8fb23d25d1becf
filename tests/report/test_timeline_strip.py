"""The timeline strip (erpath.report.strip) and the report's first page: each period is as
wide as its days, an open-ended last one has a fixed share and is marked, a short one
stays visible, close boundaries are numbered apart; the PDF in English and Spanish opens
with the summary and the strips, each boundary with its date in prose and its cause; the
reasons that decide come before every other condition, cited by their short cites, with
agency policy marked. The client is invented."""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path

import pytest
from markupsafe import escape
from pypdf import PdfReader

from erpath.answer.screen import screen
from erpath.contract.determination import Determination, Period
from erpath.contract.facts import Facts
from erpath.report.determination import render_report_html, write_report
from erpath.report.strip import COLOURS, MIN_SHARE, OPEN_SHARE, drawing, strip
from erpath.wording import words
from erpath.wording.catalogs import gettext_for

CLIENT = Path(__file__).with_name("client-pending-240.json")
JUNE_23, JUNE_29, JUNE_30 = dt.date(2026, 6, 23), dt.date(2026, 6, 29), dt.date(2026, 6, 30)


@cache
def _client(language: str) -> Determination:
    facts = Facts.model_validate(json.loads(CLIENT.read_text(encoding="utf-8")))
    return screen(facts, language=language)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _period(start: str, end: str | None, answer: str, cause: str | None = None) -> Period:
    return Period.model_validate(
        {
            "from": start,
            "to": end,
            "er_applicable": answer,
            "blocking": [],
            "uncertain": [],
            "because": None if cause is None else "some-entry",
            "cause": cause,
        }
    )


def test_each_period_is_as_wide_as_its_days_and_an_open_one_has_a_fixed_share() -> None:
    s = strip(
        "if_dismissed",
        [
            _period("2026-01-01", "2026-01-10", "no"),  # 10 days
            _period("2026-01-11", "2026-01-30", "yes", "a vacatur"),  # 20 days
            _period("2026-01-31", None, "depends", "the law is verified no further"),
        ],
    )
    widths = [seg.width for seg in s.segments]
    closed = 100 - OPEN_SHARE
    assert widths == pytest.approx([closed / 3, closed * 2 / 3, OPEN_SHARE], abs=0.01)
    assert [seg.left for seg in s.segments] == pytest.approx([0, closed / 3, closed], abs=0.01)
    assert [seg.open_ended for seg in s.segments] == [False, False, True]
    svg = drawing(s, "open-ended")
    assert "open-ended \u2192" in svg
    assert svg.count('class="segment ') == 3
    assert f'fill="{COLOURS["yes"]}" data-answer="yes" data-from="2026-01-11"' in svg


def test_a_short_period_keeps_a_visible_width_and_the_bar_stays_whole() -> None:
    s = strip(
        "as_given",
        [_period("2026-01-01", "2026-01-01", "yes"), _period("2026-01-02", "2028-12-31", "no")],
    )
    assert s.segments[0].width == MIN_SHARE
    assert sum(seg.width for seg in s.segments) == pytest.approx(100)
    # cut at the horizon, the last period has an end: nothing is marked open-ended
    assert "open-ended" not in drawing(s, "open-ended")


def test_close_boundaries_are_numbered_on_rows_of_their_own() -> None:
    s = strip(
        "if_dismissed",
        [
            _period("2026-01-20", "2026-06-22", "no"),
            _period("2026-06-23", "2026-06-29", "yes", "a vacatur"),
            _period("2026-06-30", None, "depends", "verified no further"),
        ],
    )
    svg = drawing(s, "open-ended")
    rows = {n: int(y) for y, n in re.findall(r'<text x="[\d.%]+" y="(\d+)"[^>]*>(\d)</text>', svg)}
    assert rows["1"] == rows["2"] < rows["3"]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_first_page_of_the_pdf_has_the_summary_and_the_strips(
    tmp_path: Path, language: str
) -> None:
    d = _client(language)
    w = words(language)
    _ = gettext_for(language)
    path = write_report(d, tmp_path / "report.pdf", language)
    first = PdfReader(path).pages[0]
    text = _flat(first.extract_text() or "")
    # the summary, after the answer's word
    assert d.summary.startswith(f"{w.answer('no')}.")
    summary = _flat(d.summary.removeprefix(f"{w.answer('no')}."))
    assert summary in text
    # both strips, after the summary
    assert d.timeline is not None
    assert d.timeline.if_dismissed is not None
    as_given, dismissed = _flat(_("As given")), _flat(_("If the 240 case is dismissed"))
    assert text.index(summary) < text.index(as_given) < text.index(dismissed)
    # dismissed, the window from June 23, 2026: its dates in prose and its cause
    window = d.timeline.if_dismissed[1]
    assert (window.from_, window.to, window.er_applicable) == (JUNE_23, JUNE_29, "yes")
    assert window.cause
    strip_text = text[text.index(dismissed) :]
    item = strip_text[strip_text.index(f"{w.answer('yes')}:") :]
    start, cause, next_start = (w.date(JUNE_23), _flat(window.cause), w.date(JUNE_30))
    assert item.index(start) < item.index(cause) < item.index(next_start)
    assert _flat(_("open-ended")) in strip_text
    # and the bar itself is drawn on this page: the red of the window is among its fills
    red = tuple(int(COLOURS["yes"][i : i + 2], 16) / 255 for i in (1, 3, 5))
    content = first.get_contents()
    assert content is not None
    fills = re.findall(rb"([\d.]+) ([\d.]+) ([\d.]+) rg", content.get_data())
    near = [f for f in fills if all(abs(float(v) - c) < 0.01 for v, c in zip(f, red, strict=True))]
    assert near, "no red segment on page 1"


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_html_report_orders_summary_strips_decisive_then_every_condition(
    language: str,
) -> None:
    d = _client(language)
    _ = gettext_for(language)
    html = render_report_html(d, language)
    marks = [
        'id="summary"',
        'id="strip-as_given"',
        'id="strip-if_dismissed"',
        f"<h2>{_('What decides it')}</h2>",
        f"<h2>{_('Every condition checked')}</h2>",
    ]
    assert [html.index(m) for m in marks] == sorted(html.index(m) for m in marks)
    decisive, others = html.split(f"<h2>{_('Every condition checked')}</h2>")
    for r in d.reasons:
        assert (f'data-code="{r.code}"' in decisive.split(marks[3])[1]) is r.decisive, r.code
        assert (f'data-code="{r.code}"' in others) is not r.decisive, r.code


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_report_cites_short_cites_and_marks_policy(language: str) -> None:
    d = _client(language)
    _ = gettext_for(language)
    html = render_report_html(d, language)
    policy = [r for r in d.reasons if r.kind == "policy"]
    assert policy, "the client's reasons include agency policy (an ended parole)"
    for r in d.reasons:
        row = re.search(rf'<td class="what" data-code="{r.code}">(.*?)</td>', html, re.S)
        assert row, r.code
        assert (words(language).label("kinds", "policy") in row.group(1)) is (r.kind == "policy"), (
            r.code
        )
        for sid in r.sources:
            cited = d.citations[sid]
            shown = f'<a href="{cited.url}">{escape(cited.cite)}</a>' if cited.url else ""
            assert shown in html, sid
            assert escape(cited.cite) in html, sid
    for sid in d.citations:
        assert not re.search(rf">[^<]*\b{re.escape(sid)}\b[^<]*<", html), sid
