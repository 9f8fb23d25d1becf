"""What changes in the law on each day, in a person's words: for the charts and pages that
mark those days (the research pages' series, the simulation's charts)."""

from __future__ import annotations

import datetime as dt

from erpath.law.model import Law
from erpath.wording import words


def law_changes(law: Law, language: str) -> dict[dt.date, list[str]]:
    """What changes in the law on each day, in words (`changes.date.*` of the wording set,
    the entries' titles and contested questions from the law data; never an id)."""
    w = words(language)
    titles = {d.id: d.title for d in law.designations} | {o.id: o.title for o in law.orders}
    questions = {k: c.question for k, c in law.contested.items()}
    found: dict[dt.date, list[str]] = {}
    for change in law.changes():
        if change.entry == "verified_through":
            text = w.summary("verified_through", date=law.verified_through)
        else:
            context = {}
            if change.entry in titles:
                context["title"] = w.law_text(change.entry, titles[change.entry])
            if change.entry in questions:
                context["question"] = w.law_text(change.entry, questions[change.entry])
            text = w.change("date", change.what, **context)
        texts = found.setdefault(change.day, [])
        if text not in texts:
            texts.append(text)
    return found
