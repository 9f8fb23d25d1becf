"""Load and validate procedure.yaml; every problem names the file and the key.

Beyond the shapes (unknown keys are errors), the cross-checks: every transition cites at
least one source, and every source, state, parameter and contested point it names exists;
every state is reachable from the initial state; a terminal state has no transition out;
a state that is neither terminal nor an overlay has a transition out or says why not
(`open_end`); an event code leaves a state at most once.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from pathlib import Path

from erpath.law.loader import DATA_DIR, bundled_law
from erpath.law.model import Law
from erpath.procedure.model import Procedure, ProcedureFile
from erpath.validation import read_yaml_model

PROCEDURE_FILE = DATA_DIR / "procedure.yaml"


class ProcedureDataError(ValueError):
    """procedure.yaml is malformed; `problems` lists one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _parse(path: Path, problems: list[str]) -> ProcedureFile | None:
    return read_yaml_model(path, ProcedureFile, problems)


def _reachable(start: str, edges: dict[str, set[str]]) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for nxt in edges[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _check(name: str, data: ProcedureFile, law: Law) -> list[str]:
    problems: list[str] = []

    def say(where: str, what: str) -> None:
        problems.append(f"{name}: {where}: {what}")

    def known(where: str, source_ids: list[str]) -> None:
        for sid in source_ids:
            if sid not in law.sources:
                say(where, f"unknown source {sid!r}")

    states = {s.id: s for s in data.states}
    for kind, values in (
        ("id", [s.id for s in data.states]),
        ("code", [s.code for s in data.states]),
    ):
        seen: set[str] = set()
        for i, value in enumerate(values):
            if value in seen:
                say(f"states[{i}].{kind}", f"{value!r} appears twice")
            seen.add(value)
    if data.initial not in states:
        say("initial", f"unknown state {data.initial!r}")
    elif states[data.initial].terminal or states[data.initial].overlay:
        say("initial", f"{data.initial} is terminal or an overlay")

    procedure = Procedure(
        data.initial, states, tuple(data.transitions), (), (), law, data.business_days
    )
    edges: dict[str, set[str]] = defaultdict(set)
    leaving: dict[str, dict[str, int]] = defaultdict(dict)
    main_out: set[str] = set()
    numbers: dict[int, str] = {}
    for i, t in enumerate(data.transitions):
        where = f"transitions[{i}]"
        if t.number in numbers:
            say(f"{where}.number", f"transition {t.number} appears twice")
        numbers[t.number] = where
        if not t.sources:
            say(f"{where}.sources", f"transition {t.number} cites no source")
        known(f"{where}.sources", t.sources)
        known(f"{where}.uncertain_sources", t.uncertain_sources)
        for point in t.contested:
            if point not in law.contested:
                say(f"{where}.contested", f"unknown contested point {point!r}")
        if t.to not in states:
            say(f"{where}.to", f"unknown state {t.to!r}")
            continue
        for sid in procedure.origins(t):
            if sid not in states:
                say(f"{where}.from", f"unknown state {sid!r}")
                continue
            if states[sid].terminal:
                say(f"{where}.from", f"{sid} is terminal; a terminal state has no transition out")
            if states[sid].overlay:
                say(f"{where}.from", f"{sid} is an overlay; nothing leaves it")
            edges[sid].add(t.to)
            if t.event in leaving[sid]:
                say(
                    f"{where}.event",
                    f"{t.event!r} already leaves {sid} (transition {leaving[sid][t.event]})",
                )
            leaving[sid][t.event] = t.number
            if not states[t.to].overlay:
                main_out.add(sid)
    if data.initial in states:
        reached = _reachable(data.initial, edges)
        for i, s in enumerate(data.states):
            if s.id not in reached:
                say(f"states[{i}]", f"{s.label} is not reachable from {data.initial}")
    for i, s in enumerate(data.states):
        if s.terminal or s.overlay:
            continue
        if s.id not in main_out and not s.open_end:
            say(f"states[{i}]", f"{s.label} has no transition out; mark it terminal or open_end")
        if s.id in main_out and s.open_end:
            say(f"states[{i}].open_end", f"{s.label} has transitions out")

    for i, q in enumerate(data.sequels):
        where = f"sequels[{i}]"
        if q.number in numbers:
            say(f"{where}.number", f"{q.number} is also a transition")
        if not q.sources:
            say(f"{where}.sources", f"sequel {q.number} cites no source")
        known(f"{where}.sources", q.sources)
        for sid in q.from_:
            if sid not in states or not states[sid].terminal:
                say(f"{where}.from", f"{sid!r} is not a terminal state")

    codes: set[str] = set()
    for i, d in enumerate(data.deadlines):
        where = f"deadlines[{i}]"
        if d.code in codes:
            say(f"{where}.code", f"{d.code!r} appears twice")
        codes.add(d.code)
        for sid in d.starts_on_entering:
            if sid not in states:
                say(f"{where}.starts_on_entering", f"unknown state {sid!r}")
        on_event = d.runs_from in ("event", "supervisory_concurrence")
        if on_event and data.initial in d.starts_on_entering:
            say(f"{where}.runs_from", f"no event enters {data.initial}; name a date of the context")
        for key, listed in (("starts_with", d.starts_with), ("ends_with", d.ends_with)):
            for n in listed:
                if n not in numbers:
                    say(f"{where}.{key}", f"unknown transition {n}")
        unit = "years" if d.period.years else "days"
        if d.period.parameter is not None:
            parameter = law.parameters.get(d.period.parameter)
            if parameter is None:
                say(f"{where}.period.parameter", f"unknown parameter {d.period.parameter!r}")
            else:
                unit = parameter.unit
        elif not d.sources:
            say(f"{where}.sources", f"deadline {d.code} cites no source for its period")
        if (unit == "years") != (d.leap_day is not None):
            say(f"{where}.leap_day", "give leap_day exactly when the period is in years")
        if not d.rule_sources:
            say(f"{where}.rule_sources", f"deadline {d.code} cites no source for its rule")
        known(f"{where}.sources", d.sources)
        known(f"{where}.rule_sources", d.rule_sources)
        known(f"{where}.uncertain_sources", d.uncertain_sources)
    return problems


def load_procedure(path: Path = PROCEDURE_FILE, law: Law | None = None) -> Procedure:
    """Read procedure.yaml at `path`, checked against `law` (the bundled law by default);
    raise ProcedureDataError listing every problem."""
    problems: list[str] = []
    data = _parse(path, problems)
    if data is None:
        raise ProcedureDataError(problems)
    law = law if law is not None else bundled_law()
    problems = _check(path.name, data, law)
    if problems:
        raise ProcedureDataError(problems)
    return Procedure(
        initial=data.initial,
        states={s.id: s for s in data.states},
        transitions=tuple(data.transitions),
        sequels=tuple(data.sequels),
        deadlines=tuple(data.deadlines),
        law=law,
        business_days=data.business_days,
    )


@cache
def bundled_procedure() -> Procedure:
    """The procedure shipped with the package, loaded once."""
    return load_procedure()
