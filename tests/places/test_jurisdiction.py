"""Areas of responsibility and circuits: every court that hears cases is in one ICE area
and one circuit, and the places the 2025 court orders name come out where the orders say."""

from __future__ import annotations

import pytest

from erpath.places import hearing_places, state_names
from erpath.places.jurisdiction import (
    area_of_court,
    area_of_state,
    circuit_of_court,
    circuit_of_state,
)


def test_every_place_of_hearings_is_in_an_area_and_a_circuit() -> None:
    lost = [
        code
        for code in hearing_places()
        if area_of_court(code) is None or circuit_of_court(code) is None
    ]
    assert lost == []


@pytest.mark.parametrize(
    ("court", "area"),
    [
        # Pablo Sequen v. Albarran (N.D. Cal. 2025): northern and central California,
        # Hawaii, Guam, Saipan
        ("SFR", "San Francisco"),
        ("CCC", "San Francisco"),
        ("SMO", "San Francisco"),
        ("HON", "San Francisco"),
        ("AGA", "San Francisco"),
        ("SAI", "San Francisco"),
        # southern California is not in it
        ("LOS", "Los Angeles"),
        ("ADL", "Los Angeles"),
        ("SND", "San Diego"),
        ("HOU", "Houston"),
        ("NYC", "New York City"),
        ("BUF", "Buffalo"),
    ],
)
def test_a_court_is_in_its_ice_area(court: str, area: str) -> None:
    assert area_of_court(court) == area


def test_a_state_split_by_county_has_no_single_area() -> None:
    assert area_of_state("CA") is None
    assert area_of_state("HI") == "San Francisco"
    assert area_of_court("ZZZ") is None


@pytest.mark.parametrize(
    ("state", "circuit"),
    [
        ("TX", "5"),
        ("LA", "5"),
        ("MN", "8"),
        ("NY", "2"),
        ("PA", "3"),
        ("OH", "6"),
        ("CA", "9"),
        ("GU", "9"),
        ("DC", "DC"),
        ("PR", "1"),
        ("AS", None),
        ("ZZ", None),
    ],
)
def test_a_state_is_in_its_circuit(state: str, circuit: str | None) -> None:
    assert circuit_of_state(state) == circuit


def test_every_state_but_american_samoa_has_a_circuit() -> None:
    assert [s for s in state_names("en") if circuit_of_state(s) is None] == ["AS"]
