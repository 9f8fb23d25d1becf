"""The names a reader sees for the codes of the breakdowns: each immigration court (the
release's BASE_CITY_CODE) by its city and listing, each nationality (NAT) as its country in
the reader's language.

Courts: `erpath.places`, from EOIR's court lookup (tblLookupBaseCity: its city and state,
and its own name where it is not just "Immigration court"). Nationalities:
`eoir/reference/nationality_names.csv` pairs each EOIR code with its ISO 3166-1 country,
named by CLDR (Babel) in the language; two codes of one country (a former name, such as
Zaire) keep the lookup's own name beside it. A code that names no single country (unknown,
stateless, a former country, a region) is worded by the wording set
(`research_page.nationalities`). None: a code the lookups do not hold.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from babel import Locale

from erpath.eoir.reference import reference_rows
from erpath.places import courts
from erpath.wording import words

UNKNOWN = "unknown"  # the breakdowns' value where the release records none


@cache
def _nationalities() -> dict[str, tuple[str, str]]:
    """NAT code -> (ISO alpha-2 or "", the lookup's description)."""
    return {
        row["nat_code"]: (row["iso_alpha2"], row["description"])
        for row in reference_rows("nationality_names.csv")
    }


@cache
def _shared_countries() -> frozenset[str]:
    """The ISO countries that more than one NAT code names."""
    counts = Counter(iso for iso, _ in _nationalities().values() if iso)
    return frozenset(iso for iso, n in counts.items() if n > 1)


def page_word(language: str, *keys: str) -> str:
    """The research pages' wording `research_page.<keys>` in `language`."""
    found: object = words(language).data["research_page"]
    for key in keys:
        assert isinstance(found, dict)
        found = found[key]
    return str(found)


def court_name(code: str) -> str | None:
    """The court of `code` by its city and listing ("Lumpkin, GA"), None if unlisted."""
    found = courts().get(code)
    return None if found is None else found.name


def nationality_name(code: str, language: str) -> str | None:
    """The country of the EOIR nationality `code` in `language`, None if unlisted."""
    found = _nationalities().get(code)
    if found is None:
        return None
    iso, description = found
    if not iso:
        return page_word(language, "nationalities", code)
    name = str(Locale.parse(language).territories[iso])
    if iso in _shared_countries():
        return f"{name} ({description})"
    return name


def group_name(by: str, code: str, language: str) -> str:
    """What a reader sees for the group `code` of the breakdown `by`."""
    if code == UNKNOWN:
        return page_word(language, "not_recorded", by)
    found = court_name(code) if by == "court" else nationality_name(code, language)
    if found is None:
        return page_word(language, "unlisted", by).format(code=code)
    return found
