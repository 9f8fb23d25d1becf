"""The simulation page (`/research/simulate`): a bundled scenario with its levers (judges
denying more dismissals, another credible-fear rate, the stay never lifted, courthouse
arrests barred in an ICE area from a day), the monthly flows with their bands as a chart
and a table, the readings the scenario takes, and the parameters chosen where no figure was
found (ADR 0034). Run small (PAGE_PEOPLE people, PAGE_RUNS runs) and kept once computed."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from erpath.law.loader import bundled_law
from erpath.places.jurisdiction import areas
from erpath.simulate.model import prepare
from erpath.simulate.outputs import (
    CHARTED,
    chosen_parameters,
    scenario_title,
    write_chart,
)
from erpath.simulate.results import Results, simulate
from erpath.simulate.scenario import AreaBar, Levers, bundled_scenarios, scenario_named
from erpath.web.i18n import gettext, render
from erpath.web.routes.research import Recent, number, query_day, refuse
from erpath.web.state import language_of, state_of
from erpath.wording import words

router = APIRouter(include_in_schema=False)
PAGE_PEOPLE = 20_000
PAGE_RUNS = 5
SHOWN = (*CHARTED, "removed_through_er_after_fear_claim")
_kept = Recent(8)
_charts = Recent(16)


@dataclass(frozen=True)
class Asked:
    """What the form asks: the scenario, its period and the levers."""

    scenario: str
    first: dt.date
    last: dt.date
    deny: float | None
    positive: float | None
    never_lifted: bool
    area: str
    since: dt.date | None

    def levers(self) -> Levers:
        barred = [AreaBar(areas=[self.area], since=self.since)] if self.area and self.since else []
        return Levers(
            ij_denies_dismissal=self.deny,
            credible_fear_positive=self.positive,
            stay_never_lifted=self.never_lifted,
            courthouse_arrests_barred=barred,
        )


def _share(request: Request, name: str, value: str | None, errors: dict[str, str]) -> float | None:
    """A percentage field as a share; None when empty; a line naming the field if not 0-100."""
    if not value:
        return None
    try:
        percent = float(value)
    except ValueError:
        percent = -1.0
    if not 0 <= percent <= 100:
        _ = gettext(request)
        errors[name] = _("%(field)s: %(value)s is not a percentage from 0 to 100") % {
            "field": name,
            "value": value[:20],
        }
        return None
    return percent / 100


def _asked(request: Request, params: dict[str, str | None]) -> tuple[Asked, dict[str, str]]:
    _ = gettext(request)
    errors: dict[str, str] = {}
    name = params.get("scenario") or "interior-2025-2026"
    if name not in bundled_scenarios():
        errors["scenario"] = _("scenario: %(value)s is not a scenario of this page") % {
            "value": name[:40]
        }
        name = "interior-2025-2026"
    scenario = scenario_named(name)
    first = query_day(request, "from", params.get("from"), scenario.start, errors)
    last = query_day(request, "to", params.get("to"), scenario.end, errors)
    if not errors and last < first:
        errors["to"] = _("to: %(to)s is before from (%(from)s); give a later date") % {
            "to": last.isoformat(),
            "from": first.isoformat(),
        }
    area = params.get("area") or ""
    if area and area not in areas():
        errors["area"] = _("area: %(value)s is not an ICE area") % {"value": area[:40]}
        area = ""
    since = query_day(request, "since", params.get("since"), first, errors) if area else None
    asked = Asked(
        name,
        first,
        last,
        _share(request, "deny", params.get("deny"), errors),
        _share(request, "cf", params.get("cf"), errors),
        params.get("stay") == "yes",
        area,
        since,
    )
    return asked, errors


def _run(asked: Asked) -> Results:
    def make() -> Results:
        scenario = scenario_named(asked.scenario).with_levers(asked.levers())
        prepared = prepare(scenario, bundled_law(), asked.first, asked.last, PAGE_PEOPLE)
        return simulate(prepared, PAGE_RUNS)

    return _kept.get(asked, make)


def _query(asked: Asked, params: dict[str, str | None]) -> str:
    keep = {k: v for k, v in params.items() if v}
    keep["scenario"] = asked.scenario
    return "&".join(f"{k}={v}" for k, v in sorted(keep.items()))


def _params(
    scenario: str | None = None,
    from_: Annotated[str | None, Query(alias="from")] = None,
    to: str | None = None,
    deny: str | None = None,
    cf: str | None = None,
    stay: str | None = None,
    area: str | None = None,
    since: str | None = None,
) -> dict[str, str | None]:
    """The form's fields, as typed (the page and its chart read the same)."""
    return {
        "scenario": scenario,
        "from": from_,
        "to": to,
        "deny": deny,
        "cf": cf,
        "stay": stay,
        "area": area,
        "since": since,
    }


Form = Annotated[dict[str, str | None], Depends(_params)]


@router.get("/research/simulate")
async def research_simulate(request: Request, params: Form) -> Response:
    language = language_of(request)
    asked, errors = _asked(request, params)
    law = bundled_law()
    page: dict[str, Any] = {
        "typed": {k: v or "" for k, v in params.items()},
        "errors": errors,
        "scenarios": [
            (s, scenario_title(scenario_named(s), language)) for s in bundled_scenarios()
        ],
        "areas": [(a, a) for a in sorted(areas())],
        "people": number(PAGE_PEOPLE, language),
        "runs": PAGE_RUNS,
    }
    if errors:
        return render(request, "research_simulate.html", status=422, rows=None, **page)
    results = await run_in_threadpool(_run, asked)
    names: dict[str, str] = words(language).data["simulation"]["measures"]
    by = {m: results.measure(m).rows(named=True) for m in SHOWN}
    rows = [
        {
            "month": month["month"],
            "held": month["law_held"],
            "cells": [
                (
                    number(round(by[m][i]["mean"]), language),
                    number(round(by[m][i]["low"]), language),
                    number(round(by[m][i]["high"]), language),
                )
                for m in SHOWN
            ],
        }
        for i, month in enumerate(by[SHOWN[0]])
    ]
    chosen = scenario_named(asked.scenario)
    return render(
        request,
        "research_simulate.html",
        rows=rows,
        heads=[names[m] for m in SHOWN],
        asked=asked,
        title=scenario_title(chosen, language),
        readings=chosen.readings,
        chosen=chosen_parameters(chosen, language),
        query=_query(asked, params),
        beyond_verified=asked.last > law.verified_through,
        verified_through=law.verified_through,
        **page,
    )


@router.get("/research/simulate/chart.png")
async def research_simulate_chart(request: Request, params: Form) -> Response:
    state = state_of(request)
    language = language_of(request)
    asked, errors = _asked(request, params)
    refuse(errors)
    results = await run_in_threadpool(_run, asked)

    def draw() -> bytes:
        with state.drawing, tempfile.TemporaryDirectory(prefix="erpath-simulate-") as tmp:
            return write_chart(results, Path(tmp) / "s.png", language).read_bytes()

    png = await run_in_threadpool(_charts.get, (asked, language), draw)
    return Response(png, media_type="image/png")
