"""Replications on an existing Dask cluster (`--scheduler ADDRESS`): the prepared scenario
is sent once, each replication is a task, and the runs come back in replication order, so
the results equal the single machine's (same seeds)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import dask.distributed

from erpath.simulate.model import Prepared, Run, simulate_once

if TYPE_CHECKING:
    from erpath.simulate.results import Progress

distributed: Any = dask.distributed


def on_cluster(
    prepared: Prepared,
    replications: int,
    scheduler: str | Any,
    progress: Progress | None = None,
) -> list[Run]:
    """The replications' runs, computed on the cluster at `scheduler` (an address, `local`
    for a LocalCluster of two workers on this machine, or a `dask.distributed.Client`)."""
    own = isinstance(scheduler, str)
    cluster = None
    if scheduler == "local":
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, dashboard_address=None
        )
        scheduler = cluster.scheduler_address
    client: Any = distributed.Client(scheduler) if own else scheduler
    try:
        shared = client.scatter(prepared, broadcast=True)
        futures = [client.submit(simulate_once, shared, i, pure=False) for i in range(replications)]
        for _ in distributed.as_completed(futures):
            if progress:
                progress(1)
        runs: list[Run] = client.gather(futures)
        return runs
    finally:
        if own:
            client.close()
        if cluster is not None:
            cluster.close()
