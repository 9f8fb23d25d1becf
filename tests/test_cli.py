"""The `erpath` command, run as a real subprocess."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest

from erpath.contract.schemas import SCHEMA_DIR, schemas
from erpath.law.loader import bundled_law
from erpath.wording import words

EXAMPLES = Path(__file__).parents[1] / "src" / "erpath" / "examples"
CONTRACT_EXAMPLE = EXAMPLES / "01-interior-pending-240.json"


def erpath(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "erpath", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


def test_screen_json_gives_the_contract_example() -> None:
    done = erpath("screen", str(CONTRACT_EXAMPLE), "--json")
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert got["er_applicable"] == "no"
    assert got["category"] == "designated_interior"
    assert got["blocking"] == ["pending_240_proceedings"]
    assert got["uncertain"] == []
    assert got["two_year_date"] == "2026-03-01"
    assert got["presence"] == {
        "since": "2024-03-01",
        "days": 466,
        "shown_days": 366,
        "gaps": [
            {"from": "2024-03-01", "to": "2024-03-04"},
            {"from": "2025-03-05", "to": "2025-05-29"},
            {"from": "2025-05-31", "to": "2025-06-09"},
        ],
        "shown": False,
    }
    assert got["next_step"] == (
        "DHS must move to dismiss the pending 240 case before expedited removal"
    )
    assert got["deadlines"] == []
    assert got["law"] == {
        "in_force": ["d0-arriving", "d1-sea-2002", "d2-border-2004", "d4-nationwide-2025"],
        "orders": [],
        "verified_through": "2026-06-29",
    }
    assert [(c["change"], c["er_applicable"]) for c in got["counterfactuals"]] == [
        ("the 240 case is dismissed", "yes")
    ]
    pending = next(r for r in got["reasons"] if r["code"] == "pending_240_proceedings")
    assert pending["holds"] is True
    assert "8-cfr-1239.2-c" in pending["sources"]


def test_screen_on_another_date_replaces_as_of() -> None:
    done = erpath("screen", str(CONTRACT_EXAMPLE), "--on", "2025-09-01", "--json")
    got = json.loads(done.stdout)
    assert got["as_of"] == "2025-09-01"
    assert "court_order_stay" in got["blocking"]
    assert got["law"]["orders"] == ["chirla-2025-stay", "mtr-2025-stay"]


def test_screen_explains_in_words() -> None:
    done = erpath("screen", str(CONTRACT_EXAMPLE))
    assert done.returncode == 0, done.stderr
    assert "No. On June 10, 2025, DHS cannot apply expedited removal to this person." in done.stdout
    assert "Blocked: Section 240 case pending" in done.stdout
    assert "DHS must move to dismiss" in done.stdout
    assert "8 CFR 239.2(c)" in done.stdout
    # words, never the codes of the contract or the law data
    for code in ("pending_240_proceedings", "designated_interior", "d4-nationwide-2025"):
        assert code not in done.stdout


def test_unreadable_and_non_json_files_exit_2(tmp_path: Path) -> None:
    missing = erpath("screen", str(tmp_path / "absent.json"))
    assert missing.returncode == 2
    assert "cannot read" in missing.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    done = erpath("screen", str(broken))
    assert done.returncode == 2
    assert "not valid JSON" in done.stderr
    assert "Traceback" not in done.stderr + missing.stderr


def test_law_on_a_day_of_a_timed_change_shows_both_and_their_hour() -> None:
    """On 21 January 2025 the rescission ends and the 2025 designation begins at 6:00 p.m.
    EST (90 FR 8139): a bare date shows both, with the hour; a time before it, the
    rescission alone; the period of the 2019 injunction's unknown end shows it unknown."""
    wide = {"COLUMNS": "250"}
    day = erpath("law", "--on", "2025-01-21", env=wide).stdout
    assert "in force until 6:00 p.m. (UTC-05:00) this day" in day
    assert "in force from 6:00 p.m. (UTC-05:00) this day" in day
    before = erpath("law", "--on", "2025-01-21T17:00:00-05:00", env=wide).stdout
    assert "The law on 2025-01-21T17:00:00-05:00" in before
    assert "Rescission of the 2019 designation" in before
    assert "less than two years' presence (2025)" not in before
    unknown = erpath("law", "--on", "2020-09-25", env=wide).stdout
    assert "unknown: On which day" in unknown  # the open point, in words (wrapped in its cell)
    refused = erpath("law", "--on", "2025-13-01")
    assert refused.returncode == 2
    assert "--on: '2025-13-01' is not a date YYYY-MM-DD or a date-time" in refused.stderr


def test_law_on_a_date_lists_designations_and_orders_with_sources() -> None:
    done = erpath("law", "--on", "2025-09-01")
    assert done.returncode == 0, done.stderr
    assert "90 FR 8139" in done.stdout
    assert "CHIRLA" in done.stdout
    earlier = erpath("law", "--on", "2018-01-01").stdout
    assert "69 FR 48877" in earlier
    assert "90 FR 8139" not in earlier
    assert "84 FR 35409" not in earlier


def test_law_timeline_runs_from_1997() -> None:
    done = erpath("law", "timeline", env={"COLUMNS": "250"})
    assert done.returncode == 0, done.stderr
    assert "April 1, 1997" in done.stdout
    assert "June 23, 2026" in done.stdout
    # the end of the Cuban exceptions, the TVPRA's enactment and effect, and the 2020
    # lifting whose day the sources give only as "late September"
    assert "exception for some nationals ends" in done.stdout
    assert "(Cuban" in done.stdout
    assert "December 23, 2008" in done.stdout
    assert "March 23, 2009" in done.stdout
    assert "about September 30, 2020" in done.stdout
    # the law's words and citations, never its ids
    assert "705 stay of the 2025 designation" in done.stdout
    assert "d4-nationwide-2025" not in done.stdout
    assert "mtr-2025-stay" not in done.stdout


def test_examples_screen_every_bundled_case() -> None:
    done = erpath("examples")
    assert done.returncode == 0, done.stderr
    for path in EXAMPLES.glob("*.json"):
        assert path.stem.split("-", 1)[1] in done.stdout


def test_shipped_schemas_are_generated_from_the_models() -> None:
    for name, text in schemas().items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == text, (
            f"{name} is stale: run `make schemas`"
        )


CLIENT = Path(__file__).parent / "report" / "client-pending-240.json"
# invented facts that give each block of the law around the answer
BLOCKS = Path(__file__).parent / "report" / "blocks"
SOURCE_IDS = [s.id for s in bundled_law().sources.values()]


def _printed_ids(text: str) -> list[str]:
    """The law data's source ids that appear in `text` as words of their own."""
    return [s for s in SOURCE_IDS if re.search(rf"(?<![\w.-]){re.escape(s)}(?![\w-])", text)]


@pytest.mark.parametrize("language", ["en", "es"])
def test_screen_json_validates_against_the_published_schema(language: str) -> None:
    """The JSON of `screen`, with every field added in 2026-12 (summary, decisive and kind,
    citations, timeline, branches), is valid under the schema shipped in the package."""
    schema = json.loads((SCHEMA_DIR / "determination.schema.json").read_text())
    validator = jsonschema_rs.validator_for(schema)
    for facts in [CLIENT, *sorted(EXAMPLES.glob("*.json"))]:
        done = erpath("screen", str(facts), "--json", "--lang", language)
        assert done.returncode == 0, done.stderr
        got = json.loads(done.stdout)
        errors = [e.message for e in validator.iter_errors(got)]
        assert errors == [], facts.name
        assert got["summary"], facts.name
        assert got["citations"], facts.name
        cited = {s for r in got["reasons"] for s in r["sources"]}
        assert cited <= set(got["citations"]), facts.name


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_text_output_prints_a_source_id(language: str) -> None:
    """Every text the command line prints for a person names the law by its citation: the
    explanation of each example and of the client of issue 12, and the law on a date."""
    runs: list[tuple[str, ...]] = [
        ("screen", str(f), "--lang", language)
        for f in [CLIENT, *EXAMPLES.glob("*.json"), *BLOCKS.glob("*.json")]
    ]
    runs += [("law", "--on", "2025-01-21"), ("law", "--on", "2026-07-15"), ("law", "timeline")]
    for args in runs:
        done = erpath(*args)
        assert done.returncode == 0, done.stderr
        assert _printed_ids(done.stdout) == [], args


def test_the_source_id_finder_finds_an_id() -> None:
    assert _printed_ids("cites 8-cfr-239.2-c here") == ["8-cfr-239.2-c"]
    assert _printed_ids("8 CFR 239.2(c)") == []


def _flat(text: str) -> str:
    return " ".join(text.split())


def _explained(name: str, language: str = "en") -> tuple[str, dict[str, Any]]:
    """The explanation of the invented facts `name`, flattened (the terminal wraps it),
    and the same screening's JSON."""
    facts = str(BLOCKS / f"{name}.json")
    done = erpath("screen", facts, "--lang", language)
    assert done.returncode == 0, done.stderr
    got = erpath("screen", facts, "--json", "--lang", language)
    return _flat(done.stdout), json.loads(got.stdout)


def _order_title(order_id: str, language: str = "en") -> str:
    order = next(o for o in bundled_law().orders if o.id == order_id)
    return _flat(words(language).law_text(order_id, order.title))


def test_screen_tells_whether_a_court_order_restricts_arrests_at_the_court() -> None:
    """A 240 case dismissed at the San Francisco court on 15 January 2026 (invented facts):
    the Pablo Sequen stay restricts ICE arrests there, named by its title and cited; the
    same dismissal at the Houston court: no order restricts them."""
    sfr, got = _explained("dismissed-sfr")
    block = got["arrest_at_court"]
    assert block["restricted"] == "yes"
    assert "At the court: Arrests restricted by a court order Yes ICE area San Francisco" in sfr
    assert f"Why {_flat(block['reason'])}" in sfr
    title = _order_title("pablo-sequen-2025-stay")
    assert f"Court orders {title}" in sfr
    cite = got["citations"]["pablo-sequen-v-albarran-2025"]["cite"]
    assert f"Sources {cite} (reported)" in sfr
    hou, got = _explained("dismissed-hou")
    assert got["arrest_at_court"]["restricted"] == "no"
    assert "At the court: Arrests restricted by a court order No ICE area Houston" in hou
    assert _flat(got["arrest_at_court"]["reason"]) in hou
    assert title not in hou
    assert cite not in hou
    for text in (sfr, hou):
        assert "SFR" not in text
        assert "HOU" not in text


def test_screen_tells_the_time_to_answer_a_motion_to_dismiss() -> None:
    """A 240 case pending at the Manhattan court on 1 March 2026: the S.D.N.Y. stay of the
    EOIR directive keeps the 10-day response period; at Houston whether it applies is open."""
    ny, got = _explained("pending-ny")
    block = got["dismissal_response"]
    assert (block["days"], block["required"]) == (10, "yes")
    assert "Answering a DHS motion to dismiss: Response period 10 days Required Yes" in ny
    assert f"Why {_flat(block['reason'])}" in ny
    assert f"Court orders {_order_title('act-2025-dismissal-directive-stayed')}" in ny
    tx, got = _explained("pending-tx")
    assert got["dismissal_response"]["required"] == "depends"
    assert "Response period 10 days Required Depends" in tx
    assert "(reported)" in tx


def test_screen_tells_detention_and_bond_by_circuit() -> None:
    """Arrested on 1 March 2026 in a pending 240 case after entering without inspection
    (invented facts): in Texas, the Fifth Circuit, no bond; in New York, it depends."""
    tx, got = _explained("pending-tx")
    assert (got["detention"]["bond"], got["detention"]["circuit"]) == ("no", "5")
    assert (
        "If arrested: Stage in a 240 case (before a final removal order) "
        "Detention authority INA 235(b)(2)(A), applicants for admission (mandatory detention) "
        "Bond before an immigration judge No Federal circuit the Fifth Circuit Reasons - "
    ) in tx
    for reason in got["detention"]["reasons"]:
        assert _flat(reason["text"]) in tx
    ny, got = _explained("pending-ny")
    assert got["detention"]["bond"] == "depends"
    assert "Bond before an immigration judge Depends Federal circuit the Second Circuit" in ny
    for reason in got["detention"]["reasons"]:
        assert _flat(reason["text"]) in ny
    assert "(unverified)" in ny


def test_screen_tells_the_credible_fear_screen() -> None:
    """A fear claim at an airport in February 2025, a negative finding on 4 March 2025
    (invented facts): the standard, the bar screening of 2025, review within 7 days."""
    text, got = _explained("fear-negative")
    block = got["credible_fear"]
    assert block["bars"] == ["mandatory_bars"]
    assert (
        "Credible-fear screen: Standard a significant possibility "
        "Bars and rules the screening of mandatory bars to asylum "
        "For an interview on March 4, 2025 Review of a negative finding within 7 days "
        "After a positive finding a 240 case or an asylum merits interview, as DHS elects "
    ) in text
    for reason in block["reasons"]:
        assert _flat(reason["text"]) in text
    assert "If arrested: Stage while the credible-fear process is pending" in text
    assert "Federal circuit not given (the state of arrest decides it)" in text


def test_screen_tells_the_blocks_in_spanish() -> None:
    """With --lang es every heading, label and word of the blocks is Spanish: none of the
    English labels is left, and no code of the contract is shown."""
    english = words("en").labels("explain")
    spanish = words("es")
    for name in ("dismissed-sfr", "pending-tx", "pending-ny", "fear-negative"):
        text, got = _explained(name, "es")
        for label in english.values():
            # as words of their own: "result" is in "resultado"
            assert not re.search(rf"(?<!\w){re.escape(_flat(label))}(?!\w)", text), (name, label)
        for code in ("section_240", "significant_possibility", "mandatory_bars", "depends"):
            assert code not in text, (name, code)
        assert _flat(spanish.label("explain", "block_reasons")) in text
    sfr, got = _explained("dismissed-sfr", "es")
    assert "En el tribunal: Arrestos restringidos por una orden judicial Sí" in sfr
    assert _order_title("pablo-sequen-2025-stay", "es") in sfr
    assert "(según informes)" in sfr
    tx, got = _explained("pending-tx", "es")
    assert "Respuesta a una moción de desestimación del DHS: Plazo de respuesta 10 días" in tx
    assert "Fianza ante un juez de inmigración No Circuito federal el Quinto Circuito" in tx
    ny, _ = _explained("pending-ny", "es")
    assert "Fianza ante un juez de inmigración Depende Circuito federal el Segundo Circuito" in ny
    fear, got = _explained("fear-negative", "es")
    assert "Examen de temor creíble: Estándar una posibilidad significativa" in fear
    assert "Revisión de una determinación negativa dentro de 7 días" in fear
    for reason in got["credible_fear"]["reasons"]:
        assert _flat(reason["text"]) in fear
