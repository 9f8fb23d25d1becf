"""The same exposure on a Dask cluster, over the release's Parquet partitions.

Each table is read with `dask.dataframe.read_parquet` (only the columns the exposure
reads) and shuffled on a bucket of IDNCASE, the same bucket in every table, so that one
partition holds all the rows of its cases in every table. `map_partitions` then runs, on
each partition, exactly the single-machine code: the typing of `erpath.exposure.release`,
the spans and case attributes, the facts table and the law engine's `determine_table`
(`erpath.exposure.exposure.determined_on_days`), and returns that partition's counts;
the counts are summed. Counts are integers and every case is in one partition, so the
result is the single-machine result, not an approximation of it.

`client` is a `dask.distributed.Client`; `scheduler` the address of an existing cluster
("tcp://host:8786"), whose workers must have erpath installed at the same version; with
neither, a LocalCluster is started for the call.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

import dask.dataframe
import dask.distributed
import polars as pl

from erpath.exposure.exposure import (
    COUNTS,
    TABLES,
    add_counts,
    counts,
    determined_on_days,
    prepare,
)
from erpath.exposure.facts_table import DIMENSIONS, NONE_ASSUMED, Assumptions
from erpath.exposure.pending import REMOVAL_240
from erpath.exposure.release import (
    CASE,
    PROCEEDING,
    IngestedRelease,
    IngestedReleaseError,
    match_columns,
    select_columns,
)
from erpath.exposure.series import series_days, with_days
from erpath.rules import bundled_rules

BUCKET = "_bucket"
EVERY_BREAKDOWN: tuple[tuple[str, ...], ...] = ((), *((d,) for d in DIMENSIONS))
# pandas (the partitions' type) and dask have no type information here: used as Any.
pd: Any = importlib.import_module("pandas")
dd: Any = dask.dataframe
distributed: Any = dask.distributed


@contextmanager
def connect(client: Any = None, scheduler: str | None = None) -> Iterator[Any]:
    """The given client, a client of the cluster at `scheduler`, or a LocalCluster's."""
    if client is not None:
        yield client
    elif scheduler is not None:
        with distributed.Client(scheduler) as remote:
            yield remote
    else:
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, dashboard_address=None
        )
        with cluster, distributed.Client(cluster) as local:
            yield local


def _with_bucket(frame: Any, buckets: int) -> Any:
    key = pd.to_numeric(frame["__idncase__"], errors="coerce").astype("Int64")
    return frame.drop(columns="__idncase__").assign(**{BUCKET: (key % buckets).astype("Int64")})


def _read(release: IngestedRelease, table: str, buckets: int) -> tuple[Any, dict[str, str | None]]:
    paths = release.parquet_paths(table)
    names = pl.scan_parquet(paths).collect_schema().names()
    chosen = match_columns(names, table, f"{release.root}: {table}")
    columns = sorted({a for a in chosen.values() if a is not None})
    frame = dd.read_parquet(paths, columns=columns, dtype_backend="pyarrow")
    idncase = chosen["IDNCASE"]
    assert idncase is not None
    frame = frame.assign(__idncase__=frame[idncase])
    meta = frame._meta.drop(columns="__idncase__").assign(**{BUCKET: pd.Series([], dtype="Int64")})
    keyed = frame.map_partitions(_with_bucket, buckets, meta=meta)
    return keyed.shuffle(on=BUCKET, npartitions=buckets), chosen


def _partition_counts(*frames: Any, plan: dict[str, Any]) -> Any:
    """One partition's counts: the single-machine exposure on its cases."""
    tables: dict[str, pl.LazyFrame | None] = dict.fromkeys(TABLES)
    for table, frame in zip(plan["tables"], frames, strict=True):
        raw = pl.from_pandas(frame.drop(columns=BUCKET)).lazy()
        tables[table] = select_columns(raw, table, plan["chosen"][table])
    prepared = prepare(
        tables, plan["case_e28"], plan["case_types"], juvenile_codes=plan["juvenile_codes"]
    )
    keys = ["as_of", *plan["by"]]
    determined = determined_on_days(prepared, plan["days"], bundled_rules(), plan["assume"])
    result = counts(determined, keys).with_columns(pl.col("as_of").cast(pl.String))
    return result.to_pandas()


def _meta(by: Sequence[str]) -> Any:
    columns: dict[str, Any] = {"as_of": pd.Series([], dtype=object)}
    columns.update({b: pd.Series([], dtype=object) for b in by})
    columns.update({c: pd.Series([], dtype="int64") for c in COUNTS})
    return pd.DataFrame(columns)


def counts_on_days(
    release: IngestedRelease,
    days: Sequence[date],
    by: Sequence[str] = (),
    client: Any = None,
    scheduler: str | None = None,
    partitions: int | None = None,
    assume: Assumptions = NONE_ASSUMED,
    case_types: Sequence[str] = REMOVAL_240,
) -> pl.DataFrame:
    """`counts` by ["as_of", *by] on each of `days`, computed on Dask."""
    if release.source != "parquet":
        raise IngestedReleaseError(f"{release.root}: the Dask path reads the Parquet files only")
    present = [t for t in TABLES if release.has(t)]
    for required in (CASE, PROCEEDING):
        if required not in present:
            raise IngestedReleaseError(f"{release.root}: no table {required} (parquet)")
    buckets = partitions or max(len(release.parquet_paths(PROCEEDING)), 1)
    frames: list[Any] = []
    chosen: dict[str, dict[str, str | None]] = {}
    for table in present:
        frame, chosen[table] = _read(release, table, buckets)
        frames.append(frame)
    plan = {
        "tables": present,
        "chosen": chosen,
        "case_e28": chosen[CASE].get("E_28_DATE") is not None,
        "case_types": tuple(case_types),
        "by": tuple(by),
        "days": sorted(set(days)),
        "assume": assume,
        "juvenile_codes": release.juvenile_codes(),
    }
    with connect(client, scheduler) as dask_client:
        partial = dd.map_partitions(
            _partition_counts, *frames, plan=plan, meta=_meta(by), align_dataframes=False
        )
        computed = dask_client.compute(partial).result()
    result = pl.from_pandas(computed, schema_overrides=dict.fromkeys(COUNTS, pl.Int64))
    result = result.with_columns(pl.col("as_of").cast(pl.String).str.to_date("%Y-%m-%d"))
    return add_counts(result, ["as_of", *by])


def exposure_counts_on(
    release: IngestedRelease,
    on: date,
    by: Sequence[str] = (),
    **options: Any,
) -> pl.DataFrame:
    """The counts of `Exposure.summary()` (no `by`) or `Exposure.by(...)`, on Dask."""
    return exposure_breakdowns_on(release, on, [tuple(by)], **options)[tuple(by)]


def exposure_breakdowns_on(
    release: IngestedRelease,
    on: date,
    breakdowns: Sequence[Sequence[str]] = EVERY_BREAKDOWN,
    **options: Any,
) -> dict[tuple[str, ...], pl.DataFrame]:
    """Several breakdowns of the counts on `on` from one Dask computation: the counts by
    every dimension any of them uses, summed up to each (by default the summary and
    each dimension of `DIMENSIONS`)."""
    wanted = [tuple(b) for b in breakdowns]
    finest = sorted({d for b in wanted for d in b}, key=list(DIMENSIONS).index)
    table = counts_on_days(release, [on], finest, **options).drop("as_of")
    result: dict[tuple[str, ...], pl.DataFrame] = {}
    for by in wanted:
        result[by] = add_counts(table, by)
    return result


def exposure_series_on_dask(
    release: IngestedRelease,
    start: date,
    end: date,
    every: str = "1mo",
    by: Sequence[str] = (),
    **options: Any,
) -> pl.DataFrame:
    """`erpath.exposure.series.exposure_series`, on Dask."""
    law = bundled_rules().law
    days = series_days(start, end, every, law)
    return with_days(counts_on_days(release, days, by, **options), days, by, law)
