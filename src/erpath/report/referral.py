"""Who the client calls: the referral block an organisation configures for its client
summaries (a YAML file: `erpath web --referral FILE` or `ERPATH_REFERRAL`). Every text may be
given once or per language; a bad file is refused with each problem named by its field."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from erpath.validation import problems
from erpath.wording.catalogs import LANGUAGES

Text = str | dict[str, str]


class Referral(BaseModel):
    """An organisation's contact details, shown at the foot of every client summary."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Text = Field(description="the organisation's name")
    phone: str | None = None
    email: str | None = None
    address: Text | None = None
    hours: Text | None = Field(default=None, description="when to call")
    note: Text | None = Field(default=None, description="anything else the client should know")

    def text(self, key: str, language: str) -> str | None:
        """A text in `language` (or its only form, or English)."""
        value = getattr(self, key)
        if value is None or isinstance(value, str):
            return value
        found = value.get(language) or value.get("en")
        return str(found) if found is not None else None


class ReferralError(ValueError):
    """The referral file cannot be used; `problems` has one line per problem."""

    def __init__(self, path: Path, lines: list[str]) -> None:
        super().__init__("\n".join(f"{path.name}: {line}" for line in lines))
        self.problems = [f"referral file {path}: {line}" for line in lines]


def load_referral(path: Path) -> Referral:
    """The referral of a YAML file; ReferralError naming every problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ReferralError(path, [f"cannot be read ({exc.strerror})"]) from None
    except yaml.YAMLError as exc:
        raise ReferralError(path, [f"is not YAML ({exc})"]) from None
    try:
        referral = Referral.model_validate(data)
    except ValidationError as exc:
        raise ReferralError(path, problems(exc)) from None
    bad = [
        f"{key}: {language!r} is not one of {', '.join(LANGUAGES)}"
        for key in ("name", "address", "hours", "note")
        if isinstance(value := getattr(referral, key), dict)
        for language in value
        if language not in LANGUAGES
    ]
    if bad:
        raise ReferralError(path, bad)
    return referral


__all__ = ["Referral", "ReferralError", "load_referral"]
