"""Ingesting one file, chunk by chunk: every physical line is loaded, repaired or
quarantined, and the chunk's outputs are written before it is recorded as done.

For each chunk (`lines.raw_chunks`, `lines.decode`): split the fields; realign the lines
with the wrong number of fields (`alignment`); type and check the cells (`cells`);
quarantine, in this order of precedence, unrecoverable structure, bad keys, duplicates
(`keys.SeenKeys`) and orphans (`keys.ParentKeys`); write the kept rows, the quarantined
lines and the repair log as Parquet parts, then record the chunk in the state.
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

from erpath.eoir.alignment import align
from erpath.eoir.cells import LOG_SCHEMA, TYPES, Cells, Check, check_cells
from erpath.eoir.keys import ParentKeys, SeenKeys
from erpath.eoir.lines import (
    Chunk,
    RawChunk,
    decode,
    empty_to_null,
    raw_chunks,
    split_fields,
    well_formed,
)
from erpath.eoir.report import QUARANTINE_KINDS, REPAIR_BIT, REPAIR_KINDS, TableReport
from erpath.eoir.schema import ForeignKey, TableSpec
from erpath.eoir.state import ChunkRecord, TableState

QUARANTINE_SCHEMA = {"line": pl.Int64, "raw": pl.String, "reason": pl.String, "detail": pl.String}
REPAIRS_SCHEMA = {"line": pl.Int64, "column": pl.String, "raw": pl.String, "kind": pl.String}
NO_REASON = -1
REASON = {kind: i for i, kind in enumerate(QUARANTINE_KINDS)}
PARQUET = {"compression": "snappy", "statistics": True}
WORKERS = 2  # chunks prepared at a time


class Interrupted(Exception):
    """Raised by the test hook `stop_after_chunks` (as if the process had been killed)."""


@dataclass
class TableJob:
    spec: TableSpec
    path: Path
    names: tuple[str, ...]  # the header as in the file
    canonical: tuple[str, ...]  # the spec name of each header column
    data_start: int  # byte offset of the first data line
    checks: list[Check]  # one per header column
    release: date
    parts: Path  # where the Parquet parts of the kept rows go
    side: Path  # where the quarantine, repair-log and key parts go
    parents: list[tuple[ForeignKey, ParentKeys]]  # each link checked, with the parent's keys
    chunk_bytes: int


def _write(frame: pl.DataFrame, path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    frame.write_parquet(tmp, **PARQUET)  # type: ignore[arg-type]
    os.replace(tmp, path)


def output_schema(checks: list[Check]) -> dict[str, pl.DataType]:
    return {c.name: TYPES[c.kind] for c in checks}


@dataclass
class ChunkResult:
    report: TableReport
    rows: pl.DataFrame  # kept rows, typed
    quarantine: pl.DataFrame  # QUARANTINE_SCHEMA
    repairs: pl.DataFrame  # REPAIRS_SCHEMA
    keys: np.ndarray  # primary keys of the kept rows
    hashes: np.ndarray  # hashes of their lines


def _column(job: TableJob, spec_name: str) -> str:
    """The header name of the column whose spec is `spec_name`."""
    return job.names[job.canonical.index(spec_name)]


@dataclass
class Prepared:
    """A chunk decoded, realigned and checked: what does not depend on other chunks."""

    chunk: Chunk
    cells: Cells
    structural: np.ndarray  # REPAIR_BIT flags of the line-level repairs
    reason: np.ndarray  # quarantine reason index per line, NO_REASON if none yet
    detail: dict[int, str]


def _prepare(job: TableJob, raw_chunk: RawChunk) -> Prepared:
    chunk = decode(raw_chunk)
    n = len(chunk.lines)
    names = job.names
    parts = split_fields(chunk.lines, names)
    good = well_formed(parts, names).to_numpy().astype(bool)
    raw = empty_to_null(parts, names)
    reason = np.full(n, NO_REASON, dtype=np.int8)
    detail: dict[int, str] = {}
    structural = np.zeros(n, dtype=np.uint16)
    broken = np.flatnonzero(~good)
    if len(broken):
        fixed = align(
            chunk.lines.gather(broken).to_list(), broken.tolist(), names, job.checks, job.release
        )
        for a in fixed:
            if a.fields is None:
                reason[a.index] = REASON[a.kind]
                detail[a.index] = a.detail
            else:
                structural[a.index] |= REPAIR_BIT[a.kind]
        rows = [a for a in fixed if a.fields is not None]
        if rows:
            idx = pl.Series([a.index for a in rows], dtype=pl.Int64)
            cols = list(zip(*[a.fields for a in rows if a.fields is not None], strict=True))
            raw = raw.with_columns(
                [
                    raw[name].scatter(idx, pl.Series(cols[i], dtype=pl.String))
                    for i, name in enumerate(names)
                ]
            )
    structural[chunk.nul_lines] |= REPAIR_BIT["nul_bytes"]
    cells = check_cells(raw, job.checks, job.release)
    return Prepared(chunk, cells, structural, reason, detail)


def _process(job: TableJob, prepared: Prepared, seen: SeenKeys) -> ChunkResult:
    """Quarantine duplicates and orphans (in line order: this needs the earlier chunks)
    and build the chunk's outputs."""
    chunk, cells, structural = prepared.chunk, prepared.cells, prepared.structural
    reason, detail = prepared.reason, prepared.detail
    n = len(chunk.lines)
    names = job.names
    repairs = cells.repairs | structural
    keys = np.array([], dtype=np.int64)
    hashes = np.array([], dtype=np.uint64)
    if not job.spec.raw_file:
        bad = (reason == NO_REASON) & cells.bad_key
        reason[bad] = REASON["bad_key"]
        detail.update(
            dict.fromkeys(np.flatnonzero(bad).tolist(), "a key is empty or not an integer")
        )
        hashes = chunk.lines.hash(seed=0).to_numpy().astype(np.uint64)
        keys, describe = _keys(job, cells.typed, hashes)
        rows_open = np.flatnonzero(reason == NO_REASON)
        dup_row, dup_key = seen.classify(keys[rows_open], hashes[rows_open])
        reason[rows_open[dup_row]] = REASON["duplicate_row"]
        reason[rows_open[dup_key]] = REASON["duplicate_key"]
        for i in rows_open[dup_row | dup_key].tolist():
            detail[i] = f"{describe(i)} seen on an earlier line"
        for fk, parent in job.parents:
            rows_open = np.flatnonzero(reason == NO_REASON)
            header_cols = [_column(job, c) for c in fk.columns]
            if fk.nullable:  # an empty link is no link: only the filled ones are checked
                filled = cells.typed.select(
                    pl.all_horizontal([pl.col(c).is_not_null() for c in header_cols])
                ).to_series()
                rows_open = rows_open[filled.to_numpy().astype(bool)[rows_open]]
            values = [
                cells.typed[c].fill_null(0).to_numpy().astype(np.int64)[rows_open]
                for c in header_cols
            ]
            found = parent.contains(values[0], values[1] if len(values) > 1 else None)
            reason[rows_open[~found]] = REASON["orphan_key"]
            for j in np.flatnonzero(~found).tolist():
                named = ", ".join(f"{c} {v[j]}" for c, v in zip(header_cols, values, strict=True))
                detail[int(rows_open[j])] = f"no {fk.parent} row with {named}"
        kept_now = reason == NO_REASON
        keys, hashes = keys[kept_now], hashes[kept_now]
        seen.add(keys, hashes)
    kept = reason == NO_REASON
    report = TableReport(job.spec.name, job.path.name, list(names))
    report.read = n
    report.quarantined = int((~kept).sum())
    report.repaired = int((kept & (repairs != 0)).sum())
    report.loaded = int((kept & (repairs == 0)).sum())
    for kind in REPAIR_KINDS:
        report.repairs[kind] = int((kept & ((repairs & REPAIR_BIT[kind]) != 0)).sum())
    for kind, code in REASON.items():
        report.quarantine[kind] = int((reason == code).sum())
    line_no = chunk.first_line + np.arange(n, dtype=np.int64)
    q = np.flatnonzero(~kept)
    quarantine = pl.DataFrame(
        {
            "line": line_no[q],
            "raw": chunk.lines.gather(q),
            "reason": [QUARANTINE_KINDS[reason[i]] for i in q],
            "detail": [detail.get(int(i), "") for i in q],
        },
        schema=QUARANTINE_SCHEMA,
    )
    row_level = np.flatnonzero(kept & (structural != 0))
    row_log = pl.DataFrame(
        {
            "row": row_level.astype(np.int64),
            "column": [""] * len(row_level),
            "raw": chunk.lines.gather(row_level),
            "kind": [
                ",".join(
                    k
                    for k in ("nul_bytes", "tab_shift", "short_row")
                    if structural[i] & REPAIR_BIT[k]
                )
                for i in row_level
            ],
        },
        schema=LOG_SCHEMA,
    )
    log = pl.concat([row_log, cells.log])
    log_rows = log["row"].to_numpy()
    log = log.filter(pl.Series(kept[log_rows])).sort("row", maintain_order=True)
    repairs_log = log.select(
        pl.Series("line", line_no[log["row"].to_numpy()]), "column", "raw", "kind"
    )
    return ChunkResult(
        report, cells.typed.filter(pl.Series(kept)), quarantine, repairs_log, keys, hashes
    )


def _keys(
    job: TableJob, typed: pl.DataFrame, hashes: np.ndarray
) -> tuple[np.ndarray, Callable[[int], str]]:
    """The chunk's keys for the duplicate check, and how to name a row's key: the integer
    key; a GUID's 64-bit hash; without a key of its own, the line's hash (a repeated line
    is then a duplicate row, and two different rows never duplicates: schema's doc)."""
    pk = job.spec.primary_key
    if not pk:
        return hashes.view(np.int64), lambda i: "the same line"
    column = typed[_column(job, pk)]
    if column.dtype == pl.String:
        keys = column.fill_null("").hash(seed=0).to_numpy().astype(np.uint64).view(np.int64)
    else:
        keys = column.fill_null(0).to_numpy().astype(np.int64)
    return keys, lambda i: f"{_column(job, pk)} {column[i]}"


def _commit(job: TableJob, chunk: Chunk, result: ChunkResult, state: TableState) -> None:
    """Write a chunk's files, then record it (in this order: a recorded chunk is whole)."""
    _write(result.rows, job.parts / f"part-{chunk.index:05d}.parquet")
    _write(result.quarantine, job.side / f"quarantine-{chunk.index:05d}.parquet")
    _write(result.repairs, job.side / f"repairs-{chunk.index:05d}.parquet")
    if not job.spec.raw_file:
        tmp = job.side / f"keys-{chunk.index:05d}.tmp.npz"
        np.savez(tmp, keys=result.keys, hashes=result.hashes)
        os.replace(tmp, job.side / f"keys-{chunk.index:05d}.npz")
    record = ChunkRecord(
        chunk.index,
        chunk.start,
        chunk.end,
        chunk.first_line,
        len(chunk.lines),
        result.report.counts(),
    )
    state.chunks.append(record)


def _forget_unrecorded(job: TableJob, index: int) -> None:
    """Remove the files of chunks written but not recorded before an interruption (a
    resumed ingest may cut the rest of the file into other chunks)."""
    for folder in (job.parts, job.side):
        for path in folder.iterdir():
            number = re.search(r"-(\d{5})\.", path.name)
            if (
                path.name.endswith(".tmp")
                or ".tmp." in path.name
                or (number and int(number[1]) >= index)
            ):
                path.unlink()


def ingest_table(
    job: TableJob,
    state: TableState,
    save: Callable[[], None],
    advance: Callable[[int], None],
    after_chunk: Callable[[], None],
) -> TableReport:
    """Ingest (or finish ingesting) one file into `job.parts`; return its report.

    Two chunks are decoded, realigned and checked at a time in worker threads (polars
    releases the GIL), then taken in order for the duplicate and orphan checks, and
    written by a third thread while the next ones are processed; the state records a
    chunk only once its files are in place.
    """
    job.parts.mkdir(parents=True, exist_ok=True)
    job.side.mkdir(parents=True, exist_ok=True)
    seen = SeenKeys()
    total = TableReport(job.spec.name, job.path.name, list(job.names))
    start, first_line, index = job.data_start, 2, 0
    for record in state.chunks:
        if not job.spec.raw_file:
            with np.load(job.side / f"keys-{record.index:05d}.npz") as saved:
                seen.add(saved["keys"], saved["hashes"])
        total.add_counts(record.report)
        start, first_line, index = record.end, record.first_line + record.lines, record.index + 1
        advance(record.end - record.start)
    if index == 0:
        advance(job.data_start)
    _forget_unrecorded(job, index)

    def commit(chunk: Chunk, result: ChunkResult) -> None:
        _commit(job, chunk, result, state)
        save()
        advance(chunk.size)
        after_chunk()

    with ThreadPoolExecutor(WORKERS) as workers, ThreadPoolExecutor(1) as writer:
        writing: Future[None] | None = None
        pending: deque[Future[Prepared]] = deque()

        def finish_next() -> None:
            nonlocal writing
            prepared = pending.popleft().result()
            result = _process(job, prepared, seen)
            if writing is not None:
                writing.result()
            writing = writer.submit(commit, prepared.chunk, result)
            total.add(result.report)

        for raw_chunk in raw_chunks(job.path, start, first_line, index, job.chunk_bytes):
            pending.append(workers.submit(_prepare, job, raw_chunk))
            if len(pending) >= WORKERS:
                finish_next()
        while pending:
            finish_next()
        if writing is not None:
            writing.result()
    if not state.chunks:  # an empty file: one empty part, so the table exists
        _write(pl.DataFrame(schema=output_schema(job.checks)), job.parts / "part-00000.parquet")
    return total
