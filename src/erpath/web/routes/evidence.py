"""The evidence workbench: documents typed in a table or a spreadsheet uploaded (CSV or
XLSX, refused whole if any row is bad, each problem named by row and column, the count of
rows read, accepted and refused said first), then coverage, gaps with what to collect for
each, months, the chart and the evidence index for the officer (its language in its path,
never the page's). Typed and uploaded rows are read by one reader
(presence.importing.read_row) and kept in exhibit order (report.evidence_index.date_order),
so a document has one number on the page, in the chart and in the index (ADR 0023)."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from erpath.contract.facts import Evidence, Facts
from erpath.presence.analysis import Analysis, Policy, analyse
from erpath.presence.importing import (
    COLUMNS,
    MAX_FILE_BYTES,
    Imported,
    ImportError_,
    Problem,
    read_evidence,
    read_row,
)
from erpath.presence.kinds import documents_for
from erpath.report.evidence_index import date_order, render_html, write_index
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
ROW = re.compile(r"^evidence-(\d+)-([a-z_]+)$")
MIN_ROWS = 3
ROW_LIMIT = 200  # document rows the page holds
FIELDS = (*COLUMNS, "remove")  # of each row of the documents' table
SHOWN = 4  # kinds to collect named for each gap
# What an upload read, kept with the result for its page: rows read (blank ones apart).
UPLOAD_KEYS = ("upload-rows", "upload-blank")


@dataclass(frozen=True)
class Summary:
    """What an uploaded file held: rows read (not blank), accepted, refused, blank."""

    rows: int
    accepted: int
    refused: int
    blank: int
    header: bool = False  # the first row, which names the columns, has problems


def parse_values(items: Iterable[tuple[str, Any]]) -> tuple[dict[str, str], int]:
    """The typed values (document rows renumbered without blank or removed ones) and the
    row count."""
    values: dict[str, str] = {}
    rows: dict[int, dict[str, str]] = {}
    for name, raw in items:
        if not isinstance(raw, str):
            continue
        if name in ("arrived", "on", "policy"):
            values[name] = raw.strip()
        elif (m := ROW.match(name)) and int(m.group(1)) < ROW_LIMIT and m.group(2) in FIELDS:
            rows.setdefault(int(m.group(1)), {})[m.group(2)] = raw.strip()
    kept = [
        row for _, row in sorted(rows.items()) if not row.pop("remove", "") and any(row.values())
    ]
    for new, row in enumerate(kept):
        for column, value in row.items():
            values[f"evidence-{new}-{column}"] = value
    return values, len(kept)


def _row(values: dict[str, str], i: int) -> dict[str, str]:
    return {c: values[f"evidence-{i}-{c}"] for c in COLUMNS if values.get(f"evidence-{i}-{c}")}


def read_documents(
    values: dict[str, str], count: int
) -> tuple[list[Evidence], dict[str, list[Problem]]]:
    """The typed rows as documents (by presence.importing.read_row, as a file's rows), or
    the problems of each row's fields by field name."""
    documents: list[Evidence] = []
    by_field: dict[str, list[Problem]] = {}
    for i in range(count):
        document, found = read_row(i + 1, _row(values, i))
        if document is not None:
            documents.append(document)
        for problem in found:
            column = problem.column[1] if isinstance(problem.column, tuple) else problem.column
            by_field.setdefault(f"evidence-{i}-{column or 'kind'}", []).append(problem)
    return documents, by_field


def _labels(_: Callable[[str], str]) -> dict[str, str]:
    """The page's name of each column of the documents' table."""
    return {
        "kind": _("Kind of document"),
        "from": _("From"),
        "to": _("To"),
        "issuer": _("Issued by"),
        "issuer_type": _("Issuer"),
        "note": _("Note"),
        "file": _("File"),
    }


def _page(
    request: Request,
    values: dict[str, str],
    rows: int,
    lines: list[str] | None = None,
    errors: dict[str, list[str]] | None = None,
    analysis: Analysis | None = None,
    token: str | None = None,
    summary: Summary | None = None,
    monthly_leaves_no_gap: bool = False,
) -> HTMLResponse:
    lines = lines or []
    return render(
        request,
        "evidence.html",
        status=422 if lines else 200,
        values=values,
        rows=max(MIN_ROWS, rows + 1),
        problems=lines,
        errors=errors or {},
        a=analysis,
        token=token,
        summary=summary,
        monthly_leaves_no_gap=monthly_leaves_no_gap,
        documents_for=documents_for,
        shown=SHOWN,
        languages=LANGUAGES,
        kind_options=kind_options(request),
        labels=_labels(gettext(request)),
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


def _summary(imported: Imported) -> Summary:
    rows = imported.rows - imported.blank
    header = any(p.row == 1 for p in imported.problems)
    return Summary(rows, rows - imported.refused, imported.refused, imported.blank, header)


def _dates(values: dict[str, str], _: Callable[[str], str]) -> dict[str, list[str]]:
    """The problems of the period's two dates, by field."""
    found: dict[str, list[str]] = {}
    days: dict[str, date] = {}
    for name, label in (
        ("arrived", _("Date of the last arrival")),
        ("on", _("Date of the determination")),
    ):
        typed = values.get(name, "")
        if not typed:
            found[name] = [_("%(field)s: give the date") % {"field": label}]
            continue
        try:
            days[name] = date.fromisoformat(typed)
        except ValueError:
            found[name] = [
                _("%(field)s: %(typed)s is not a date (YYYY-MM-DD)")
                % {"field": label, "typed": typed}
            ]
    if len(days) == 2 and days["arrived"] > days["on"]:
        found["arrived"] = [
            _("Date of the last arrival: it is after the date of the determination")
        ]
    return found


@router.post("/evidence")
async def evidence_post(request: Request) -> Response:
    posted = await checked_form(request)
    _ = gettext(request)
    language = language_of(request)
    values, count = parse_values(posted.multi_items())
    action = text(posted, "action")
    if action == "more":
        return _page(request, values, count + 1)
    if action == "monthly":
        values["policy"] = "monthly"
    summary = None
    upload = posted.get("upload")
    if isinstance(upload, UploadFile) and upload.filename:
        try:
            imported = await _upload(request, upload)
        except ImportError_ as exc:
            return _page(request, values, count, [str(exc)])
        summary = _summary(imported)
        if imported.problems:
            lines = [p.text(language) for p in imported.problems]
            return _page(request, values, count, lines, summary=summary)
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
    documents, wrong = read_documents(values, count)
    errors = _dates(values, _)
    labels = _labels(_)
    lines = [line for found in errors.values() for line in found]
    for name, found in wrong.items():
        errors[name] = [p.says(language) for p in found]
        column = name.rsplit("-", 1)[1]
        number = int(name.split("-")[1]) + 1
        lines.extend(
            _("Document %(number)s, %(column)s: %(problem)s")
            % {"number": number, "column": labels[column], "problem": p.says(language)}
            for p in found
        )
    if lines:
        return _page(request, values, count, lines, errors, summary=summary)
    return await _analysed(request, values, documents, summary)


async def _analysed(
    request: Request, values: dict[str, str], documents: list[Evidence], summary: Summary | None
) -> Response:
    """Store the analysis of valid rows, in exhibit order, and send the browser to it."""
    order = date_order(documents)
    kept = {k: v for k, v in values.items() if not k.startswith("evidence-")}
    for new, old in enumerate(order):
        kept.update({f"evidence-{new}-{c}": v for c, v in _row(values, old).items()})
    if summary is not None:
        kept.update(zip(UPLOAD_KEYS, (str(summary.rows), str(summary.blank)), strict=True))
    doc = {
        "as_of": values["on"],
        "arrivals": [{"date": values["arrived"]}],
        "evidence": [
            documents[i].model_dump(mode="json", by_alias=True, exclude_none=True) for i in order
        ],
    }
    try:
        facts = Facts.model_validate(doc)
    except ValidationError as exc:
        lines = problems(exc)
        paths = {"as_of": "on", "arrivals[0].date": "arrived", "arrivals[0]": "arrived"}
        errors: dict[str, list[str]] = {}
        for line in lines:
            if (name := field_for(line, paths)) is not None:
                errors.setdefault(name, []).append(line)
        return _page(request, values, len(documents), lines, errors)
    policy: Policy = "monthly" if values.get("policy") == "monthly" else "daily"
    try:
        await run_in_threadpool(analyse, facts, None, policy)
    except (ValueError, OverflowError) as exc:
        return _page(request, values, len(documents), [str(exc)])
    token = state_of(request).results.put(
        Result(
            owner=session_of(request).sid,
            kind="evidence",
            facts=facts,
            values=kept,
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


def _monthly_leaves_no_gap(facts: Facts, a: Analysis) -> bool:
    """Whether the daily reading leaves gaps that the monthly one does not (documents that
    cover calendar months, such as monthly pay stubs, statements or rent receipts)."""
    return a.policy == "daily" and bool(a.gaps) and not analyse(facts, None, "monthly").gaps


@router.get("/evidence/{token}")
async def evidence_result(request: Request, token: str) -> Response:
    result = _result(request, token)
    a = await run_in_threadpool(analyse, result.facts, None, result.policy)
    nudge = await run_in_threadpool(_monthly_leaves_no_gap, result.facts, a)
    values = result.values
    summary = None
    if UPLOAD_KEYS[0] in values:
        rows, blank = (int(values[k]) for k in UPLOAD_KEYS)
        summary = Summary(rows, rows, 0, blank)
    count = len(result.facts.evidence)
    return _page(
        request,
        values,
        count,
        analysis=a,
        token=token,
        summary=summary,
        monthly_leaves_no_gap=nudge,
    )


@router.get("/evidence/{token}/chart-{size}.png")
async def evidence_chart(request: Request, token: str, size: str) -> Response:
    result = _result(request, token)
    png = await run_in_threadpool(
        chart_png, state_of(request), result.facts, language_of(request), result.policy, size
    )
    return Response(png, media_type="image/png")


@router.get("/evidence/{token}/index-{lang}.{fmt}")
async def evidence_index(request: Request, token: str, lang: str, fmt: str) -> Response:
    """The index in the language its path names (`index-es.pdf`): the page's language, a
    cookie set by `?lang=`, is never changed by opening it."""
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
