"""The determination report: a printable account of one screening for counsel, in English
or Spanish (HTML, and PDF through WeasyPrint).

It states the question and the answer in plain words, the ground, what blocks it or what
it turns on, the next step, presence, deadlines, every reason with its citations, the
law in force and the changes that would alter the answer, and says that it is legal
information, not legal advice. The reasons and the next step are the determination's
own texts, so the determination must have been screened in the report's language
(`erpath.answer.screen.screen(facts, language=...)`); labels come from the gettext catalogs.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from erpath import __version__
from erpath.answer.wording import law_text, wording
from erpath.contract.determination import Answer, Category, Determination
from erpath.i18n import LANGUAGES, N_, gettext_for
from erpath.law.loader import bundled_law
from erpath.law.model import Law
from erpath.report import environment, write_document

ANSWER_LABELS: dict[Answer, str] = {"yes": N_("Yes"), "no": N_("No"), "depends": N_("Depends")}
ANSWER_SENTENCES: dict[Answer, str] = {
    "yes": N_(
        "On {as_of} the law lets DHS apply expedited removal to this person; the next step "
        "says what comes next."
    ),
    "no": N_("On {as_of} DHS cannot apply expedited removal to this person."),
    "depends": N_(
        "On {as_of} the answer turns on the open points below: a contested point of law or "
        "a fact not given."
    ),
}
CATEGORY_LABELS: dict[Category, str] = {
    "arriving_alien": N_("Arriving alien (INA 235(b)(1)(A)(i); 8 CFR 1.2)"),
    "designated_sea": N_(
        "Designated class: arrival by sea, not admitted or paroled (2002 designation)"
    ),
    "designated_border_14d": N_(
        "Designated class: entry without inspection, encountered within 100 air miles of a "
        "land border within 14 days (2004 designation)"
    ),
    "designated_interior": N_(
        "Designated class: entry without inspection, anywhere in the United States, less "
        "than two years' presence (2019 and 2025 designations)"
    ),
    "none": N_("None: no ground of expedited removal reaches this arrival"),
}
# Every condition, blocking, information and uncertainty code (tests check the list).
CODE_LABELS: dict[str, str] = {
    "before_expedited_removal": N_("Before expedited removal existed (1 April 1997)"),
    "outside_designation": N_("Outside every ground of expedited removal"),
    "court_order_stay": N_("A court order bars expedited removal"),
    "admitted": N_("Admitted at the last arrival"),
    "paroled": N_("Paroled"),
    "parole_in_effect": N_("Parole in effect"),
    "advance_parole": N_("Returned on advance parole"),
    "parole_ended": N_("Parole ended"),
    "designation_stayed": N_("Designation stayed by a court"),
    "port_of_entry_parole_stayed": N_("Parole at a port of entry: CHIRLA v. Noem stay"),
    "uac": N_("Unaccompanied alien child"),
    "two_years_shown": N_("Two years' continuous presence shown"),
    "fourteen_days_shown": N_("Fourteen days' presence shown (2004 designation)"),
    "western_hemisphere_air_arrival": N_("Western Hemisphere air arrival (INA 235(b)(1)(F))"),
    "cuban_national_excepted": N_("Cuban-national exception (until 13 January 2017)"),
    "claimed_status_verified": N_("Claimed status verified"),
    "claimed_status_review": N_("Claimed-status review by an immigration judge"),
    "no_er_ground": N_("No expedited-removal ground charged"),
    "pending_240_proceedings": N_("Section 240 case pending"),
    "dismissal_not_final": N_("Dismissal of the 240 case not final"),
    "ordered_removed_in_240": N_("Removal ordered in section 240"),
    "as_of_time_of_day": N_("Time of day of the determination"),
    "ground_unknown": N_("Ground of expedited removal"),
    "arriving_alien": N_("Arriving alien"),
    "designated_sea": N_("2002 sea designation"),
    "designated_border_14d": N_("2004 border designation"),
    "designated_interior": N_("Interior designation (2019, 2025)"),
    "er_ground_assumed": N_("Ground of inadmissibility"),
    "encounter_date_assumed": N_("Date of the encounter"),
    "law_verified_through": N_("Law data verified through"),
}
# The conditions whose reasons explain a blocking code of another name.
BLOCKING_CONDITIONS: dict[str, tuple[str, ...]] = {
    "court_order_stay": ("designation_stayed", "port_of_entry_parole_stayed"),
    "paroled": ("parole_in_effect", "advance_parole", "parole_ended"),
}
DEADLINE_LABELS: dict[str, str] = {
    "bia_appeal_of_dismissal": N_("Notice of appeal to the BIA from the dismissal"),
    "bia_appeal_of_removal_order": N_("Notice of appeal to the BIA from the removal order"),
    "credible_fear_review": N_(
        "Immigration judge's review of the negative credible-fear finding concluded"
    ),
}
OUTCOME_LABELS: dict[bool | None, str] = {
    True: N_("holds"),
    False: N_("does not hold"),
    None: N_("unknown"),
}
MARKS: dict[str, str] = {"reported": N_("reported"), "unverified": N_("unverified")}
# The counterfactuals' changes (erpath.answer.counterfactuals), which are worded in English.
CHANGES: dict[str, str] = {
    "the 240 case is dismissed": N_("the 240 case is dismissed"),
    "the officer is not satisfied that two years are shown": N_(
        "the officer is not satisfied that two years are shown"
    ),
    "DHS charges INA 212(a)(7)": N_("DHS charges INA 212(a)(7)"),
    "the parole is terminated": N_("the parole is terminated"),
}
DATE_CHANGES: dict[str, str] = {
    "the law in force changes": N_("the law in force changes"),
    "two years since the last arrival": N_("two years since the last arrival"),
    "the parole expires": N_("the parole expires"),
    "the dismissal's appeal window closes": N_("the dismissal's appeal window closes"),
}
ON_DAY = re.compile(r"on (\d{4}-\d{2}-\d{2}): (.+)", re.DOTALL)
DOCUMENTS = re.compile(r"documents covering (.+) are produced", re.DOTALL)
STRETCH = re.compile(r"(\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})")
TURNS = re.compile(r"the person turns (\d+)")
PLACEHOLDER = re.compile(r"\{\w+\}")


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
    _ = gettext_for(language)
    found: list[Citation] = []
    seen: set[tuple[str, str | None]] = set()
    for sid in source_ids:
        source = law.sources.get(sid)
        if source is None:
            citation = Citation(sid, None, _(MARKS["unverified"]))
        else:
            mark = _(MARKS[source.verification]) if source.verification in MARKS else ""
            citation = Citation(source.cite, source.url, mark)
        if (citation.cite, citation.url) not in seen:
            seen.add((citation.cite, citation.url))
            found.append(citation)
    return found


def _label(code: str, language: str) -> str:
    return gettext_for(language)(CODE_LABELS[code]) if code in CODE_LABELS else code


def _matches(text: str, template: str) -> bool:
    pattern = ".*".join(re.escape(part) for part in PLACEHOLDER.split(template))
    return re.fullmatch(pattern, text, re.DOTALL) is not None


def _check_language(d: Determination, language: str) -> None:
    """Refuse a determination whose reasons are worded in another language."""
    if language not in LANGUAGES:
        raise ValueError(f"language: {language!r} is not one of {', '.join(LANGUAGES)}")
    texts = wording(language)
    outcomes = {True: "holds", False: "fails", None: "unknown"}
    for r in d.reasons:
        template = texts.get(r.code, {}).get(outcomes[r.holds])
        if template is not None and not _matches(r.text, template):
            raise ValueError(
                f"the determination's reasons are not worded in {language!r} ({r.code}): "
                f"screen the facts with language={language!r}"
            )


def _change(text: str, language: str) -> tuple[str | None, str]:
    """A counterfactual's change in `language`, as (the day of a change of date, what
    changes); the English text where it is not one erpath.answer.counterfactuals writes."""
    _ = gettext_for(language)
    if text in CHANGES:
        return None, _(CHANGES[text])
    documents = DOCUMENTS.fullmatch(text)
    if documents:
        stretches = [
            _("{start} to {end}").format(start=m[1], end=m[2])
            for m in STRETCH.finditer(documents[1])
        ]
        return None, _("documents covering {gaps} are produced").format(gaps=", ".join(stretches))
    on_day = ON_DAY.fullmatch(text)
    if on_day is None:
        return None, text
    label = on_day[2]
    turns = TURNS.fullmatch(label)
    if label in DATE_CHANGES:
        what = _(DATE_CHANGES[label])
    elif turns:
        what = _("the person turns {age}").format(age=turns[1])
    elif label.endswith(" takes effect"):
        title = law_text(label.removesuffix(" takes effect"), language)
        what = _("{title} takes effect").format(title=title)
    elif label.endswith(": ends"):
        what = _("{title}: ends").format(title=law_text(label.removesuffix(": ends"), language))
    else:
        what = law_text(label, language)
    return on_day[1], what


def build_report(d: Determination, language: str = "en", law: Law | None = None) -> Report:
    """What the report shows, every text in `language`."""
    _check_language(d, language)
    law = law or bundled_law()
    _ = gettext_for(language)
    as_of = _day(d.as_of)
    holding = {r.code: r.text for r in d.reasons if r.holds is True}
    blocking = [
        Item(
            code,
            _label(code, language),
            [holding[c] for c in (code, *BLOCKING_CONDITIONS.get(code, ())) if c in holding],
        )
        for code in d.blocking
    ]
    uncertain = [Item(u.code, _label(u.code, language), [u.reason]) for u in d.uncertain]
    reasons = [
        ReasonRow(
            code=r.code,
            label=_label(r.code, language),
            outcome=_(OUTCOME_LABELS[r.holds]),
            outcome_class={True: "holds", False: "fails", None: "unknown"}[r.holds],
            text=r.text,
            citations=_citations(law, r.sources, language),
        )
        for r in d.reasons
    ]
    deadlines = [
        DeadlineRow(
            label=_(DEADLINE_LABELS[dl.code]) if dl.code in DEADLINE_LABELS else dl.code,
            due=dl.due,
            citations=_citations(law, dl.sources, language),
        )
        for dl in d.deadlines
    ]
    designations = {x.id: x for x in law.designations}
    orders = {x.id: x for x in law.orders}
    in_force = [
        LawRow(
            law_text(designations[i].title, language),
            "",
            _citations(law, designations[i].sources, language),
        )
        if i in designations
        else LawRow(i, "", [])
        for i in d.law.in_force
    ]
    court_orders = [
        LawRow(
            law_text(orders[i].title, language),
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
        answer=_(ANSWER_LABELS[d.er_applicable]),
        answer_code=d.er_applicable,
        sentence=_(ANSWER_SENTENCES[d.er_applicable]).format(as_of=as_of),
        category=_(CATEGORY_LABELS[d.category]),
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
            ChangeRow(*_change(c.change, language), _(ANSWER_LABELS[c.er_applicable]))
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
