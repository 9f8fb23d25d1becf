"""The determination report: a printable account of one screening for counsel, in English
or Spanish (HTML, and PDF through WeasyPrint).

It states the question and the answer in plain words, the ground, what blocks it or what
it turns on, the next step, presence, deadlines, every reason with its citations, the
law in force and the changes that would alter the answer, and says that it is legal
information, not legal advice. The reasons and the next step are the determination's
own texts, so the determination must have been screened in the report's language
(`erpath.answer.screen.screen(facts, language=...)`); labels come from the wording set
(erpath.wording), the report's own prose from the gettext catalogs.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from erpath import __version__
from erpath.contract.determination import Answer, Category, Determination
from erpath.law.loader import bundled_law
from erpath.law.model import Law
from erpath.report import environment, write_document
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


@dataclass(frozen=True)
class DeadlineRow:
    label: str
    due: dt.date
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
    sentence: str
    category: str
    category_code: Category
    blocking: list[Item]
    uncertain: list[Item]
    next_step: str
    deadlines: list[DeadlineRow]
    reasons: list[ReasonRow]
    designations: list[LawRow]
    orders: list[LawRow]
    verified_through: dt.date
    after_verified_through: bool
    changes: list[ChangeRow]


def _day(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return value.isoformat()


def _citations(law: Law, source_ids: list[str], language: str) -> list[Citation]:
    w = words(language)
    found: list[Citation] = []
    seen: set[tuple[str, str | None]] = set()
    for sid in source_ids:
        source = law.sources.get(sid)
        if source is None:
            citation = Citation(sid, None, w.label("verification", "unverified"))
        else:
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


def _explaining(law: Law, code: str) -> tuple[str, ...]:
    """The code and the conditions that block under it (law/data/<topic>/<rule>.yaml
    `blocks`): their reasons are what explains the block."""
    return (code, *(c for c, spec in law.rules.items() if spec.blocks == code and c != code))


def build_report(d: Determination, language: str = "en", law: Law | None = None) -> Report:
    """What the report shows, every text in `language`."""
    _check_language(d, language)
    law = law or bundled_law()
    w = words(language)
    as_of = _day(d.as_of)
    holding = {r.code: r.text for r in d.reasons if r.holds is True}
    blocking = [
        Item(
            code,
            w.label("codes", code),
            [holding[c] for c in _explaining(law, code) if c in holding],
        )
        for code in d.blocking
    ]
    uncertain = [Item(u.code, w.label("codes", u.code), [u.reason]) for u in d.uncertain]
    reasons = [
        ReasonRow(
            code=r.code,
            label=w.label("codes", r.code),
            outcome=w.label("outcomes", OUTCOMES[r.holds]),
            outcome_class=OUTCOMES[r.holds],
            text=r.text,
            citations=_citations(law, r.sources, language),
        )
        for r in d.reasons
    ]
    deadlines = [
        DeadlineRow(
            label=w.label("deadlines", dl.code),
            due=dl.due,
            citations=_citations(law, dl.sources, language),
        )
        for dl in d.deadlines
    ]
    designations = {x.id: x for x in law.designations}
    orders = {x.id: x for x in law.orders}
    in_force = [
        LawRow(
            w.law_text(i, designations[i].title),
            "",
            _citations(law, designations[i].sources, language),
        )
        if i in designations
        else LawRow(i, "", [])
        for i in d.law.in_force
    ]
    court_orders = [
        LawRow(
            w.law_text(i, orders[i].title),
            f"{orders[i].case} ({orders[i].court})",
            _citations(law, orders[i].sources, language),
        )
        if i in orders
        else LawRow(i, "", [])
        for i in d.law.orders
    ]
    day = d.as_of.date() if isinstance(d.as_of, dt.datetime) else d.as_of
    return Report(
        language=language,
        version=__version__,
        as_of=as_of,
        answer=w.answer(d.er_applicable),
        answer_code=d.er_applicable,
        sentence=w.answer_sentence(d.er_applicable, as_of),
        category=w.label("categories", d.category),
        category_code=d.category,
        blocking=blocking,
        uncertain=uncertain,
        next_step=d.next_step,
        deadlines=deadlines,
        reasons=reasons,
        designations=in_force,
        orders=court_orders,
        verified_through=d.law.verified_through,
        after_verified_through=day > d.law.verified_through,
        changes=[
            ChangeRow(str(c.on) if c.on else None, c.change, w.answer(c.er_applicable))
            for c in d.counterfactuals
        ],
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


__all__ = ["build_report", "render_report_html", "write_report"]
