"""The evidence page: documents typed in, a spreadsheet uploaded (refused whole when a row
is bad, each problem by row and column), coverage, gaps, what to collect, the chart and
the evidence index."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook

from web.webtools import Browser, csrf_of

GOOD_CSV = (
    "kind,from,to,issuer,note\n"
    "lease,2024-03-05,2025-03-04,Landlord (invented),apartment\n"
    "pay stub,05/30/2025,05/30/2025,Employer (invented),\n"
)
BAD_CSV = (
    "kind,from,to\n"
    "lease,2024-03-05,2025-03-04\n"
    "passport,2024-01-01,2024-02-01\n"
    "utility_bill,03-04-2025,2025-04-01\n"
)


def _post(browser: Browser, data: dict[str, str], upload: tuple[str, bytes] | None = None) -> str:
    page = browser.get("/evidence").text
    files = {"upload": (upload[0], upload[1])} if upload else None
    response = browser.post(
        "/evidence", data={"csrf": csrf_of(page), "action": "analyse", **data}, files=files
    )
    return response.text


def test_a_spreadsheet_with_a_bad_row_imports_nothing(browser: Browser) -> None:
    text = _post(
        browser,
        {"arrived": "2024-03-01", "on": "2025-06-10"},
        ("documents.csv", BAD_CSV.encode()),
    )
    assert "row 3, column kind:" in text
    assert "row 4, column from:" in text
    assert "nothing was imported" in text
    assert 'id="analysis"' not in text
    assert 'value="2024-03-05"' not in text  # not even the good row


def test_a_good_spreadsheet_shows_coverage_gaps_and_what_to_collect(browser: Browser) -> None:
    text = _post(
        browser,
        {"arrived": "2024-03-01", "on": "2025-06-10"},
        ("documents.csv", GOOD_CSV.encode()),
    )
    assert 'id="analysis"' in text
    assert "466 days, 366 of them inside some document" in text
    assert "2025-03-05 to 2025-05-29" in text
    assert 'id="suggestions"' in text
    assert 'value="Landlord (invented)"' in text  # the imported rows, shown for editing
    token = re.search(r"/evidence/([\w-]+)/chart\.png", text)
    assert token
    chart = browser.get(f"/evidence/{token.group(1)}/chart.png")
    assert chart.content.startswith(b"\x89PNG")
    index = browser.get(f"/evidence/{token.group(1)}/index.pdf?lang=es")
    assert index.status_code == 200
    assert index.content.startswith(b"%PDF")
    html = browser.get(f"/evidence/{token.group(1)}/index.html?lang=en")
    assert "Index of evidence of continuous presence" in html.text
    assert "'sha256-" in html.headers["content-security-policy"]


def test_an_xlsx_upload(browser: Browser) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["kind", "from", "to"])
    sheet.append(["tax_record", "2024-03-01", "2025-06-09"])
    data = io.BytesIO()
    book.save(data)
    text = _post(
        browser, {"arrived": "2024-03-01", "on": "2025-06-10"}, ("docs.xlsx", data.getvalue())
    )
    assert "466 days, 466 of them inside some document" in text


def test_typed_documents_and_their_problems(browser: Browser) -> None:
    text = _post(
        browser,
        {
            "arrived": "2024-03-01",
            "on": "2025-06-10",
            "evidence-0-kind": "lease",
            "evidence-0-from": "2025-01-01",
            "evidence-0-to": "2024-01-01",
        },
    )
    assert "evidence[0]: ends (2024-01-01) before it starts (2025-01-01)" in text
    assert 'value="2025-01-01"' in text
    wrong_type = _post(
        browser, {"arrived": "2024-03-01", "on": "2025-06-10"}, ("notes.txt", b"hello")
    )
    assert "upload: use a .csv or .xlsx file" in wrong_type
