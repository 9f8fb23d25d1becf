"""FOIA redaction marks in ICE releases: cells withheld under an exemption of 5 U.S.C. 552(b).

ICE writes a withheld cell as the exemptions it was withheld under, in several spellings. The
FY2019 files (data/PROVENANCE.md) use `"(B)(6);(B)(7)(C) "` (Birth Date, every row, with a
trailing space) and `"(B)(7)(E) "` (RC Threat Level, Operation); the UWCHR disposition crosswalk
has `"(B)(3)"`; the Deportation Data Project releases use `b(6), b(7)c`, `b(6), b(7)C` and
`(b)(6), (b)(7)(c)` (research brief, shared/data/RESEARCH.md section 3.3). A mark is one or more
exemptions `b` + number + optional letter, each part optionally in parentheses, separated by
commas, semicolons, slashes, ampersands, "and" or spaces. A bare `B` (the removals code for
"Bag and Baggage") is a value, not a mark: a mark always carries an exemption number.
"""

from __future__ import annotations

import re

_EXEMPTION = r"\(?\s*b\s*\)?\s*\(?\s*[1-9]\s*\)?(?:\s*\(?\s*[a-f]\s*\)?)?"
_SEPARATOR = r"\s*(?:[,;/&]|\band\b)?\s*"
REDACTION = re.compile(rf"^\s*{_EXEMPTION}(?:{_SEPARATOR}{_EXEMPTION})*\s*$", re.IGNORECASE)


def is_redaction(text: str) -> bool:
    """Whether a cell is a FOIA redaction mark (and so a withheld value, not data)."""
    return REDACTION.match(text) is not None
