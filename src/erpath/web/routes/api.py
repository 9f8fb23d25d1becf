"""The JSON API: the contract documents of CONTRACT.md, the law on a date, and what the
evidence shows. OpenAPI at /openapi.json, with the JSON Schemas of the documents.

Malformed input gets 422 and `{"errors": [...]}`, one line per problem naming the field,
the same lines `erpath screen` prints (erpath.validation)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Coroutine, Sequence
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field

from erpath.contract.determination import Determination
from erpath.contract.facts import Facts
from erpath.law.loader import bundled_law
from erpath.law.model import CourtOrder, Designation, Law, Standing, Verification
from erpath.law.moment import Moment
from erpath.presence.analysis import Analysis, analyse
from erpath.presence.clock import Stretch
from erpath.validation import DocumentError, field_path, message, read_json
from erpath.web.engine import determine

log = logging.getLogger("erpath.web")


class BoundedBodyRoute(APIRoute):
    """A route whose JSON body is read within erpath's bounds (size, depth, no NaN) before
    FastAPI parses it: a document past them gets 422 naming the problem, as the CLI does."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def bounded(request: Request) -> Response:
            body = await request.body()
            if body:
                try:
                    read_json(body, "body")
                except DocumentError as exc:
                    return JSONResponse({"errors": [str(exc)]}, status_code=422)
            return await handler(request)

        return bounded


router = APIRouter(prefix="/api", tags=["api"], route_class=BoundedBodyRoute)
PARTS = ("body", "query", "path", "header", "cookie")


def problem_lines(errors: Sequence[Any]) -> list[str]:
    """pydantic/FastAPI errors as the contract's lines: `field.path: what is wrong`."""
    lines: list[str] = []
    for error in errors:
        loc = tuple(error.get("loc", ()))
        where = ""
        if loc and loc[0] in PARTS:
            where, loc = str(loc[0]), loc[1:]
        if error.get("type") == "json_invalid":
            lines.append(f"body: not valid JSON ({error.get('ctx', {}).get('error', 'malformed')})")
            continue
        path = field_path(loc)
        text = message(error)
        if not path and where == "body" and error.get("type") == "model_attributes_type":
            path, text = (
                "body",
                "a facts document is a JSON object (Content-Type: application/json)",
            )
        if not path and where and where != "body":
            path = where
        lines.append(f"{path}: {text}" if path else text)
    return list(dict.fromkeys(lines))


class Problems(BaseModel):
    """A malformed document: one line per problem, naming the field."""

    errors: list[str] = Field(examples=[["departures[0]: no arrival after 2023-12-20"]])


ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"model": Problems, "description": "Malformed input: one line per problem"},
}


class SourceOut(BaseModel):
    id: str
    title: str
    cite: str
    url: str | None
    verification: Verification


class StandingOut(BaseModel):
    """How an entry bears on the date (`Law.standing`)."""

    standing: Literal["in_force", "from", "until", "unknown"] = Field(
        description="in force; in force from, or until, a time of that day (`at`); or of "
        "unknown effect on that day (`contested` names the open point, `question` says it)"
    )
    at: dt.datetime | None = None
    contested: str | None = None
    question: str | None = None


class DesignationOut(StandingOut):
    id: str
    title: str
    since: dt.datetime | dt.date
    until: dt.datetime | dt.date | None
    sources: list[SourceOut]


class OrderOut(StandingOut):
    id: str
    title: str
    court: str
    case: str
    kind: str
    issued_on: dt.date
    since: dt.date | None
    until: dt.date | None
    sources: list[SourceOut]


class LawOn(BaseModel):
    on: dt.date
    designations: list[DesignationOut]
    orders: list[OrderOut]
    verified_through: dt.date
    beyond_verified: bool = Field(description="the date is after the law data's verified date")


def sources_out(law: Law, ids: list[str]) -> list[SourceOut]:
    return [
        SourceOut(id=s.id, title=s.title, cite=s.cite, url=s.url, verification=s.verification)
        for s in (law.sources[i] for i in ids)
    ]


def _standing(law: Law, s: Standing) -> dict[str, Any]:
    question = law.contested[s.contested].question if s.contested else None
    return {"standing": s.status, "at": s.at, "contested": s.contested, "question": question}


def designation_out(law: Law, d: Designation, s: Standing) -> DesignationOut:
    return DesignationOut(
        id=d.id,
        title=d.title,
        since=d.since,
        until=d.until,
        sources=sources_out(law, d.sources),
        **_standing(law, s),
    )


def order_out(law: Law, o: CourtOrder, s: Standing) -> OrderOut:
    return OrderOut(
        **_standing(law, s),
        id=o.id,
        title=o.title,
        court=o.court,
        case=o.case,
        kind=o.kind,
        issued_on=o.issued_on,
        since=o.since,
        until=o.until,
        sources=sources_out(law, o.sources),
    )


def law_on(day: dt.date) -> LawOn:
    """The designations and court orders that bear on `day`, each with how (`Law.standing`:
    in force, from or until a time of the day, or of unknown effect)."""
    law = bundled_law()
    standing = law.standing(Moment.of(day))
    return LawOn(
        on=day,
        designations=[
            designation_out(law, s.entry, s) for s in standing if isinstance(s.entry, Designation)
        ],
        orders=[order_out(law, s.entry, s) for s in standing if isinstance(s.entry, CourtOrder)],
        verified_through=law.verified_through,
        beyond_verified=day > law.verified_through,
    )


class StretchOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    from_: dt.date = Field(alias="from")
    to: dt.date
    days: int


class MonthOut(BaseModel):
    month: str = Field(description="YYYY-MM")
    days: int = Field(description="days of the month inside the window")
    covered: int = Field(description="of those, days inside some document")
    best: Literal["strong", "good", "weak"] | None
    government_or_business: bool


class SuggestionOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    from_: dt.date = Field(alias="from")
    to: dt.date
    kinds: list[str] = Field(description="kinds of evidence to collect, strongest first")


class PresenceSummary(BaseModel):
    """What the evidence shows of two years' continuous presence (erpath's reading under
    the policy; the officer decides)."""

    as_of: dt.date
    since: dt.date = Field(description="the last arrival")
    policy: Literal["daily", "monthly"]
    two_year_date: dt.date
    period_start: dt.date = Field(description="the first day the law looks at")
    days: int
    shown_days: int
    complete: bool = Field(description="the arrivals say two years are complete")
    shown: bool
    run_start: dt.date | None
    gaps: list[StretchOut]
    personal_only: list[StretchOut]
    months: list[MonthOut]
    suggestions: list[SuggestionOut]


def _stretch(s: Stretch) -> StretchOut:
    return StretchOut(from_=s.start, to=s.end, days=s.days)


def presence_summary(a: Analysis) -> PresenceSummary:
    return PresenceSummary(
        as_of=a.as_of,
        since=a.since,
        policy=a.policy,
        two_year_date=a.two_year_date,
        period_start=a.period_start,
        days=a.coverage.days,
        shown_days=a.coverage.shown_days,
        complete=a.complete,
        shown=a.shown,
        run_start=a.run_start,
        gaps=[_stretch(g) for g in a.gaps],
        personal_only=[_stretch(g) for g in a.personal_only],
        months=[
            MonthOut(
                month=m.first.strftime("%Y-%m"),
                days=m.days,
                covered=m.covered,
                best=m.best,
                government_or_business=m.third_party,
            )
            for m in a.months
        ],
        suggestions=[
            SuggestionOut(from_=s.gap.start, to=s.gap.end, kinds=list(s.kinds))
            for s in a.suggestions
        ],
    )


def _unscreenable(exc: Exception) -> HTTPException:
    """Facts that are well formed but cannot be evaluated (the person is abroad on the
    date; dates at the edge of the calendar)."""
    if isinstance(exc, OverflowError):
        return HTTPException(422, "as_of: the dates are too far from today to be evaluated")
    return HTTPException(422, str(exc))


@router.post(
    "/screen",
    response_model=Determination,
    response_model_by_alias=True,
    responses=ERRORS,
    summary="Screen one person's facts (CONTRACT.md)",
)
def api_screen(
    facts: Facts,
    lang: Annotated[Literal["en", "es"], Query(description="language of the reasons")] = "en",
) -> Determination:
    """Takes a facts document; answers with the determination: whether expedited removal
    is possible on `as_of`, why, the law in force, deadlines and counterfactuals."""
    try:
        return determine(facts, lang)
    except (ValueError, OverflowError) as exc:
        raise _unscreenable(exc) from None


@router.get("/law", response_model=LawOn, responses=ERRORS, summary="The law in force on a date")
def api_law(
    on: Annotated[dt.date | None, Query(description="the date (default: today)")] = None,
) -> LawOn:
    """The designations and court orders in force on `on`, each with its sources."""
    try:
        return law_on(on or dt.date.today())
    except (ValueError, OverflowError) as exc:
        raise _unscreenable(exc) from None


@router.post(
    "/presence",
    response_model=PresenceSummary,
    response_model_by_alias=True,
    responses=ERRORS,
    summary="What the evidence shows of two years' presence",
)
def api_presence(
    facts: Facts,
    policy: Annotated[
        Literal["daily", "monthly"], Query(description="how documents show days")
    ] = "daily",
) -> PresenceSummary:
    """Takes a facts document; answers with the coverage of the two-year period by the
    evidence, the gaps, and what to collect."""
    try:
        return presence_summary(analyse(facts, policy=policy))
    except (ValueError, OverflowError) as exc:
        raise _unscreenable(exc) from None
