"""The law: every designation and court order since 1997 with its sources, and the law in
force on a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fastapi import APIRouter, Request, Response

from erpath.law.loader import bundled_law
from erpath.law.model import Law, Source
from erpath.law.moment import boundary_day
from erpath.web.i18n import gettext, render
from erpath.web.routes.api import law_on
from erpath.web.state import language_of
from erpath.wording import words

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class Happening:
    day: dt.date
    kind: str  # designation, ends, order, unknown
    order_kind: str | None
    what: str
    detail: str
    sources: list[Source]


def timeline(law: Law, language: str = "en") -> list[Happening]:
    """Designations (start and end), court orders (issued), and the stretches where an
    order's effect is unknown, in date order, worded in `language`."""
    w = words(language)
    found: list[Happening] = []
    for d in law.designations:
        cited = [law.sources[s] for s in d.sources]
        title = w.law_text(d.id, d.title)
        found.append(Happening(boundary_day(d.since), "designation", None, title, "", cited))
        if d.until is not None:
            found.append(Happening(boundary_day(d.until), "ends", None, title, "", cited))
    for o in law.orders:
        cited = [law.sources[s] for s in o.sources]
        title = w.law_text(o.id, o.title)
        court = f"{o.court}, {o.case}"
        found.append(Happening(o.issued_on, "order", o.kind, title, court, cited))
        for u in o.unknown:
            question = w.law_text(u.contested, law.contested[u.contested].question)
            found.append(Happening(u.from_, "unknown", None, title, question, cited))
    return sorted(found, key=lambda h: (h.day, h.kind))


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
