"""The law's history in date order, for a reader: each designation's start and end, each
court order's issue, and each stretch where an order's effect is unknown, with the titles
and questions in the reader's language (erpath.wording)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from erpath.law.model import Law, Source
from erpath.law.moment import boundary_day
from erpath.wording import words


@dataclass(frozen=True)
class Happening:
    day: dt.date
    kind: str  # designation, ends, exception_ends, enacted, effective, order, unknown
    order_kind: str | None  # for an order: its kind (order_kinds in the wording)
    what: str
    detail: str
    sources: list[Source]
    approximate: bool = False  # the day is approximate (the sources say "late September")

    def when(self, language: str = "en") -> str:
        """The day in prose, "about" it where it is approximate."""
        w = words(language)
        day = w.date(self.day)
        return w.fragment("about_day", day=day) if self.approximate else day


def timeline(law: Law, language: str = "en") -> list[Happening]:
    """Designations (start and end, and the end of a nationals' exception), the statutes
    that brought in a rule (enacted, in effect), court orders (issued), and the stretches
    where an order's effect is unknown, in date order, worded in `language`."""
    w = words(language)
    found: list[Happening] = []
    for d in law.designations:
        cited = [law.sources[s] for s in d.sources]
        title = w.law_text(d.id, d.title)
        found.append(Happening(boundary_day(d.since), "designation", None, title, "", cited))
        if d.until is not None:
            found.append(Happening(boundary_day(d.until), "ends", None, title, "", cited))
    for d in law.designations:
        title = w.law_text(d.id, d.title)
        for n in {
            (n.country, n.until): n for c in d.classes for n in c.nationals_excepted
        }.values():
            cited = [law.sources[s] for s in n.sources]
            who = w.label("nationals", n.country)
            found.append(Happening(n.until, "exception_ends", None, title, who, cited))
    for spec in law.rules.values():
        if spec.in_force is not None:
            cited = [law.sources[s] for s in spec.in_force.sources]
            rule = w.label("codes", spec.code)
            found.append(Happening(spec.in_force.enacted, "enacted", None, rule, "", cited))
            found.append(Happening(spec.in_force.effective, "effective", None, rule, "", cited))
    for o in law.orders:
        cited = [law.sources[s] for s in o.sources]
        title = w.law_text(o.id, o.title)
        court = f"{o.court}, {o.case}"
        found.append(
            Happening(o.issued_on, "order", o.kind, title, court, cited, o.issued_approximately)
        )
        for u in o.unknown:
            question = w.law_text(u.contested, law.contested[u.contested].question)
            found.append(Happening(u.from_, "unknown", None, title, question, cited))
    return sorted(found, key=lambda h: (h.day, h.kind))
