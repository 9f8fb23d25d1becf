"""Home, glossary, login and logout."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from erpath.web.forms import checked_form, text
from erpath.web.i18n import gettext, render
from erpath.web.security import MAX_NAME
from erpath.web.state import session_of, state_of

router = APIRouter(include_in_schema=False)


@router.get("/")
async def home(request: Request) -> Response:
    return render(request, "home.html")


@router.get("/glossary")
async def glossary_page(request: Request) -> Response:
    return render(request, "glossary.html")


@router.get("/login")
async def login_form(request: Request) -> Response:
    if state_of(request).users is None:
        return RedirectResponse("/", status_code=303)
    return render(request, "login.html", username="", error=None)


@router.post("/login")
async def login(request: Request) -> Response:
    state = state_of(request)
    form = await checked_form(request)
    if state.users is None:
        return RedirectResponse("/", status_code=303)
    _ = gettext(request)
    name, password = text(form, "username"), form.get("password")
    client = request.client.host if request.client else "-"
    attempt = state.limiter.begin(name[:MAX_NAME], client)
    if isinstance(attempt, int):
        return render(
            request,
            "login.html",
            status=429,
            headers={"Retry-After": str(attempt)},
            username=name,
            error=_("Too many failed attempts: try again in %(minutes)s minutes.")
            % {"minutes": max(1, (attempt + 59) // 60)},
        )
    ok = False
    try:
        if isinstance(password, str) and len(name) <= MAX_NAME:
            ok = await run_in_threadpool(state.users.verify, name, password)
    finally:
        state.limiter.end(attempt, succeeded=ok)
    if not ok:
        return render(
            request,
            "login.html",
            status=401,
            username=name,
            error=_("Wrong name or password."),
        )
    state.sessions.revoke(session_of(request))
    request.state.session = state.sessions.new(user=name, mark=state.users.mark(name))
    return RedirectResponse("/", status_code=303)


@router.post("/logout")
async def logout(request: Request) -> Response:
    state = state_of(request)
    await checked_form(request)
    state.sessions.revoke(session_of(request))
    request.state.session = state.sessions.new()
    return RedirectResponse("/login" if state.users is not None else "/", status_code=303)
