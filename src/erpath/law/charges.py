"""A charge of inadmissibility or deportability as one code, however it is written: the one
reader of charges, for a facts document, the web form and an EOIR release.

`212(a)(6)(C)(i)`, `INA 212(a)(06)(C)(i)`, `212a06Ci` and `212A6CI` are `212A6CI`: upper
case, no brackets, no "INA", no leading zero in the paragraph; a run of spaces, which
separates a subclause in the release (`212a07Ai  I`), becomes one. A bare paragraph
(`6C`, `(6)(C)`, `7`) is read as one of section 212(a), the section of the grounds of
inadmissibility (INA 235(b)(1)(A)(i) names 212(a)(6)(C) and 212(a)(7)).
"""

from __future__ import annotations

import re

SECTION = re.compile(r"^(\d{3})A0*(\d)")
INADMISSIBILITY = "212A"


def charge_code(text: str) -> str:
    """The charge `text` as one code (`212A6CI`)."""
    bare = re.sub(r"[()]", "", text.upper())
    bare = re.sub(r"\s+", " ", bare).strip().removeprefix("INA ").removeprefix("INA")
    if re.match(r"^\d{1,2}([A-Z]|$)", bare):  # a bare paragraph: of 212(a)
        bare = INADMISSIBILITY + bare
    return SECTION.sub(r"\1A\2", bare)


def paragraph(text: str) -> str | None:
    """The 212(a) paragraph a charge names (`6C`, `7AI`), or None for another section."""
    code = charge_code(text)
    return code.removeprefix(INADMISSIBILITY) if code.startswith(INADMISSIBILITY) else None
