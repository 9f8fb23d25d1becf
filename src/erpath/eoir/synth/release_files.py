"""Writing a synthetic release in the real format: `synthesize(cases, out, seed, release_date)`.

Layout (RESEARCH.md 1.1 and 6): `OUT/EOIR Case Data/<table>.csv` for the core tables with
`Count.txt` (`name<TAB>rows`, and the release's date) beside them, and
`OUT/Lookup/<lookup>.csv`. Every file is tab-delimited, unquoted, Latin-1, with `\\n` line
ends and the header on the first line; dates are SQL-Server datetime text. The files'
modification times are set to the release date, as a real release's files carry the date
EOIR exported them (the ingest does not read them: ADR 0029).

Cases are generated in chunks of `CHUNK_CASES` with one random generator per chunk
(`numpy.random.default_rng([seed, chunk])`), so memory stays flat and the same seed gives
the same bytes. Each file is written under a temporary name and renamed when complete.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import polars as pl

from erpath.eoir.reference import header
from erpath.eoir.schema import TABLE_NAMES
from erpath.eoir.synth import (
    appeal_rows,
    application_rows,
    attorney_rows,
    bond_rows,
    case_rows,
    charge_rows,
    custody_rows,
    juvenile_rows,
    link_rows,
    motion_rows,
    proceeding_rows,
    rep_rows,
    schedule_rows,
)
from erpath.eoir.synth.defects import apply_lines, inject_cells, plan_lines
from erpath.eoir.synth.draws import Draws, day_number
from erpath.eoir.synth.lookup_files import lookup_tables, lookup_text
from erpath.eoir.synth.model import DEFAULT_RELEASE_DATE
from erpath.eoir.synth.pools import Pools
from erpath.eoir.synth.timeline import Ids, draw_cases, solve_median_days

CHUNK_CASES = 100_000
MAX_CASES = 20_000_000
CORE_DIR = "EOIR Case Data"
LOOKUP_DIR = "Lookup"
EXPORT_DATE = "Export date"  # Count.txt's line that dates the release
Progress = Callable[[int], None]


def encode(text: str | bytes) -> bytes:
    """UTF-8 text (as polars writes it) to the release's Latin-1 bytes."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return data if data.isascii() else data.decode("utf-8").encode("latin-1")


def _tsv(df: pl.DataFrame) -> bytes:
    buf = io.BytesIO()
    df.write_csv(
        buf,
        separator="\t",
        quote_style="never",
        include_header=False,
        null_value="",
        line_terminator="\n",
    )
    return buf.getvalue()


def synthesize(
    cases: int,
    out: Path,
    seed: int = 0,
    release_date: date = DEFAULT_RELEASE_DATE,
    *,
    on_chunk: Progress | None = None,
) -> Path:
    """Write a synthetic EOIR release of `cases` cases into `out`; return `out`.

    Calibrated for 10,000 to 20,000,000 cases; smaller releases (for tests) work too.
    `on_chunk(cases_done)` is called after each chunk (for a progress bar).
    """
    if not 1 <= cases <= MAX_CASES:
        raise ValueError(f"cases must be between 1 and {MAX_CASES:,}")
    core = out / CORE_DIR
    core.mkdir(parents=True, exist_ok=True)
    (out / LOOKUP_DIR).mkdir(parents=True, exist_ok=True)
    pools = Pools.build(seed, cases)
    median = solve_median_days(release_date)
    ids = Ids.start()
    partial = {t: core / f"{t}.csv.partial" for t in TABLE_NAMES}
    files = {t: partial[t].open("wb") for t in TABLE_NAMES}
    counts = dict.fromkeys(TABLE_NAMES, 0)
    try:
        for t, f in files.items():
            f.write(encode("\t".join(header(t)) + "\n"))
        done = 0
        for chunk in range((cases + CHUNK_CASES - 1) // CHUNK_CASES):
            n = min(CHUNK_CASES, cases - done)
            draws = Draws(np.random.default_rng([seed, chunk]), day_number(release_date))
            frames = _chunk(draws, ids, n, release_date, median, pools)
            frames["tbl_EOIR_Attorney"] = (
                attorney_rows.build(draws, pools, day_number(release_date), done, n, cases),
                np.array([], dtype=np.int64),
            )
            for table, (df, purged) in frames.items():
                df = inject_cells(table, df, draws, purged)
                edits = plan_lines(table, df, draws)
                data = apply_lines(_tsv(df), edits)
                counts[table] += df.height + len(edits.duplicate)
                files[table].write(encode(data))
            done += n
            if on_chunk is not None:
                on_chunk(done)
    finally:
        for f in files.values():
            f.close()
    for t in TABLE_NAMES:
        os.replace(partial[t], core / f"{t}.csv")
    (core / "Count.txt").write_bytes(encode(count_txt(counts, release_date)))
    rng = np.random.default_rng([seed, 7_000_002])
    for table in lookup_tables():
        (out / LOOKUP_DIR / f"{table}.csv").write_bytes(encode(lookup_text(table, rng)))
    stamp = datetime(
        release_date.year, release_date.month, release_date.day, 12, tzinfo=UTC
    ).timestamp()
    for path in [*core.iterdir(), *(out / LOOKUP_DIR).iterdir()]:
        os.utime(path, (stamp, stamp))
    return out


def count_txt(counts: dict[str, int], release_date: date) -> str:
    """Count.txt: `name<TAB>rows` per table, then the export's date (`Export date<TAB>
    YYYY-MM-DD`, ADR 0029), which the ingest takes as the release's date."""
    lines = [f"{t}\t{n}" for t, n in counts.items()]
    return "".join(f"{line}\n" for line in [*lines, f"{EXPORT_DATE}\t{release_date.isoformat()}"])


def _chunk(
    draws: Draws, ids: Ids, n: int, release: date, median: float, pools: Pools
) -> dict[str, tuple[pl.DataFrame, np.ndarray]]:
    c = draw_cases(draws, ids, n, release, median)
    people = case_rows.draw_people(draws, c, pools)
    proceedings, procs = proceeding_rows.build(draws, c, people, pools)
    schedule, latest = schedule_rows.build(draws, ids, c, people, procs, pools)
    applications = application_rows.build(draws, ids, c, procs, pools)
    custody = custody_rows.build(draws, ids, c)
    motions = motion_rows.build(draws, ids, c, procs, pools)
    charges = charge_rows.build(draws, ids, c, people)
    board, appeals = appeal_rows.build(draws, ids, c, people, procs)
    reps, first_e28 = rep_rows.build(draws, ids, c, people, procs, appeals)
    children = juvenile_rows.draw_children(draws, c)
    minors = children["UJ"] | children["AJ"] | children["J"]
    last_proc = np.cumsum(c.n_proceedings) - 1
    update_site = procs.base_city.gather(last_proc)
    cases = case_rows.build(draws, c, people, pools, latest, update_site, first_e28, minors)
    none = np.array([], dtype=np.int64)
    return {
        "A_TblCase": (cases, none),
        "B_TblProceeding": (proceedings, c.purged_cases),
        "tbl_schedule": (schedule, c.purged_proceedings),
        "tbl_Court_Appln": (applications, c.purged_proceedings),
        "tbl_CustodyHistory": (custody, c.purged_cases),
        "tbl_Court_Motions": (motions, c.purged_proceedings),
        "B_TblProceedCharges": (charges, c.purged_proceedings),
        "tbl_RepsAssigned": (reps, c.purged_cases),
        "D_TblAssociatedBond": (bond_rows.build(draws, ids, c, procs, pools), c.purged_proceedings),
        **{table: (df, appeals.purged) for table, df in board.items()},
        "tblAppeal": (board["tblAppeal"], c.purged_cases),
        "tbl_JuvenileHistory": (
            juvenile_rows.build_juvenile(draws, ids, c, children),
            c.purged_cases,
        ),
        "tbl_Lead_Rider": (link_rows.build_lead_rider(draws, ids, c), c.purged_cases),
        "tbl_CasePriorityHistory": (
            juvenile_rows.build_priority(draws, ids, c, children),
            c.purged_cases,
        ),
        "A_TblCaseIdentifier": (link_rows.build_identifiers(draws, ids, c), c.purged_cases),
    }
