"""The evidence index: the documents in date order with what each shows and where it is
kept, ready to hand to an officer, in English or Spanish (HTML, and PDF through
WeasyPrint). Exhibit 1 is the earliest document (`date_order`); the web page lists its
rows in the same order, so a document has one number on the page and in the index.

The index is for the officer, so it states the documents in neutral terms; erpath's
weights, the gaps and the advice on what to collect stay with counsel (ADR 0004)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from erpath.contract.facts import Evidence
from erpath.presence.analysis import Analysis
from erpath.report import environment, write_document


def date_order(evidence: Sequence[Evidence]) -> list[int]:
    """The positions of `evidence` in exhibit order: by first day, then last day, then
    place in the list."""
    return sorted(range(len(evidence)), key=lambda i: (evidence[i].from_, evidence[i].to, i))


def render_html(a: Analysis, language: str = "en") -> str:
    order = date_order([d.evidence for d in a.documents])
    exhibits = [(number, a.documents[i]) for number, i in enumerate(order, start=1)]
    return (
        environment(language)
        .get_template("evidence_index.html")
        .render(a=a, exhibits=exhibits, language=language)
    )


def write_index(a: Analysis, path: Path, language: str = "en") -> Path:
    """Write the index as PDF (a .pdf path) or HTML (any other suffix)."""
    return write_document(render_html(a, language), path)
