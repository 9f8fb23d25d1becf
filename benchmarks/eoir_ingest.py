"""How fast the EOIR ingest runs, against DuckDB's own `read_csv` of the same files.

    python -m benchmarks.eoir_ingest [--cases N] [--seed S] [--dir DIR]

Writes a synthetic release of N cases (`erpath.eoir.synthesize`, default 1,000,000) into
DIR (default a temporary directory, removed afterwards; an existing release of the same
size and seed in DIR is reused), then times:

- DuckDB: for each core table (`erpath.eoir.schema.TABLE_NAMES`), `read_csv` (tab, no
  quoting, Latin-1, header, types detected, bad rows skipped: `ignore_errors`,
  `null_padding`) copied to a Parquet file. No validation, no accounting, no lookups:
  the baseline for speed;
- erpath: `erpath.eoir.ingest` of the same release (`force`, no progress bars): every line
  loaded, repaired or quarantined, typed Parquet, the quarantine and repair files, the
  lookups and the DuckDB database.

Each is run once, DuckDB first (so the files are in the page cache for both); times are
printed, not asserted. The last line is `eoir_ingest: rows_per_s=N vs_duckdb=R`: the rows
the ingest read per second, and its speed as a share of DuckDB's (higher is better for
erpath; the aim is at least 0.5).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import duckdb
from rich.console import Console
from rich.table import Table

from erpath.eoir import ingest
from erpath.eoir.samples import synthesize_once
from erpath.eoir.schema import TABLE_NAMES

DEFAULT_CASES = 1_000_000
DEFAULT_SEED = 20_260_701


def duckdb_baseline(release: Path, out: Path) -> tuple[float, int]:
    """Seconds to read the core tables with DuckDB into Parquet, and rows read."""
    out.mkdir(parents=True, exist_ok=True)
    rows = 0
    started = time.perf_counter()
    with duckdb.connect() as con:
        for table in TABLE_NAMES:
            source = (release / "EOIR Case Data" / f"{table}.csv").as_posix()
            target = (out / f"{table}.parquet").as_posix()
            con.execute(
                f"COPY (SELECT * FROM read_csv('{source}', delim='\t', quote='', escape='',"
                " header=true, encoding='latin-1', null_padding=true, ignore_errors=true,"
                f" strict_mode=false)) TO '{target}' (FORMAT parquet)"
            )
            found = con.execute(f"SELECT count(*) FROM read_parquet('{target}')").fetchone()
            rows += int(found[0]) if found else 0
    return time.perf_counter() - started, rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.eoir_ingest")
    parser.add_argument("--cases", type=int, default=DEFAULT_CASES)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--dir", type=Path, default=None, help="keep the release here")
    args = parser.parse_args(argv)
    console = Console()
    scratch = Path(tempfile.mkdtemp(prefix="eoir-bench-"))
    release = args.dir if args.dir is not None else scratch / "release"
    try:
        written = synthesize_once(release, args.cases, args.seed)
        synth_s = float("nan") if written is None else written
        size = sum(p.stat().st_size for p in (release / "EOIR Case Data").glob("*.csv"))
        duck_s, duck_rows = duckdb_baseline(release, scratch / "duckdb")
        started = time.perf_counter()
        report = ingest(release, scratch / "ingested", progress=False, force=True)
        ingest_s = time.perf_counter() - started
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    rows = sum(t.read for t in report.tables.values())
    table = Table(title=f"EOIR ingest: {args.cases:,} cases, {rows:,} rows, {size / 1e6:,.0f} MB")
    for name in ("step", "seconds", "rows", "rows/s"):
        table.add_column(name, justify="left" if name == "step" else "right")
    table.add_row("synthesize (not timed against)", f"{synth_s:.1f}", "", "")
    table.add_row(
        "DuckDB read_csv -> Parquet",
        f"{duck_s:.1f}",
        f"{duck_rows:,}",
        f"{duck_rows / duck_s:,.0f}",
    )
    table.add_row(
        "erpath ingest (validating)", f"{ingest_s:.1f}", f"{rows:,}", f"{rows / ingest_s:,.0f}"
    )
    console.print(table)
    for t in report.tables.values():
        console.print(
            f"  {t.table}: read {t.read:,} = loaded {t.loaded:,} + repaired {t.repaired:,}"
            f" + quarantined {t.quarantined:,}"
        )
    print(f"eoir_ingest: rows_per_s={rows / ingest_s:.0f} vs_duckdb={duck_s / ingest_s:.2f}")


if __name__ == "__main__":
    main()
