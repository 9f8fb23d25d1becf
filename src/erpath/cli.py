"""`erpath`: screen a person's facts, read the law in force, run the bundled examples."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table

from erpath.answer.screen import screen as screen_facts
from erpath.cases.cli import case_app
from erpath.contract.determination import Determination, Reason
from erpath.contract.facts import Facts
from erpath.contract.schemas import SCHEMA_DIR, schemas
from erpath.eoir.cli import eoir_app
from erpath.exposure.cli import exposure_app
from erpath.ice.cli import ice_app
from erpath.law.loader import bundled_law
from erpath.law.model import CourtOrder, Law, Standing
from erpath.law.moment import Moment
from erpath.law.timeline import timeline as law_timeline
from erpath.presence import AbroadError
from erpath.presence.analysis import POLICIES, Policy, analyse
from erpath.presence.chart import draw_timeline
from erpath.presence.importing import ImportError_, read_evidence
from erpath.presence.text import show_presence
from erpath.report.determination import summary_lead, write_report
from erpath.report.evidence_index import write_index
from erpath.simulate.cli import simulate
from erpath.standard_tables.cli import tables as standard_tables
from erpath.validation import DocumentError, problems, read_json_file
from erpath.web.cli import web, web_user
from erpath.wording import Wording, words
from erpath.wording.catalogs import LANGUAGES

app = typer.Typer(
    help="The US expedited-removal pipeline as dated, cited law.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
law_app = typer.Typer(
    help="The designations and court orders in force.", invoke_without_command=True
)
app.add_typer(law_app, name="law")
app.add_typer(case_app, name="case")
app.add_typer(ice_app, name="ice")
app.add_typer(eoir_app, name="eoir")
# `erpath eoir tables`: the standard tables read the exposure's pending cases, a layer above
# erpath.eoir (ADR 0031), so the command joins the eoir app here.
eoir_app.command("tables")(standard_tables)
app.add_typer(exposure_app, name="exposure")
app.command()(web)
app.command()(simulate)
app.command("web-user")(web_user)
out = Console()
EXAMPLES = Path(__file__).parent / "examples"
MARK = {"holds": "red", "fails": "green", "unknown": "yellow"}
COLOUR = {"yes": "red", "no": "green", "depends": "yellow"}
# where yes is the person's relief (arrests restricted, bond heard)
RELIEF = {"yes": "green", "no": "red", "depends": "yellow"}


def _fail(lines: list[str]) -> typer.Exit:
    for line in lines:
        typer.echo(line, err=True)
    return typer.Exit(code=2)


def load_facts(path: Path, on: str | None = None) -> Facts:
    """Read a facts document; on any problem print one line per problem and exit 2."""
    try:
        data = read_json_file(path)
    except DocumentError as exc:
        raise _fail([str(exc)]) from None
    if not isinstance(data, dict):
        raise _fail([f"{path}: a facts document is a JSON object"])
    if on is not None:
        data["as_of"] = on
    try:
        return Facts.model_validate(data)
    except ValidationError as exc:
        raise _fail(problems(exc)) from None


def determine(facts: Facts, language: str = "en") -> Determination:
    try:
        return screen_facts(facts, language=language)
    except AbroadError as exc:
        raise _fail([str(exc)]) from None


def _reasons_table(law: Law, d: Determination, decisive: bool, language: str) -> Table:
    w = words(language)
    table = Table(show_lines=False)
    for key in ("condition", "result", "why", "sources"):
        # fold, never cut: a citation is read whole
        table.add_column(w.label("explain", key), overflow="fold")
    for r in d.reasons:
        if r.decisive != decisive:
            continue
        cites = law.cites(r.sources)
        mark = (
            ""
            if r.verification == "verified"
            else f" [dim]({w.label('verification', r.verification)})[/]"
        )
        if r.kind == "policy":
            mark += f" [dim]({w.label('kinds', 'policy')})[/]"
        outcome = {True: "holds", False: "fails", None: "unknown"}[r.holds]
        table.add_row(
            w.label("codes", r.code),
            f"[{MARK[outcome]}]{w.label('outcomes', outcome)}[/]",
            r.text,
            cites + mark,
        )
    return table


def _periods(d: Determination, language: str) -> None:
    w = words(language)
    if d.timeline is None:
        return
    postures = [("as_given", d.timeline.as_given), ("if_dismissed", d.timeline.if_dismissed)]
    for key, periods in postures:
        if not periods:
            continue
        out.print(f"[bold]{w.label('explain', key)}[/]")
        for p in periods:
            span = (
                w.fragment("stretch", start=p.from_, end=p.to)
                if p.to
                else w.fragment("from_day", start=p.from_)
            )
            cause = f" ({p.cause})" if p.cause else ""
            answer = f"[{COLOUR[p.er_applicable]}]{w.answer(p.er_applicable)}[/]"
            out.print(f"  {span}: {answer}{cause}")


def _explain(d: Determination, language: str = "en") -> None:
    """The determination for a terminal, in the words of `language` (erpath.wording):
    the summary, the days ahead, the reasons that decide it, then every other condition
    checked, what would change the answer and the law around it (`_blocks`)."""
    w = words(language)
    law = bundled_law()
    titles = {x.id: x.title for x in law.designations} | {x.id: x.title for x in law.orders}
    answer, rest = summary_lead(d, language)
    out.print(f"[bold {COLOUR[d.er_applicable]}]{answer}.[/] {rest}")
    out.print(f"{w.label('explain', 'ground')}: {w.label('categories', d.category)}")
    for b in d.branches:
        out.print(f"  {b.when}: {w.answer(b.er_applicable)}")
    for code in d.blocking:
        out.print(f"[bold]{w.label('explain', 'blocked')}:[/] {w.label('codes', code)}")
    for u in d.uncertain:
        out.print(
            f"[yellow]{w.label('explain', 'turns_on')}[/] {w.label('codes', u.code)}: {u.reason}"
        )
    out.print(f"{w.label('explain', 'next_step')}: {d.next_step}")
    for dl in d.deadlines:
        cites = law.cites(dl.sources)
        due = w.date(dl.due)
        out.print(
            f"{w.label('explain', 'deadline')}: {w.label('deadlines', dl.code)}: {due} ({cites})"
        )
    _periods(d, language)
    out.print(f"[bold]{w.label('explain', 'decisive')}[/]")
    out.print(_reasons_table(law, d, True, language))
    if d.two_year_date:
        out.print(f"{w.label('explain', 'two_year_date')}: {w.date(d.two_year_date)}")
    if d.presence:
        p = d.presence
        gaps = w.join(w.fragment("stretch", start=g.from_, end=g.to) for g in p.gaps)
        out.print(
            w.fragment("presence_line", since=p.since, days=p.days, shown=p.shown_days, gaps=gaps)
        )
    out.print(f"[bold]{w.label('explain', 'every_condition')}[/]")
    out.print(_reasons_table(law, d, False, language))
    in_force = w.join(w.law_text(i, titles[i]) for i in d.law.in_force if i in titles)
    orders = w.join(w.law_text(i, titles[i]) for i in d.law.orders if i in titles)
    out.print(
        w.fragment(
            "law_line", in_force=in_force, orders=orders, verified_through=d.law.verified_through
        )
    )
    for c in d.counterfactuals:
        when = w.fragment("on_day", day=c.on) if c.on else ""
        out.print(
            f"{w.label('explain', 'would_change')} {w.answer(c.er_applicable)}{when}: {c.change}"
        )
    _blocks(law, d, language)


def _mark(w: Wording, verification: str) -> str:
    """The verification level in words, where it is not `verified`."""
    if verification == "verified":
        return ""
    return f" [dim]({w.label('verification', verification)})[/]"


def _cited(law: Law, d: Determination, source_ids: list[str]) -> str:
    """The sources' short cites, from the determination's citations (the law data's
    where it has none): never a bare id."""
    cites = [
        d.citations[s].cite if s in d.citations else law.sources[s].cite
        for s in source_ids
        if s in d.citations or s in law.sources
    ]
    return "; ".join(dict.fromkeys(cites))


def _order_titles(law: Law, w: Wording, ids: list[str]) -> str:
    orders = {o.id: o for o in law.orders}
    return w.join(escape(w.law_text(i, orders[i].title)) for i in ids if i in orders)


def _orders_and_sources(
    law: Law,
    w: Wording,
    d: Determination,
    orders: list[str],
    sources: list[str],
    verification: str,
) -> list[tuple[str, str]]:
    """A block's rows of court orders (by title) and sources (cited, with their
    verification), where it has them."""
    rows = []
    if orders:
        rows.append((w.label("explain", "court_orders"), _order_titles(law, w, orders)))
    cites = _cited(law, d, sources)
    if cites:
        rows.append((w.label("explain", "block_sources"), escape(cites) + _mark(w, verification)))
    return rows


def _block_reasons(law: Law, d: Determination, w: Wording, reasons: list[Reason]) -> list[str]:
    """Each reason of a block: its text, its citations and, where not verified, its
    verification (and policy where it rests on agency policy)."""
    lines = []
    for r in reasons:
        cites = _cited(law, d, r.sources)
        line = escape(r.text) + (f" ({escape(cites)})" if cites else "")
        line += _mark(w, r.verification)
        if r.kind == "policy":
            line += f" [dim]({w.label('kinds', 'policy')})[/]"
        lines.append(f"- {line}")
    return lines


def _reason_rows(heading: str, lines: list[str]) -> list[tuple[str, str]]:
    """The reasons' lines, the first under `heading`."""
    return [(heading if i == 0 else "", line) for i, line in enumerate(lines)]


def _block(heading: str, rows: list[tuple[str, str]]) -> None:
    """One block: its heading, then a label and its words on each row."""
    out.print(f"[bold]{heading}[/]")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for label, text in rows:
        grid.add_row(label, text)
    out.print(Padding(grid, (0, 0, 0, 2)))


def _blocks(law: Law, d: Determination, language: str) -> None:
    """The law around the answer, where the determination gives it: arrests at the
    court, the answer to a DHS motion to dismiss, detention and bond if arrested, and the
    credible-fear screen; in words, each with its citations and their verification."""
    w = words(language)

    def label(key: str) -> str:
        return w.label("explain", key)

    reasons = label("block_reasons")
    if (a := d.arrest_at_court) is not None:
        rows = [(label("restricted"), f"[{RELIEF[a.restricted]}]{w.answer(a.restricted)}[/]")]
        if a.area:
            rows.append((label("ice_area"), escape(a.area)))
        rows.append((label("block_why"), escape(a.reason)))
        rows += _orders_and_sources(law, w, d, a.orders, a.sources, a.verification)
        _block(label("at_court"), rows)
    if (m := d.dismissal_response) is not None:
        rows = [
            (label("response_period"), w.fragment("days", days=m.days)),
            (label("required"), w.answer(m.required)),
            (label("block_why"), escape(m.reason)),
        ]
        rows += _orders_and_sources(law, w, d, m.orders, m.sources, m.verification)
        _block(label("dismissal"), rows)
    if (x := d.detention) is not None:
        circuit = w.label("circuits", x.circuit) if x.circuit else label("no_circuit")
        rows = [
            (label("stage"), w.label("detention_stages", x.stage)),
            (label("authority"), escape(w.label("authorities", x.authority))),
            (label("bond"), f"[{RELIEF[x.bond]}]{w.answer(x.bond)}[/]"),
            (label("circuit"), circuit),
        ]
        rows += _reason_rows(reasons, _block_reasons(law, d, w, x.reasons))
        _block(label("if_arrested"), rows)
    if (c := d.credible_fear) is not None:
        rows = [
            (label("standard"), w.label("cf_standards", c.standard)),
            (label("bars"), w.join(w.label("cf_rules", b) for b in c.bars)),
            (label("interview_on"), w.date(c.interview_on)),
            (label("review"), w.fragment("within_days", days=c.review_days)),
            (label("after_positive"), w.label("cf_routes", c.after_positive)),
        ]
        rows += _reason_rows(reasons, _block_reasons(law, d, w, c.reasons))
        _block(label("credible_fear"), rows)


@app.command()
def screen(
    file: Annotated[Path, typer.Argument(help="a facts document (JSON, see CONTRACT.md)")],
    on: Annotated[str | None, typer.Option(help="screen on this date instead of as_of")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the contract JSON")] = False,
    report: Annotated[
        Path | None, typer.Option(help="write the determination report (.pdf or .html)")
    ] = None,
    lang: Annotated[
        str, typer.Option(help="language of every text: the explanation, JSON and report")
    ] = "en",
) -> None:
    """Screen one person's facts: is expedited removal possible on the date, and why."""
    if lang not in LANGUAGES:
        raise _fail([f"--lang: {lang!r} is not one of {', '.join(LANGUAGES)}"])
    if report is not None and report.suffix.lower() not in (".pdf", ".html", ".htm"):
        raise _fail([f"--report: {report} should end in .pdf or .html"])
    facts = load_facts(file, on)
    determination = determine(facts, lang)
    if as_json:
        typer.echo(determination.contract_json())
    else:
        _explain(determination, lang)
    if report is not None:
        try:
            written = write_report(determination, report, lang)
        except OSError as exc:
            raise _fail([f"--report: cannot write {report}: {exc.strerror}"]) from None
        # with --json, stdout carries only the JSON document
        typer.echo(f"wrote {written}", err=as_json)


def _parse_moment(on: str | None) -> Moment:
    if on is None:
        return Moment.of(date.today())
    try:
        value: date | datetime = (
            datetime.fromisoformat(on) if "T" in on or " " in on else date.fromisoformat(on)
        )
        return Moment.of(value)
    except ValueError:
        raise _fail(
            [f"--on: {on!r} is not a date YYYY-MM-DD or a date-time with its UTC offset"]
        ) from None


def _standing_text(law: Law, s: Standing) -> str:
    question = law.contested[s.contested].question if s.contested else ""
    return words("en").standing(s.status, s.at, question)


@law_app.callback()
def law(
    ctx: typer.Context,
    on: Annotated[
        str | None,
        typer.Option(help="the date, or a date-time with its UTC offset (default: today)"),
    ] = None,
) -> None:
    """The designations and court orders bearing on a date, with their sources: in force,
    in force from or until a time of that day, or of unknown effect (and why)."""
    if ctx.invoked_subcommand is not None:
        return
    data = bundled_law()
    moment = _parse_moment(on)
    table = Table(title=f"The law on {on or moment.iso()}")
    for heading in ("designation or court order", "on this date", "since", "until", "sources"):
        table.add_column(heading, overflow="fold")
    for s in data.standing(moment):
        e = s.entry
        name = f"{e.title} ({e.case})" if isinstance(e, CourtOrder) else e.title
        table.add_row(
            name,
            _standing_text(data, s),
            str(e.since or ""),
            str(e.until or ""),
            data.cites(e.sources),
        )
    out.print(table)
    if moment.day > data.verified_through:
        out.print(f"[yellow]The law data is verified only through {data.verified_through}.[/]")


@law_app.command()
def timeline() -> None:
    """Every designation, rescission and court order from 1997 to today."""
    data = bundled_law()
    w = words("en")
    kinds = {
        "designation": "in force from this date",
        "ends": "no longer in force",
        "unknown": "effect unknown from this date",
        "exception_ends": "exception for some nationals ends",
        "enacted": "statute enacted",
        "effective": "statute in effect",
    }
    table = Table(title="Expedited removal, 1997 to today")
    for heading in ("date", "event", "what", "sources"):
        table.add_column(heading, overflow="fold")
    for h in law_timeline(data):
        kind = w.label("order_kinds", h.order_kind) if h.order_kind else kinds[h.kind]
        what = f"{h.what} ({h.detail})" if h.detail else h.what
        table.add_row(h.when(), kind, what, "; ".join(s.cite for s in h.sources))
    out.print(table)
    out.print(f"Law data verified through {data.verified_through}.")


@app.command()
def examples() -> None:
    """Screen the bundled example cases and print their determinations."""
    table = Table(
        "#",
        "as of",
        "ER?",
        "ground",
        "blocking / turns on",
        title="erpath: bundled example cases (invented facts)",
    )
    steps = []
    w = words("en")
    for path in sorted(EXAMPLES.glob("*.json")):
        d = determine(load_facts(path))
        turns = d.blocking or [u.code for u in d.uncertain]
        why = "; ".join(w.label("codes", c) for c in turns) or "-"
        number = path.stem.split("-", 1)[0]
        answer = f"[bold {COLOUR[d.er_applicable]}]{w.answer(d.er_applicable)}[/]"
        table.add_row(number, str(d.as_of), answer, w.label("categories", d.category), why)
        steps.append(f"{number} {path.stem.split('-', 1)[1]}: {d.next_step}")
    out.print(table)
    for step in steps:
        out.print(step, highlight=False)
    out.print("Explain one: erpath screen src/erpath/examples/<name>.json  (add --json for JSON)")


def _presence_facts(file: Path, on: str | None, arrived: str | None) -> Facts:
    """A facts document from a facts JSON, or from an evidence list with --arrived."""
    if file.suffix.lower() == ".json" and arrived is None:
        return load_facts(file, on)
    if arrived is None:
        raise _fail(["--arrived: give the date of the last arrival for an evidence list"])
    try:
        imported = read_evidence(file)
    except ImportError_ as exc:
        raise _fail([str(exc)]) from None
    if imported.errors:
        raise _fail([*imported.errors, f"{len(imported.errors)} problem(s); nothing was read"])
    document = {
        "as_of": on or date.today().isoformat(),
        "arrivals": [{"date": arrived}],
        "evidence": [e.model_dump(by_alias=True, mode="json") for e in imported.documents],
    }
    try:
        return Facts.model_validate(document)
    except ValidationError as exc:
        raise _fail(problems(exc)) from None


@app.command()
def presence(
    file: Annotated[
        Path, typer.Argument(help="a facts JSON, or an evidence list (.csv, .xlsx, .json)")
    ],
    on: Annotated[
        str | None, typer.Option(help="the determination date (default: as_of, or today)")
    ] = None,
    arrived: Annotated[
        str | None, typer.Option(help="the last arrival, for an evidence list")
    ] = None,
    policy: Annotated[str, typer.Option(help="daily or monthly")] = "daily",
    chart: Annotated[Path | None, typer.Option(help="write the timeline (.png or .svg)")] = None,
    index: Annotated[
        Path | None, typer.Option(help="write the evidence index (.pdf or .html)")
    ] = None,
    lang: Annotated[str, typer.Option(help="language of the chart and index: en or es")] = "en",
) -> None:
    """What the evidence shows of two years' presence, the gaps, and what to collect."""
    if policy not in POLICIES:
        raise _fail([f"--policy: {policy!r} is not one of {', '.join(POLICIES)}"])
    if lang not in LANGUAGES:
        raise _fail([f"--lang: {lang!r} is not one of {', '.join(LANGUAGES)}"])
    if chart is not None and chart.suffix.lower() not in (".png", ".svg"):
        raise _fail([f"--chart: {chart} should end in .png or .svg"])
    facts = _presence_facts(file, on, arrived)
    chosen: Policy = "monthly" if policy == "monthly" else "daily"
    try:
        result = analyse(facts, policy=chosen)
    except ValueError as exc:
        raise _fail([str(exc)]) from None
    show_presence(out, result)
    if chart is not None:
        out.print(f"wrote {draw_timeline(result, chart, lang)}")
    if index is not None:
        out.print(f"wrote {write_index(result, index, lang)}")


@app.command()
def schema(
    write: Annotated[bool, typer.Option(help=f"write the schemas to {SCHEMA_DIR}")] = False,
) -> None:
    """Print (or write) the JSON Schemas of the facts and determination documents."""
    for name, text in schemas().items():
        if write:
            (SCHEMA_DIR / name).write_text(text, encoding="utf-8")
            out.print(f"wrote {SCHEMA_DIR / name}")
        else:
            typer.echo(text)
