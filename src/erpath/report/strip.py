"""The timeline strip: a determination's `timeline` drawn as one horizontal bar per posture
(as given, and if the 240 case is dismissed), for the answer page and the report alike.

Each period is a segment coloured by its answer (yes red: exposed; no green; depends
amber), as wide as its days; an open-ended last period gets a fixed share of the bar and
a fading tail. Each boundary carries the number of the period it starts, and the periods
are listed under the bar with their dates, answer and cause: the list is the strip's text
alternative (the drawing is hidden from assistive technology and never the only carrier
of a fact). The drawing is inline SVG sized in percentages of its width and no viewBox,
so text keeps its size and nothing is clipped on a phone; no script is needed, and no
style attribute (the web's Content-Security-Policy allows none).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup, escape

from erpath.contract.determination import Answer, Determination, Period

OPEN_SHARE = 20.0  # percent of the bar for an open-ended last period
MIN_SHARE = 2.0  # percent: the least width of a period, so a short one stays visible
COLOURS: dict[str, str] = {"yes": "#b3261e", "no": "#2e7d32", "depends": "#b26a00"}
INK = "#1b1b1b"
BAR_TOP, BAR_HEIGHT = 18, 26
LABEL_ROW = 16  # the height of a row of boundary numbers under the bar
CLOSE = 6.0  # percent: boundary numbers closer than this go on another row
FADE = (0.72, 0.5, 0.3)  # the opacity of an open-ended tail, step by step


@dataclass(frozen=True)
class Segment:
    """One period of the timeline, placed on the bar (`left`, `width`: percent)."""

    number: int
    period: Period
    left: float
    width: float

    @property
    def start(self) -> dt.date:
        return self.period.from_

    @property
    def end(self) -> dt.date | None:  # inclusive; None: open-ended
        return self.period.to

    @property
    def answer(self) -> Answer:
        return self.period.er_applicable

    @property
    def open_ended(self) -> bool:
        return self.end is None


@dataclass(frozen=True)
class Strip:
    key: str  # as_given or if_dismissed: the posture, for ids
    segments: list[Segment]


def _shares(periods: list[Period]) -> list[float]:
    """Each period's width in percent: days for a closed period, OPEN_SHARE for an
    open-ended last one; none narrower than MIN_SHARE."""
    open_last = periods[-1].to is None
    closed = [(p.to - p.from_).days + 1 for p in periods if p.to is not None]
    room = 100.0 - (OPEN_SHARE if open_last and closed else 0.0)
    if not closed:
        return [100.0]
    # lift the narrow periods to the least share, and share out the rest by days
    total = sum(closed)
    small = [d * room / total < MIN_SHARE for d in closed]
    rest = room - MIN_SHARE * sum(small)
    big_days = sum(d for d, s in zip(closed, small, strict=True) if not s) or 1
    widths = [MIN_SHARE if s else d * rest / big_days for d, s in zip(closed, small, strict=True)]
    return [*widths, OPEN_SHARE] if open_last else widths


def strip(key: str, periods: list[Period]) -> Strip:
    """The periods of one posture placed on a bar of 100 percent."""
    left = 0.0
    segments = []
    for number, (period, width) in enumerate(zip(periods, _shares(periods), strict=True), 1):
        segments.append(Segment(number, period, round(left, 3), round(width, 3)))
        left += width
    return Strip(key, segments)


def strips(d: Determination) -> list[Strip]:
    """The determination's strips: as given, then, where there is one, if dismissed."""
    if d.timeline is None:
        return []
    found = [strip("as_given", d.timeline.as_given)] if d.timeline.as_given else []
    if d.timeline.if_dismissed:
        found.append(strip("if_dismissed", d.timeline.if_dismissed))
    return found


def _rows(segments: list[Segment]) -> list[int]:
    """The row of each boundary number: the first row unless it would touch the number
    before it there."""
    last: list[float] = []  # the position of the last number on each row
    rows = []
    for s in segments:
        row = next((i for i, x in enumerate(last) if s.left - x >= CLOSE), len(last))
        if row == len(last):
            last.append(s.left)
        else:
            last[row] = s.left
        rows.append(row)
    return rows


def _pct(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") + "%"


def drawing(s: Strip, open_label: str) -> Markup:
    """The bar of `s` as inline SVG: the segments, a tick and the period's number at each
    start, the fading tail of an open-ended period marked with `open_label`."""
    rows = _rows(s.segments)
    height = BAR_TOP + BAR_HEIGHT + LABEL_ROW * (max(rows) + 1) + 4
    bottom = BAR_TOP + BAR_HEIGHT
    parts = [
        f'<svg class="strip-bar" xmlns="http://www.w3.org/2000/svg" width="100%" '
        f'height="{height}" aria-hidden="true" focusable="false" data-posture="{escape(s.key)}">'
    ]
    for seg in s.segments:
        colour = COLOURS[seg.answer]
        parts.append(
            f'<rect class="segment {seg.answer}" x="{_pct(seg.left)}" y="{BAR_TOP}" '
            f'width="{_pct(seg.width)}" height="{BAR_HEIGHT}" fill="{colour}" '
            f'data-answer="{seg.answer}" data-from="{seg.start.isoformat()}"/>'
        )
        if seg.open_ended:
            # a tail that fades out: the period runs on past the end of the bar
            step = seg.width / (2 * len(FADE))
            for i, opacity in enumerate(FADE):
                x = seg.left + seg.width - step * (len(FADE) - i)
                parts.append(
                    f'<rect x="{_pct(x)}" y="{BAR_TOP}" width="{_pct(step)}" '
                    f'height="{BAR_HEIGHT}" fill="#ffffff" fill-opacity="{1 - opacity:.2f}"/>'
                )
            parts.append(
                f'<text x="100%" y="{BAR_TOP - 5}" text-anchor="end" font-size="11" '
                f'fill="{INK}">{escape(open_label)} \u2192</text>'
            )
    for seg, row in zip(s.segments, rows, strict=True):
        at = _pct(seg.left)
        if seg.number > 1:
            parts.append(
                f'<line x1="{at}" x2="{at}" y1="{BAR_TOP - 3}" y2="{bottom + 4 + LABEL_ROW * row}" '
                f'stroke="{INK}" stroke-width="2"/>'
            )
        anchor = "start" if seg.left < 1 else ("end" if seg.left > 98 else "middle")
        parts.append(
            f'<text x="{at}" y="{bottom + 15 + LABEL_ROW * row}" text-anchor="{anchor}" '
            f'font-size="12" font-weight="bold" fill="{INK}">{seg.number}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def swatch(answer: str) -> Markup:
    """A small square of the colour of `answer`, beside its word in the list of periods."""
    return Markup(
        '<svg class="swatch" xmlns="http://www.w3.org/2000/svg" width="10" height="10" '
        'aria-hidden="true" focusable="false"><rect width="10" height="10" fill="{fill}" '
        'stroke="{ink}" stroke-width="1"/></svg>'
    ).format(fill=COLOURS[answer], ink=INK)


__all__ = [
    "COLOURS",
    "MIN_SHARE",
    "OPEN_SHARE",
    "Segment",
    "Strip",
    "drawing",
    "strip",
    "strips",
    "swatch",
]
