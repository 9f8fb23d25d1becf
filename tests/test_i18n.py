"""Every message exists in every language: the Spanish catalog translates each message
the code and templates use, and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from erpath.wording.catalogs import catalog_paths

ROOT = Path(__file__).parents[1]
METHODS = [
    ("src/erpath/**.py", "python"),
    ("src/erpath/report/templates/**.html", "jinja2"),
    ("src/erpath/web/templates/**.html", "jinja2"),
]
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")


def _used() -> set[str]:
    found = extract_from_dir(
        str(ROOT),
        method_map=METHODS,
        keywords={"_": None, "N_": None},
        options_map={
            pattern: {"extensions": "jinja2.ext.i18n"}
            for pattern, method in METHODS
            if method == "jinja2"
        },
    )
    return {message for _, _, message, _, _ in found if isinstance(message, str)}


def test_the_spanish_catalog_translates_every_message_and_only_those() -> None:
    translated: dict[str, str] = {}
    for path in catalog_paths("es"):
        with path.open("rb") as handle:
            for m in read_po(handle, locale="es"):
                if m.id:
                    assert m.id not in translated, f"{m.id!r} is in two catalogs"
                    translated[str(m.id)] = str(m.string)
    used = _used()
    assert len(used) > 20
    assert sorted(used - set(translated)) == [], "messages missing from the Spanish catalog"
    assert sorted(set(translated) - used) == [], "stale messages in the Spanish catalog"
    for msgid, msgstr in translated.items():
        assert msgstr, f"no translation for {msgid!r}"
        assert sorted(PLACEHOLDER.findall(str(msgid))) == sorted(PLACEHOLDER.findall(str(msgstr)))


# One legal term per concept in Spanish (issue 11): the term of the Spanish-language
# practice materials, never a second word for the same thing.
SPANISH_TERMS = {
    "expedited removal": (
        "remoción expedita",
        re.compile(r"(expulsi[oó]n|deportaci[oó]n) (acelerada|expedita)"),
    ),
    "credible fear": ("temor creíble", re.compile(r"miedo cre[ií]ble")),
    "dismissal (8 CFR 1239.2(c))": ("desestimación", re.compile(r"sobrese[iy]\w*")),
    "Notice to Appear": ("Aviso de Comparecencia", re.compile(r"notificaci[oó]n de comparecencia")),
}
SPANISH_TEXTS = [
    *sorted((ROOT / "src/erpath/locale/es/LC_MESSAGES").glob("*.po")),
    ROOT / "src/erpath/wording/es.yaml",
    ROOT / "src/erpath/web/glossary.yaml",
    ROOT / "src/erpath/presence/kinds.yaml",
]


def test_spanish_uses_one_term_for_each_legal_concept() -> None:
    found: list[str] = []
    for path in SPANISH_TEXTS:
        text = path.read_text(encoding="utf-8").lower()
        for concept, (term, other) in SPANISH_TERMS.items():
            found.extend(
                f"{path.name}: {m.group(0)!r} for {concept} (say {term!r})"
                for m in other.finditer(text)
            )
    assert found == []
    catalog = (ROOT / "src/erpath/locale/es/LC_MESSAGES/web.po").read_text(encoding="utf-8")
    assert "remoción expedita" in catalog
    assert "temor creíble" in catalog
