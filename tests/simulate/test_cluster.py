"""Replications on a real Dask cluster (a LocalCluster on loopback, reached by its
address as `--scheduler` would) give exactly the single machine's results."""

from __future__ import annotations

from dask.distributed import LocalCluster

from erpath.simulate.model import Prepared
from erpath.simulate.results import simulate


def test_the_cluster_gives_the_single_machines_results(interior_prepared: Prepared) -> None:
    single = simulate(interior_prepared, 3)
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)  # type: ignore[no-untyped-call]
    seen: list[int] = []
    with cluster:
        remote = simulate(
            interior_prepared, 3, progress=seen.append, scheduler=cluster.scheduler_address
        )
    assert seen == [1, 1, 1]
    assert remote.monthly.equals(single.monthly)
    assert remote.detained.equals(single.detained)
