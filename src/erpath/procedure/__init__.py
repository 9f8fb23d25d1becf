"""The case procedure (legal brief section 9) as data-driven states and transitions, and
the deadlines its steps start (section 8), read from law/data/procedure.yaml."""

from erpath.procedure.deadlines import (
    Deadline,
    DeadlineContext,
    deadline,
    deadlines_at_start,
    deadlines_of,
    deadlines_on_entering,
    deadlines_running,
)
from erpath.procedure.loader import ProcedureDataError, bundled_procedure, load_procedure
from erpath.procedure.machine import History, IllegalTransition, Machine, Step, bundled_machine

__all__ = [
    "Deadline",
    "DeadlineContext",
    "History",
    "IllegalTransition",
    "Machine",
    "ProcedureDataError",
    "Step",
    "bundled_machine",
    "bundled_procedure",
    "deadline",
    "deadlines_at_start",
    "deadlines_of",
    "deadlines_on_entering",
    "deadlines_running",
    "load_procedure",
]
