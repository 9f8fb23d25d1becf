"""A charge of inadmissibility or deportability as one code, however it is written: the one
reader of charges, for a facts document, the web form and an EOIR release.

`212(a)(6)(C)(i)`, `INA 212(a)(06)(C)(i)`, `212a06Ci` and `212A6CI` are `212A6CI`: upper
case, no brackets, no "INA", no leading zero in the paragraph; a run of spaces, which
separates a subclause in the release (`212a07Ai  I`), becomes one. A bare paragraph
(`6C`, `(6)(C)`, `7`) is read as one of section 212(a), the section of the grounds of
inadmissibility (INA 235(b)(1)(A)(i) names 212(a)(6)(C) and 212(a)(7)). A code's parts
(`parts`) are its section, subsection, paragraph, subparagraph, clause and subclause, so
that a charge under another (`under`) is one whose parts begin with the other's.
"""

from __future__ import annotations

import re

SECTION = re.compile(r"^(\d{3})A0*(\d)")
PARTS = re.compile(r"^(\d{3})([A-Z])?(\d+)?([A-Z])?([IVX]+)?(?: ([IVX]+|[A-Z]))?")
INADMISSIBILITY = "212A"


def charge_code(text: str) -> str:
    """The charge `text` as one code (`212A6CI`)."""
    # a subclause in brackets, (i)(I), is set apart as the release sets it: "(i) I"
    spaced = re.sub(r"\(([ivx]+)\)\(([IVX]+)\)", r"(\1) \2", text)
    bare = re.sub(r"[()]", "", spaced.upper())
    bare = re.sub(r"\s+", " ", bare).strip().removeprefix("INA ").removeprefix("INA")
    if re.match(r"^\d{1,2}([A-Z]|$)", bare):  # a bare paragraph: of 212(a)
        bare = INADMISSIBILITY + bare
    return SECTION.sub(r"\1A\2", bare)


def parts(text: str) -> tuple[str, ...]:
    """The charge's section, subsection, paragraph, subparagraph, clause and subclause,
    as far as it names them (`237A1B` is 237, A, 1, B); empty if it names no section."""
    found = PARTS.match(charge_code(text))
    return tuple(p for p in found.groups() if p) if found else ()


def under(text: str, charge: str) -> bool:
    """Whether the charge `text` is `charge` or a part of it (212(a)(6)(A)(i)(I) is under
    212(a)(6)(A)(i); 212(a)(6)(A)(ii) is not)."""
    inner, outer = parts(text), parts(charge)
    return bool(outer) and inner[: len(outer)] == outer


def paragraph(text: str) -> str | None:
    """The 212(a) paragraph a charge names (`6C`, `7AI`), or None for another section."""
    code = charge_code(text)
    return code.removeprefix(INADMISSIBILITY) if code.startswith(INADMISSIBILITY) else None
