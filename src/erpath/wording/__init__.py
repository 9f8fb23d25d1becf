"""The one wording set (ADR 0019): every word erpath shows for a code, per language, in
`wording/<language>.yaml`, keyed by the code. The web, the report, the calendar and the
command line read it here; the gettext catalogs (ADR 0005) keep only the pages' own
prose. A code is the contract; what a person reads is its label.

Groups: `answers` (a word and a sentence per answer), `categories`, `codes` (the name of
every condition, blocking and open-point code), `outcomes`, `verification`, `order_kinds`,
`deadlines`, `parties`, `states` and `events` of the procedure, `screenings`,
`evidence_kinds`, `evidence_examples`, `strengths`, `arrival_modes`, `claimed_statuses`,
`kinds` (law or policy), `exceptions` (cases a dated parameter does not govern),
`nationals` (the nationals a designation excepted, by country),
`standings` (how a law-data entry bears on a moment), `explain` (the command line's
headings),
`reasons` (per condition, the text for each outcome), `next_steps`, `fragments` (the
pieces filled into reasons), `changes` (the counterfactuals, by kind), `summary` (the
sentences of a determination's summary), `dates` (how the language writes a date and a
time of day) and, outside English, `law` (the law data's titles and questions by id; in
English the data's own text).

Dates filled into any text are written as people of the language write them ("July 31,
2025", "31 de julio de 2025"), with the time of day and its UTC offset where there is
one; data keeps ISO 8601."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from erpath.wording.catalogs import LANGUAGES

WORDING_DIR = Path(__file__).parent
LABEL_GROUPS = (
    "categories",
    "codes",
    "outcomes",
    "verification",
    "order_kinds",
    "deadlines",
    "parties",
    "states",
    "events",
    "screenings",
    "evidence_kinds",
    "strengths",
    "arrival_modes",
    "claimed_statuses",
    "kinds",
    "exceptions",
    "nationals",
)


class WordingError(LookupError):
    """A code with no wording in a language: the message names the group, code and
    language (tests/test_wording.py keeps every code of the data worded)."""


def _language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"language: {language!r} is not one of {', '.join(LANGUAGES)}")
    return language


@dataclass(frozen=True)
class Wording:
    language: str
    data: Mapping[str, Any]

    def _entry(self, *keys: str) -> Any:
        found: Any = self.data
        for i, key in enumerate(keys):
            if not isinstance(found, Mapping) or key not in found:
                where = ".".join(keys[: i + 1])
                raise WordingError(f"wording/{self.language}.yaml has no {where}")
            found = found[key]
        return found

    def date(self, value: date) -> str:
        """`value` in prose; a date-time with its time of day and UTC offset."""
        form = self._entry("dates")
        month = form["months"][value.month - 1]
        day: str = form["day"].format(day=value.day, month=month, year=value.year)
        if not isinstance(value, datetime):
            return day
        text: str = form["date_time"].format(day=day, time=self.time(value))
        return text

    def time(self, value: datetime) -> str:
        """The time of day of `value` with its UTC offset ("6:00 p.m. (UTC-05:00)")."""
        form = self._entry("dates")
        zone = value.strftime("%z")
        text: str = form["time"].format(
            hour=value.hour % 12 or 12,
            hour24=value.hour,
            minute=f"{value.minute:02d}",
            half=form["halves"][value.hour >= 12],
            offset=f"{zone[:3]}:{zone[3:]}",
        )
        return text

    def standing(self, status: str, at: datetime | None = None, question: str = "") -> str:
        """How a designation or court order bears on a moment (`Law.standing`), in words."""
        time = self.time(at) if at is not None else ""
        return self._fill(self._entry("standings", status), {"time": time, "question": question})

    def _fill(self, template: str, context: Mapping[str, Any]) -> str:
        return template.format_map(
            {k: self.date(v) if isinstance(v, date) else v for k, v in context.items()}
        )

    def has(self, group: str, code: str) -> bool:
        return code in self.data.get(group, {})

    def label(self, group: str, code: str) -> str:
        """What a person reads for `code` of `group` (a state, event, deadline, ...)."""
        text: str = self._entry(group, code)
        return text

    def labels(self, group: str) -> dict[str, str]:
        """Every code of `group` with its label, in the wording's order."""
        found: dict[str, str] = dict(self._entry(group))
        return found

    def answer(self, code: str) -> str:
        """The one word of an answer (`yes`, `no`, `depends`)."""
        text: str = self._entry("answers", code, "word")
        return text

    def answer_sentence(self, code: str, as_of: object) -> str:
        return self._fill(self._entry("answers", code, "sentence"), {"as_of": as_of})

    def reason(self, code: str, outcome: str, context: Mapping[str, Any]) -> str:
        """The reason for condition `code` with outcome `holds`, `fails` or `unknown`."""
        return self._fill(self._entry("reasons", code, outcome), context)

    def reason_template(self, code: str, outcome: str) -> str | None:
        template: str | None = self.data["reasons"].get(code, {}).get(outcome)
        return template

    def next_step(self, key: str, **context: Any) -> str:
        return self._fill(self._entry("next_steps", key), context)

    def fragment(self, key: str, **context: Any) -> str:
        return self._fill(self._entry("fragments", key), context)

    def change(self, *keys: str, **context: Any) -> str:
        """A counterfactual's change: `changes.<kind>[.<what>]`, filled in."""
        return self._fill(self._entry("changes", *keys), context)

    def summary(self, *keys: str, **context: Any) -> str:
        """A piece of a determination's summary: `summary.<keys>`, filled in."""
        return self._fill(self._entry("summary", *keys), context)

    def block(self, name: str, key: str, **context: Any) -> str:
        """A sentence of a determination's block (`blocks.<name>.<key>`: arrest_at_court,
        dismissal_response, detention, credible_fear), filled in."""
        return self._fill(self._entry("blocks", name, key), context)

    def join(self, items: Iterable[str]) -> str:
        """`items` as a list in a sentence, or the word for none."""
        listed = list(items)
        return self.fragment("list_separator").join(listed) if listed else self.fragment("none")

    def law_text(self, entry_id: str, english: str) -> str:
        """The title or question of law-data entry `entry_id` (English: the data's text)."""
        if self.language == "en":
            return english
        text: str = self._entry("law", entry_id)
        return text


@cache
def words(language: str = "en") -> Wording:
    """The wording set of `language` (`en` or `es`)."""
    path = WORDING_DIR / f"{_language(language)}.yaml"
    return Wording(language, yaml.safe_load(path.read_text(encoding="utf-8")))


__all__ = ["LABEL_GROUPS", "Wording", "WordingError", "words"]
