"""The choices of the screening's pickers, named in the page's language: countries for the
citizenship (ISO 3166-1 alpha-3 codes, the facts' `person.citizenship`, from pycountry, named
by CLDR through Babel, those often seen in immigration court first) and the immigration
courts by city (erpath.places: the places hearings are held at)."""

from __future__ import annotations

import unicodedata
from functools import cache

import pycountry
from babel import Locale

from erpath.places import hearing_places, state_names

# Nationalities often seen in immigration court, offered first so that most people are
# found without scrolling (an order for convenience, not a statistic).
FIRST = ("MEX", "GTM", "HND", "SLV", "VEN", "COL", "ECU", "NIC", "CUB", "HTI", "IND", "CHN")


def _key(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


@cache
def country_names(language: str) -> dict[str, str]:
    """Every country's name in `language`, by alpha-3 code, in that language's order."""
    territories = Locale(language).territories
    names = {c.alpha_3: territories.get(c.alpha_2, c.name) for c in pycountry.countries}
    return dict(sorted(names.items(), key=lambda item: _key(item[1])))


def country_options(language: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(the most common countries, every country), as (code, name) pairs."""
    names = country_names(language)
    return [(c, names[c]) for c in FIRST], list(names.items())


def court_options(language: str) -> list[tuple[str, str]]:
    """The courts as (code, "City (State), listing") in `language`, by city."""
    states = state_names(language)
    return [
        (c.code, f"{c.city} ({states.get(c.state, c.state)})" + (f", {c.site}" if c.site else ""))
        for c in hearing_places().values()
    ]


__all__ = ["FIRST", "country_names", "country_options", "court_options"]
