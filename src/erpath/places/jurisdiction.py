"""Which ICE area of responsibility and which federal judicial circuit a place is in.

The area decides the orders scoped to one (ICE's San Francisco area: *Pablo Sequen v.
Albarran*, N.D. Cal. 2025); the circuit decides which court of appeals' reading of the
detention statutes binds there (legal brief section 5). Areas: ICE's list of areas by state
and, where a state is split, by county (data/ice-areas-of-responsibility.csv); circuits:
28 U.S.C. 41 (data/states.csv). Provenance: data/PROVENANCE.md.
"""

from __future__ import annotations

import csv
from functools import cache

from erpath.places import DATA, courts


@cache
def _states() -> dict[str, dict[str, str]]:
    with (DATA / "states.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row for row in csv.DictReader(handle)}


@cache
def _areas() -> dict[tuple[str, str], str]:
    """ICE's office by (state code, county), the county "" for a state wholly in one area."""
    by_name = {row["ice_name"] or row["en"]: code for code, row in _states().items()}
    found: dict[tuple[str, str], str] = {}
    path = DATA / "ice-areas-of-responsibility.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.DictReader(handle, skipinitialspace=True), start=2):
            state = by_name.get(row["state_name"])
            if state is None:
                raise ValueError(f"{path.name} line {n}: unknown state {row['state_name']!r}")
            found[(state, row["county_name"])] = row["office_name"]
    return found


def area_of_state(state: str) -> str | None:
    """The ICE area of a state or territory, where the whole of it is in one (None where
    ICE splits it by county, as California, New York and Texas, or lists it nowhere)."""
    return _areas().get((state, ""))


def area_of_court(code: str) -> str | None:
    """The ICE area of the immigration court of this EOIR code (None where the court, or
    its county in a state split by county, is not known)."""
    court = courts().get(code)
    if court is None:
        return None
    return area_of_state(court.state) or _areas().get((court.state, court.county))


def circuit_of_state(state: str) -> str | None:
    """The federal judicial circuit of a state or territory (28 U.S.C. 41): "1" to "11" or
    "DC"; None for a place in no circuit (American Samoa) or unknown."""
    row = _states().get(state)
    return row["circuit"] or None if row else None


def circuit_of_court(code: str) -> str | None:
    """The circuit of the state an immigration court sits in."""
    court = courts().get(code)
    return circuit_of_state(court.state) if court else None


def circuits() -> set[str]:
    """Every federal judicial circuit a state or territory is in."""
    return {row["circuit"] for row in _states().values() if row["circuit"]}


def areas() -> set[str]:
    """Every ICE area of responsibility, by ICE's office name."""
    return set(_areas().values())
