"""Load and validate the law data files; any problem names the file and the key."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from erpath.law.custody import CredibleFear, Detention, Reading, Screen
from erpath.law.model import (
    ArrivalCharges,
    Contested,
    ContiguousCountries,
    CountryWithoutRelations,
    CourtOrder,
    Designation,
    ErGrounds,
    Law,
    Parameter,
    Parameters,
    Policy,
    PortOfEntryParole,
    RuleSpec,
    Source,
    Where,
)
from erpath.places import courts
from erpath.places.jurisdiction import area_of_court, circuits
from erpath.validation import field_path, message, read_yaml_model

DATA_DIR = Path(__file__).parent / "data"


class LawDataError(ValueError):
    """The law data is malformed; `problems` lists one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Meta(_File):
    verified_through: Any


class _Sources(_File):
    sources: list[Source]


class _Designations(_File):
    designations: list[Designation]


class _Orders(_File):
    policies: list[Policy]
    orders: list[CourtOrder]


class _Parameters(_File):
    parameters: list[Parameter]


class _Exceptions(_File):
    western_hemisphere_without_full_relations: list[CountryWithoutRelations]
    port_of_entry_parole_programs: PortOfEntryParole
    contiguous_countries: ContiguousCountries


class _Contested(_File):
    contested: list[Contested]


class _Grounds(_File):
    expedited_removal_grounds: ErGrounds
    arrival_charges: ArrivalCharges


FILES: dict[str, type[BaseModel]] = {
    "meta.yaml": _Meta,
    "sources.yaml": _Sources,
    "designations.yaml": _Designations,
    "court_orders.yaml": _Orders,
    "parameters.yaml": _Parameters,
    "exceptions.yaml": _Exceptions,
    "contested.yaml": _Contested,
    "grounds.yaml": _Grounds,
    "detention.yaml": Detention,
    "credible_fear.yaml": CredibleFear,
}


def _read(directory: Path, name: str, problems: list[str]) -> Any:
    return read_yaml_model(directory / name, FILES[name], problems)


def _rule_specs(directory: Path, problems: list[str]) -> dict[str, RuleSpec]:
    """Every rule's law data: `<topic>/<rule>.yaml` in `directory`, the topic and the code
    taken from the path."""
    specs: dict[str, RuleSpec] = {}
    for folder in sorted(p for p in directory.iterdir() if p.is_dir()):
        for path in sorted(folder.glob("*.yaml")):
            name = f"{folder.name}/{path.name}"
            spec = read_yaml_model(
                path, RuleSpec, problems, name=name, topic=folder.name, code=path.stem
            )
            if spec is None:
                continue
            if spec.code in specs:
                problems.append(f"{name}: rule {spec.code!r} also in {specs[spec.code].topic}/")
            specs[spec.code] = spec
    return specs


def _unique(name: str, kind: str, ids: list[str], problems: list[str]) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            problems.append(f"{name}: {kind} id {item!r} appears twice")
        seen.add(item)


def _check_custody(
    law: Law, known: Callable[[str, str, list[str]], None], problems: list[str]
) -> None:
    """detention.yaml's and credible_fear.yaml's sources and open points exist."""

    def contested(file: str, where: str, ids: list[str]) -> None:
        problems.extend(
            f"{file}: {where}: unknown contested point {c!r}" for c in ids if c not in law.contested
        )

    def readings(where: str, found: list[Reading]) -> None:
        for i, r in enumerate(found):
            known("detention.yaml", f"{where}[{i}].sources", r.sources)
            points = [r.contested] if r.contested else []
            contested("detention.yaml", f"{where}[{i}]", points + [u.contested for u in r.unknown])

    detention = law.detention
    for stage in ("expedited_removal", "credible_fear_pending", "positive_credible_fear"):
        readings(f"stages.{stage}", detention.readings(stage))
    readings("stages.final_order", detention.stages.final_order)
    for entry in ("admitted", "paroled", "arriving", "without_inspection"):
        readings(f"section_240.{entry}", detention.section_240.by_entry(entry))
    readings("section_240.circuits", list(detention.section_240.circuits))
    bad = [c.circuit for c in detention.section_240.circuits if c.circuit not in circuits()]
    problems.extend(f"detention.yaml: section_240.circuits: unknown circuit {c!r}" for c in bad)
    fear = law.credible_fear
    known("credible_fear.yaml", "standard.sources", fear.standard.sources)
    known("credible_fear.yaml", "withholding_only.sources", fear.withholding_only.sources)
    screens: list[tuple[str, list[Screen]]] = [("heightened", fear.heightened), ("bars", fear.bars)]
    for group, items in screens:
        for i, screen in enumerate(items):
            known("credible_fear.yaml", f"{group}[{i}].sources", screen.sources)
            contested("credible_fear.yaml", f"{group}[{i}]", [u.contested for u in screen.unknown])
    for i, route in enumerate(fear.after_positive):
        known("credible_fear.yaml", f"after_positive[{i}].sources", route.sources)
        contested(
            "credible_fear.yaml",
            f"after_positive[{i}]",
            [route.contested] if route.contested else [],
        )


def _cross_check(law: Law, problems: list[str]) -> None:
    def known(file: str, where: str, source_ids: list[str]) -> None:
        for sid in source_ids:
            if sid not in law.sources:
                problems.append(f"{file}: {where}: unknown source {sid!r}")

    for i, d in enumerate(law.designations):
        known("designations.yaml", f"designations[{i}].sources", d.sources)
        for j, cls in enumerate(d.classes):
            for key in ("presence_under", "presence_at_least"):
                period = getattr(cls, key)
                if not (period and period.parameter):
                    continue
                where = f"designations.yaml: designations[{i}].classes[{j}].{key}.parameter"
                parameter = law.parameters.get(period.parameter)
                if parameter is None:
                    problems.append(f"{where}: unknown parameter {period.parameter!r}")
                elif parameter.unit not in ("years", "days"):
                    problems.append(
                        f"{where}: {period.parameter!r} is in {parameter.unit}; "
                        "a period of presence is counted in years or days"
                    )
            for k, n in enumerate(cls.nationals_excepted):
                where = f"designations[{i}].classes[{j}].nationals_excepted[{k}].sources"
                known("designations.yaml", where, n.sources)
    _check_custody(law, known, problems)
    designation_ids = {d.id for d in law.designations}
    policy_ids = {p.id for p in law.policies}
    for i, o in enumerate(law.orders):
        known("court_orders.yaml", f"orders[{i}].sources", o.sources)
        if o.bars and o.bars.designation and o.bars.designation not in designation_ids:
            problems.append(
                f"court_orders.yaml: orders[{i}].bars.designation: "
                f"unknown designation {o.bars.designation!r}"
            )
        if o.bars and o.bars.policy and o.bars.policy not in policy_ids:
            problems.append(
                f"court_orders.yaml: orders[{i}].bars.policy: unknown policy {o.bars.policy!r}"
            )
        if o.declines and o.declines.policy not in policy_ids:
            problems.append(
                f"court_orders.yaml: orders[{i}].declines.policy: "
                f"unknown policy {o.declines.policy!r}"
            )
        for j, u in enumerate(o.unknown):
            if u.contested not in law.contested:
                problems.append(
                    f"court_orders.yaml: orders[{i}].unknown[{j}].contested: "
                    f"unknown contested point {u.contested!r}"
                )
        if o.where is not None:
            problems.extend(f"court_orders.yaml: orders[{i}].where.{p}" for p in _places(o.where))
    for i, p in enumerate(law.policies):
        known("court_orders.yaml", f"policies[{i}].sources", p.sources)
        for j, u in enumerate(p.unknown):
            if u.contested not in law.contested:
                problems.append(
                    f"court_orders.yaml: policies[{i}].unknown[{j}].contested: "
                    f"unknown contested point {u.contested!r}"
                )
    for pid, param in law.parameters.items():
        for j, v in enumerate(param.values):
            known("parameters.yaml", f"parameters[{pid}].values[{j}].sources", v.sources)
    for i, c in enumerate(law.western_hemisphere_without_full_relations):
        where = f"western_hemisphere_without_full_relations[{i}]"
        known("exceptions.yaml", f"{where}.sources", c.sources)
        if c.contested and c.contested not in law.contested:
            problems.append(f"exceptions.yaml: {where}.contested: unknown {c.contested!r}")
    known(
        "exceptions.yaml", "port_of_entry_parole_programs.sources", law.port_of_entry_parole.sources
    )
    known("exceptions.yaml", "contiguous_countries.sources", law.contiguous_countries.sources)
    known("grounds.yaml", "expedited_removal_grounds.sources", law.er_grounds.sources)
    for manner in ArrivalCharges.model_fields:
        charged = getattr(law.arrival_charges, manner)
        known("grounds.yaml", f"arrival_charges.{manner}.sources", charged.sources)
    for cid, point in law.contested.items():
        known("contested.yaml", f"contested[{cid}].sources", point.sources)
    for code, spec in law.rules.items():
        name = f"{spec.topic}/{code}.yaml"
        known(name, "sources", spec.sources or [])
        excepted = law.rules.get(spec.excepts) if spec.excepts is not None else None
        if spec.excepts is not None and (excepted is None or excepted.explains):
            problems.append(f"{name}: excepts: no blocking rule {spec.excepts!r}")
        if spec.contested is not None and spec.contested not in law.contested:
            problems.append(f"{name}: contested: unknown contested point {spec.contested!r}")
        if spec.in_force is not None:
            known(name, "in_force.sources", spec.in_force.sources)
            open_point = spec.in_force.contested
            if open_point not in law.contested:
                problems.append(
                    f"{name}: in_force.contested: unknown contested point {open_point!r}"
                )


def _places(where: Where) -> list[str]:
    """The places an order's `where` names that erpath's places do not know."""
    areas = {area_of_court(code) for code in courts()}
    return (
        [f"courts: unknown court {c!r}" for c in where.courts if c not in courts()]
        + [f"areas: unknown ICE area {a!r}" for a in where.areas if a not in areas]
        + [f"circuits: unknown circuit {c!r}" for c in where.circuits if c not in circuits()]
    )


def load_law(directory: Path = DATA_DIR) -> Law:
    """Read every law file in `directory`; raise LawDataError listing every problem."""
    problems: list[str] = []
    parts = {name: _read(directory, name, problems) for name in FILES}
    rules = _rule_specs(directory, problems)
    if problems:
        raise LawDataError(problems)
    for name, kind, ids in (
        ("sources.yaml", "source", [s.id for s in parts["sources.yaml"].sources]),
        (
            "designations.yaml",
            "designation",
            [d.id for d in parts["designations.yaml"].designations],
        ),
        ("court_orders.yaml", "order", [o.id for o in parts["court_orders.yaml"].orders]),
        ("parameters.yaml", "parameter", [p.id for p in parts["parameters.yaml"].parameters]),
        ("contested.yaml", "contested", [c.id for c in parts["contested.yaml"].contested]),
    ):
        _unique(name, kind, ids, problems)
    try:
        parameters = Parameters.model_validate(
            {p.id: p for p in parts["parameters.yaml"].parameters}
        )
    except ValidationError as exc:
        problems.extend(
            f"parameters.yaml: parameters[{field_path(e['loc'])}]: {message(e)}"
            for e in exc.errors()
        )
        raise LawDataError(problems) from None
    try:
        law = Law(
            verified_through=parts["meta.yaml"].verified_through,
            sources={s.id: s for s in parts["sources.yaml"].sources},
            designations=parts["designations.yaml"].designations,
            policies=parts["court_orders.yaml"].policies,
            orders=parts["court_orders.yaml"].orders,
            parameters=parameters,
            western_hemisphere_without_full_relations=parts[
                "exceptions.yaml"
            ].western_hemisphere_without_full_relations,
            port_of_entry_parole=parts["exceptions.yaml"].port_of_entry_parole_programs,
            contiguous_countries=parts["exceptions.yaml"].contiguous_countries,
            er_grounds=parts["grounds.yaml"].expedited_removal_grounds,
            arrival_charges=parts["grounds.yaml"].arrival_charges,
            contested={c.id: c for c in parts["contested.yaml"].contested},
            detention=parts["detention.yaml"],
            credible_fear=parts["credible_fear.yaml"],
            rules=rules,
        )
    except ValidationError as exc:
        problems.extend(f"meta.yaml: {field_path(e['loc'])}: {message(e)}" for e in exc.errors())
        raise LawDataError(problems) from None
    _cross_check(law, problems)
    if problems:
        raise LawDataError(problems)
    return law


@cache
def bundled_law() -> Law:
    """The law data shipped with the package, loaded once."""
    return load_law(DATA_DIR)
