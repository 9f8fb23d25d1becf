"""The evidence index: every document can be found in the PDF's text, in both languages;
exhibits are numbered in date order, with the File column."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from erpath.contract.facts import Facts
from erpath.presence.analysis import analyse
from erpath.report.evidence_index import render_html, write_index

EVIDENCE = [
    {
        "kind": "lease",
        "from": "2023-02-01",
        "to": "2024-01-31",
        "issuer": "Maple Court Rentals",
        "file": "binder A",
    },
    {"kind": "pay_stub", "from": "2024-02-15", "to": "2024-02-15", "note": "first pay stub"},
    {"kind": "affidavit", "from": "2024-03-01", "to": "2024-06-30", "issuer": "a neighbour"},
    {"kind": "utility_bill", "from": "2022-01-01", "to": "2022-01-31", "note": "before arrival"},
]
LABELS = {
    "en": ["Lease", "Pay stub", "Sworn affidavit", "Utility bill"],
    "es": [
        "Contrato de arrendamiento",
        "Talón de pago",
        "Declaración jurada",
        "Factura de servicios",
    ],
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_document_is_in_the_pdf_text(tmp_path: Path, language: str) -> None:
    facts = Facts.model_validate(
        {"as_of": "2025-06-10", "arrivals": [{"date": "2023-01-15"}], "evidence": EVIDENCE}
    )
    path = write_index(analyse(facts), tmp_path / "index.pdf", language)
    text = " ".join((page.extract_text() or "") for page in PdfReader(path).pages)
    flat = " ".join(text.split())
    for document, label in zip(EVIDENCE, LABELS[language], strict=True):
        assert label in flat
        assert document["from"] in flat
        assert document["to"] in flat
    assert "Maple Court Rentals" in flat
    heading = {"en": "Index of evidence", "es": "Índice de pruebas"}[language]
    assert heading in flat


@pytest.mark.parametrize("language", ["en", "es"])
def test_exhibits_are_numbered_in_date_order_with_the_file_column(language: str) -> None:
    facts = Facts.model_validate(
        {"as_of": "2025-06-10", "arrivals": [{"date": "2023-01-15"}], "evidence": EVIDENCE}
    )
    html = render_html(analyse(facts), language)
    head = re.search(r"<thead>(.*?)</thead>", html, re.S)
    assert head
    headings = re.findall(r"<th>([^<]*)</th>", head.group(1))
    assert headings[0] == {"en": "Exhibit", "es": "Anexo"}[language]
    assert headings[-1] == {"en": "File", "es": "Archivo"}[language]
    rows = re.findall(r"<tr>\s*<td>(\d+)</td>.*?<td>(\d{4}-\d\d-\d\d)</td>(.*?)</tr>", html, re.S)
    assert [(n, day) for n, day, _ in rows] == [
        ("1", "2022-01-01"),  # the earliest document is exhibit 1, wherever it was listed
        ("2", "2023-02-01"),
        ("3", "2024-02-15"),
        ("4", "2024-03-01"),
    ]
    assert rows[1][2].rstrip().endswith("<td>binder A</td>")
