"""The research pages (docs/adr/0024-research-pages.md): what the data is, the exposure on a
date by court or nationality, the exposure over a range of dates with the law's changes,
and the ICE FY2019 report, each as tables and a chart, in words and numbers of the page's
language.

The EOIR data is the ingested release named by ERPATH_RELEASE (as for `erpath exposure`), or
else the synthetic demonstration release, made on first use in the app's data directory
(`erpath.eoir.samples.demo_release`): every page says which. Only published counts reach a
page (`erpath.exposure.tables.publish`, `erpath.ice.suppression`): no count under 10 people
is shown. The work runs in a thread; results are kept in memory, a few of each kind."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, TypeVar

import polars as pl
from babel.numbers import format_decimal, format_percent
from fastapi import APIRouter, HTTPException, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from erpath.answer.law_changes import law_changes
from erpath.eoir.samples import DEMO_CASES, demo_release
from erpath.exposure import IngestedRelease, Prepared, exposure_on, open_ingested, publish
from erpath.exposure.charts import TOP, ChartWords, breakdown_chart, series_chart
from erpath.exposure.exposure import prepare_release
from erpath.exposure.names import group_name, page_word
from erpath.exposure.series import exposure_series
from erpath.exposure.tables import ALL, HIDDEN
from erpath.exposure.uncertain import (
    ALL_BUT_FEW,
    publish_open_points,
    publish_reasons,
    reason_counts,
    reasons_on,
)
from erpath.exposure.verified import unknown_points
from erpath.ice.report import BLANK, ER_LINES, IceReport, Table, ice_report
from erpath.law.loader import bundled_law
from erpath.rules import bundled_rules
from erpath.web.i18n import gettext, render
from erpath.web.state import WebState, language_of, state_of
from erpath.wording import words

router = APIRouter(include_in_schema=False)
BREAKDOWNS = ("court", "nationality")
PARTS = ("pending", "exposed", "depends", "not_exposed", "no_entry_date")
KEPT = 16  # results of each kind kept in memory
STEP = "1mo"
LONGEST_SERIES_YEARS = 30
ER_LINE_KEYS = ("er_all", "er_with_referral", "er_without_referral", "withdrawal")
assert len(ER_LINE_KEYS) == len(ER_LINES)
V = TypeVar("V")


class Recent:
    """The last `size` results by key, each computed once: one at a time, so that two
    requests for a result not yet made wait for one computation rather than make two."""

    def __init__(self, size: int = KEPT) -> None:
        self.size = size
        self.kept: OrderedDict[Hashable, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        with self.lock:
            if key in self.kept:
                self.kept.move_to_end(key)
                found: V = self.kept[key]
                return found
            made = make()
            self.kept[key] = made
            if len(self.kept) > self.size:
                self.kept.popitem(last=False)
            return made


@dataclass(frozen=True)
class Source:
    """The EOIR release the pages read, prepared once for every day."""

    release: IngestedRelease
    prepared: Prepared


@dataclass(frozen=True)
class ExposureView:
    """The published exposure on `on` by `by`: the total row, the groups, the open points."""

    on: dt.date
    by: str
    table: pl.DataFrame  # published: counts as text, "<10" where hidden
    total: dict[str, str]
    open_points: dict[str, str]
    first_reasons: dict[str, str]  # published: each depends case by its first reason

    @property
    def groups(self) -> list[dict[str, Any]]:
        """The groups, largest first (a hidden count sorts as none)."""
        rows = self.table.filter(pl.col(self.by) != ALL).rows(named=True)
        return sorted(rows, key=lambda r: (-_count(r["pending"]), str(r[self.by])))


def _count(cell: str) -> int:
    return 0 if cell == HIDDEN else int(cell)


@dataclass
class Research:
    """What the research pages compute for one app, kept while it runs."""

    data_dir: Path
    release_path: Path | None  # None: the synthetic demonstration release
    _release: IngestedRelease | None = None
    _source: Source | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    exposures: Recent = field(default_factory=Recent)
    series_kept: Recent = field(default_factory=Recent)
    charts: Recent = field(default_factory=lambda: Recent(2 * KEPT))
    ice_kept: Recent = field(default_factory=lambda: Recent(1))

    @property
    def demo(self) -> bool:
        return self.release_path is None

    def release(self) -> IngestedRelease:
        """The release, opened (the demonstration made first, if it is the one)."""
        with self._lock:
            if self._release is None:
                path = demo_release(self.data_dir) if self.release_path is None else None
                self._release = open_ingested(path or self.release_path or self.data_dir)
            return self._release

    def source(self) -> Source:
        """The release prepared once for every day."""
        release = self.release()
        with self._lock:
            if self._source is None:
                prepared = prepare_release(release, dimensions=BREAKDOWNS).collected()
                self._source = Source(release, prepared)
            return self._source

    def exposure(self, on: dt.date, by: str) -> ExposureView:
        def make() -> ExposureView:
            prepared = self.source().prepared
            rules = bundled_rules()
            result = exposure_on(prepared, on, rules)
            summary = result.summary()
            found = reason_counts(reasons_on(prepared, on, rules), rules)
            points = {code: n for code, n in found.select("reason", "cases").rows() if n}
            firsts = publish_reasons(found)
            return ExposureView(
                on,
                by,
                publish(result.by(by), [by]),
                publish(summary).row(0, named=True),
                publish_open_points(points, int(summary.get_column("depends")[0])),
                {
                    code: n
                    for code, n in firsts.select("reason", "first").rows()
                    if n != HIDDEN and int(n) > 0
                },
            )

        return self.exposures.get((on, by), make)

    def series(self, start: dt.date, end: dt.date) -> pl.DataFrame:
        """The published series of the totals, one row a day."""

        def make() -> pl.DataFrame:
            result = exposure_series(self.source().prepared, start, end, STEP)
            return publish(result.drop("law_change"))

        return self.series_kept.get((start, end), make)

    def ice(self) -> IceReport:
        return self.ice_kept.get("ice", ice_report)


_made = threading.Lock()


def research_of(request: Request) -> Research:
    """The app's research data: made on the first research request."""
    app_state = request.app.state
    with _made:
        found = getattr(app_state, "research", None)
        if found is None:
            named = os.environ.get("ERPATH_RELEASE")
            found = Research(state_of(request).settings.data_dir, Path(named) if named else None)
            app_state.research = found
    assert isinstance(found, Research)
    return found


# -- numbers and words of the page's language ------------------------------------------------


def number(cell: str | int, language: str) -> str:
    """A published count in the language's digits; "<10" as it is."""
    if isinstance(cell, str) and not cell.isdigit():
        return cell
    return str(format_decimal(int(cell), locale=language))


def percent(value: float, language: str) -> str:
    return str(format_percent(value, "#,##0.0%", locale=language))


def share(part: str, whole: str, language: str) -> str:
    """`part` of `whole` as a percentage, or "" where either is hidden or `whole` is 0."""
    if not part.isdigit() or not whole.isdigit() or int(whole) == 0:
        return ""
    return percent(int(part) / int(whole), language)


def open_point(language: str, code: str) -> str:
    """An open point as the summary words it ("whether two years of presence can be
    shown")."""
    return words(language).summary("open", code)


def query_day(
    request: Request, name: str, value: str | None, default: dt.date, errors: dict[str, str]
) -> dt.date:
    """The date `value` of the query field `name` (`default` when not given); when it is
    not a date, `default`, and a line naming the field in `errors`."""
    if not value:
        return default
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _ = gettext(request)
        errors[name] = _(
            "%(field)s: %(value)s is not a date; write it as YYYY-MM-DD, e.g. 2025-06-10"
        ) % {"field": name, "value": value[:40]}
        return default


def refuse(errors: dict[str, str]) -> None:
    """422 with every problem, for the chart images (the pages show them by the fields)."""
    if errors:
        raise HTTPException(422, "; ".join(errors.values()))


def banner_of(request: Request, research: Research) -> dict[str, Any]:
    """What the banner says of the EOIR data: synthetic, or the real release's provenance."""
    language = language_of(request)
    if research.demo:
        return {"demo": True, "cases": number(DEMO_CASES, language)}
    meta = research.release().metadata
    released = meta.get("release_date")
    day = dt.date.fromisoformat(released) if isinstance(released, str) else None
    return {
        "demo": False,
        "released": words(language).date(day) if day else None,
        "fingerprint": str(meta.get("fingerprint", ""))[:16],
    }


def _chart_words(language: str, title: str, footnote: str) -> ChartWords:
    labels = {part: page_word(language, "counts", part) for part in PARTS}
    return ChartWords(title, labels["pending"], labels, footnote)


# -- pages ------------------------------------------------------------------------------------


@router.get("/research")
async def research_home(request: Request) -> Response:
    research = research_of(request)
    banner = await run_in_threadpool(banner_of, request, research)
    return render(
        request, "research.html", banner=banner, verified_through=bundled_law().verified_through
    )


def _exposure_query(
    request: Request, on: str | None, by: str
) -> tuple[dt.date, str, dict[str, str]]:
    _ = gettext(request)
    errors: dict[str, str] = {}
    day = query_day(request, "on", on, state_of(request).settings.day(), errors)
    if by not in BREAKDOWNS:
        errors["by"] = _(
            "by: %(value)s is not a breakdown of this page; choose courts or nationalities"
        ) % {"value": by[:40]}
        by = BREAKDOWNS[0]
    return day, by, errors


@router.get("/research/exposure")
async def research_exposure(request: Request, on: str | None = None, by: str = "court") -> Response:
    research = research_of(request)
    language = language_of(request)
    typed = {"on": on or "", "by": by}
    day, by, errors = _exposure_query(request, on, by)
    banner = await run_in_threadpool(banner_of, request, research)
    law = bundled_law()
    page: dict[str, Any] = {
        "banner": banner,
        "typed": typed,
        "errors": errors,
        "by_options": [(b, page_word(language, "by", b)) for b in BREAKDOWNS],
        "verified_through": law.verified_through,
    }
    if errors:
        return render(request, "research_exposure.html", status=422, view=None, **page)
    view = await run_in_threadpool(research.exposure, day, by)
    _ = gettext(request)
    rows = [
        {
            "name": group_name(by, str(row[by]), language),
            "code": row[by],
            "cells": {part: number(row[part], language) for part in PARTS},
            "exposed_share": share(row["exposed"], row["pending"], language),
        }
        for row in view.groups
    ]
    total = view.total
    reasons = sorted(view.open_points.items(), key=lambda item: -_rank(item[1]))
    return render(
        request,
        "research_exposure.html",
        view=view,
        day=day,
        by=by,
        rows=rows,
        shown=min(TOP, len(rows)),
        parts=PARTS,
        total={part: number(total[part], language) for part in PARTS},
        shares={part: share(total[part], total["pending"], language) for part in PARTS},
        reasons=[
            (
                code,
                open_point(language, code),
                _("all but fewer than 10") if n == ALL_BUT_FEW else number(n, language),
            )
            for code, n in reasons
        ],
        first_reasons=[
            (code, open_point(language, code), number(n, language))
            for code, n in sorted(view.first_reasons.items(), key=lambda item: -int(item[1]))
        ],
        beyond_verified=day > law.verified_through,
        unknown_after=[
            words(language).law_text(point, law.contested[point].question)
            for point in unknown_points(law, day)
        ]
        if day > law.verified_through
        else [],
        **page,
    )


def _rank(cell: str) -> int:
    """A published open-point count, for sorting ("all but <10" first)."""
    return 10**15 if cell == ALL_BUT_FEW else _count(cell)


def _breakdown_png(state: WebState, view: ExposureView, language: str, chart: ChartWords) -> bytes:
    named = view.table.with_columns(
        pl.col(view.by).map_elements(
            lambda code: code if code == ALL else group_name(view.by, code, language),
            return_dtype=pl.String,
        )
    )
    with state.drawing, tempfile.TemporaryDirectory(prefix="erpath-research-") as tmp:
        return breakdown_chart(named, view.by, view.on, Path(tmp) / "c.png", chart).read_bytes()


@router.get("/research/exposure/chart.png")
async def research_exposure_chart(
    request: Request, on: str | None = None, by: str = "court"
) -> Response:
    state = state_of(request)
    research = research_of(request)
    language = language_of(request)
    day, by, errors = _exposure_query(request, on, by)
    refuse(errors)
    view = await run_in_threadpool(research.exposure, day, by)
    _ = gettext(request)
    w = words(language)
    chart = _chart_words(
        language,
        _("Exposure to expedited removal on %(day)s if the 240 case were dismissed, by %(by)s")
        % {"day": w.date(day), "by": page_word(language, "by_plural", by)},
        _("The %(shown)s largest of %(groups)s %(kind)s. Counts under 10 people are <10.")
        % {
            "shown": number(min(TOP, len(view.groups)), language),
            "groups": number(len(view.groups), language),
            "kind": page_word(language, "by_plural", by),
        },
    )
    png = await run_in_threadpool(
        research.charts.get,
        ("exposure", day, by, language),
        lambda: _breakdown_png(state, view, language, chart),
    )
    return Response(png, media_type="image/png")


def _series_query(
    request: Request, from_: str | None, to: str | None
) -> tuple[dt.date, dt.date, dict[str, str]]:
    _ = gettext(request)
    errors: dict[str, str] = {}
    end = query_day(request, "to", to, state_of(request).settings.day(), errors)
    start = query_day(request, "from", from_, dt.date(end.year - 2, 1, 1), errors)
    if not errors and end < start:
        errors["to"] = _("to: %(to)s is before from (%(from)s); give a later date") % {
            "to": end.isoformat(),
            "from": start.isoformat(),
        }
    if not errors and end.year - start.year > LONGEST_SERIES_YEARS:
        errors["from"] = _("from: the range is longer than %(years)s years; give a shorter one") % {
            "years": LONGEST_SERIES_YEARS
        }
    return start, end, errors


def _marks(language: str, start: dt.date, end: dt.date) -> list[tuple[int, dt.date, list[str]]]:
    """The law's changes in [start, end] in words, numbered as the chart marks them."""
    changes = law_changes(bundled_law(), language)
    days = [day for day in sorted(changes) if start <= day <= end]
    return [(n, day, changes[day]) for n, day in enumerate(days, start=1)]


@router.get("/research/series")
async def research_series(
    request: Request,
    from_: Annotated[str | None, Query(alias="from")] = None,
    to: str | None = None,
) -> Response:
    research = research_of(request)
    language = language_of(request)
    start, end, errors = _series_query(request, from_, to)
    banner = await run_in_threadpool(banner_of, request, research)
    law = bundled_law()
    page: dict[str, Any] = {
        "banner": banner,
        "typed": {"from": from_ or "", "to": to or ""},
        "errors": errors,
        "verified_through": law.verified_through,
    }
    if errors:
        return render(request, "research_series.html", status=422, rows=None, **page)
    table = await run_in_threadpool(research.series, start, end)
    marks = _marks(language, start, end)
    numbered = {day: n for n, day, _texts in marks}
    rows = [
        {
            "day": row["as_of"],
            "cells": {part: number(row[part], language) for part in PARTS[:4]},
            "mark": numbered.get(row["as_of"]),
        }
        for row in table.rows(named=True)
    ]
    return render(
        request,
        "research_series.html",
        start=start,
        end=end,
        rows=rows,
        marks=marks,
        parts=PARTS[:4],
        beyond_verified=end > law.verified_through,
        **page,
    )


@router.get("/research/series/chart.png")
async def research_series_chart(
    request: Request,
    from_: Annotated[str | None, Query(alias="from")] = None,
    to: str | None = None,
) -> Response:
    state = state_of(request)
    research = research_of(request)
    language = language_of(request)
    start, end, errors = _series_query(request, from_, to)
    refuse(errors)
    table = await run_in_threadpool(research.series, start, end)
    numbered = {day: str(n) for n, day, _texts in _marks(language, start, end)}
    marked = table.with_columns(
        pl.col("as_of")
        .replace_strict(numbered, default=None, return_dtype=pl.String)
        .alias("law_change")
    )
    _ = gettext(request)
    w = words(language)
    chart = _chart_words(
        language,
        _("Exposure to expedited removal from %(start)s to %(end)s, if the 240 case were dismissed")
        % {"start": w.date(start), "end": w.date(end)},
        _("Dashed and numbered: a day the law changes, listed on the page.")
        + " "
        + _("Counts under 10 people are gaps."),
    )

    def draw() -> bytes:
        with state.drawing, tempfile.TemporaryDirectory(prefix="erpath-research-") as tmp:
            return series_chart(marked, Path(tmp) / "s.png", chart).read_bytes()

    png = await run_in_threadpool(research.charts.get, ("series", start, end, language), draw)
    return Response(png, media_type="image/png")


def _ice_rows(table: Table, language: str, er: bool) -> list[dict[str, str]]:
    """A table's lines as the page shows them: a hidden count "<10", its shares left out."""
    hidden = table.hidden()
    rows = []
    for index, line in enumerate(table.lines):
        hide = index in hidden
        label, note = line.label, line.note
        if er:
            label = page_word(language, "ice_lines", ER_LINE_KEYS[index])
        elif line.key is None:
            label = page_word(language, "ice_lines", "blank" if line.label == BLANK else "redacted")
        if note and not er:
            note = page_word(language, "ice_label_sources", note)
        rows.append(
            {
                "label": label,
                "value": line.key or "",
                "count": HIDDEN if hide else number(line.count, language),
                "share": "" if hide else percent(line.share, language),
                "of_er": "" if hide or line.of_er is None else percent(line.of_er, language),
                "note": note,
                "sub": "sub" if er and ER_LINE_KEYS[index].startswith("er_with") else "",
            }
        )
    return rows


def _span(frame: pl.DataFrame, column: str) -> tuple[dt.date, dt.date] | None:
    values = frame.get_column(column).drop_nulls()
    if values.is_empty():
        return None
    first, last = values.min(), values.max()
    assert isinstance(first, dt.date)
    assert isinstance(last, dt.date)
    return first, last


@router.get("/research/ice")
async def research_ice(request: Request) -> Response:
    research = research_of(request)
    report = await run_in_threadpool(research.ice)
    language = language_of(request)
    er_tables = (report.removals_er, report.arrests_er)
    tables = [
        {
            "name": table.name,
            "title": page_word(language, "ice_tables", table.name),
            "field": table.field,
            "er": table in er_tables,
            "rows": _ice_rows(table, language, table in er_tables),
            "base": number(table.base, language),
            "whole": percent(1.0, language),
        }
        for table in report.tables
    ]
    spans = {
        "removals": _span(report.removals_read.frame, "removal_date"),
        "arrests": _span(report.arrests_read.frame, "apprehension_date"),
    }
    return render(request, "research_ice.html", tables=tables, spans=spans)
