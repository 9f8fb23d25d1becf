"""The `erpath` command, run as a real subprocess."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema_rs
import pytest

from erpath.contract.schemas import SCHEMA_DIR, schemas
from erpath.law.loader import bundled_law

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
        ("screen", str(f), "--lang", language) for f in [CLIENT, *EXAMPLES.glob("*.json")]
    ]
    runs += [("law", "--on", "2025-01-21"), ("law", "--on", "2026-07-15"), ("law", "timeline")]
    for args in runs:
        done = erpath(*args)
        assert done.returncode == 0, done.stderr
        assert _printed_ids(done.stdout) == [], args


def test_the_source_id_finder_finds_an_id() -> None:
    assert _printed_ids("cites 8-cfr-239.2-c here") == ["8-cfr-239.2-c"]
    assert _printed_ids("8 CFR 239.2(c)") == []
