"""The resume state of an ingest: which tables and chunks are finished.

It lives in the work directory beside the partial outputs, as JSON written to a
temporary file and renamed, so a killed ingest leaves either the old state or the new
one. A chunk is recorded only after its files are renamed into place; resuming skips
recorded chunks and continues at the byte offset and line number after the last one.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STATE_FILE = "state.json"


def write_json_atomic(path: Path, data: Any, indent: int | None = 2) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=indent) + "\n", encoding="utf-8")
    os.replace(tmp, path)


@dataclass
class ChunkRecord:
    index: int
    start: int
    end: int
    first_line: int
    lines: int
    report: dict[str, Any]  # the chunk's counts (TableReport.counts)


@dataclass
class TableState:
    done: bool = False
    chunks: list[ChunkRecord] = field(default_factory=list)
    report: dict[str, Any] | None = None


@dataclass
class IngestState:
    fingerprint: str  # the release's fingerprint and the date it is read with
    tables: dict[str, TableState] = field(default_factory=dict)
    phase: str = "tables"  # tables -> swap

    @staticmethod
    def load(work: Path) -> IngestState | None:
        path = work / STATE_FILE
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        tables = {
            name: TableState(t["done"], [ChunkRecord(**c) for c in t["chunks"]], t["report"])
            for name, t in data["tables"].items()
        }
        return IngestState(data["fingerprint"], tables, data["phase"])

    def save(self, work: Path) -> None:
        data = {
            "fingerprint": self.fingerprint,
            "phase": self.phase,
            "tables": {
                name: {"done": t.done, "report": t.report, "chunks": [vars(c) for c in t.chunks]}
                for name, t in self.tables.items()
            },
        }
        write_json_atomic(work / STATE_FILE, data, indent=None)

    def table(self, name: str) -> TableState:
        return self.tables.setdefault(name, TableState())
