"""The exposure on a real Dask LocalCluster equals the single-machine exposure."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from dask.distributed import Client, LocalCluster

from erpath.exposure import (
    DIMENSIONS,
    IngestedReleaseError,
    exposure_on,
    exposure_series,
    open_ingested,
)
from erpath.exposure.release import IngestedRelease
from erpath.exposure.scaleout import (
    exposure_breakdowns_on,
    exposure_counts_on,
    exposure_series_on_dask,
)

DAYS = [date(2025, 1, 20), date(2025, 6, 10), date(2025, 9, 1)]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)  # type: ignore[no-untyped-call]
    with cluster, Client(cluster) as connected:  # type: ignore[no-untyped-call]
        yield connected


@pytest.mark.parametrize(("on", "partitions"), list(zip(DAYS, [3, 4, 1], strict=True)))
def test_every_breakdown_is_identical(
    mixed: IngestedRelease, client: Any, on: date, partitions: int
) -> None:
    single = exposure_on(mixed, on)
    distributed = exposure_breakdowns_on(mixed, on, client=client, partitions=partitions)
    assert distributed[()].equals(single.summary())
    for dimension in DIMENSIONS:
        assert distributed[(dimension,)].equals(single.by(dimension)), dimension


def test_one_breakdown(mixed: IngestedRelease, client: Any) -> None:
    single = exposure_on(mixed, DAYS[1]).by("custody")
    assert exposure_counts_on(mixed, DAYS[1], ["custody"], client=client).equals(single)


def test_the_series_is_identical(mixed: IngestedRelease, client: Any) -> None:
    start, end = date(2024, 11, 1), date(2025, 10, 1)
    single = exposure_series(mixed, start, end, "2mo")
    distributed = exposure_series_on_dask(mixed, start, end, "2mo", client=client, partitions=2)
    assert distributed.equals(single)
    changed = single.filter(single["law_change"].is_not_null())["as_of"].to_list()
    # 21 Jan, 1 Aug, 29 Aug; and 2 Aug to 11 Sept, when the D.C. Circuit's temporary partial
    # administrative stay may have reached part of the CHIRLA order
    assert changed == [
        date(2025, 1, 21),
        date(2025, 8, 1),
        date(2025, 8, 2),
        date(2025, 8, 29),
        date(2025, 9, 12),
    ]


def test_the_dask_path_reads_parquet_only(mixed_root: Path, client: Any) -> None:
    with pytest.raises(IngestedReleaseError, match="Parquet"):
        exposure_counts_on(open_ingested(mixed_root, "duckdb"), DAYS[0], client=client)
