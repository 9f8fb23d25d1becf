"""Fixtures of the notebook API's tests: a small synthetic release, ingested once per
session (every case in it is invented)."""

from __future__ import annotations

from pathlib import Path

import pytest

from erpath.eoir.samples import ingested_sample

SAMPLE_CASES = 2_000
SAMPLE_SEED = 30


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ingested folder of a 2,000-case synthetic release."""
    return ingested_sample(tmp_path_factory.mktemp("sample"), SAMPLE_CASES, SAMPLE_SEED)
