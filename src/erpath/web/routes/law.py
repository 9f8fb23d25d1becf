"""The law: every designation and court order since 1997 with its sources, and the law in
force on a date."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request, Response

from erpath.law.loader import bundled_law
from erpath.law.timeline import timeline
from erpath.web.i18n import gettext, render
from erpath.web.routes.api import law_on
from erpath.web.state import language_of

router = APIRouter(include_in_schema=False)


@router.get("/law")
async def law_page(request: Request, on: str | None = None) -> Response:
    law = bundled_law()
    _ = gettext(request)
    error = None
    day = None
    if on:
        try:
            day = dt.date.fromisoformat(on)
        except ValueError:
            error = _("on: %(value)s is not a date (YYYY-MM-DD)") % {"value": on[:40]}
    return render(
        request,
        "law.html",
        status=422 if error else 200,
        on=on or "",
        error=error,
        law_on=law_on(day) if day else None,
        timeline=timeline(law, language_of(request)),
        verified_through=law.verified_through,
    )
