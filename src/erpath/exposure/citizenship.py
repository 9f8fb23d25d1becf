"""EOIR nationality codes (NAT) as the facts' citizenship (ISO 3166-1 alpha-3).

NAT joins tblLookupNationality.NAT_CODE, two-letter codes of EOIR's own (mostly FIPS 10-4:
`HO` Honduras, `NU` Nicaragua), not ISO. The rules read citizenship only to find the
nationals the law names: INA 235(b)(1)(F) (Western Hemisphere countries without full
diplomatic relations) and the designations' excepted nationals. So the codes of the
Western Hemisphere are mapped, by the names in EOIR's lookup; a code for a country outside
it gives no listed citizenship (`[]`); a code that names no one country (unknown,
stateless-unknown, "former countries", a region), and a code EOIR's nationality lookup
does not hold (`eoir/reference/nationality_names.csv`), give null, an unknown citizenship,
which the exposure answers under each country the law names (ADR 0026).
`check_covered` refuses a law that names a country this table cannot find.
"""

from __future__ import annotations

import polars as pl

from erpath.eoir.reference import reference_rows
from erpath.law.model import Law

# EOIR NAT code -> ISO 3166-1 alpha-3, for every Western Hemisphere country and territory
# in tblLookupNationality, and the codes that name no single country (unknown, stateless,
# "Former Countries", regions that may hold a national of any of several): the release's
# reference data, eoir/reference/nationality_citizenship.csv.
_TABLE = {
    row["nat_code"]: row["citizenship"] for row in reference_rows("nationality_citizenship.csv")
}
WESTERN_HEMISPHERE: dict[str, str] = {c: iso for c, iso in _TABLE.items() if iso != "unknown"}
UNKNOWN = frozenset(c for c, iso in _TABLE.items() if iso == "unknown")
# Every code of EOIR's nationality lookup: any other code is an unknown nationality.
KNOWN = frozenset(row["nat_code"] for row in reference_rows("nationality_names.csv"))


def citizenship(nat: pl.Expr) -> pl.Expr:
    """The citizenship list for an EOIR NAT code (upper-case, stripped)."""
    listed = nat.replace_strict(WESTERN_HEMISPHERE, default=None, return_dtype=pl.String)
    return (
        pl.when(nat.is_null() | nat.is_in(list(UNKNOWN)) | ~nat.is_in(list(KNOWN - UNKNOWN)))
        .then(pl.lit(None, dtype=pl.List(pl.String)))
        .when(listed.is_not_null())
        .then(pl.concat_list(listed))
        .otherwise(pl.lit([], dtype=pl.List(pl.String)))
    )


def named_countries(law: Law) -> set[str]:
    """The countries the law data names by citizenship."""
    named = {c.country for c in law.western_hemisphere_without_full_relations}
    named.update(law.contiguous_countries.countries)
    for _, cls in law.classes():
        named.update(n.country for n in cls.nationals_excepted)
    return named


def check_covered(law: Law) -> None:
    """Refuse a law that names a country no EOIR code here maps to: its nationals would
    silently be read as not named."""
    missing = named_countries(law) - set(WESTERN_HEMISPHERE.values())
    if missing:
        raise ValueError(
            "the law names citizenships the EOIR nationality table does not map: "
            + ", ".join(sorted(missing))
            + " (erpath/eoir/reference/nationality_citizenship.csv)"
        )
