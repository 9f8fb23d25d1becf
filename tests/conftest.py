"""Shared fixtures: the bundled law and rules, loaded once; a real case store (low scrypt
cost, for speed) and the real `erpath` CLI run in-process."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from erpath.cli import app

# The command line's tables and messages are drawn as wide as this, whatever the terminal
# (or none, under test workers): the tests read what is said, not where lines wrap, and a
# temporary path is as long as the run makes it.
os.environ["COLUMNS"] = "240"
from erpath.law.loader import DATA_DIR
from erpath.law.model import Law
from erpath.rules import RuleSet, bundled_rules
from erpath.store import CaseStore

PASSPHRASE = "correct horse battery staple (test only)"
Run = Callable[..., Result]


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return bundled_rules()


@pytest.fixture(scope="session")
def law(rules: RuleSet) -> Law:
    return rules.law


@pytest.fixture
def law_data(tmp_path: Path) -> Path:
    """A copy of the bundled law data, to change in a test."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "cases.db"
    CaseStore.create(path, PASSPHRASE, kdf_n=2**14).close()
    return path


@pytest.fixture
def erpath(store_path: Path) -> Run:
    runner = CliRunner()
    env = {
        "ERPATH_STORE": str(store_path),
        "ERPATH_PASSPHRASE": PASSPHRASE,
        "ERPATH_BUNDLE_PASSPHRASE": "bundle pass (test only)",
        "COLUMNS": "200",
    }

    def run(*args: str, ok: bool = True) -> Result:
        result = runner.invoke(app, list(args), env=env)
        if ok:
            assert result.exit_code == 0, result.output
        return result

    return run


@pytest.fixture
def dismiss_and_arrest() -> list[tuple[str, date]]:
    """A case dismissed at a hearing and arrested, through a negative credible-fear
    finding the IJ concurs in: (procedure event, day) in order."""
    return [
        ("appears_at_hearing", date(2026, 3, 2)),
        ("dhs_moves_to_dismiss", date(2026, 3, 2)),
        ("ij_grants_dismissal", date(2026, 3, 11)),
        ("ice_arrests", date(2026, 3, 11)),
        ("placed_in_expedited_removal", date(2026, 3, 12)),
        ("expresses_fear", date(2026, 3, 12)),
        ("ao_negative_review_requested", date(2026, 3, 14)),
        ("ij_concurs", date(2026, 3, 18)),
    ]
