"""The evidence workbench: documents typed in or a spreadsheet uploaded (CSV or XLSX, refused
whole if any row is bad, each problem named by row and column), then coverage, gaps,
months, what to collect, the chart and the evidence index for the officer."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from erpath.contract.facts import Facts
from erpath.presence.analysis import POLICIES, Analysis, Policy, analyse
from erpath.presence.importing import MAX_FILE_BYTES, Imported, ImportError_, read_evidence
from erpath.presence.kinds import kinds
from erpath.report.evidence_index import render_html, write_index
from erpath.validation import problems
from erpath.web.forms import checked_form, text
from erpath.web.i18n import gettext, render
from erpath.web.results import Result
from erpath.web.routes import attachment
from erpath.web.routes.screening import chart_png, kind_options
from erpath.web.screening_form import field_for
from erpath.web.security import document_csp
from erpath.web.state import language_of, session_of, state_of
from erpath.wording.catalogs import LANGUAGES

router = APIRouter(include_in_schema=False)
COLUMNS = ("kind", "from", "to", "issuer", "issuer_type", "note")
ROW = re.compile(r"^evidence-(\d+)-([a-z_]+)$")
MIN_ROWS = 3
ROW_LIMIT = 200  # document rows the page holds


def parse_values(items: Iterable[tuple[str, Any]]) -> tuple[dict[str, str], int]:
    """The typed values (document rows renumbered without blank ones) and the row count."""
    values: dict[str, str] = {}
    rows: dict[int, dict[str, str]] = {}
    for name, raw in items:
        if not isinstance(raw, str):
            continue
        if name in ("arrived", "on", "policy"):
            values[name] = raw.strip()
        elif (m := ROW.match(name)) and m.group(2) in COLUMNS and int(m.group(1)) < ROW_LIMIT:
            rows.setdefault(int(m.group(1)), {})[m.group(2)] = raw.strip()
    kept = [rows[i] for i in sorted(rows) if any(rows[i].values())]
    for new, row in enumerate(kept):
        for column, value in row.items():
            values[f"evidence-{new}-{column}"] = value
    return values, len(kept)


def document(values: dict[str, str], count: int) -> tuple[dict[str, Any], dict[str, str]]:
    doc: dict[str, Any] = {"arrivals": [], "evidence": []}
    paths = {"as_of": "on", "arrivals[0].date": "arrived", "arrivals[0]": "arrived"}
    if values.get("on"):
        doc["as_of"] = values["on"]
    if values.get("arrived"):
        doc["arrivals"].append({"date": values["arrived"]})
    for i in range(count):
        item = {c: values[f"evidence-{i}-{c}"] for c in COLUMNS if values.get(f"evidence-{i}-{c}")}
        for c in COLUMNS:
            paths[f"evidence[{i}].{c}"] = f"evidence-{i}-{c}"
        paths[f"evidence[{i}]"] = f"evidence-{i}-to"
        doc["evidence"].append(item)
    return doc, paths


def _page(
    request: Request,
    values: dict[str, str],
    rows: int,
    lines: list[str] | None = None,
    paths: dict[str, str] | None = None,
    analysis: Analysis | None = None,
    token: str | None = None,
) -> HTMLResponse:
    lines = lines or []
    by_field: dict[str, list[str]] = {}
    for line in lines:
        name = field_for(line, paths or {})
        if name is not None:
            by_field.setdefault(name, []).append(line)
    return render(
        request,
        "evidence.html",
        status=422 if lines else 200,
        values=values,
        rows=max(MIN_ROWS, rows + 1),
        problems=lines,
        errors=by_field,
        a=analysis,
        token=token,
        kinds=kinds().kinds,
        policies=POLICIES,
        languages=LANGUAGES,
        kind_options=kind_options(request),
    )


@router.get("/evidence")
async def evidence_form(request: Request) -> Response:
    return _page(request, {"on": state_of(request).settings.day().isoformat()}, 0)


async def _upload(request: Request, upload: UploadFile) -> Imported:
    _ = gettext(request)
    suffix = Path(upload.filename or "").suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ImportError_(_("upload: use a .csv or .xlsx file"))
    data = await upload.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ImportError_(
            _("upload: the file is larger than %(size)s MB") % {"size": MAX_FILE_BYTES // 2**20}
        )

    def read() -> Imported:
        with tempfile.TemporaryDirectory(prefix="erpath-upload-") as tmp:
            path = Path(tmp) / f"evidence{suffix}"
            path.write_bytes(data)
            try:
                return read_evidence(path)
            except ImportError_ as exc:
                raise ImportError_(str(exc).replace(str(path), "upload")) from None

    return await run_in_threadpool(read)


@router.post("/evidence")
async def evidence_post(request: Request) -> Response:
    posted = await checked_form(request)
    _ = gettext(request)
    values, count = parse_values(posted.multi_items())
    if text(posted, "action") == "more":
        return _page(request, values, count + 1)
    upload = posted.get("upload")
    if isinstance(upload, UploadFile) and upload.filename:
        try:
            imported = await _upload(request, upload)
        except ImportError_ as exc:
            return _page(request, values, count, [str(exc)])
        if imported.errors:
            summary = _("%(count)s problem(s) in the file; nothing was imported.") % {
                "count": len(imported.errors)
            }
            return _page(request, values, count, [*imported.errors, summary])
        if count + len(imported.documents) > ROW_LIMIT:
            full = _(
                "upload: the page holds at most %(limit)s documents; with this file it would "
                "hold %(count)s. Nothing was imported."
            ) % {"limit": ROW_LIMIT, "count": count + len(imported.documents)}
            return _page(request, values, count, [full])
        for e in imported.documents:
            item = e.model_dump(mode="json", by_alias=True, exclude_none=True)
            for column in COLUMNS:
                if column in item:
                    values[f"evidence-{count}-{column}"] = str(item[column])
            count += 1
    doc, paths = document(values, count)
    try:
        facts = Facts.model_validate(doc)
    except ValidationError as exc:
        return _page(request, values, count, problems(exc), paths)
    policy: Policy = "monthly" if values.get("policy") == "monthly" else "daily"
    try:
        await run_in_threadpool(analyse, facts, None, policy)
    except (ValueError, OverflowError) as exc:
        return _page(request, values, count, [str(exc)], paths)
    token = state_of(request).results.put(
        Result(
            owner=session_of(request).sid,
            kind="evidence",
            facts=facts,
            values=values,
            policy=policy,
        )
    )
    return RedirectResponse(f"/evidence/{token}", status_code=303)


def _result(request: Request, token: str) -> Result:
    found = state_of(request).results.get(token, session_of(request).sid, "evidence")
    if found is None:
        _ = gettext(request)
        raise HTTPException(404, _("This analysis has expired or belongs to another session."))
    return found


@router.get("/evidence/{token}")
async def evidence_result(request: Request, token: str) -> Response:
    result = _result(request, token)
    a = await run_in_threadpool(analyse, result.facts, None, result.policy)
    count = sum(1 for k in result.values if k.endswith("-kind"))
    return _page(request, result.values, count, analysis=a, token=token)


@router.get("/evidence/{token}/chart.png")
async def evidence_chart(request: Request, token: str) -> Response:
    result = _result(request, token)
    png = await run_in_threadpool(
        chart_png, state_of(request), result.facts, language_of(request), result.policy
    )
    return Response(png, media_type="image/png")


@router.get("/evidence/{token}/index.{fmt}")
async def evidence_index(request: Request, token: str, fmt: str, lang: str = "en") -> Response:
    result = _result(request, token)
    state = state_of(request)
    if fmt not in ("html", "pdf") or lang not in LANGUAGES:
        raise HTTPException(404, gettext(request)("There is no such report."))
    a = await run_in_threadpool(analyse, result.facts, None, result.policy)
    if fmt == "html":
        html = await run_in_threadpool(render_html, a, lang)
        return HTMLResponse(html, headers={"Content-Security-Policy": document_csp(html)})

    def pdf() -> bytes:
        with state.drawing, tempfile.TemporaryDirectory(prefix="erpath-index-") as tmp:
            return write_index(a, Path(tmp) / "index.pdf", lang).read_bytes()

    return attachment(await run_in_threadpool(pdf), "application/pdf", f"evidence-index-{lang}.pdf")
