"""The presence timeline as a picture (PNG or SVG): each document a bar over the window,
the gaps the law looks at shaded, the start of that period and the two-year date marked."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.patches import Patch

from erpath.presence.analysis import Analysis
from erpath.presence.kinds import Strength
from erpath.wording import words
from erpath.wording.catalogs import gettext_for

COLOURS: dict[Strength, str] = {"strong": "#1b5e20", "good": "#4f8fcf", "weak": "#e0a030"}
GAP = "#d32f2f"
WIDTH_INCHES, DPI = 10.0, 100
PHONE_INCHES = 4.6  # drawn for a screen about 390 pixels wide


def draw_timeline(
    a: Analysis, path: Path, language: str = "en", width_inches: float = WIDTH_INCHES
) -> Path:
    """Write the chart to `path`; its suffix (.png or .svg) chooses the format. A narrow
    `width_inches` (PHONE_INCHES) keeps its letters readable on a phone's screen."""
    _ = gettext_for(language)
    w = words(language)
    used = [d for d in a.documents if d.used is not None]
    height = 1.6 + 0.32 * max(len(used), 1)
    fig, ax = plt.subplots(figsize=(width_inches, height), dpi=DPI)
    for row, d in enumerate(used):
        assert d.used is not None
        start = mdates.date2num(d.used.start)
        length = mdates.date2num(d.used.end + timedelta(days=1)) - start
        ax.barh(row, length, left=start, height=0.6, color=COLOURS[d.strength])
    for gap in a.gaps:
        ax.axvspan(
            mdates.date2num(gap.start),
            mdates.date2num(gap.end + timedelta(days=1)),
            color=GAP,
            alpha=0.18,
            lw=0,
        )
    marks: list[tuple[date, str, str]] = [
        (a.period_start, _("two years the law looks at"), "#555555"),
        (a.two_year_date, _("two years complete"), "#000000"),
        (a.as_of, _("determination"), "#7b1fa2"),
    ]
    for day, label, colour in marks:
        ax.axvline(mdates.date2num(day), color=colour, ls="--", lw=1.2, label=f"{label}: {day}")
    labels = [f"{d.number}. {w.label('evidence_kinds', d.evidence.kind)}" for d in used]
    ax.set_yticks(range(len(used)), labels, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(mdates.date2num(a.since), mdates.date2num(max(a.as_of, a.two_year_date)) + 5)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.set_title(_("Evidence of presence since {since}").format(since=a.since))
    handles = [Patch(color=c, label=w.label("strengths", s)) for s, c in COLOURS.items()]
    handles.append(Patch(color=GAP, alpha=0.3, label=_("gap")))
    ax.legend(
        handles=[*handles, *ax.get_legend_handles_labels()[0]],
        fontsize=7,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncol=4 if width_inches >= WIDTH_INCHES else 2,
        frameon=False,
    )
    fig.tight_layout()
    fig.savefig(path, format=path.suffix.lstrip(".").lower() or "png")
    plt.close(fig)
    return path
