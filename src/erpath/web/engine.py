"""The web app's calls into the engine and the report module, in one place: the
determination worded in a language, what its answer page leads with (the summary, the
timeline strips, the decisive reasons), the determination report and the client summary as
HTML or PDF."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from erpath.answer.screen import screen
from erpath.contract.determination import Determination, Reason
from erpath.contract.facts import Facts
from erpath.report.client_summary import write_client_summary
from erpath.report.determination import render_report_html, summary_lead, write_report
from erpath.report.referral import Referral
from erpath.report.strip import Strip, strips
from erpath.wording.catalogs import LANGUAGES


def determine(facts: Facts, language: str = "en") -> Determination:
    """The determination, its reasons worded in `language`."""
    if language not in LANGUAGES:
        raise ValueError(f"language: {language!r} is not one of {', '.join(LANGUAGES)}")
    return screen(facts, language=language)


@dataclass(frozen=True)
class Lead:
    """What the answer page shows first: the answer's word and the rest of the summary,
    the strips, the reasons that decide the answer, and every other condition checked."""

    word: str
    summary: str
    strips: list[Strip]
    decisive: list[Reason]
    others: list[Reason]


def lead(determination: Determination, language: str) -> Lead:
    word, summary = summary_lead(determination, language)
    reasons = determination.reasons
    return Lead(
        word=word,
        summary=summary,
        strips=strips(determination),
        decisive=[r for r in reasons if r.decisive],
        others=[r for r in reasons if not r.decisive],
    )


def report_html(determination: Determination, language: str) -> str:
    return render_report_html(determination, language=language)


def client_summary_pdf(
    determination: Determination, facts: Facts, language: str, referral: Referral | None
) -> bytes:
    with tempfile.TemporaryDirectory(prefix="erpath-client-") as tmp:
        path = Path(tmp) / "client.pdf"
        return write_client_summary(determination, facts, path, language, referral).read_bytes()


def report_pdf(determination: Determination, language: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="erpath-report-") as tmp:
        return write_report(determination, Path(tmp) / "report.pdf", language=language).read_bytes()
