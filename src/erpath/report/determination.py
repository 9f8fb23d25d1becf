"""The determination report: a printable account of one screening for counsel, in English
or Spanish (HTML, and PDF through WeasyPrint).

It opens with the question and the determination's summary, then the timeline strips (as
given, and if the 240 case is dismissed: erpath.report.strip), then the ground, what blocks
it or what it turns on, the next step and the reasons that decide the answer, all on the
first page; after them presence, deadlines, the changes that would alter the answer,
the law around the answer where the determination gives it (arrests at the court, the time
to answer a DHS motion to dismiss, detention and bond if arrested, the credible-fear screen),
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
from erpath.contract.determination import Answer, Category, Determination, Reason
from erpath.contract.determination import Citation as Cited
from erpath.law.loader import bundled_law
from erpath.law.model import Law, Source
from erpath.report import environment, write_document
from erpath.report.strip import Strip, strips
from erpath.wording import Wording, words

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
class BlockReason:
    """A reason of a block (detention, credible fear): its text, cited."""

    text: str
    citations: list[Citation]
    decisive: bool
    kind: str  # "policy, not law" where it rests on agency policy, else ""


@dataclass(frozen=True)
class CourtArrests:
    """Whether a court order restricts ICE arrests at or near the person's court."""

    answer: str
    answer_code: Answer
    area: str | None
    reason: str
    orders: list[LawRow]
    citations: list[Citation]  # those not given with the orders


@dataclass(frozen=True)
class DismissalAnswer:
    """The time to answer a DHS motion to dismiss before the judge may grant it."""

    days: int
    answer: str
    answer_code: Answer
    reason: str
    orders: list[LawRow]
    citations: list[Citation]


@dataclass(frozen=True)
class Custody:
    """Detention and bond once arrested on the day asked about."""

    stage: str
    authority: str
    bond: str
    bond_code: Answer
    circuit: str | None
    reasons: list[BlockReason]


@dataclass(frozen=True)
class FearScreen:
    """The credible-fear screen by the day of entry and of the interview."""

    standard: str
    bars: list[str]
    interview_on: str
    review_days: int
    after_positive: str
    reasons: list[BlockReason]


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
    arrest_at_court: CourtArrests | None = None
    dismissal_response: DismissalAnswer | None = None
    detention: Custody | None = None
    credible_fear: FearScreen | None = None


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


def _sentence(text: str) -> str:
    """`text` with its first letter a capital, to open a cell of a table."""
    return text[:1].upper() + text[1:]


def _orders(
    law: Law, ids: list[str], w: Wording, cited: Mapping[str, Source | Cited]
) -> list[LawRow]:
    """Court orders by title, with their citations (which name the case)."""
    orders = {x.id: x for x in law.orders}
    return [
        LawRow(
            w.law_text(i, orders[i].title),
            "",
            _citations(law, orders[i].sources, w.language, cited),
        )
        for i in ids
        if i in orders
    ]


def _besides(citations: list[Citation], orders: list[LawRow]) -> list[Citation]:
    """The block's citations less those already given with its court orders."""
    shown = {c for row in orders for c in row.citations}
    return [c for c in citations if c not in shown]


def _block_reasons(
    law: Law, reasons: list[Reason], w: Wording, cited: Mapping[str, Source | Cited]
) -> list[BlockReason]:
    return [
        BlockReason(
            r.text,
            _citations(law, r.sources, w.language, cited),
            r.decisive,
            w.label("kinds", r.kind) if r.kind == "policy" else "",
        )
        for r in reasons
    ]


def _around(
    d: Determination, law: Law, w: Wording
) -> tuple[CourtArrests | None, DismissalAnswer | None, Custody | None, FearScreen | None]:
    """The blocks of the law around the answer that the determination gives, in words."""
    cited = d.citations
    court = dismissal = custody = fear = None
    if (a := d.arrest_at_court) is not None:
        orders = _orders(law, a.orders, w, cited)
        court = CourtArrests(
            answer=w.answer(a.restricted),
            answer_code=a.restricted,
            area=a.area,
            reason=a.reason,
            orders=orders,
            citations=_besides(_citations(law, a.sources, w.language, cited), orders),
        )
    if (m := d.dismissal_response) is not None:
        orders = _orders(law, m.orders, w, cited)
        dismissal = DismissalAnswer(
            days=m.days,
            answer=w.answer(m.required),
            answer_code=m.required,
            reason=m.reason,
            orders=orders,
            citations=_besides(_citations(law, m.sources, w.language, cited), orders),
        )
    if (x := d.detention) is not None:
        custody = Custody(
            stage=_sentence(w.label("detention_stages", x.stage)),
            authority=_sentence(w.label("authorities", x.authority)),
            bond=w.answer(x.bond),
            bond_code=x.bond,
            circuit=_sentence(w.label("circuits", x.circuit)) if x.circuit else None,
            reasons=_block_reasons(law, x.reasons, w, cited),
        )
    if (c := d.credible_fear) is not None:
        fear = FearScreen(
            standard=_sentence(w.label("cf_standards", c.standard)),
            bars=[_sentence(w.label("cf_rules", b)) for b in c.bars],
            interview_on=w.date(c.interview_on),
            review_days=c.review_days,
            after_positive=_sentence(w.label("cf_routes", c.after_positive)),
            reasons=_block_reasons(law, c.reasons, w, cited),
        )
    return court, dismissal, custody, fear


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
    court, dismissal, custody, fear = _around(d, law, w)
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
        arrest_at_court=court,
        dismissal_response=dismissal,
        detention=custody,
        credible_fear=fear,
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
