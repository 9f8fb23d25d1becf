"""Malformed facts documents: `erpath screen` exits 2 with one line per problem naming the
field, and never a traceback (CONTRACT.md, "Errors")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

MALFORMED = Path(__file__).parent / "malformed"
EXPECTED: dict[str, str] = yaml.safe_load((MALFORMED / "expected.yaml").read_text())


@pytest.mark.parametrize(("name", "field"), sorted(EXPECTED.items()))
def test_malformed_document_is_refused_naming_the_field(name: str, field: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "erpath", "screen", str(MALFORMED / name), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert field in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


def test_every_malformed_file_has_an_expectation() -> None:
    assert {p.name for p in MALFORMED.glob("*.json")} == set(EXPECTED)
