"""Reading a user's documents: JSON read within bounds, and pydantic validation errors
turned into one line per problem, naming the field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)

MAX_DOCUMENT_BYTES = 8 * 2**20  # a facts document with 10,000 documents of evidence is ~2 MB
MAX_DEPTH = 32  # a facts document nests 4 levels; a case bundle 6


class DocumentError(ValueError):
    """A document that cannot be read: one line naming the document and the problem."""


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _depth(value: Any) -> int:
    """How deeply `value` nests arrays and objects (0 for a scalar), without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            level += 1
            deepest = max(deepest, level)
            stack.extend(
                (child, level) for child in (item.values() if isinstance(item, dict) else item)
            )
    return deepest


def _check_size(size: int, what: str) -> None:
    if size > MAX_DOCUMENT_BYTES:
        raise DocumentError(
            f"{what}: {size:,} bytes is larger than the {MAX_DOCUMENT_BYTES:,} bytes erpath reads"
        )


def read_json(data: bytes | str, what: str) -> Any:
    """The JSON value of `data`; DocumentError naming `what` if it is not JSON, is larger
    than MAX_DOCUMENT_BYTES, nests deeper than MAX_DEPTH or holds NaN or Infinity."""
    _check_size(len(data.encode("utf-8") if isinstance(data, str) else data), what)
    try:
        value = json.loads(data, parse_constant=_no_constant)
    except RecursionError:
        raise DocumentError(f"{what}: nested deeper than {MAX_DEPTH} levels") from None
    except UnicodeDecodeError as exc:
        raise DocumentError(f"{what}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise DocumentError(
            f"{what}: not valid JSON ({exc.msg}, line {exc.lineno} column {exc.colno})"
        ) from None
    except ValueError as exc:
        raise DocumentError(f"{what}: not valid JSON ({exc})") from None
    if _depth(value) > MAX_DEPTH:
        raise DocumentError(f"{what}: nested deeper than {MAX_DEPTH} levels")
    return value


def read_json_file(path: Path, what: str | None = None) -> Any:
    """`read_json` of the file at `path` (named by `what`, or by its path), checking its
    size before reading it."""
    name = what or str(path)
    try:
        _check_size(path.stat().st_size, name)
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{name}: cannot read: {exc.strerror}") from None
    return read_json(data, name)


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


def read_yaml_model(
    path: Path, model: type[M], problems: list[str], name: str | None = None, **extra: Any
) -> M | None:
    """Parse a YAML file into `model` (with the `extra` fields added to its mapping),
    adding one line per problem (naming the file, as `name` or its own name, and the key)
    to `problems`; None when it cannot be read."""
    name = name or path.name
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        if extra:
            raw = {**raw, **extra} if isinstance(raw, dict) else raw
        return model.model_validate(raw)
    except FileNotFoundError:
        problems.append(f"{name}: file is missing")
    except yaml.YAMLError as exc:
        problems.append(f"{name}: not valid YAML: {exc}")
    except ValidationError as exc:
        for e in exc.errors():
            where = field_path(tuple(e["loc"]))
            problems.append(f"{name}: {where}: {message(e)}" if where else f"{name}: {message(e)}")
    return None
