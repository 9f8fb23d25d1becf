"""The choices of the screening's pickers, named in the page's language: countries for the
citizenship (ISO 3166-1 alpha-3 codes, the facts' `person.citizenship`, from pycountry, named
by CLDR through Babel, those often seen in immigration court first), the immigration
courts by city (erpath.places: the places hearings are held at) and the states."""

from __future__ import annotations

import unicodedata
from functools import cache

import pycountry
from babel import Locale

from erpath.places import Court, courts, hearing_places, state_names

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


def court_label(court: Court, language: str) -> str:
    """A court as "City (State), listing", the state named in `language`."""
    state = state_names(language).get(court.state, court.state)
    return f"{court.city} ({state})" + (f", {court.site}" if court.site else "")


def court_name(code: str | None, language: str) -> str | None:
    """The court of an EOIR code in words (None where no court is given); a code erpath
    does not know is shown as given."""
    if not code:
        return None
    court = courts().get(code)
    return court_label(court, language) if court else code


def court_options(language: str) -> list[tuple[str, str]]:
    """The courts as (code, "City (State), listing") in `language`, by city."""
    return [(c.code, court_label(c, language)) for c in hearing_places().values()]


def state_options(language: str) -> list[tuple[str, str]]:
    """The states and territories as (USPS code, name in `language`), by name."""
    return sorted(state_names(language).items(), key=lambda s: _key(s[1]))


__all__ = [
    "FIRST",
    "country_names",
    "country_options",
    "court_label",
    "court_name",
    "court_options",
    "state_options",
]
