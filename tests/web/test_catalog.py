"""Every message of the web app exists in Spanish: the web catalogs (`web.po` and one
`web-<area>.po` per area of the app) translate each message the web code and templates use
(unless another catalog already does), nothing else, and no message is in two catalogs."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from erpath.wording.catalogs import catalog_paths

ROOT = Path(__file__).parents[2]
WEB_METHODS = [
    ("src/erpath/web/**.py", "python"),
    ("src/erpath/web/templates/**.html", "jinja2"),
]
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")


def _web_messages() -> set[str]:
    found = extract_from_dir(
        str(ROOT),
        method_map=WEB_METHODS,
        keywords={"_": None, "N_": None},
        options_map={"src/erpath/web/templates/**.html": {"extensions": "jinja2.ext.i18n"}},
    )
    return {message for _, _, message, _, _ in found if isinstance(message, str)}


def _catalog(path: Path) -> dict[str, str]:
    with path.open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle, locale="es") if m.id}


def test_every_web_message_has_a_spanish_translation_in_one_catalog() -> None:
    used = _web_messages()
    assert len(used) > 300
    web: dict[str, str] = {}
    others: dict[str, str] = {}
    for path in catalog_paths("es"):
        for msgid, msgstr in _catalog(path).items():
            assert msgid not in web, f"{msgid!r} is in two catalogs"
            assert msgid not in others, f"{msgid!r} is in two catalogs"
            (web if path.name.startswith("web") else others)[msgid] = msgstr
    assert sorted(used - set(web) - set(others)) == [], "web messages without a translation"
    assert sorted(set(web) - used) == [], "stale messages in the web catalogs"
    for msgid, msgstr in web.items():
        assert msgstr, f"no translation for {msgid!r}"
        assert sorted(PLACEHOLDER.findall(msgid)) == sorted(PLACEHOLDER.findall(msgstr)), msgid
