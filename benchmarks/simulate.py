"""How fast the pipeline model runs, against the same model written one process per person
on SimPy (benchmarks/simpy_pipeline.py, the tests' oracle).

    python -m benchmarks.simulate [--people N] [--days D]

The workload: the oracle's small scenario (benchmarks/oracle.yaml) scaled to N
people pending on the first day (and its new cases and border flow scaled alike), over D
days, with the law fixed as the oracle reads it (everyone in reach, every court allowing
arrests). Each is timed, best of three, on one replication; an event is a step a person
takes (a flow counted). Neither asserts a time. The last line is
`simulate: events_per_s=N vs_simpy=R`; the aim is at least 20 times SimPy (issue 16).
"""

from __future__ import annotations

import argparse
from datetime import timedelta

from rich.console import Console
from rich.table import Table

from benchmarks.simpy_pipeline import ORACLE_SCENARIO, SimpyPipeline, fixed_law
from benchmarks.timing import best_of
from erpath.law.loader import bundled_law
from erpath.simulate.model import prepare, simulate_once
from erpath.simulate.scenario import load_scenario

DEFAULT_PEOPLE = 200_000
DEFAULT_DAYS = 365


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=DEFAULT_PEOPLE)
    parser.add_argument("--days", type=int, default=DEFAULT_DAYS)
    args = parser.parse_args(argv)
    base = load_scenario(ORACLE_SCENARIO)
    scale = args.people / base.population.pending.value
    pop = base.population
    population = pop.model_copy(
        update={
            name: getattr(pop, name).model_copy(update={"value": getattr(pop, name).value * scale})
            for name in ("pending", "new_cases_per_day", "border_encounters_per_day")
        }
    )
    scenario = base.model_copy(
        update={
            "population": population,
            "members": args.people,
            "end": base.start + timedelta(days=args.days - 1),
        }
    )
    prepared = fixed_law(prepare(scenario, bundled_law()))
    ours = best_of(lambda: simulate_once(prepared, 0))

    def simpy_run() -> int:
        return int(SimpyPipeline(prepared, 0).run().sum())

    theirs = best_of(simpy_run)
    events, simpy_events = int(ours.result.flows.sum()), theirs.result
    out = Console()
    table = Table(
        title=f"One replication: {args.people:,} people over {args.days} days (best of 3)"
    )
    for column in ("method", "events", "best s", "events/s", "model is"):
        table.add_column(column, justify="left" if column == "method" else "right")
    rate, simpy_rate = events / ours.seconds, simpy_events / theirs.seconds
    table.add_row(
        "vectorised (numpy)", f"{events:,}", f"{ours.seconds:.3f}", f"{rate:,.0f}", "1.00x"
    )
    table.add_row(
        "SimPy, a process per person",
        f"{simpy_events:,}",
        f"{theirs.seconds:.3f}",
        f"{simpy_rate:,.0f}",
        f"{rate / simpy_rate:.2f}x",
    )
    out.print(table)
    out.print(f"simulate: events_per_s={int(rate)} vs_simpy={rate / simpy_rate:.2f}")


if __name__ == "__main__":
    main()
