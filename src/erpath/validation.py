"""Turn pydantic validation errors into one line per problem, naming the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


def field_path(loc: tuple[int | str, ...]) -> str:
    """`('departures', 0)` -> `departures[0]`; pydantic's internal segments are dropped."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.startswith("function-") or "[" in part:
            continue
        else:
            out += f".{part}" if out else part
    return out


def message(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required, missing"
    return str(error["msg"]).removeprefix("Value error, ")


def problems(exc: ValidationError, prefix: str = "") -> list[str]:
    """One line per problem: `field.path: what is wrong` (problems of the whole document
    already name their field)."""
    lines: list[str] = []
    for error in exc.errors():
        path = field_path(tuple(error["loc"]))
        text = message(error)
        line = f"{path}: {text}" if path else text
        lines.append(f"{prefix}{line}")
    return list(dict.fromkeys(lines))


def read_yaml_model(path: Path, model: type[M], problems: list[str]) -> M | None:
    """Parse a YAML file into `model`, adding one line per problem (naming the file and
    the key) to `problems`; None when it cannot be read."""
    name = path.name
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        return model.model_validate(raw)
    except FileNotFoundError:
        problems.append(f"{name}: file is missing")
    except yaml.YAMLError as exc:
        problems.append(f"{name}: not valid YAML: {exc}")
    except ValidationError as exc:
        problems.extend(f"{name}: {field_path(e['loc'])}: {message(e)}" for e in exc.errors())
    return None
