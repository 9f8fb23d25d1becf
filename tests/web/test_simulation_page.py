"""The simulation page against a real server: the flows in words (never a flow's or a
parameter's code), in English and Spanish; the chart; each lever changes what it says;
a bad field is refused by name with what was typed kept."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from erpath.web import Settings, create_app
from web.test_research import element, text_of
from web.webtools import TODAY, Browser, LiveServer

PAGE = "/research/simulate?scenario=interior-2025-2026"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("simulate"), today=TODAY)
    with LiveServer(create_app(settings)) as server:
        client = Browser(server.url)
        yield client
        client.close()


def _rows(page: str) -> dict[str, list[str]]:
    import re

    body = element(page, "table", "simulate-table")
    found = {}
    for row in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", body, re.S):
        month = re.search(r'datetime="([\d-]+)"', row)
        assert month
        found[month.group(1)] = [
            text_of(c).split(" [")[0] for c in re.findall(r'<td class="num">(.*?)</td>', row, re.S)
        ]
    return found


@pytest.mark.parametrize(
    ("language", "head"),
    [("en", "DHS motions to dismiss"), ("es", "Mociones de DHS para desestimar")],
)
def test_the_flows_are_in_words(site: Browser, language: str, head: str) -> None:
    page = site.get(f"{PAGE}&lang={language}")
    assert page.status_code == 200
    text = page.text
    assert head in text_of(element(text, "table", "simulate-table"))
    assert len(_rows(text)) == 24
    for code in (
        "row_",
        "removed_through_er",
        "dhs_moves_to_dismiss",
        "depends_in_reach",
        "_share",
    ):
        assert code not in text_of(text), code
    assert 'id="chosen-parameters"' in text
    assert 'id="beyond-verified"' in text, "the scenario runs past the law's verified date"


def test_the_chart_is_drawn(site: Browser) -> None:
    chart = site.get("/research/simulate/chart.png?scenario=interior-2025-2026&lang=en")
    assert chart.status_code == 200
    assert chart.headers["content-type"] == "image/png"
    assert chart.content[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_stay_never_lifted_keeps_removals_down(site: Browser) -> None:
    column = 2  # removed through expedited removal
    as_ruled = _rows(site.get(f"{PAGE}&lang=en").text)
    never = _rows(site.get(f"{PAGE}&stay=yes&lang=en").text)
    assert int(as_ruled["2026-09"][column].replace(",", "")) > 1000
    assert int(never["2026-09"][column].replace(",", "")) < 100
    assert never["2025-07"] == as_ruled["2025-07"], "before the stay nothing changes"


def test_judges_who_deny_every_motion(site: Browser) -> None:
    rows = _rows(site.get(f"{PAGE}&deny=100&lang=en").text)
    assert all(r[1] == "0" for r in rows.values()), "no dismissal, so no arrest at court"
    assert int(rows["2025-07"][0].replace(",", "")) > 0, "DHS still moves to dismiss"


@pytest.mark.parametrize(
    ("query", "field", "typed"),
    [
        ("deny=150", "deny", "150"),
        ("to=2020-01-01", "to", "2020-01-01"),
        ("area=Atlantis", "area", "Atlantis"),
    ],
)
def test_a_bad_field_is_refused_by_name(site: Browser, query: str, field: str, typed: str) -> None:
    page = site.get(f"{PAGE}&{query}&lang=en")
    assert page.status_code == 422
    problems = text_of(element(page.text, "div", "problems"))
    assert problems.count(f"{field}:") == 1, problems
    assert f'value="{typed}"' in page.text or f">{typed}<" in page.text
    assert 'id="simulate-table"' not in page.text
