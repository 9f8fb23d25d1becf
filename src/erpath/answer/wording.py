"""Load the wording of reasons for a language; every language has the same keys.

The reasons and next steps are in `rules/wording/<lang>.yaml`. The fragments the
screening fills into them, and the texts of the law data that reasons and reports quote
(titles of designations and court orders, contested questions), are translated in the
gettext catalogs (ADR 0005); English is the source, so in English they are unchanged."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from erpath.i18n import LANGUAGES, N_, gettext_for

WORDING_DIR = Path(__file__).parents[1] / "rules" / "wording"

ARRIVAL_MODES: dict[str, str] = {"land": N_("land"), "air": N_("air"), "sea": N_("sea")}

# Every title of a designation or court order and every contested question in
# law/data, marked for the catalogs; tests/rules/test_wording.py fails when the law data
# holds a text that is not listed here (it would then stay in English).
LAW_TEXTS: tuple[str, ...] = (
    # designations.yaml
    N_("Arriving aliens (INA 235(b)(1)(A)(i); 8 CFR 1.2): the statutory class, not a designation"),
    N_("Aliens who arrived by sea, not admitted or paroled, anywhere in the United States"),
    N_("Aliens encountered within 100 air miles of a land border within 14 days of entry"),
    N_("Aliens anywhere in the United States with less than two years' presence (2019)"),
    N_("Rescission of the 2019 designation; the 1997, 2002 and 2004 grounds stay in force"),
    N_("Aliens anywhere in the United States with less than two years' presence (2025)"),
    # court_orders.yaml
    N_("Preliminary injunction against the 2019 designation"),
    N_("D.C. Circuit reverses the 2019 injunction (designation unreviewable under the APA)"),
    N_("The 2019 injunction is lifted (reported: late September 2020)"),
    N_("705 stay of the policies allowing ER of people paroled at a port of entry"),
    N_("D.C. Circuit denies a stay pending appeal; the August 1 order is fully in effect"),
    N_("705 stay of the 2025 designation"),
    N_(
        "D.C. Circuit largely denies a stay pending appeal; partial stay lets existing "
        "credible-fear procedures continue"
    ),
    N_("D.C. Circuit vacates the district court's stay; the 2025 designation operates again"),
    # contested.yaml
    N_(
        "Is the 2025 designation still operative after 2026-06-29? Rehearing, certiorari "
        "and the mandate after the June 23, 2026 vacatur are unknown."
    ),
    N_(
        "On which day in late September 2020 was the 2019 injunction lifted? Only "
        "'late September' is reported."
    ),
    N_(
        "Can a person whose parole ended be put in ER as an arriving alien? The statute "
        "excludes the paroled; DHS says ended parole reverts to arriving-alien status."
    ),
    N_(
        "May ER be applied while a BIA appeal of the dismissal is pending or the appeal "
        "window is open? No rule or precedent was found."
    ),
    N_(
        "Does INA 235(b)(1)(F) shield Venezuelan nationals arriving by air at a port of "
        "entry since relations were broken in 2019? Not established."
    ),
    N_(
        "Would the officer be satisfied that two years' presence is shown? The burden is "
        "the person's and the evidence leaves gaps."
    ),
)


def _language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"language: {language!r} is not one of {', '.join(LANGUAGES)}")
    return language


@cache
def wording(language: str = "en") -> dict[str, dict[str, str]]:
    """Condition code (or `next_step`) -> outcome (or step) -> text."""
    data: dict[str, dict[str, str]] = yaml.safe_load(
        (WORDING_DIR / f"{_language(language)}.yaml").read_text(encoding="utf-8")
    )
    return data


def say(code: str, outcome: str, context: dict[str, Any], language: str = "en") -> str:
    """The text for `code` with outcome `holds`, `fails` or `unknown`, filled in."""
    template = wording(language)[code][outcome]
    return template.format_map(context)


def law_text(text: str, language: str = "en") -> str:
    """A title or question from the law data in `language` (unchanged if not translated)."""
    return gettext_for(_language(language))(text)
