"""Translations from gettext catalogs (src/erpath/locale/<lang>/LC_MESSAGES/*.po, one per
part of erpath, merged), compiled in memory with Babel, so no build step is needed.
English is the source."""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).parents[1] / "locale"
LANGUAGES = ("en", "es")


def catalog_path(language: str, domain: str = "erpath") -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def catalog_paths(language: str) -> list[Path]:
    return sorted((LOCALE_DIR / language / "LC_MESSAGES").glob("*.po"))


@cache
def translations(language: str) -> gettext.NullTranslations:
    if language not in LANGUAGES:
        raise ValueError(f"language: {language!r} is not one of {', '.join(LANGUAGES)}")
    if language == "en":
        return gettext.NullTranslations()
    catalog = Catalog(locale=language)
    for path in catalog_paths(language):
        with path.open("rb") as handle:
            for message in read_po(handle, locale=language):
                if message.id:
                    catalog[message.id] = message
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def gettext_for(language: str) -> Callable[[str], str]:
    return translations(language).gettext


def N_(message: str) -> str:
    return message
