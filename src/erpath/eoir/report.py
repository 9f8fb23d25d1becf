"""What an ingest reports: per table, every physical line read and where it went.

`read = loaded + repaired + quarantined`, and `read` is the file's physical lines minus
the header. A loaded row went in unchanged; a repaired row went in with at least one
repair (`repairs` counts rows per kind; a row may have several kinds); a quarantined
row did not go in and has exactly one reason (`quarantine` counts rows per reason).

Warnings are what a reader should know although every line is accounted for: a file of
0 bytes (no header, so a core table gets its expected columns and no rows), a file with
a header only, a table whose rows read differ from the count Count.txt gives, a link not
checked because its parent table is absent, an optional core table absent, an unknown
file kept raw, and a file refused.

Every file of the release is listed (`IngestReport.files`) with what happened to it:
`loaded` (a core table), `lookup`, `row counts` (Count.txt), `unknown, kept raw` (an
unknown table-shaped file, loaded as all text with its lines accounted) or `refused` (not
a table, with the reason); an optional core table the release lacks is listed `absent`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

REPAIR_KINDS = (
    "nul_bytes",  # NUL bytes removed from the line
    "tab_shift",  # more fields than columns, realigned (an embedded or stray tab)
    "short_row",  # fewer fields than columns, the missing ones at the end made NULL
    "null_token",  # b6, N/A, NA, A.2.a, ?-runs, blanks (0-runs where digits are meant)
    "code_case",  # a code valid in upper case
    "code_outside_lookup",  # a code outside its lookup or domain, made NULL
    "impossible_date",  # a date that does not parse or lies out of range, made NULL
    "invalid_value",  # an integer or time that does not parse, made NULL
)
QUARANTINE_KINDS = (
    "blank_line",  # an empty line
    "tab_shift_unrecoverable",  # too many fields, and no single alignment is valid
    "short_row_unrecoverable",  # too few fields, and padding the end is not valid
    "bad_key",  # the primary or a foreign key is empty or not an integer
    "duplicate_row",  # the same key and the same line as an earlier row
    "duplicate_key",  # the same primary key as an earlier row, another line
    "orphan_key",  # no parent row with this key (after the parent's own quarantine)
)
REPAIR_BIT = {kind: 1 << i for i, kind in enumerate(REPAIR_KINDS)}


@dataclass
class TableReport:
    """The accounting of one file (a core table or a lookup)."""

    table: str
    file: str
    header: list[str]
    read: int = 0
    loaded: int = 0
    repaired: int = 0
    quarantined: int = 0
    repairs: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REPAIR_KINDS, 0))
    quarantine: dict[str, int] = field(default_factory=lambda: dict.fromkeys(QUARANTINE_KINDS, 0))
    count_txt: int | None = None  # the rows Count.txt gives, when it does
    bytes: int = 0
    columns: dict[str, str] = field(default_factory=dict)  # output column -> DuckDB type
    unchecked: list[str] = field(default_factory=list)  # code columns whose lookup is absent
    unlinked: list[str] = field(default_factory=list)  # parent tables absent: links unchecked

    def add(self, other: TableReport) -> None:
        self.read += other.read
        self.loaded += other.loaded
        self.repaired += other.repaired
        self.quarantined += other.quarantined
        for k, v in other.repairs.items():
            self.repairs[k] += v
        for k, v in other.quarantine.items():
            self.quarantine[k] += v

    @property
    def balanced(self) -> bool:
        return (
            self.read == self.loaded + self.repaired + self.quarantined
            and self.quarantined == sum(self.quarantine.values())
        )

    def warnings(self) -> list[str]:
        """What is odd about the file though its lines balance (see the module's doc)."""
        out = []
        if not self.header:
            out.append(f"{self.file}: empty: 0 bytes, no header and no rows")
        elif self.read == 0:
            out.append(f"{self.file}: header only, no rows")
        if self.count_txt is not None and self.count_txt != self.read:
            out.append(f"{self.file}: Count.txt gives {self.count_txt:,} rows, {self.read:,} read")
        for parent in self.unlinked:
            out.append(f"{self.file}: {parent} is absent, so its links to it are not checked")
        return out

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @staticmethod
    def from_json(data: dict[str, Any]) -> TableReport:
        return TableReport(**data)

    def counts(self) -> dict[str, Any]:
        """Only the counts (what a chunk record keeps)."""
        keys = ("read", "loaded", "repaired", "quarantined", "repairs", "quarantine")
        return {k: v for k, v in asdict(self).items() if k in keys}

    def add_counts(self, counts: dict[str, Any]) -> None:
        self.add(TableReport(self.table, self.file, self.header, **counts))


@dataclass
class IngestReport:
    """The accounting of a whole release (what `release.json` holds)."""

    release_date: date
    release_date_source: str
    source: str
    fingerprint: str
    tables: dict[str, TableReport]
    lookups: dict[str, TableReport]
    database: str = "eoir.duckdb"
    views: list[str] = field(default_factory=list)
    lookup_tables: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)  # optional core tables not in the release
    unknown: dict[str, TableReport] = field(default_factory=dict)  # unknown files, kept raw
    refused: dict[str, str] = field(default_factory=dict)  # file -> why it is not a table
    count_file: str | None = None  # Count.txt, relative to the release
    format: int = 1

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "release_date": self.release_date.isoformat(),
            "release_date_source": self.release_date_source,
            "source": self.source,
            "fingerprint": self.fingerprint,
            "database": self.database,
            "views": self.views,
            "lookup_tables": self.lookup_tables,
            "tables": {k: v.to_json() for k, v in self.tables.items()},
            "lookups": {k: v.to_json() for k, v in self.lookups.items()},
            "absent": self.absent,
            "unknown": {k: v.to_json() for k, v in self.unknown.items()},
            "refused": self.refused,
            "count_file": self.count_file,
            "files": [f.to_json() for f in self.files],
            "warnings": self.warnings,
        }

    @staticmethod
    def from_json(data: dict[str, Any]) -> IngestReport:
        return IngestReport(
            release_date=date.fromisoformat(data["release_date"]),
            release_date_source=data["release_date_source"],
            source=data["source"],
            fingerprint=data["fingerprint"],
            tables={k: TableReport.from_json(v) for k, v in data["tables"].items()},
            lookups={k: TableReport.from_json(v) for k, v in data["lookups"].items()},
            database=data["database"],
            views=list(data["views"]),
            lookup_tables=list(data["lookup_tables"]),
            absent=list(data.get("absent", [])),
            unknown={k: TableReport.from_json(v) for k, v in data.get("unknown", {}).items()},
            refused=dict(data.get("refused", {})),
            count_file=data.get("count_file"),
            format=data["format"],
        )

    def _accounted(self) -> list[TableReport]:
        return [*self.tables.values(), *self.lookups.values(), *self.unknown.values()]

    @property
    def balanced(self) -> bool:
        return all(t.balanced for t in self._accounted())

    @property
    def warnings(self) -> list[str]:
        """Every table's warnings, core tables first, then the release's absent, unknown
        and refused files (derived: not read back from JSON)."""
        out = [w for t in self._accounted() for w in t.warnings()]
        out += [f"{name}: absent (an optional core table)" for name in self.absent]
        out += [
            f"{t.file}: unknown, kept raw as the text table {k}" for k, t in self.unknown.items()
        ]
        out += [f"{path}: refused: {why}" for path, why in self.refused.items()]
        return out

    @property
    def files(self) -> list[FileOutcome]:
        """Every file of the release and what happened to it, in the order: core tables
        (an absent one where it would be), Count.txt, lookups, unknown files, refused."""
        out = [
            FileOutcome(name, "absent", None)
            if name in self.absent
            else FileOutcome(self.tables[name].file, "loaded", self.tables[name])
            for name in [*self.tables, *self.absent]
        ]
        if self.count_file is not None:
            out.append(FileOutcome(self.count_file, "row counts", None))
        out += [FileOutcome(t.file, "lookup", t) for t in self.lookups.values()]
        out += [FileOutcome(t.file, "unknown, kept raw", t) for t in self.unknown.values()]
        out += [FileOutcome(path, "refused", None, why) for path, why in self.refused.items()]
        return out


@dataclass(frozen=True)
class FileOutcome:
    """One file of a release: what happened to it, and its accounting when it was read."""

    file: str
    outcome: str  # loaded, lookup, row counts, unknown, kept raw, refused or absent
    report: TableReport | None
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        counts = self.report.counts() if self.report is not None else None
        return {"file": self.file, "outcome": self.outcome, "reason": self.reason, "counts": counts}
