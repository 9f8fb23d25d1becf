"""The evidence index: the documents in date order with what each shows, ready to hand
to an officer, in English or Spanish (HTML, and PDF through WeasyPrint).

The index is for the officer, so it states the documents in neutral terms; erpath's
weights, the gaps and the advice on what to collect stay with counsel (ADR 0004)."""

from __future__ import annotations

from pathlib import Path

from erpath.presence.analysis import Analysis
from erpath.report import environment, write_document


def render_html(a: Analysis, language: str = "en") -> str:
    documents = sorted(a.documents, key=lambda d: (d.evidence.from_, d.number))
    return (
        environment(language)
        .get_template("evidence_index.html")
        .render(a=a, documents=documents, language=language)
    )


def write_index(a: Analysis, path: Path, language: str = "en") -> Path:
    """Write the index as PDF (a .pdf path) or HTML (any other suffix)."""
    return write_document(render_html(a, language), path)
