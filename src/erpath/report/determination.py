"""The determination report: a printable account of one screening for counsel, in English
or Spanish (HTML, and PDF through WeasyPrint).

It opens with the question and the determination's summary, then the timeline strips (as
given, and if the 240 case is dismissed: erpath.report.strip), then the ground, what blocks
it or what it turns on, the next step and the reasons that decide the answer, all on the
first page; after them presence, deadlines, the changes that would alter the answer,
every other condition checked with its citations and the law in force; it says that it is
legal information, not legal advice. Citations are the sources' short cites (linked, with
their verification mark), never their ids; dates are written in prose. The summary, the
reasons and the next step are the determination's own texts, so the determination must
have been screened in the report's language (`erpath.answer.screen.screen(facts,
language=...)`); labels come from the wording set (erpath.wording), the report's own prose
from the gettext catalogs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from erpath import __version__
from erpath.contract.determination import Answer, Category, Determination
from erpath.contract.determination import Citation as Cited
from erpath.law.loader import bundled_law
from erpath.law.model import Law, Source
from erpath.report import environment, write_document
from erpath.report.strip import Strip, strips
from erpath.wording import words

PLACEHOLDER = re.compile(r"\{\w+\}")
OUTCOMES = {True: "holds", False: "fails", None: "unknown"}


@dataclass(frozen=True)
class Citation:
    cite: str
    url: str | None
    mark: str


@dataclass(frozen=True)
class Item:
    code: str
    label: str
    texts: list[str]


@dataclass(frozen=True)
class ReasonRow:
    code: str
    label: str
    outcome: str
    outcome_class: str
    text: str
    citations: list[Citation]
    decisive: bool
    kind: str  # "policy, not law" where the condition rests on agency policy, else ""


@dataclass(frozen=True)
class DeadlineRow:
    label: str
    due: str
    citations: list[Citation]


@dataclass(frozen=True)
class LawRow:
    title: str
    detail: str
    citations: list[Citation]


@dataclass(frozen=True)
class ChangeRow:
    on: str | None
    change: str
    answer: str


@dataclass(frozen=True)
class Report:
    language: str
    version: str
    as_of: str
    answer: str
    answer_code: Answer
    summary: str  # the determination's summary after its first word (the answer)
    strips: list[Strip]
    category: str
    category_code: Category
    blocking: list[Item]
    uncertain: list[Item]
    next_step: str
    deadlines: list[DeadlineRow]
    reasons: list[ReasonRow]
    decisive: list[ReasonRow]
    others: list[ReasonRow]
    designations: list[LawRow]
    orders: list[LawRow]
    verified_through: str
    after_verified_through: bool
    changes: list[ChangeRow]
    two_year_date: str | None
    presence_since: str | None
    gaps: list[tuple[str, str]]


def summary_lead(d: Determination, language: str = "en") -> tuple[str, str]:
    """The answer's word and the rest of the summary, to set the word apart; the answer
    sentence where the determination has no summary."""
    w = words(language)
    word = w.answer(d.er_applicable)
    summary = d.summary.strip() or w.answer_sentence(d.er_applicable, d.as_of)
    head = f"{word}."
    if summary.startswith(head):
        summary = summary[len(head) :].lstrip()
    return word, summary


def _citations(
    law: Law, source_ids: list[str], language: str, cited: Mapping[str, Source | Cited]
) -> list[Citation]:
    """Each source's short cite, link and mark (none when verified), from the
    determination's citations, else the law data's; a source known to neither is left
    out, since a reader must never see a bare id."""
    w = words(language)
    found: list[Citation] = []
    seen: set[tuple[str, str | None]] = set()
    for sid in source_ids:
        source = cited.get(sid) or law.sources.get(sid)
        if source is None:
            continue
        verified = source.verification == "verified"
        mark = "" if verified else w.label("verification", source.verification)
        citation = Citation(source.cite, source.url, mark)
        if (citation.cite, citation.url) not in seen:
            seen.add((citation.cite, citation.url))
            found.append(citation)
    return found


def _matches(text: str, template: str) -> bool:
    pattern = ".*".join(re.escape(part) for part in PLACEHOLDER.split(template))
    return re.fullmatch(pattern, text, re.DOTALL) is not None


def _check_language(d: Determination, language: str) -> None:
    """Refuse a determination whose reasons are worded in another language."""
    w = words(language)
    for r in d.reasons:
        template = w.reason_template(r.code, OUTCOMES[r.holds])
        if template is not None and not _matches(r.text, template):
            raise ValueError(
                f"the determination's reasons are not worded in {language!r} ({r.code}): "
                f"screen the facts with language={language!r}"
            )


def build_report(d: Determination, language: str = "en", law: Law | None = None) -> Report:
    """What the report shows, every text in `language`."""
    _check_language(d, language)
    law = law or bundled_law()
    w = words(language)
    as_of = w.date(d.as_of)
    cited = d.citations
    # what blocks it is named here; why is in the decisive reasons, right after
    blocking = [Item(code, w.label("codes", code), []) for code in d.blocking]
    uncertain = [Item(u.code, w.label("codes", u.code), [u.reason]) for u in d.uncertain]
    reasons = [
        ReasonRow(
            code=r.code,
            label=w.label("codes", r.code),
            outcome=w.label("outcomes", OUTCOMES[r.holds]),
            outcome_class=OUTCOMES[r.holds],
            text=r.text,
            citations=_citations(law, r.sources, language, cited),
            decisive=r.decisive,
            kind=w.label("kinds", r.kind) if r.kind == "policy" else "",
        )
        for r in d.reasons
    ]
    decisive = [r for r in reasons if r.decisive]
    deadlines = [
        DeadlineRow(
            label=w.label("deadlines", dl.code),
            due=w.date(dl.due),
            citations=_citations(law, dl.sources, language, cited),
        )
        for dl in d.deadlines
    ]
    designations = {x.id: x for x in law.designations}
    orders = {x.id: x for x in law.orders}
    in_force = [
        LawRow(
            w.law_text(i, designations[i].title),
            "",
            _citations(law, designations[i].sources, language, cited),
        )
        if i in designations
        else LawRow(i, "", [])
        for i in d.law.in_force
    ]
    court_orders = [
        LawRow(
            w.law_text(i, orders[i].title),
            f"{orders[i].case} ({orders[i].court})",
            _citations(law, orders[i].sources, language, cited),
        )
        if i in orders
        else LawRow(i, "", [])
        for i in d.law.orders
    ]
    day = d.as_of.date() if isinstance(d.as_of, dt.datetime) else d.as_of
    _, summary = summary_lead(d, language)
    return Report(
        language=language,
        version=__version__,
        as_of=as_of,
        answer=w.answer(d.er_applicable),
        answer_code=d.er_applicable,
        summary=summary,
        strips=strips(d),
        category=w.label("categories", d.category),
        category_code=d.category,
        blocking=blocking,
        uncertain=uncertain,
        next_step=d.next_step,
        deadlines=deadlines,
        reasons=reasons,
        decisive=decisive,
        others=[r for r in reasons if not r.decisive],
        designations=in_force,
        orders=court_orders,
        verified_through=w.date(d.law.verified_through),
        after_verified_through=day > d.law.verified_through,
        changes=[
            ChangeRow(w.date(c.on) if c.on else None, c.change, w.answer(c.er_applicable))
            for c in d.counterfactuals
        ],
        two_year_date=w.date(d.two_year_date) if d.two_year_date else None,
        presence_since=w.date(d.presence.since) if d.presence else None,
        gaps=[(w.date(g.from_), w.date(g.to)) for g in d.presence.gaps] if d.presence else [],
    )


def render_report_html(determination: Determination, language: str = "en") -> str:
    """The report as HTML in `language` (`en` or `es`); the determination must have been
    screened in that language, or ValueError says so."""
    report = build_report(determination, language)
    return (
        environment(language).get_template("determination.html").render(r=report, d=determination)
    )


def write_report(determination: Determination, path: Path, language: str = "en") -> Path:
    """Write the report as PDF (a .pdf path) or HTML (any other suffix)."""
    return write_document(render_report_html(determination, language), path)


__all__ = ["build_report", "render_report_html", "summary_lead", "write_report"]
