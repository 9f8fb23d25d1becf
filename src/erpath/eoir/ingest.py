"""`ingest(release, out)`: a release directory into Parquet and DuckDB, every line accounted.

Output (`OUT`, by default `<release>/ingested/`):

    release.json                  the release date, source and per-file accounting
    manifest.json                 sha256 of every input and output, versions (ADR 0029)
    parquet/<TABLE>/part-*.parquet   loaded and repaired rows, real column names, typed
    quarantine/<TABLE>.parquet    line, raw, reason, detail of every quarantined line
    repairs/<TABLE>.parquet       line, column, raw value, kind of every repair
    eoir.duckdb                   a view per table (and unknown file) over its Parquet;
                                  lookups as tables;
                                  <TABLE>_decoded views, codes named (ADR 0027)

Lookups are read first (they give the code columns their domains), then the core tables
the release has, parents first, so that orphans are judged against the rows actually kept
(a link to an absent optional table is not checked, and said so), then the unknown files.
Work happens in `OUT/.erpath-ingest/`: each chunk's files are written and renamed before
the chunk is recorded in the state, so an interrupted ingest resumes where it stopped;
finished outputs replace the old ones at the end, then `release.json`, then
`manifest.json` (the release read again, to hash it; the fingerprint stays the cheap test
of "already ingested"). A release whose fingerprint matches `release.json` is not
ingested again (nothing is written but a missing manifest).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

from erpath.eoir.cells import resolve_checks
from erpath.eoir.database import build_database
from erpath.eoir.keys import ParentKeys
from erpath.eoir.lines import CHUNK_BYTES, read_header
from erpath.eoir.manifest import MANIFEST, NOT_HASHED, ReleaseRef, hash_bytes, write_manifest
from erpath.eoir.release import Release, ReleaseError, open_release
from erpath.eoir.report import IngestReport, TableReport
from erpath.eoir.schema import TABLES, ForeignKey, LookupRef, TableSpec, lookup_table_spec
from erpath.eoir.state import IngestState, write_json_atomic
from erpath.eoir.table_ingest import (
    QUARANTINE_SCHEMA,
    REPAIRS_SCHEMA,
    Interrupted,
    TableJob,
    ingest_table,
)

WORK = ".erpath-ingest"
RELEASE_JSON = "release.json"
DATABASE = "eoir.duckdb"
DUCKDB_TYPES = {"key": "BIGINT", "int": "BIGINT", "date": "DATE"}

__all__ = ["IngestReport", "Interrupted", "ReleaseError", "ingest"]


def read_report(out: Path) -> IngestReport | None:
    """The report of the last ingest into `out`, or None (none, or unreadable)."""
    path = out / RELEASE_JSON
    try:
        return IngestReport.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _outputs_present(out: Path, report: IngestReport) -> bool:
    return (out / DATABASE).exists() and all(
        (out / "parquet" / t).is_dir() for t in [*report.tables, *report.unknown]
    )


def ingest(
    release: Path,
    out: Path | None = None,
    progress: bool = True,
    *,
    release_date: date | None = None,
    force: bool = False,
    chunk_bytes: int = CHUNK_BYTES,
    stop_after_chunks: int | None = None,
) -> IngestReport:
    """Ingest the release directory `release` into `out` and return the accounting.

    `release_date` overrides the date found from the directory (`release.open_release`);
    `force` ingests again a release already ingested, or replaces another release's
    outputs (without it, `out` holding a release of another date is refused). `chunk_bytes` and
    `stop_after_chunks` (raise `Interrupted` after that many chunks) are for tests.
    """
    rel = open_release(release, release_date)
    out = (out if out is not None else rel.root / "ingested").resolve()
    fingerprint = rel.fingerprint()
    previous = read_report(out)
    if previous is not None and previous.release_date != rel.release_date and not force:
        raise ReleaseError(
            f"{out}: holds the release of {previous.release_date}, and this one is of"
            f" {rel.release_date}: an output directory holds one release (ADR 0029), so"
            " ingest it into its own (--out, or --under PARENT for PARENT/<date>) or give"
            " --force to replace the other"
        )
    if (
        previous is not None
        and previous.fingerprint == fingerprint
        and not force
        and previous.release_date == rel.release_date
        and _outputs_present(out, previous)
    ):
        if not (out / MANIFEST).exists():  # ingested before manifests, or stopped before it
            _write_manifest(rel, out, progress)
        return previous
    work = out / WORK
    # Work is resumed only for the same release read with the same date (the date
    # bounds the valid dates).
    key = f"{fingerprint}/{rel.release_date.isoformat()}"
    state = IngestState.load(work)
    if state is None or state.fingerprint != key or force:
        shutil.rmtree(work, ignore_errors=True)
        state = IngestState(key)
    (work / "final").mkdir(parents=True, exist_ok=True)
    counter = _ChunkCounter(stop_after_chunks)
    with _bars(progress) as bars:
        lookups = _ingest_lookups(rel, work, state, bars, counter, chunk_bytes)
        domains = _domains(work, lookups)
        tables: dict[str, TableReport] = {}
        for spec in TABLES:
            if spec.name in rel.tables:
                tables[spec.name] = _ingest_core(
                    rel, spec, work, state, domains, bars, counter, chunk_bytes
                )
        unknown = _ingest_raw(
            rel.unknown,
            "unknown",
            work / "final" / "parquet",
            rel,
            work,
            state,
            bars,
            counter,
            chunk_bytes,
        )
    state.phase = "swap"
    state.save(work)
    report = IngestReport(
        release_date=rel.release_date,
        release_date_source=rel.date_source,
        source=str(rel.root),
        fingerprint=fingerprint,
        tables=tables,
        lookups=lookups,
        database=DATABASE,
        views=[*tables, *_with_table(unknown)],
        lookup_tables=_with_table(lookups),
        absent=list(rel.absent),
        unknown=unknown,
        refused=rel.refused,
        count_file=rel.count_txt.relative_to(rel.root).as_posix() if rel.count_txt else None,
    )
    _finish(out, work, report)
    _write_manifest(rel, out, progress)
    return report


def _write_manifest(rel: Release, out: Path, progress: bool) -> None:
    """`out/manifest.json`, last: the release's files it read (core tables, lookups, unknown
    tables kept raw, Count.txt; not the refused ones) and every output, hashed (ADR 0029)."""
    inputs = [*rel.tables.values(), *rel.lookups.values(), *rel.unknown.values()]
    inputs += [rel.count_txt] if rel.count_txt is not None else []
    outputs = [
        p
        for p in out.rglob("*")
        if p.is_file() and p.name != MANIFEST and p.relative_to(out).as_posix() not in NOT_HASHED
    ]
    with _bars(progress) as bars:
        task = bars.task("sha256", hash_bytes([*inputs, *outputs]))
        write_manifest(
            out,
            "eoir ingest",
            ReleaseRef(rel.release_date, rel.date_source),
            outputs,
            inputs=(rel.root, inputs),
            complete=True,
            on_bytes=lambda n: bars.advance(task, n),
        )


class _ChunkCounter:
    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.done = 0

    def __call__(self) -> None:
        self.done += 1
        if self.limit is not None and self.done >= self.limit:
            raise Interrupted(f"stopped after {self.done} chunks (test hook)")


class _Bars:
    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress

    def task(self, description: str, total: int) -> TaskID | None:
        if self.progress is None:
            return None
        return self.progress.add_task(description, total=total)

    def advance(self, task: TaskID | None, amount: int) -> None:
        if self.progress is not None and task is not None:
            self.progress.advance(task, amount)


@contextmanager
def _bars(enabled: bool) -> Iterator[_Bars]:
    console = Console(stderr=True)
    if not enabled or not console.is_terminal:
        yield _Bars(None)
        return
    columns = (
        TextColumn("{task.description:<28}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console) as progress:
        yield _Bars(progress)


def _run(
    job: TableJob,
    name: str,
    state: IngestState,
    work: Path,
    bars: _Bars,
    task: TaskID | None,
    counter: _ChunkCounter,
) -> TableReport:
    table_state = state.table(name)
    if table_state.done and table_state.report is not None:
        bars.advance(task, job.path.stat().st_size)
        return TableReport.from_json(table_state.report)
    report = ingest_table(
        job, table_state, lambda: state.save(work), lambda n: bars.advance(task, n), counter
    )
    _assemble(job.side, work / "final", job.spec.name)
    table_state.done = True
    table_state.report = report.to_json()
    state.save(work)
    return report


def _assemble(parts: Path, final: Path, name: str) -> None:
    """The table's quarantine and repair parts as one file each."""
    for kind, schema in (("quarantine", QUARANTINE_SCHEMA), ("repairs", REPAIRS_SCHEMA)):
        files = sorted(parts.glob(f"{kind}-*.parquet"))
        frame = (
            pl.concat([pl.read_parquet(f) for f in files]) if files else pl.DataFrame(schema=schema)
        )
        (final / kind).mkdir(parents=True, exist_ok=True)
        frame.write_parquet(final / kind / f"{name}.parquet", compression="zstd")


def _ingest_lookups(
    rel: Release,
    work: Path,
    state: IngestState,
    bars: _Bars,
    counter: _ChunkCounter,
    chunk_bytes: int,
) -> dict[str, TableReport]:
    return _ingest_raw(
        rel.lookups, "lookup", work / "lookups", rel, work, state, bars, counter, chunk_bytes
    )


def _ingest_raw(
    files: dict[str, Path],
    kind: str,
    parts: Path,
    rel: Release,
    work: Path,
    state: IngestState,
    bars: _Bars,
    counter: _ChunkCounter,
    chunk_bytes: int,
) -> dict[str, TableReport]:
    """Files read as all text, no keys, every line accounted: the lookups, and the unknown
    files kept raw (`kind` names them in the state and the side folders)."""
    reports: dict[str, TableReport] = {}
    task = bars.task(f"{kind}s", sum(p.stat().st_size for p in files.values()))
    for name, path in sorted(files.items()):
        names, start = read_header(path)
        if not names:  # 0 bytes: no columns, so no table (its code columns go unchecked)
            reports[name] = TableReport(name, path.name, [])
            continue
        spec = lookup_table_spec(name, names)
        checks = resolve_checks(list(spec.columns), {})
        job = TableJob(
            spec,
            path,
            names,
            names,
            start,
            checks,
            rel.release_date,
            parts / name,
            work / "side" / f"{kind}-{name}",
            [],
            chunk_bytes,
        )
        report = _run(job, f"{kind}:{name}", state, work, bars, task, counter)
        report.table = name
        report.bytes = path.stat().st_size
        report.columns = dict.fromkeys(names, "VARCHAR")
        reports[name] = report
    return reports


def _domains(work: Path, lookups: dict[str, TableReport]) -> dict[str, pl.Series | None]:
    """Every lookup column the schema refers to, with its values (None if absent or
    empty: a lookup without rows would empty every code of its columns)."""
    by_lower = {name.lower(): name for name in _with_table(lookups)}
    refs: set[LookupRef] = set()
    for spec in TABLES:
        for col in spec.columns:
            if col.domain is not None:
                refs.update(col.domain.lookups)
    out: dict[str, pl.Series | None] = {}
    for ref in refs:
        name = by_lower.get(ref.table.lower())
        if name is None:
            out[str(ref)] = None
            continue
        frame = pl.read_parquet(work / "lookups" / name / "part-*.parquet")
        columns = {c.lower(): c for c in frame.columns}
        column = columns.get(ref.column.lower())
        if column is None or frame.is_empty():
            out[str(ref)] = None
            continue
        if ref.where is not None:
            where_col = columns.get(ref.where[0].lower())
            if where_col is None:
                out[str(ref)] = None
                continue
            frame = frame.filter(pl.col(where_col) == ref.where[1])
        out[str(ref)] = frame[column].drop_nulls().unique().sort()
    return out


def _with_table(lookups: dict[str, TableReport]) -> list[str]:
    """The lookups with a header (a file of 0 bytes has no columns to make a table of)."""
    return sorted(name for name, report in lookups.items() if report.header)


def _parent_keys(
    spec: TableSpec, work: Path, ingested: set[str]
) -> tuple[list[tuple[ForeignKey, ParentKeys]], list[str]]:
    """The kept keys of each parent the table links to, and the parents absent from the
    release (whose links go unchecked)."""
    parents = []
    absent = []
    for fk in spec.foreign_keys:
        if fk.parent not in ingested:
            absent.append(fk.parent)
            continue
        directory = work / "final" / "parquet" / fk.parent
        scan = pl.scan_parquet(directory / "*.parquet")
        by_lower = {c.lower(): c for c in scan.collect_schema().names()}
        names = [by_lower[c.lower()] for c in fk.parent_names]
        frame = scan.select(names).collect()
        arrays = [frame[c].to_numpy().astype(np.int64) for c in names]
        parents.append((fk, ParentKeys.build(arrays[0], arrays[1] if len(arrays) > 1 else None)))
    return parents, absent


def _ingest_core(
    rel: Release,
    spec: TableSpec,
    work: Path,
    state: IngestState,
    domains: dict[str, pl.Series | None],
    bars: _Bars,
    counter: _ChunkCounter,
    chunk_bytes: int,
) -> TableReport:
    path = rel.tables[spec.name]
    header, start = read_header(path)
    names = header or tuple(c.name for c in spec.columns)  # 0 bytes: no rows, every column
    canonical = tuple(spec.canonical(n) for n in names)
    needed = {spec.primary_key, *(c for fk in spec.foreign_keys for c in fk.columns)} - {""}
    missing = needed - set(canonical)
    if missing:
        raise ReleaseError(f"{path}: the header has no {', '.join(sorted(missing))}")
    checks = resolve_checks([spec.spec_for(n) for n in names], domains)
    parents, unlinked = _parent_keys(spec, work, set(rel.tables))
    job = TableJob(
        spec,
        path,
        names,
        canonical,
        start,
        checks,
        rel.release_date,
        work / "final" / "parquet" / spec.name,
        work / "side" / spec.name,
        [] if state.table(spec.name).done else parents,
        chunk_bytes,
    )
    task = bars.task(spec.name, path.stat().st_size)
    report = _run(job, spec.name, state, work, bars, task, counter)
    report.header = list(header)
    report.count_txt = rel.counts().get(spec.name.lower())
    report.bytes = path.stat().st_size
    report.columns = {c.name: DUCKDB_TYPES.get(c.kind, "VARCHAR") for c in job.checks}
    report.unchecked = [c.name for c in job.checks if c.spec.kind == "code" and c.kind == "text"]
    report.unlinked = unlinked
    return report


def _replace(src: Path, dst: Path) -> None:
    if not src.exists():
        return
    if dst.is_dir():
        old = dst.with_name(dst.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        dst.rename(old)
        src.rename(dst)
        shutil.rmtree(old)
    else:
        src.replace(dst)


def _finish(out: Path, work: Path, report: IngestReport) -> None:
    final = work / "final"
    for item in ("parquet", "quarantine", "repairs"):
        _replace(final / item, out / item)
    build_database(
        final / DATABASE,
        {t: out / "parquet" / t for t in report.views},
        {name: work / "lookups" / name for name in report.lookup_tables},
    )
    _replace(final / DATABASE, out / DATABASE)
    data = report.to_json()
    data["layout"] = {
        "parquet": "parquet/<TABLE>/*.parquet",
        "quarantine": "quarantine/<TABLE>.parquet",
        "repairs": "repairs/<TABLE>.parquet",
        "database": DATABASE,
    }
    write_json_atomic(out / RELEASE_JSON, data)
    shutil.rmtree(work, ignore_errors=True)
