"""`erpath case ...`: a private, encrypted tracker of cases through the procedure."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from erpath.cases.bundle import BundleError, export_bundle, read_bundle
from erpath.cases.calendar_file import running_deadlines_calendar
from erpath.cases.record import CASE_KINDS, EventRefused, import_case, open_case, record
from erpath.cases.view import CaseView, view_case
from erpath.contract.facts import within_range
from erpath.procedure import bundled_machine
from erpath.store import CaseStore, StoreError
from erpath.store.events import EventInput
from erpath.validation import DocumentError, read_json_file

case_app = typer.Typer(
    help="A private, encrypted tracker of cases (see README).", no_args_is_help=True
)
out = Console()
DEFAULT_STORE = Path.home() / ".local" / "share" / "erpath" / "cases.db"
StoreOption = Annotated[
    Path, typer.Option("--store", envvar="ERPATH_STORE", help="the case store file")
]


def _fail(lines: list[str]) -> typer.Exit:
    for line in lines:
        typer.echo(line, err=True)
    return typer.Exit(code=2)


def _passphrase(confirm: bool = False) -> str:
    value = os.environ.get("ERPATH_PASSPHRASE")
    if value:
        return value
    return str(typer.prompt("Passphrase", hide_input=True, confirmation_prompt=confirm))


def _open(store: Path) -> CaseStore:
    try:
        return CaseStore.open(store, _passphrase())
    except StoreError as exc:
        raise _fail([str(exc)]) from None


def _day(value: str | None, field: str) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise _fail([f"{field}: {value!r} is not a date YYYY-MM-DD"]) from None
    try:
        return within_range(day)
    except ValueError as exc:
        raise _fail([f"{field}: {exc}"]) from None


def _resolve(cases: CaseStore, prefix: str) -> str:
    matches = [c.case_id for c in cases.cases() if c.case_id.startswith(prefix)]
    if len(matches) != 1:
        what = "no case" if not matches else f"{len(matches)} cases"
        raise _fail([f"case: {what} starting with {prefix!r}"])
    return matches[0]


def _facts_data(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    try:
        return {"facts": read_json_file(path, f"--facts {path}")}
    except DocumentError as exc:
        raise _fail([str(exc)]) from None


def _append(cases: CaseStore, case_id: str, entry: EventInput) -> None:
    try:
        event = record(cases, case_id, entry)
    except EventRefused as exc:
        raise _fail(exc.lines) from None
    out.print(f"recorded {event.kind} on {event.occurred_on} (event {event.seq})")


@case_app.command("init")
def init(store: StoreOption = DEFAULT_STORE) -> None:
    """Create a new, empty case store protected by a passphrase."""
    store.parent.mkdir(parents=True, exist_ok=True)
    try:
        CaseStore.create(store, _passphrase(confirm=True)).close()
    except StoreError as exc:
        raise _fail([str(exc)]) from None
    out.print(f"created {store}")


@case_app.command("backup")
def backup(
    target: Annotated[Path, typer.Argument(help="the backup file to write (a new path)")],
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Write one consistent, encrypted copy of the store (safe while erpath web runs)."""
    with _open(store) as cases:
        try:
            health = cases.backup(target)
        except StoreError as exc:
            raise _fail([str(exc)]) from None
    out.print(
        f"wrote {target}: {health.records} records ({health.cases} cases, {health.events} events)"
    )


@case_app.command("verify")
def verify(
    accept_as_is: Annotated[
        bool,
        typer.Option(
            "--accept-as-is",
            help="after a missing or damaged write-ahead log: keep the records that can be "
            "read and vouch for them from now on",
        ),
    ] = False,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Check the store: every record authenticated, none missing from its log."""
    try:
        cases = CaseStore.open(store, _passphrase(), accept_as_is=accept_as_is)
    except StoreError as exc:
        raise _fail([f"{store}: {exc}"]) from None
    with cases:
        health = cases.health()
    out.print(
        f"{store}: sound. {health.records} records ({health.cases} cases, {health.events} "
        f"events), each authenticated; {health.integrity}."
    )


@case_app.command("new")
def new(
    label: Annotated[str, typer.Argument(help="your name for the case (stored encrypted)")],
    facts: Annotated[Path | None, typer.Option(help="the person's facts (JSON)")] = None,
    hearing: Annotated[str | None, typer.Option(help="the next hearing date")] = None,
    on: Annotated[str | None, typer.Option(help="the day the case opens (default today)")] = None,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Open a case in the state 'hearing scheduled' (S0)."""
    day = _day(on, "--on")
    entries = [EventInput(kind="case_opened", occurred_on=day, data=_facts_data(facts))]
    if hearing is not None:
        when = _day(hearing, "--hearing").isoformat()
        entries.append(EventInput(kind="hearing_scheduled", occurred_on=day, data={"date": when}))
    with _open(store) as cases:
        try:
            case_id = open_case(cases, label, entries)
        except EventRefused as exc:
            raise _fail(exc.lines) from None
    out.print(f"case {case_id}")


@case_app.command("event")
def event(
    case: Annotated[str, typer.Argument(help="the case id (or its first characters)")],
    kind: Annotated[str, typer.Argument(help="a procedure event, or " + ", ".join(CASE_KINDS))],
    on: Annotated[str | None, typer.Option(help="the day it happened (default today)")] = None,
    document: Annotated[str | None, typer.Option("--doc", help="the document it rests on")] = None,
    note: Annotated[str | None, typer.Option(help="a note")] = None,
    facts: Annotated[Path | None, typer.Option(help="new facts (JSON), for kind 'facts'")] = None,
    hearing: Annotated[str | None, typer.Option(help="the date, for 'hearing_scheduled'")] = None,
    concurrence: Annotated[
        str | None,
        typer.Option(help="the supervisory concurrence date of a negative credible-fear finding"),
    ] = None,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Record what happened; only the steps the procedure allows from the case's state."""
    data = _facts_data(facts)
    if hearing is not None:
        data["date"] = _day(hearing, "--hearing").isoformat()
    if concurrence is not None:
        data["supervisory_concurrence_on"] = _day(concurrence, "--concurrence").isoformat()
    with _open(store) as cases:
        case_id = _resolve(cases, case)
        _append(
            cases,
            case_id,
            EventInput(
                kind=kind,
                occurred_on=_day(on, "--on"),
                source_document=document,
                note=note,
                data=data,
            ),
        )


def _problems(v: CaseView) -> None:
    for problem in v.problems:
        out.print(f"[bold red]Cannot evaluate:[/] {problem}")


@case_app.command("correct")
def correct(
    case: Annotated[str, typer.Argument(help="the case id (or its first characters)")],
    entry: Annotated[int, typer.Argument(help="the # of the wrong entry in `case show`")],
    note: Annotated[str | None, typer.Option(help="why it is withdrawn")] = None,
    on: Annotated[
        str | None, typer.Option(help="the day of the correction (default today)")
    ] = None,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Withdraw a wrong entry: a correction, recorded like any event, supersedes it (the
    log keeps both); then record the right one."""
    with _open(store) as cases:
        case_id = _resolve(cases, case)
        target = next((e for e in cases.events(case_id) if e.seq == entry), None)
        if target is None:
            raise _fail([f"entry: the case has no entry #{entry}"])
        _append(
            cases,
            case_id,
            EventInput(
                kind="correction",
                occurred_on=_day(on, "--on"),
                note=note,
                data={"supersedes": target.id},
            ),
        )


def _show(v: CaseView) -> None:
    state = v.history.state
    out.print(f"[bold]{v.label}[/] ({v.case_id[:8]}): {state.id} {state.title}")
    if v.history.overlays:
        out.print("Also: " + ", ".join(v.history.overlays))
    table = Table(
        "#", "happened", "recorded", "event", "state after", "document / note", title="Timeline"
    )
    seq_of = {e.id: e.seq for e in v.events}
    for entry in v.timeline:
        e = entry.event
        withdraws = f"withdraws #{seq_of.get(str(e.data.get('supersedes')), '?')}"
        details = (
            withdraws if e.kind == "correction" else None,
            e.source_document,
            e.note,
            e.data.get("date"),
        )
        extra = " ".join(str(x) for x in details if x)
        kind = e.kind
        if entry.withdrawn_by is not None:
            kind = f"[strike]{e.kind}[/] (withdrawn by #{entry.withdrawn_by.seq})"
        table.add_row(
            str(e.seq),
            str(e.occurred_on),
            e.recorded_at.strftime("%Y-%m-%d %H:%M"),
            kind,
            entry.after or "",
            extra,
        )
    out.print(table)
    _problems(v)
    for w in v.warnings:
        out.print(f"[bold red]Warning:[/] {w}")
    for s in v.screenings:
        d = s.determination
        why = ", ".join(d.blocking) or ", ".join(u.code for u in d.uncertain) or "-"
        out.print(
            f"On the {s.why} ({s.on}): expedited removal {d.er_applicable} ({d.category}; {why})"
        )
    _deadlines(v)


def _deadlines(v: CaseView) -> None:
    running = v.running
    if not running:
        out.print("No deadline running.")
    for d in running:
        out.print(
            f"Deadline {d.code} ({d.title}): due {d.due} ({d.rule}; {', '.join(d.sources)}; "
            f"{d.verification})" + (f" [yellow]{d.uncertain}[/]" if d.uncertain else "")
        )


@case_app.command("show")
def show(
    case: str,
    on: Annotated[str | None, typer.Option(help="as of this day")] = None,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """The case's timeline, state, deadlines and screenings."""
    with _open(store) as cases:
        _show(view_case(cases, _resolve(cases, case), _day(on, "--on")))


@case_app.command("list")
def list_cases(
    on: Annotated[str | None, typer.Option(help="as of this day")] = None,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Every case with its state and next deadline."""
    today = _day(on, "--on")
    table = Table("case", "label", "state", "next deadline", "warnings", "cannot evaluate")
    with _open(store) as cases:
        for summary in cases.cases():
            v = view_case(cases, summary.case_id, today)
            nxt = min(v.running, key=lambda d: d.due, default=None)
            table.add_row(
                summary.case_id[:8],
                summary.label,
                f"{v.history.state.id} {v.history.state.code}",
                f"{nxt.code} {nxt.due}" if nxt else "-",
                str(len(v.warnings)),
                "; ".join(v.problems) or "-",
            )
    out.print(table)


@case_app.command("next")
def next_steps(case: str, store: StoreOption = DEFAULT_STORE) -> None:
    """What can happen next from the case's state, with the legal basis."""
    machine = bundled_machine()
    with _open(store) as cases:
        v = view_case(cases, _resolve(cases, case), dt.date.today())
    out.print(f"From {v.history.state.id} {v.history.state.title}:")
    for t in v.allowed:
        basis = "; ".join(s.cite for s in machine.sources(t))
        flag = f" [yellow](open: {t.uncertain})[/]" if t.uncertain else ""
        out.print(f"  {t.event} -> {t.to}: {t.trigger} [{basis}]{flag}")
        if t.at_court and t.at_court in v.at_court:
            out.print(f"    [bold]At this court:[/] {v.at_court[t.at_court]}")


@case_app.command("deadlines")
def deadlines(
    case: Annotated[str | None, typer.Argument()] = None,
    on: Annotated[str | None, typer.Option(help="as of this day")] = None,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """The deadlines running, for one case or all."""
    with _open(store) as cases:
        ids = [_resolve(cases, case)] if case else [c.case_id for c in cases.cases()]
        for case_id in ids:
            v = view_case(cases, case_id, _day(on, "--on"))
            out.print(f"[bold]{v.label}[/] ({case_id[:8]})")
            _problems(v)
            _deadlines(v)


@case_app.command("export")
def export(case: str, target: Path, store: StoreOption = DEFAULT_STORE) -> None:
    """Write the case as an encrypted bundle another erpath can import."""
    with _open(store) as cases:
        case_id = _resolve(cases, case)
        label = next(c.label for c in cases.cases() if c.case_id == case_id)
        passphrase = os.environ.get("ERPATH_BUNDLE_PASSPHRASE") or str(
            typer.prompt("Bundle passphrase", hide_input=True, confirmation_prompt=True)
        )
        try:
            target.write_bytes(export_bundle(label, cases.events(case_id), passphrase))
        except BundleError as exc:
            raise _fail([str(exc)]) from None
    out.print(f"wrote {target}")


@case_app.command("import")
def import_bundle(source: Path, store: StoreOption = DEFAULT_STORE) -> None:
    """Import a case bundle (integrity-checked; refused whole if anything is wrong)."""
    passphrase = os.environ.get("ERPATH_BUNDLE_PASSPHRASE") or str(
        typer.prompt("Bundle passphrase", hide_input=True)
    )
    try:
        label, events = read_bundle(source.read_bytes(), passphrase)
    except OSError as exc:
        raise _fail([f"{source}: cannot read: {exc.strerror}"]) from None
    except BundleError as exc:
        raise _fail([f"{source}: {exc}"]) from None
    with _open(store) as cases:
        try:
            case_id = import_case(cases, label, events)
        except EventRefused as exc:
            raise _fail([f"{source}: {line}" for line in exc.lines]) from None
    out.print(f"imported case {case_id} ({len(events)} events)")


@case_app.command("calendar")
def calendar(
    target: Path,
    case: Annotated[str | None, typer.Option(help="only this case")] = None,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Write every running deadline as an iCalendar (.ics) file."""
    with _open(store) as cases:
        ids = [_resolve(cases, case)] if case else [c.case_id for c in cases.cases()]
        views = [view_case(cases, case_id, dt.date.today()) for case_id in ids]
    target.write_bytes(running_deadlines_calendar(views))
    entries = [d for v in views for d in v.running]
    out.print(f"wrote {len(entries)} deadlines to {target}")
