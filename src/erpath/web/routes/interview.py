"""The guided interview (erpath.web.interview): one question per page, Back and Continue,
a progress bar; when no question that can change the answer is left, the facts are
screened and the browser goes to the answer's page, as from the full form.

The interview lives in memory under an unguessable token owned by the session, like a
screening (results.py); the answers never travel in a URL."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from erpath.places import courts
from erpath.web.choices import country_options, court_options, state_options
from erpath.web.engine import determine
from erpath.web.forms import checked_form, text
from erpath.web.i18n import gettext, render
from erpath.web.interview import (
    BY_ID,
    PLACE,
    Interview,
    Question,
    border_miles,
    child_age,
    chosen_court,
    facts_of,
    form_values,
    period_problems,
    place_distance,
)
from erpath.web.results import Result
from erpath.web.screening_form import field_for
from erpath.web.state import KeptInterview, language_of, session_of, state_of
from erpath.web.typed_dates import TypedDateError, read_date

router = APIRouter(include_in_schema=False)


def _kept(request: Request, token: str) -> Interview:
    found = state_of(request).interviews.get(token, session_of(request).sid, "interview")
    if found is None:
        _ = gettext(request)
        raise HTTPException(
            404, _("This interview has expired or belongs to another session: start again.")
        )
    return found.interview


def _date_problem(request: Request, name: str, error: TypedDateError) -> str:
    _ = gettext(request)
    said = {
        "month_first": _(
            "“%(typed)s”: numbers are read month first (MM/DD/YYYY). Write the month's name"
            " (20 January 2026) or the year first (2026-01-20)."
        ),
        "no_such_day": _("“%(typed)s” is not a day of the calendar."),
        "unreadable": _(
            "“%(typed)s” is not a date erpath can read: write it as January 20, 2026,"
            " 1/20/2026 or 2026-01-20."
        ),
    }[error.problem]
    return f"{name}: " + said % {"typed": error.typed}


def _period_problems(request: Request, answers: dict[str, str]) -> list[str]:
    """The status step's periods checked (`period_problems`), each problem in words under
    its field."""
    _ = gettext(request)
    said = {
        "ends_first": _("The last day comes before the first day: check both dates."),
        "no_start": _("Give the first day too: the rest cannot be read without it."),
        "no_kind": _("Choose DACA or another kind of deferred action for these dates."),
    }
    return [f"{name}: {said[problem]}" for name, problem in period_problems(answers)]


def _by_field(lines: list[str], paths: dict[str, str], question: Question) -> dict[str, list[str]]:
    """Each problem, without the field's path, under the field of the question it is about
    (the question's first field when it names none of them)."""
    found: dict[str, list[str]] = {}
    for line in lines:
        path, sep, message = line.partition(": ")
        name = path if path in question.fields else field_for(line, paths)
        if name not in question.fields:
            name = question.fields[0]
        found.setdefault(name, []).append(message if sep else line)
    return found


async def _page(
    request: Request,
    token: str,
    iv: Interview,
    question: Question,
    typed: dict[str, str] | None = None,
    lines: list[str] | None = None,
) -> Response:
    language = language_of(request)
    values = {**iv.values, **(typed or {})}
    _facts, _lines, paths = facts_of(values)
    errors = _by_field(lines or [], paths, question)
    number, total = iv.progress(question)
    common, every = country_options(language)
    court = chosen_court({**values, PLACE: "court"})
    miles = place_distance(values)
    known = courts().get(values.get("proceedings-court", ""))
    return render(
        request,
        "interview.html",
        status=422 if lines else 200,
        token=token,
        q=question,
        values=values,
        errors=errors,
        number=number,
        total=max(total, number),
        can_go_back=bool(iv.answered),
        common_countries=common,
        countries=every,
        court_options=court_options(language),
        state_options=state_options(language),
        court_state=known.state if known else "",
        border_miles=border_miles(),
        child_age=child_age(values),
        court=court,
        miles=miles,
    )


@router.get("/interview")
async def interview_start(request: Request) -> Response:
    state = state_of(request)
    iv = Interview(values={"as_of": state.settings.day().isoformat()})
    token = state.interviews.put(KeptInterview(owner=session_of(request).sid, interview=iv))
    return RedirectResponse(f"/interview/{token}", status_code=303)


@router.get("/interview/{token}")
async def interview_page(request: Request, token: str) -> Response:
    iv = _kept(request, token)
    question = await run_in_threadpool(iv.next_question)
    if question is not None:
        return await _page(request, token, iv, question)
    facts, lines, _paths = facts_of(iv.values)
    if facts is None:  # every answer was checked as it was given: not expected
        raise HTTPException(422, "; ".join(lines))
    try:
        await run_in_threadpool(determine, facts)
    except (ValueError, OverflowError) as exc:
        last = iv.back()
        if last is None:
            raise HTTPException(422, str(exc)) from None
        return await _page(request, token, iv, last, lines=[str(exc)])
    state = state_of(request)
    result = Result(
        owner=session_of(request).sid,
        kind="screening",
        facts=facts,
        values=form_values(iv.values),
    )
    return RedirectResponse(f"/screen/{state.results.put(result)}", status_code=303)


@router.post("/interview/{token}")
async def interview_answer(request: Request, token: str) -> Response:
    posted = await checked_form(request)
    iv = _kept(request, token)
    question = BY_ID.get(text(posted, "question"))
    if question is None:
        raise HTTPException(422, "question: no such question")
    if text(posted, "action") == "back":
        iv.back()
        return RedirectResponse(f"/interview/{token}", status_code=303)
    typed = {name: text(posted, name) for name in question.fields}
    lines: list[str] = []
    answers = dict(typed)
    today = state_of(request).settings.day()
    for name in question.dates:
        if typed[name]:
            try:
                answers[name] = read_date(typed[name], today).isoformat()
            except TypedDateError as exc:
                lines.append(_date_problem(request, name, exc))
    if "person-citizenship" in answers:
        answers["person-citizenship"] = answers["person-citizenship"].upper()
    if not lines:
        lines = _period_problems(request, answers)
    if not lines:
        _facts, lines, _paths = facts_of({**iv.values, **answers})
    if lines:
        return await _page(request, token, iv, question, typed, lines)
    iv.answer(question, answers)
    return RedirectResponse(f"/interview/{token}", status_code=303)
