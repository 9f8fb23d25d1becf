"""The workbench analysis printed for a terminal."""

from __future__ import annotations

from datetime import date

from rich.console import Console
from rich.table import Table

from erpath.presence.analysis import Analysis
from erpath.presence.clock import ONE_DAY, Stretch
from erpath.presence.kinds import documents_for
from erpath.wording import words

SHOWN = 4  # kinds named for each gap


def _stretch(s: Stretch) -> str:
    return f"{s.start} to {s.end} ({s.days} day{'s' if s.days != 1 else ''})"


def show_presence(out: Console, a: Analysis) -> None:
    """The analysis in English words (erpath.wording), never the kinds' codes."""
    w = words("en")
    cov = a.coverage
    share = cov.shown_days / cov.days if cov.days else 0.0
    out.print(
        f"Presence since the last arrival on {a.since}, as of {a.as_of}: {cov.days} days, "
        f"{cov.shown_days} inside some document ({share:.0%})."
    )
    out.print(
        f"Two years are complete on {a.two_year_date}; the law looks at "
        f"{a.period_start} to the day before {a.as_of}."
    )
    verdict = "[green]shown[/]" if a.shown else "[red]not shown[/]"
    if not a.complete:
        verdict += " (two years are not yet complete)"
    out.print(
        f"Under the {a.policy} policy, two years are {verdict}. "
        "The officer decides; this is erpath's reading of the documents."
    )
    if a.gaps:
        out.print("[bold]Gaps to cover[/] (inside the two years the law looks at):")
        for gap in a.gaps:
            out.print(f"  {_stretch(gap)}")
    ignored = [d for d in a.documents if d.ignored]
    for d in ignored:
        out.print(
            f"Document {d.number} ({w.label('evidence_kinds', d.evidence.kind)}, "
            f"{d.evidence.from_} to "
            f"{d.evidence.to}) counts for nothing: it {d.ignored}."
        )
    if a.personal_only:
        out.print(
            "Covered only by affidavits or personal records: "
            + "; ".join(_stretch(s) for s in a.personal_only)
        )
    if a.weakest and a.weakest_strength:
        out.print(
            f"Weakest stretch, covered only by {w.label('strengths', a.weakest_strength)} "
            f"documents: {_stretch(a.weakest)}"
        )
    if a.as_of > date.today():
        out.print(
            f"The determination date is ahead: documents must keep covering every day "
            f"through {a.as_of - ONE_DAY}; days after today cannot be documented yet."
        )
    table = Table("month", "days", "covered", "best document", "government or business")
    for m in a.months:
        table.add_row(
            m.first.strftime("%Y-%m"),
            str(m.days),
            str(m.covered),
            w.label("strengths", m.best) if m.best else "-",
            "yes" if m.third_party else "[red]no[/]",
        )
    out.print(table)
    if a.suggestions:
        out.print(
            "[bold]What to collect[/] for each gap, sized to it: the kinds of which a few "
            "documents cover it, strongest first:"
        )
        for s in a.suggestions:
            best = "; ".join(
                f"{w.label('evidence_kinds', k)} ({_documents(documents_for(k, s.gap.days))}: "
                f"{w.label('evidence_examples', k)})"
                for k in s.kinds[:SHOWN]
            )
            out.print(f"  {_stretch(s.gap)}: {best}")


def _documents(n: int) -> str:
    return "1 document" if n == 1 else f"{n} documents"
