"""Timing for the benchmarks: the best of repeated runs, in wall-clock and CPU time."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

REPEATS = 3


@dataclass(frozen=True)
class Timing:
    """The shortest wall-clock time of a method's runs, and the shortest CPU time (all
    of the process's threads: polars', DuckDB's), which a busy machine inflates less."""

    method: str
    rows: int
    seconds: float
    cpu_seconds: float

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.seconds

    def cells(self) -> tuple[str, str, str, str]:
        """The method, rows timed, best seconds and rows a second, as printed."""
        return self.method, f"{self.rows:,}", f"{self.seconds:.3f}", f"{self.rows_per_s:,.0f}"


@dataclass(frozen=True)
class Runs:
    seconds: float
    cpu_seconds: float
    result: Any


def _run(run: Callable[[], Any], runs: list[tuple[float, float, Any]]) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    runs.append((time.perf_counter() - wall, time.process_time() - cpu, result))


def _best(runs: list[tuple[float, float, Any]]) -> Runs:
    return Runs(min(r[0] for r in runs), min(r[1] for r in runs), runs[-1][2])


def best_of(run: Callable[[], Any], repeats: int = REPEATS) -> Runs:
    """`repeats` runs: the shortest wall-clock and CPU times, and the last result."""
    runs: list[tuple[float, float, Any]] = []
    for _ in range(repeats):
        _run(run, runs)
    return _best(runs)


def interleaved(
    first: Callable[[], Any], second: Callable[[], Any], repeats: int = REPEATS
) -> tuple[Runs, Runs]:
    """`best_of` of each, the two run in turn so that a busy moment falls on both."""
    runs: tuple[list[tuple[float, float, Any]], list[tuple[float, float, Any]]] = ([], [])
    for _ in range(repeats):
        _run(first, runs[0])
        _run(second, runs[1])
    return _best(runs[0]), _best(runs[1])
