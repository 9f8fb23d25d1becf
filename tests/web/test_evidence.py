"""The evidence page: documents typed in a table or a spreadsheet uploaded (refused whole when
a row is bad, each problem by row and column, the rows read, accepted and refused said
first), coverage, the gaps with what to collect for each, the monthly nudge, the chart and
the evidence index in the language of its path, exhibits in date order. A real server."""

from __future__ import annotations

import html
import io
import re

from openpyxl import Workbook

from web.webtools import Browser, csrf_of, form_values

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
PERIOD = {"arrived": "2024-01-05", "on": "2026-03-02"}
# Fifteen invented documents, not in date order: a 3-week gap (January 1 to 21, 2025) and a
# 9-month one (May 2025 to January 2026) inside the two years before March 2, 2026.
FIFTEEN = [
    "utility bill,2025-01-22,2025-02-21,City Power (invented),,binder A tab 3",
    "lease,2024-01-05,2024-12-31,Maple Court Rentals (invented),apartment 4,binder A tab 1",
    "bank statement,2025-02-22,2025-03-21,Credit Union (invented),,",
    "pay stub,03/22/2025,04/04/2025,Bakery (invented),,",
    "pay stub,04/05/2025,04/18/2025,Bakery (invented),,",
    "pay stub,04/19/2025,04/30/2025,Bakery (invented),,",
    "lease,2026-02-01,2027-01-31,Oak Street Apartments (invented),,binder B",
    "photo,2024-07-04,2024-07-04,,at a park,",
    "remittance receipt,2024-09-15,2024-09-15,Money Transfer (invented),,",
    "medical record,2024-11-02,2024-11-02,Clinic (invented),,",
    "school record,2024-01-08,2024-06-14,Adult School (invented),,",
    "affidavit,2024-01-05,2024-12-31,a neighbour (invented),,",
    "utility bill,2024-02-01,2024-02-29,City Power (invented),,",
    "tax record,2024-01-01,2024-12-31,IRS transcript (invented),,binder A tab 2",
    "government record,2026-02-10,2026-02-10,Immigration court (invented),hearing notice,",
]
HEADER = "kind,from,to,issuer,note,file\n"


def fifteen_csv(bad_row_4: bool = False) -> bytes:
    """The fifteen documents; with `bad_row_4`, the third (row 4) starts on a day-first date."""
    rows = list(FIFTEEN)
    if bad_row_4:
        rows[2] = "bank statement,13/12/2024,2025-03-21,Credit Union (invented),,"
    return (HEADER + "\n".join(rows) + "\n").encode()


def monthly_pay_stubs() -> bytes:
    """A pay stub on the 15th of every month from January 2024 to February 2026."""
    days = [f"{y}-{m:02}-15" for y in (2024, 2025, 2026) for m in range(1, 13)]
    rows = [f"pay stub,{d},{d},Bakery (invented)" for d in days if "2024-01" <= d[:7] <= "2026-02"]
    return ("kind,from,to,issuer\n" + "\n".join(rows) + "\n").encode()


def _post(
    browser: Browser,
    data: dict[str, str],
    upload: tuple[str, bytes] | None = None,
    language: str = "en",
) -> str:
    page = browser.get(f"/evidence?lang={language}").text
    files = {"upload": (upload[0], upload[1])} if upload else None
    response = browser.post(
        "/evidence", data={"csrf": csrf_of(page), "action": "analyse", **data}, files=files
    )
    return response.text


def _token(page: str) -> str:
    found = re.search(r"/evidence/([\w-]+)/chart-wide\.png", page)
    assert found, "the page shows an analysis"
    return found.group(1)


def _form(page: str) -> dict[str, str]:
    """What a browser submits from the evidence form, no Remove box ticked (form_values
    takes every input, unticked boxes too)."""
    return {
        k: v for k, v in form_values(page, "evidence-form").items() if not k.endswith("-remove")
    }


def _visible(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


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


def test_the_summary_of_a_refused_file_comes_first_and_names_each_problem(
    browser: Browser,
) -> None:
    page = _post(browser, PERIOD, ("documents.csv", fifteen_csv(bad_row_4=True)))
    main = _visible(page[page.index("<main") :])
    assert main.startswith(
        "Evidence of two years' presence 15 rows read: 14 accepted, 1 refused. A file with a "
        "refused row is refused whole: nothing was imported."
    )
    assert (
        "row 4, column from: '13/12/2024' is not a date in the formats YYYY-MM-DD or "
        "MM/DD/YYYY (is it day first? write 2024-12-13)" in main
    )
    assert 'id="analysis"' not in page
    assert "Maple Court Rentals" not in page  # nothing of the file is imported
    assert _form(page)["arrived"] == "2024-01-05"  # the period is kept


def test_a_spanish_page_says_the_summary_and_the_problems_in_spanish(browser: Browser) -> None:
    page = _post(browser, PERIOD, ("documents.csv", fifteen_csv(bad_row_4=True)), "es")
    browser.get("/?lang=en")
    main = _visible(page[page.index("<main") :])
    assert "15 filas leídas: 14 aceptadas, 1 rechazadas." in main
    assert (
        "fila 4, columna from: '13/12/2024' no es una fecha en los formatos AAAA-MM-DD o "
        "MM/DD/AAAA (¿va el día primero? escriba 2024-12-13)" in main
    )
    assert "is not" not in main
    assert "row 4" not in main


def test_fifteen_documents_become_one_table_in_exhibit_order(browser: Browser) -> None:
    page = _post(browser, PERIOD, ("documents.csv", fifteen_csv()))
    assert "15 rows read: 15 accepted, 0 refused." in page
    assert page.index('id="import-summary"') < page.index('id="analysis"')
    assert page.count('<table class="evidence-table"') == 1
    assert 'class="row document"' not in page  # no edit cards
    values = _form(page)
    starts = [values[f"evidence-{i}-from"] for i in range(15)]
    assert starts == sorted(starts)  # exhibit 1 is the earliest document
    assert starts[0] == "2024-01-01"
    assert values["evidence-0-kind"] == "tax_record"
    assert values["evidence-0-file"] == "binder A tab 2"  # the file column is kept
    assert "2025-03-22" in starts  # 03/22/2025, month first
    assert values.get("evidence-15-kind", "") == ""  # one blank row to add a document
    index = browser.get(f"/evidence/{_token(page)}/index-es.html").text
    numbers = re.findall(r"<tr>\s*<td>(\d+)</td>\s*<td>([^<]+)", index)
    assert [n for n, _ in numbers] == [str(i) for i in range(1, 16)]
    assert numbers[0][1].strip() == "Registro de impuestos"
    assert "<th>Archivo</th>" in index
    assert "binder A tab 2" in index


def test_each_gap_has_its_own_list_sized_to_it(browser: Browser) -> None:
    page = _post(browser, PERIOD, ("documents.csv", fifteen_csv()))
    gaps = re.findall(
        r'<span class="gap">([^<]+)</span>\s*<ol class="collect"[^>]*>(.*?)</ol>', page, re.S
    )
    assert [g for g, _ in gaps] == [
        "2025-01-01 to 2025-01-21 (21 days)",
        "2025-05-01 to 2026-01-31 (276 days)",
    ]
    short, long = (re.findall(r'data-code="(\w+)"', items) for _, items in gaps)
    assert short == ["utility_bill", "bank_statement", "pay_stub"]  # one or two documents
    assert long[:2] == ["tax_record", "lease"]  # the strongest long-span kinds first
    assert "(one document)" in gaps[0][1]
    assert "(2 documents)" in gaps[0][1]
    assert "electricity, gas, water" in page  # each kind's examples, once


def test_monthly_documents_lead_to_the_answer_under_the_monthly_policy(
    browser: Browser,
) -> None:
    page = _post(
        browser, {"arrived": "2024-01-05", "on": "2026-03-01"}, ("pay.csv", monthly_pay_stubs())
    )
    assert "two years are not shown" in page
    assert 'id="monthly-nudge"' in page
    assert "these documents cover months" in _visible(page).lower()
    nudge = re.search(r'<button[^>]*id="evidence-monthly"[^>]*>', page)
    assert nudge
    assert 'form="evidence-form"' in nudge.group(0)
    again = browser.post("/evidence", data={**_form(page), "action": "monthly"}).text
    assert "Under the monthly reading, two years are shown." in again
    assert 'id="monthly-nudge"' not in again
    assert _form(again)["policy"] == "monthly"
    # the nudge is only for documents the monthly reading finds no gap in
    assert 'id="monthly-nudge"' not in _post(browser, PERIOD, ("d.csv", fifteen_csv()))


def test_the_index_language_is_in_its_path_and_never_changes_the_page(
    browser: Browser,
) -> None:
    page = _post(browser, PERIOD, ("documents.csv", fifteen_csv()))
    token = _token(page)
    assert f'href="/evidence/{token}/index-es.pdf"' in page
    assert "?lang=" not in re.sub(r'href="/evidence\?lang=\w+"', "", page.split("<main")[1])
    spanish = browser.get(f"/evidence/{token}/index-es.html")
    assert '<html lang="es">' in spanish.text
    assert "Índice de pruebas de presencia continua" in spanish.text
    assert "'sha256-" in spanish.headers["content-security-policy"]
    assert "erpath_lang" not in spanish.headers.get("set-cookie", "")
    pdf = browser.get(f"/evidence/{token}/index-es.pdf")
    assert pdf.content.startswith(b"%PDF")
    assert "evidence-index-es.pdf" in pdf.headers["content-disposition"]
    assert "erpath_lang" not in pdf.headers.get("set-cookie", "")
    after = browser.get(f"/evidence/{token}").text
    assert '<html lang="en">' in after
    assert "What the documents show" in after
    assert browser.get(f"/evidence/{token}/index-fr.pdf").status_code == 404
    assert browser.get(f"/evidence/{token}/index-en.doc").status_code == 404


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
    token = _token(text)
    chart = browser.get(f"/evidence/{token}/chart-phone.png")
    assert chart.content.startswith(b"\x89PNG")
    index = browser.get(f"/evidence/{token}/index-es.pdf")
    assert index.status_code == 200
    assert index.content.startswith(b"%PDF")
    page = browser.get(f"/evidence/{token}/index-en.html")
    assert "Index of evidence of continuous presence" in page.text
    assert "'sha256-" in page.headers["content-security-policy"]


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
    assert "1 rows read: 1 accepted, 0 refused." in text


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
    assert "Document 1, To: ends (2024-01-01) before it starts (2025-01-01)" in text
    assert "evidence[0]" not in _visible(text)  # no field path on the screen
    assert 'value="2025-01-01"' in text
    wrong_type = _post(
        browser, {"arrived": "2024-03-01", "on": "2025-06-10"}, ("notes.txt", b"hello")
    )
    assert "upload: use a .csv or .xlsx file" in wrong_type


def test_a_typed_date_is_read_as_a_spreadsheet_cell_is(browser: Browser) -> None:
    typed = {
        "arrived": "2024-03-01",
        "on": "2025-06-10",
        "evidence-0-kind": "lease",
        "evidence-0-from": "03/01/2024",  # month first: March 1
        "evidence-0-to": "2025-06-09",
        "evidence-1-kind": "pay_stub",
        "evidence-1-from": "13/12/2024",
        "evidence-1-to": "2024-12-13",
        "evidence-1-note": "typed day first",
    }
    refused = _post(browser, typed)
    assert (
        "Document 2, From: '13/12/2024' is not a date in the formats YYYY-MM-DD or MM/DD/YYYY "
        "(is it day first? write 2024-12-13)" in _visible(refused)
    )
    values = _form(refused)
    assert values["evidence-1-from"] == "13/12/2024"  # what was typed is kept
    assert values["evidence-1-note"] == "typed day first"
    field = re.search(r'<input[^>]*id="evidence-1-from"[^>]*>', refused)
    assert field
    assert 'aria-invalid="true"' in field.group(0)
    fixed = browser.post(
        "/evidence",
        data={
            **values,
            "evidence-1-from": "12/13/2024",
            "evidence-1-remove": "1",
            "action": "analyse",
        },
    ).text
    assert "466 days, 466 of them inside some document" in fixed  # March 1, 2024 on
    assert _form(fixed).get("evidence-1-kind", "") == ""  # removed


def test_a_document_outside_the_window_is_named_in_the_pages_language(browser: Browser) -> None:
    data = {
        "arrived": "2024-03-01",
        "on": "2025-06-10",
        "evidence-0-kind": "lease",
        "evidence-0-from": "2023-01-01",
        "evidence-0-to": "2023-12-31",
    }
    english = _visible(_post(browser, data))
    assert "Document 1 counts for nothing: it ends before the last arrival (2024-03-01)." in english
    spanish = _visible(_post(browser, data, language="es"))
    browser.get("/?lang=en")
    assert "El documento 1 no cuenta: termina antes de la última llegada (2024-03-01)." in spanish
