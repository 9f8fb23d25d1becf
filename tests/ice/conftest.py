"""Session fixtures: the report from the bundled files, and the same files split by hand."""

from __future__ import annotations

import pytest

from erpath.ice.report import IceReport, ice_report

from .plain import ARRESTS_FILE, REMOVALS_FILE, Plain, split_by_hand


@pytest.fixture(scope="session")
def plain_removals() -> Plain:
    return split_by_hand(REMOVALS_FILE)


@pytest.fixture(scope="session")
def plain_arrests() -> Plain:
    return split_by_hand(ARRESTS_FILE)


@pytest.fixture(scope="session")
def report() -> IceReport:
    return ice_report()
