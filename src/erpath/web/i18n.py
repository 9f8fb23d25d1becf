"""Jinja2 with the gettext catalogs: one environment per language, the page language from
`?lang=` or a cookie, and the glossary's terms shown inline. The report's templates are
there too under `report/` (the timeline strip, `report/_strip.html`, is drawn once for the
answer page and the report)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from functools import cache, partial
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import (
    ChoiceLoader,
    Environment,
    PackageLoader,
    PrefixLoader,
    StrictUndefined,
    select_autoescape,
)
from markupsafe import Markup

from erpath.report.strip import drawing, swatch
from erpath.web.glossary import entry, glossary
from erpath.web.state import language_of, session_of, state_of
from erpath.wording import words
from erpath.wording.catalogs import LANGUAGES, gettext_for, translations

LANGUAGE_COOKIE = "erpath_lang"
LANGUAGE_NAMES = {"en": "English", "es": "Español"}


def choose_language(query: str | None, cookie: str | None) -> str:
    """`?lang=` if it names a language, else the cookie's, else English."""
    for candidate in (query, cookie):
        if candidate in LANGUAGES:
            return candidate
    return "en"


def term(language: str, key: str, text: str | None = None, link: bool = True) -> Markup:
    """A glossary term inline, its definition as the title: a link to its glossary entry,
    or (inside forms, where leaving the page would lose what was typed) plain text."""
    found = entry(key, language)
    shown = text if text is not None else found.term
    if not link:
        return Markup('<span class="term" title="{title}">{text}</span>').format(
            title=found.definition, text=shown
        )
    return Markup('<a class="term" href="/glossary#term-{key}" title="{title}">{text}</a>').format(
        key=key, title=found.definition, text=shown
    )


@cache
def environment(language: str) -> Environment:
    env = Environment(
        loader=ChoiceLoader(
            [
                PackageLoader("erpath.web"),
                PrefixLoader({"report": PackageLoader("erpath.report")}),
            ]
        ),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(
        term=partial(term, language),
        w=words(language),
        glossary=glossary,
        languages=LANGUAGES,
        language_names=LANGUAGE_NAMES,
        drawing=drawing,
        swatch=swatch,
    )
    env.tests["isodate"] = is_iso_date
    return env


def is_iso_date(value: object) -> bool:
    """Whether `value` is a date YYYY-MM-DD (what a date input can show)."""
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def gettext(request: Request) -> Callable[[str], str]:
    """The gettext of the request's language, for messages made in Python."""
    return gettext_for(language_of(request))


def render(
    request: Request,
    template: str,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    """The page `template` in the request's language, with what every page needs."""
    language = language_of(request)
    state = state_of(request)
    session = session_of(request)
    html = (
        environment(language)
        .get_template(template)
        .render(
            lang=language,
            path=request.url.path,
            csrf=state.sessions.csrf_token(session),
            user=session.user,
            local=state.settings.local,
            has_store=state.store is not None,
            **context,
        )
    )
    return HTMLResponse(html, status_code=status, headers=headers)
