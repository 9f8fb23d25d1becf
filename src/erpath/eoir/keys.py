"""Duplicate and orphan checks over a whole table, a chunk at a time.

`SeenKeys` remembers the primary keys (with a hash of their line) of every row kept so
far, as sorted runs merged like a log-structured merge tree: checking a chunk costs a
binary search per run, and there are O(log n) runs, so a table of tens of millions of
rows is checked without a Python object per row. A row is a `duplicate_row` when an
earlier row had the same key and the same line, a `duplicate_key` when it had the same
key and another line.

`ParentKeys` holds a parent table's kept keys, sorted: a child row is an orphan when its
foreign key (or key pair: IDNPROCEEDING with its IDNCASE) is not among them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]
Mask = npt.NDArray[np.bool_]


@dataclass
class SeenKeys:
    runs: list[tuple[I64, U64]] = field(default_factory=list)

    def classify(self, keys: I64, hashes: U64) -> tuple[Mask, Mask]:
        """For a chunk's rows (in line order): (same key and line as an earlier row, same
        key only). Rows are compared with every earlier row, in this chunk too."""
        n = len(keys)
        dup_row = np.zeros(n, dtype=bool)
        dup_key = np.zeros(n, dtype=bool)
        for run_keys, run_hashes in self.runs:
            pos = np.searchsorted(run_keys, keys)
            inside = pos < len(run_keys)
            found = np.zeros(n, dtype=bool)
            found[inside] = run_keys[pos[inside]] == keys[inside]
            same = np.zeros(n, dtype=bool)
            same[found] = run_hashes[pos[found]] == hashes[found]
            dup_row |= same
            dup_key |= found & ~same
        # within the chunk: a later row repeating an earlier row's key
        order = np.lexsort((np.arange(n), keys))
        sk = keys[order]
        repeat = np.zeros(n, dtype=bool)
        repeat[1:] = sk[1:] == sk[:-1]
        if repeat.any():
            group_first = np.maximum.accumulate(np.where(~repeat, np.arange(n), 0))
            later = order[repeat]
            first = order[group_first[repeat]]
            same = hashes[later] == hashes[first]
            dup_row[later[same]] = True
            dup_key[later[~same]] = True
        dup_key &= ~dup_row
        return dup_row, dup_key

    def add(self, keys: I64, hashes: U64) -> None:
        """Remember kept rows (their keys are new: no duplicates among them)."""
        if len(keys) == 0:
            return
        order = np.argsort(keys, kind="stable")
        self.runs.append((keys[order], hashes[order]))
        while len(self.runs) > 1 and len(self.runs[-2][0]) <= 2 * len(self.runs[-1][0]):
            (k1, h1), (k2, h2) = self.runs[-2], self.runs[-1]
            k = np.concatenate([k1, k2])
            h = np.concatenate([h1, h2])
            o = np.argsort(k, kind="stable")
            self.runs[-2:] = [(k[o], h[o])]

    def arrays(self) -> tuple[I64, U64]:
        if not self.runs:
            return np.array([], dtype=np.int64), np.array([], dtype=np.uint64)
        return np.concatenate([k for k, _ in self.runs]), np.concatenate([h for _, h in self.runs])


@dataclass(frozen=True)
class ParentKeys:
    """A parent table's kept keys: `first` sorted, `second` (the pair's other column)
    aligned with it, when the link is a pair."""

    first: I64
    second: I64 | None = None

    @staticmethod
    def build(first: I64, second: I64 | None = None) -> ParentKeys:
        order = np.argsort(first, kind="stable")
        return ParentKeys(first[order], None if second is None else second[order])

    def contains(self, first: I64, second: I64 | None = None) -> Mask:
        pos = np.searchsorted(self.first, first)
        inside = pos < len(self.first)
        found = np.zeros(len(first), dtype=bool)
        found[inside] = self.first[pos[inside]] == first[inside]
        if self.second is not None and second is not None:
            found[found] = self.second[pos[found]] == second[found]
        return found
