"""Screening: the guided form, the answer in plain words, the chart and the report.

The form posts to itself. Bad input re-renders it with every problem beside its field
and nothing the user typed lost; answers that make new questions matter re-render it
with those questions added; otherwise the facts are screened, kept in memory under a
token (results.py) and the browser is sent to the answer's page."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from erpath.contract.determination import Determination
from erpath.contract.facts import Facts
from erpath.law.loader import bundled_law
from erpath.places import state_names
from erpath.presence.analysis import analyse
from erpath.presence.chart import PHONE_INCHES, WIDTH_INCHES, draw_timeline
from erpath.report.client_summary import render_client_summary
from erpath.validation import problems
from erpath.web.choices import court_name, court_options, state_options
from erpath.web.engine import client_summary_pdf, determine, lead, report_html, report_pdf
from erpath.web.forms import checked_form, text
from erpath.web.i18n import gettext, render
from erpath.web.results import Result
from erpath.web.routes import attachment
from erpath.web.screening_form import ScreeningForm, field_for
from erpath.web.security import document_csp
from erpath.web.state import WebState, language_of, session_of, state_of
from erpath.wording import words
from erpath.wording.catalogs import LANGUAGES

router = APIRouter(include_in_schema=False)
CHART_SIZES = {"wide": WIDTH_INCHES, "phone": PHONE_INCHES}
EXAMPLES = Path(__file__).parents[2] / "examples"


def examples() -> list[str]:
    return sorted(p.stem for p in EXAMPLES.glob("*.json"))


def kind_options(request: Request) -> list[tuple[str, str]]:
    """The kinds of evidence as (code, label in the page's language)."""
    return list(words(language_of(request)).labels("evidence_kinds").items())


def problem_links(
    lines: list[str], paths: dict[str, str]
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Problems by field (shown beside it), and each problem's field (linked from the
    summary)."""
    by_field: dict[str, list[str]] = {}
    links: dict[str, str] = {}
    for line in lines:
        name = field_for(line, paths)
        if name is not None:
            by_field.setdefault(name, []).append(line)
            links[line] = name
    return by_field, links


async def _form_page(
    request: Request,
    form: ScreeningForm,
    facts: Facts | None = None,
    lines: list[str] | None = None,
    paths: dict[str, str] | None = None,
    fresh: set[str] | None = None,
    needed: set[str] | None = None,
) -> HTMLResponse:
    lines = lines or []
    by_field, links = problem_links(lines, paths or form.document()[1])
    if needed is None:
        needed = await run_in_threadpool(form.needed, facts)
    # the questions that matter, and any already answered: an answer is never hidden,
    # even when it no longer matters, so nothing typed is dropped
    shown = needed | form.groups_with_answers()
    return render(
        request,
        "screen_form.html",
        status=422 if lines else 200,
        form=form,
        shown=shown,
        fresh=fresh or set(),
        asked=",".join(sorted(shown)),
        problems=lines,
        errors=by_field,
        links=links,
        new_questions=len(fresh or ()),
        examples=examples(),
        kind_options=kind_options(request),
        court_options=court_options(language_of(request)),
        state_options=state_options(language_of(request)),
    )


@router.get("/screen")
async def screen_form(request: Request, example: str | None = None) -> Response:
    state = state_of(request)
    form = ScreeningForm.blank(state.settings.day())
    if example and example in examples():
        data = json.loads((EXAMPLES / f"{example}.json").read_text(encoding="utf-8"))
        form = ScreeningForm.from_facts(Facts.model_validate(data))
    return await _form_page(request, form)


@router.post("/screen")
async def screen_post(request: Request) -> Response:
    posted = await checked_form(request)
    form = ScreeningForm.parse(posted.multi_items())
    if text(posted, "action") == "more":
        form.arrivals += 1
        form.documents += 1
        return await _form_page(request, form)
    document, paths = form.document()
    try:
        facts: Facts | None = Facts.model_validate(document)
        lines: list[str] = []
    except ValidationError as exc:
        facts, lines = None, problems(exc)
    new = await run_in_threadpool(form.needed, facts)
    fresh = new - form.asked
    if lines or fresh or facts is None:
        return await _form_page(request, form, facts, lines, paths, fresh, new)
    try:
        await run_in_threadpool(determine, facts)
    except (ValueError, OverflowError) as exc:
        return await _form_page(request, form, facts, [str(exc)], paths, needed=new)
    token = state_of(request).results.put(
        Result(owner=session_of(request).sid, kind="screening", facts=facts, values=form.values)
    )
    return RedirectResponse(f"/screen/{token}", status_code=303)


def _result(request: Request, token: str) -> Result:
    found = state_of(request).results.get(token, session_of(request).sid, "screening")
    if found is None:
        _ = gettext(request)
        raise HTTPException(
            404, _("This screening has expired or belongs to another session: screen again.")
        )
    return found


@router.get("/examples/{name}")
async def example_answer(request: Request, name: str) -> Response:
    """The answer page of a bundled example (invented facts), by its name."""
    if name not in examples():
        _ = gettext(request)
        raise HTTPException(404, _("There is no such example."))
    data = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    facts = Facts.model_validate(data)
    values = ScreeningForm.from_facts(facts).values
    token = state_of(request).results.put(
        Result(owner=session_of(request).sid, kind="screening", facts=facts, values=values)
    )
    return RedirectResponse(f"/screen/{token}", status_code=303)


def _places(facts: Facts, language: str) -> dict[str, str | None]:
    """The court and the state of the facts in words, for the blocks of the answer page."""
    state = facts.encounter.state if facts.encounter else None
    return {
        "court": court_name(facts.proceedings.court if facts.proceedings else None, language),
        "state": state_names(language).get(state, state) if state else None,
    }


@router.get("/screen/{token}")
async def screen_result(request: Request, token: str) -> Response:
    result = _result(request, token)
    state = state_of(request)
    language = language_of(request)
    d: Determination = await run_in_threadpool(determine, result.facts, language)
    cases: list[tuple[str, str]] = []
    if state.store is not None:
        cases = await state.store.run(lambda s: [(c.case_id, c.label) for c in s.cases()])
    first = lead(d, language)
    return render(
        request,
        "screen_result.html",
        token=token,
        d=d,
        word=first.word,
        summary=first.summary,
        strips=first.strips,
        decisive=first.decisive,
        others=first.others,
        facts=result.facts,
        places=_places(result.facts, language),
        law=bundled_law(),
        cases=cases,
        languages=LANGUAGES,
    )


@router.get("/screen/{token}/edit")
async def screen_edit(request: Request, token: str) -> Response:
    result = _result(request, token)
    form = ScreeningForm.parse(result.values.items())
    return await _form_page(request, form, result.facts)


def chart_png(
    state: WebState, facts: Facts, language: str, policy: str = "daily", size: str = "wide"
) -> bytes:
    """The presence chart, `wide` for a desktop or `phone` (drawn narrow: letters readable
    at 390 pixels rather than a wide chart shrunk to a strip)."""
    if size not in CHART_SIZES:
        raise HTTPException(404, "no such chart")
    try:
        a = analyse(facts, policy="monthly" if policy == "monthly" else "daily")
    except (ValueError, OverflowError):
        raise HTTPException(404, "no presence to chart") from None
    with state.drawing, tempfile.TemporaryDirectory(prefix="erpath-chart-") as tmp:
        path = Path(tmp) / "timeline.png"
        return draw_timeline(a, path, language, CHART_SIZES[size]).read_bytes()


@router.get("/screen/{token}/chart-{size}.png")
async def screen_chart(request: Request, token: str, size: str) -> Response:
    result = _result(request, token)
    png = await run_in_threadpool(
        chart_png, state_of(request), result.facts, language_of(request), "daily", size
    )
    return Response(png, media_type="image/png")


def _document_language(request: Request, fmt: str, lang: str) -> None:
    """A document's language is in its path (`report-es.pdf`), never `?lang=`, so that
    opening a client's Spanish report leaves the staff's pages in their own language."""
    if fmt not in ("html", "pdf") or lang not in LANGUAGES:
        _ = gettext(request)
        raise HTTPException(404, _("There is no such report."))


async def _document(
    request: Request, html: str, fmt: str, name: str, write_pdf: Callable[[], bytes]
) -> Response:
    if fmt == "html":
        return HTMLResponse(html, headers={"Content-Security-Policy": document_csp(html)})
    state = state_of(request)

    def pdf() -> bytes:
        with state.drawing:
            return write_pdf()

    return attachment(await run_in_threadpool(pdf), "application/pdf", name)


@router.get("/screen/{token}/report-{lang}.{fmt}")
async def screen_report(request: Request, token: str, lang: str, fmt: str) -> Response:
    """Counsel's full report (erpath.report.determination)."""
    result = _result(request, token)
    _document_language(request, fmt, lang)
    d = await run_in_threadpool(determine, result.facts, lang)
    html = await run_in_threadpool(report_html, d, lang) if fmt == "html" else ""
    name = f"erpath-determination-{d.as_of.isoformat()[:10]}-{lang}.pdf"
    return await _document(request, html, fmt, name, lambda: report_pdf(d, lang))


@router.get("/screen/{token}/client-{lang}.{fmt}")
async def screen_client_summary(request: Request, token: str, lang: str, fmt: str) -> Response:
    """The one-page summary for the client (erpath.report.client_summary), with the
    organisation's referral."""
    result = _result(request, token)
    _document_language(request, fmt, lang)
    referral = state_of(request).referral
    d = await run_in_threadpool(determine, result.facts, lang)
    html = render_client_summary(d, result.facts, lang, referral)
    name = f"erpath-client-summary-{d.as_of.isoformat()[:10]}-{lang}.pdf"
    return await _document(
        request, html, fmt, name, lambda: client_summary_pdf(d, result.facts, lang, referral)
    )
