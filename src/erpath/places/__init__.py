"""Places: the immigration courts (by the EOIR code of `proceedings.court`) and the US
international land border, with the distance from a place to the border, so that a person's
place can be chosen by court or city rather than typed in miles (2004 designation, 69 FR
48877: within 100 air miles of a land border). The data and its sources: data/PROVENANCE.md
(unverified, approximate coordinates)."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

DATA = Path(__file__).parent / "data"
EARTH_RADIUS_MILES = 3958.8
# Coordinates are approximate: within this many miles of a limit of the law, the distance
# computed is not relied on (the exact distance is asked).
MARGIN_MILES = 15.0


@dataclass(frozen=True)
class Court:
    """A base city of the EOIR case data: where it is, and its coordinates where it is a
    place hearings are held at (None for the Board, headquarters, test and second
    listings)."""

    code: str
    city: str
    state: str
    site: str  # EOIR's own name for the listing, where it is more than the city
    latitude: float | None
    longitude: float | None
    county: str = ""  # where ICE splits the state into areas by county (jurisdiction.py)

    @property
    def name(self) -> str:
        """ "Houston, TX (Greenspoint Park)", as EOIR's lookups name it."""
        return f"{self.city}, {self.state}" + (f" ({self.site})" if self.site else "")


@dataclass(frozen=True)
class Distance:
    """Air miles to the nearest point of the land border, and the nearest port of entry."""

    miles: float
    port: str


def _coordinate(text: str, limit: float, where: str) -> float:
    value = float(text)
    if not -limit <= value <= limit:
        raise ValueError(f"{where}: {value} is not a coordinate")
    return value


@cache
def courts() -> dict[str, Court]:
    """Every base city of EOIR's lookup by code, in the order of their cities."""
    found: dict[str, Court] = {}
    with (DATA / "courts.csv").open(encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.DictReader(handle), start=2):
            where = f"courts.csv line {n}"
            if row["code"] in found:
                raise ValueError(f"{where}: court {row['code']} is listed twice")
            if bool(row["latitude"]) != bool(row["longitude"]):
                raise ValueError(f"{where}: give both coordinates, or neither")
            found[row["code"]] = Court(
                row["code"],
                row["city"],
                row["state"],
                row["site"],
                _coordinate(row["latitude"], 90, where) if row["latitude"] else None,
                _coordinate(row["longitude"], 180, where) if row["longitude"] else None,
                row["county"],
            )
    return dict(sorted(found.items(), key=lambda item: (item[1].city, item[1].site, item[0])))


@cache
def hearing_places() -> dict[str, Court]:
    """The courts a hearing can be held at (those with coordinates), by code."""
    return {code: c for code, c in courts().items() if c.latitude is not None}


def court_distance(court: Court) -> Distance | None:
    """The court's distance to the land border, if it has coordinates."""
    if court.latitude is None or court.longitude is None:
        return None
    return distance_to_border(court.latitude, court.longitude)


@cache
def border() -> dict[str, list[tuple[float, float, str]]]:
    """The land border's lines: each a list of (latitude, longitude, port or "")."""
    lines: dict[str, list[tuple[float, float, str]]] = {}
    with (DATA / "border.csv").open(encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.DictReader(handle), start=2):
            where = f"border.csv line {n}"
            lines.setdefault(row["line"], []).append(
                (
                    _coordinate(row["latitude"], 90, where),
                    _coordinate(row["longitude"], 180, where),
                    row["port"],
                )
            )
    return lines


def _segment_miles(lat: float, lon: float, a: tuple[float, float], b: tuple[float, float]) -> float:
    """Miles from a point to a segment, on a plane tangent at the point (equirectangular:
    close enough at the few hundred miles that matter here)."""
    scale = math.cos(math.radians(lat))

    def plane(p: tuple[float, float]) -> tuple[float, float]:
        return (p[1] - lon) * scale, p[0] - lat

    (ax, ay), (bx, by) = plane(a), plane(b)
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length))
    x, y = ax + t * dx, ay + t * dy
    return math.radians(math.hypot(x, y)) * EARTH_RADIUS_MILES


def _miles(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle miles between two points (haversine)."""
    (lat1, lon1), (lat2, lon2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(h))


def distance_to_border(latitude: float, longitude: float) -> Distance:
    """Air miles from a point to the nearest land border, and the nearest port of entry."""
    nearest = min(
        _segment_miles(latitude, longitude, a[:2], b[:2])
        for line in border().values()
        for a, b in pairwise(line)
    )
    ports = [(lat, lon, name) for line in border().values() for lat, lon, name in line if name]
    port = min(ports, key=lambda p: _miles((latitude, longitude), p[:2]))
    return Distance(round(nearest, 1), port[2])


@cache
def state_names(language: str) -> dict[str, str]:
    """The US states and territories (USPS codes) by their names in `language`."""
    with (DATA / "states.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row[language] for row in csv.DictReader(handle)}


def near_a_limit(miles: float, limits: list[float]) -> bool:
    """Whether a computed distance is too close to a limit of the law to rely on."""
    return any(abs(miles - limit) <= MARGIN_MILES for limit in limits)


__all__ = [
    "MARGIN_MILES",
    "Court",
    "Distance",
    "border",
    "court_distance",
    "courts",
    "distance_to_border",
    "hearing_places",
    "near_a_limit",
    "state_names",
]
