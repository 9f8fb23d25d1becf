"""The bundled places: every court has a state with a name in each language, every place
of hearings its coordinates, and distances to the land border come out where the map puts them."""

from __future__ import annotations

import pytest

from erpath.places import (
    MARGIN_MILES,
    border,
    court_distance,
    courts,
    distance_to_border,
    hearing_places,
    near_a_limit,
    state_names,
)
from erpath.wording.catalogs import LANGUAGES


def test_every_court_has_a_state_named_in_every_language() -> None:
    assert len(courts()) >= 80
    for language in LANGUAGES:
        names = state_names(language)
        assert {c.state for c in courts().values()} <= set(names)
    assert state_names("es")["NY"] == "Nueva York"


@pytest.mark.parametrize(
    ("code", "low", "high"),
    [
        ("ELP", 0, 5),  # El Paso: on the Rio Grande
        ("SND", 5, 20),  # San Diego
        ("DET", 0, 5),  # Detroit: on the Detroit River
        ("TUC", 50, 70),  # Tucson
        ("HOU", 250, 320),  # Houston
        ("NYC", 230, 300),  # New York
        ("SFR", 400, 500),  # San Francisco
        ("HON", 2000, 3500),  # Honolulu: no land border near
    ],
)
def test_court_distances_to_the_land_border(code: str, low: float, high: float) -> None:
    found = court_distance(courts()[code])
    assert found is not None
    assert low <= found.miles <= high


def test_every_place_of_hearings_has_coordinates_and_others_none() -> None:
    assert len(courts()) == 96  # every base city of EOIR's lookup
    assert courts()["HOU"].name == "Houston, TX (500 Jefferson Street)"
    assert courts()["BIA"].latitude is None  # the Board holds no hearings with the person
    assert "BIA" not in hearing_places()
    assert len(hearing_places()) >= 80


def test_a_port_of_entry_is_on_the_border_and_is_its_own_nearest_port() -> None:
    for line in border().values():
        assert len(line) >= 2
        for lat, lon, port in line:
            if port:
                found = distance_to_border(lat, lon)
                assert found.miles < 0.5
                assert found.port == port


def test_a_distance_near_a_limit_is_not_relied_on() -> None:
    assert near_a_limit(100 - MARGIN_MILES, [100.0])
    assert near_a_limit(100 + MARGIN_MILES, [100.0])
    assert not near_a_limit(100 + MARGIN_MILES + 0.1, [100.0])
