"""The bundled data files are the ones data/PROVENANCE.md describes, byte for byte."""

from __future__ import annotations

import hashlib
import re

from .plain import DATA

ROW = re.compile(r"^\| `([^`]+)` \| ([\d,]+) \| `([0-9a-f]{64})` \|$", re.MULTILINE)


def test_every_bundled_file_matches_its_recorded_size_and_hash() -> None:
    recorded = ROW.findall((DATA / "PROVENANCE.md").read_text(encoding="utf-8"))
    bundled = {p.name for p in DATA.iterdir() if p.name != "PROVENANCE.md"}
    assert {name for name, _, _ in recorded} == bundled
    for name, size, digest in recorded:
        data = (DATA / name).read_bytes()
        assert len(data) == int(size.replace(",", "")), name
        assert hashlib.sha256(data).hexdigest() == digest, name
