"""Load the wording of reasons for a language; every language has the same keys."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

WORDING_DIR = Path(__file__).parent / "rules" / "wording"


@cache
def wording(language: str = "en") -> dict[str, dict[str, str]]:
    """Condition code (or `next_step`) -> outcome (or step) -> text."""
    data: dict[str, dict[str, str]] = yaml.safe_load(
        (WORDING_DIR / f"{language}.yaml").read_text(encoding="utf-8")
    )
    return data


def say(code: str, outcome: str, context: dict[str, Any], language: str = "en") -> str:
    """The text for `code` with outcome `holds`, `fails` or `unknown`, filled in."""
    template = wording(language)[code][outcome]
    return template.format_map(context)
