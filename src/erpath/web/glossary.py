"""The glossary of legal terms (glossary.yaml): plain definitions in each language."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, RootModel

from erpath.wording.catalogs import LANGUAGES

GLOSSARY_FILE = Path(__file__).parent / "glossary.yaml"


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    term: str
    definition: str


class _Glossary(RootModel[dict[str, dict[str, Entry]]]):
    pass


@cache
def glossary() -> dict[str, dict[str, Entry]]:
    """Term id -> language -> entry; every term has every language (else ValueError)."""
    data = _Glossary.model_validate(yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8"))).root
    for key, entries in data.items():
        missing = [lang for lang in LANGUAGES if lang not in entries]
        if missing:
            raise ValueError(f"glossary.yaml: {key}: no {', '.join(missing)} entry")
    return data


def entry(key: str, language: str) -> Entry:
    return glossary()[key][language]
