"""The app factory: `create_app(settings)` wires the pages, the JSON API, the security
layer and the case store together (docs/adr/0009-web-app.md)."""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from erpath import __version__
from erpath.web.body_limit import BodyLimit, BodyTooLarge, body_cap, declared_length, size_text
from erpath.web.casestore import StoreService
from erpath.web.i18n import LANGUAGE_COOKIE, choose_language, gettext, render
from erpath.web.results import Results
from erpath.web.routes import (
    api,
    cases,
    evidence,
    interview,
    law,
    pages,
    research,
    screening,
    simulation,
)
from erpath.web.security import LoginLimiter, Session, Sessions, Users, security_headers
from erpath.web.settings import Settings
from erpath.web.state import WebState

log = logging.getLogger("erpath.web")
STATIC_DIR = Path(__file__).parent / "static"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# Reachable without logging in when the app is bound beyond this computer.
PUBLIC_PATHS = ("/login", "/static/")

Handler = Callable[[Request], Awaitable[Response]]


def _route_template(request: Request) -> str:
    """The matched route's path template (`/cases/{case_id}`), never the raw path."""
    route = request.scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) and path else "-"


def _host(request: Request) -> str:
    host = request.headers.get("host", "")
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if ":" in host else host


def _is_api(path: str) -> bool:
    return path.startswith("/api/") or path == "/openapi.json"


def create_app(settings: Settings) -> FastAPI:
    """The web app for `settings`; ConfigError (naming each problem) if it cannot run so."""
    settings.check()
    users = Users.load(settings.users_file) if settings.users_file is not None else None
    secret = settings.secret or secrets.token_urlsafe(32)
    store = None
    if settings.store_path is not None and settings.passphrase is not None:
        store = StoreService(settings.store_path, settings.passphrase)
    state = WebState(
        settings=settings,
        sessions=Sessions(secret, settings.session_max_age_s, settings.secure_cookies),
        results=Results(settings.result_ttl_s),
        interviews=Results(settings.result_ttl_s),
        limiter=LoginLimiter(settings.login_attempts, settings.login_window_s),
        users=users,
        store=store,
        referral=settings.referral(),
    )
    allowed_hosts = set(settings.allowed_hosts) or (LOCAL_HOSTS if settings.local else {"*"})

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if store is not None:
            await store.open()
        try:
            yield
        finally:
            if store is not None:
                await store.close()

    app = FastAPI(
        title="erpath",
        summary="The US expedited-removal pipeline as dated, cited law: screening and the law",
        description=(
            "The JSON documents are the public contract of CONTRACT.md: `POST /api/screen` "
            "takes a facts document and answers with a determination; malformed input gets "
            "422 with one line per problem, naming the field."
        ),
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.web = state
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for module in (pages, interview, screening, evidence, cases, law, research, simulation, api):
        app.include_router(module.router)

    app.add_middleware(BodyLimit)

    def too_large(request: Request, cap: int) -> Response:
        """413. The connection stays open, so the client gets the answer whole (closing it
        while the client still sends would reset it); uvicorn reads the rest of the body
        and throws it away, keeping none of it."""
        _ = gettext(request)
        line = _(
            "The request is larger than %(size)s, the most erpath takes here; nothing was kept."
        ) % {"size": size_text(cap)}
        if _is_api(request.url.path):
            return JSONResponse({"errors": [f"body: {line}"]}, 413)
        return render(request, "error.html", status=413, messages=[line])

    @app.exception_handler(BodyTooLarge)
    async def body_too_large(request: Request, exc: BodyTooLarge) -> Response:
        return too_large(request, exc.cap)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        lines = api.problem_lines(exc.errors())
        if _is_api(request.url.path):
            return JSONResponse({"errors": lines}, status_code=422)
        return render(request, "error.html", status=422, messages=lines)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        headers = getattr(exc, "headers", None)
        if _is_api(request.url.path):
            return JSONResponse({"errors": [str(exc.detail)]}, exc.status_code, headers=headers)
        _ = gettext(request)
        message = _("This page does not exist.") if exc.detail == "Not Found" else str(exc.detail)
        return render(
            request, "error.html", status=exc.status_code, messages=[message], headers=headers
        )

    @app.middleware("http")
    async def guard(request: Request, call_next: Handler) -> Response:
        """Host check, session, login, language."""
        if "*" not in allowed_hosts and _host(request) not in allowed_hosts:
            return PlainTextResponse("Invalid host header", status_code=400)
        sessions = state.sessions
        session = sessions.load(request.cookies.get(sessions.cookie))
        if users is not None:
            users.refresh()  # a stat; the file is read again only when it changed
            if session is not None and session.user is not None:
                mark = users.mark(session.user)
                if mark is None or mark != session.mark:
                    session = None  # the user was removed or has a new password: logged out
        fresh = session is None
        request.state.session = session or sessions.new()
        query_lang = request.query_params.get("lang")
        request.state.lang = choose_language(query_lang, request.cookies.get(LANGUAGE_COOKIE))
        path = request.url.path
        public = path.startswith(PUBLIC_PATHS)
        declared = declared_length(request.headers)
        if declared is not None and declared > body_cap(path):
            response: Response = too_large(request, body_cap(path))
        elif not settings.local and request.state.session.user is None and not public:
            if _is_api(path):
                response = JSONResponse({"errors": ["login required"]}, 401)
            else:
                response = RedirectResponse("/login", status_code=303)
        else:
            response = await call_next(request)
        current: Session = request.state.session
        if fresh or current is not session:
            response.set_cookie(
                sessions.cookie,
                sessions.dump(current),
                max_age=settings.session_max_age_s,
                path="/",
                secure=sessions.secure,
                httponly=True,
                samesite="strict",
            )
        if query_lang in ("en", "es") and query_lang != request.cookies.get(LANGUAGE_COOKIE):
            response.set_cookie(
                LANGUAGE_COOKIE,
                query_lang,
                max_age=365 * 86400,
                path="/",
                secure=sessions.secure,
                httponly=True,
                samesite="strict",
            )
        return response

    headers = security_headers(settings.local)

    @app.middleware("http")
    async def observe(request: Request, call_next: Handler) -> Response:
        """Security headers on every response; one log line per request (method, route
        template, status: never a query string, a form or a label); errors logged by
        type only, since an exception's text may quote what the user typed."""
        started = time.perf_counter()
        try:
            response = await call_next(request)
        except Exception as exc:  # the 500 page, and a log line without the exception's text
            log.error(
                "%s %s failed: %s", request.method, _route_template(request), type(exc).__name__
            )
            response = PlainTextResponse("Internal error", status_code=500)
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        if not request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        log.info(
            "%s %s %d %.0fms",
            request.method,
            _route_template(request),
            response.status_code,
            (time.perf_counter() - started) * 1000,
        )
        return response

    return app


__all__ = ["create_app"]
