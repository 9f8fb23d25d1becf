"""The web app's calls into the engine and the report module, in one place: the
determination worded in a language, and the determination report as HTML or PDF."""

from __future__ import annotations

import tempfile
from pathlib import Path

from erpath.answer.screen import screen
from erpath.contract.determination import Determination
from erpath.contract.facts import Facts
from erpath.report.determination import render_report_html, write_report
from erpath.wording.catalogs import LANGUAGES


def determine(facts: Facts, language: str = "en") -> Determination:
    """The determination, its reasons worded in `language`."""
    if language not in LANGUAGES:
        raise ValueError(f"language: {language!r} is not one of {', '.join(LANGUAGES)}")
    return screen(facts, language=language)


def report_html(determination: Determination, language: str) -> str:
    return render_report_html(determination, language=language)


def report_pdf(determination: Determination, language: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="erpath-report-") as tmp:
        return write_report(determination, Path(tmp) / "report.pdf", language=language).read_bytes()
