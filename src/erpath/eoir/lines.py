"""Reading a release file as physical lines, in chunks, exactly.

The files are tab-delimited without quoting, Latin-1, with NUL bytes and stray carriage
returns (RESEARCH.md 1.4). A chunk is the bytes from an offset to the first newline at or
after `offset + CHUNK_BYTES` (or the end of the file), so chunk boundaries depend only on
the file and resuming at a recorded offset reads the same chunks. Within a chunk:

- NUL bytes are removed, and the lines that had some are remembered (a repair);
- the bytes are decoded as Latin-1 (every byte is a character; nothing is replaced);
- every physical line becomes one string, a `\\r` before the `\\n` removed; a blank line
  is an empty line, never skipped;
- fields are split on tabs into `columns + 1` parts, so that a line with too many fields
  (its last part set) or too few (its last column missing) is told from a line whose
  trailing fields are merely empty.

The count of lines is checked against the count of newlines; any difference is an error,
never a silent loss.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import polars as pl

from erpath.eoir.release import ReleaseError

CHUNK_BYTES = 48 * 1024 * 1024
EXTRA = "_extra"


class LineCountError(Exception):
    """The lines read do not match the newlines in the bytes (a bug, not a data defect)."""


@dataclass(frozen=True)
class Chunk:
    index: int
    start: int  # byte offset of the chunk's first line
    end: int  # byte offset after its last newline
    first_line: int  # physical line number (1-based, header = 1) of its first line
    lines: pl.Series  # one string per physical line (NULs removed, decoded)
    nul_lines: npt.NDArray[np.int64]  # indices (in the chunk) of lines that had NUL bytes

    @property
    def size(self) -> int:
        return self.end - self.start


def read_header(path: Path) -> tuple[tuple[str, ...], int]:
    """The header's column names and the byte offset of the first data line; no names
    for a file of 0 bytes. A blank first line is refused (`ReleaseError`): the file's
    columns are unknown."""
    with path.open("rb") as f:
        raw = f.readline()
    if not raw:
        return (), 0
    text = raw.replace(b"\x00", b"").decode("latin-1").rstrip("\n").rstrip("\r")
    names = tuple(name.strip() for name in text.split("\t"))
    if not any(names):
        raise ReleaseError(f"{path}: line 1 is blank, not a header of column names")
    return names, len(raw)


def decode_lines(raw: bytes) -> tuple[pl.Series, npt.NDArray[np.int64]]:
    """The physical lines of `raw` (whole lines) and the indices of those with NULs."""
    nul_lines = np.array([], dtype=np.int64)
    if b"\x00" in raw:
        arr = np.frombuffer(raw, dtype=np.uint8)
        newlines = np.flatnonzero(arr == 10)
        nul_lines = np.unique(np.searchsorted(newlines, np.flatnonzero(arr == 0))).astype(np.int64)
        raw = raw.replace(b"\x00", b"")
    expected = raw.count(b"\n") + (0 if raw.endswith(b"\n") or not raw else 1)
    if not raw.isascii():
        raw = raw.decode("latin-1").encode("utf-8")
    if expected == 0:
        return pl.Series("line", [], dtype=pl.String), nul_lines
    lines = pl.read_csv(
        raw,
        separator="\x00",
        quote_char=None,
        has_header=False,
        infer_schema=False,
        new_columns=["line"],
        eol_char="\n",
        raise_if_empty=False,
    ).to_series()
    if len(lines) != expected:  # never seen; keep exactness with a plain split
        text = raw.decode("utf-8")
        parts = text.split("\n")
        if text.endswith("\n"):
            parts.pop()
        lines = pl.Series(
            "line", [p[:-1] if p.endswith("\r") else p for p in parts], dtype=pl.String
        )
    if len(lines) != expected:
        raise LineCountError(f"{len(lines)} lines read for {expected} newlines")
    return lines.fill_null(""), nul_lines


@dataclass(frozen=True)
class RawChunk:
    """A chunk's bytes, before decoding."""

    index: int
    start: int
    end: int
    first_line: int
    raw: bytes
    lines: int  # physical lines in `raw`


def raw_chunks(
    path: Path, start: int, first_line: int, first_index: int = 0, chunk_bytes: int = CHUNK_BYTES
) -> Iterator[RawChunk]:
    """The chunks of `path` from byte `start` (which begins physical line `first_line`)."""
    with path.open("rb") as f:
        f.seek(start)
        index, offset, line_no = first_index, start, first_line
        while True:
            raw = f.read(chunk_bytes)
            if not raw:
                return
            if not raw.endswith(b"\n"):
                raw += f.readline()
            count = raw.count(b"\n") + (0 if raw.endswith(b"\n") else 1)
            yield RawChunk(index, offset, offset + len(raw), line_no, raw, count)
            index += 1
            offset += len(raw)
            line_no += count


def decode(chunk: RawChunk) -> Chunk:
    lines, nul_lines = decode_lines(chunk.raw)
    if len(lines) != chunk.lines:
        raise LineCountError(f"{len(lines)} lines decoded for {chunk.lines} newlines")
    return Chunk(chunk.index, chunk.start, chunk.end, chunk.first_line, lines, nul_lines)


def split_fields(lines: pl.Series, names: tuple[str, ...]) -> pl.DataFrame:
    """The lines split on tabs into the named columns plus `_extra` (the rest of a line
    with too many fields). An empty field is an empty string and a missing one (past the
    end of a short line) is NULL, which `well_formed` relies on; `empty_to_null` then
    makes empty fields NULL too."""
    parts = lines.str.splitn("\t", len(names) + 1).struct.unnest()
    return parts.rename(dict(zip(parts.columns, [*names, EXTRA], strict=True)))


def well_formed(parts: pl.DataFrame, names: tuple[str, ...]) -> pl.Series:
    """True where a line has exactly as many fields as the header (before empties are
    made NULL)."""
    return (parts[names[-1]].is_not_null() & parts[EXTRA].is_null()).alias("well_formed")


def empty_to_null(parts: pl.DataFrame, names: tuple[str, ...]) -> pl.DataFrame:
    return parts.select([pl.col(n).replace("", None) for n in names])
