"""EOIR nationality codes (NAT) as the facts' citizenship (ISO 3166-1 alpha-3).

NAT joins tblLookupNationality.NAT_CODE, two-letter codes of EOIR's own (mostly FIPS 10-4:
`HO` Honduras, `NU` Nicaragua), not ISO. The rules read citizenship only to find the
nationals the law names: INA 235(b)(1)(F) (Western Hemisphere countries without full
diplomatic relations) and the designations' excepted nationals. So the codes of the
Western Hemisphere are mapped, by the names in EOIR's lookup; a code for a country outside
it gives no listed citizenship (`[]`); a code that names no one country (unknown,
stateless-unknown, "former countries", a region) gives null, an unknown citizenship.
`check_covered` refuses a law that names a country this table cannot find.
"""

from __future__ import annotations

import polars as pl

from erpath.law.model import Law

# EOIR NAT code -> ISO 3166-1 alpha-3, for every Western Hemisphere country and territory
# in tblLookupNationality (names as there).
WESTERN_HEMISPHERE: dict[str, str] = {
    "AB": "ABW",  # ARUBA
    "AC": "ATG",  # ANTIGUA AND BARBUDA
    "AR": "ARG",  # ARGENTINA
    "AV": "AIA",  # ANGUILLA
    "BB": "BRB",  # BARBADOS
    "BD": "BMU",  # BERMUDA
    "BF": "BHS",  # BAHAMAS
    "BH": "BLZ",  # BELIZE
    "BL": "BOL",  # BOLIVIA
    "BR": "BRA",  # BRAZIL
    "CA": "CAN",  # CANADA
    "CI": "CHL",  # CHILE
    "CJ": "CYM",  # CAYMAN ISLANDS
    "CO": "COL",  # COLOMBIA
    "CS": "CRI",  # COSTA RICA
    "CU": "CUB",  # CUBA
    "DO": "DMA",  # DOMINICA
    "DR": "DOM",  # DOMINICAN REPUBLIC
    "EC": "ECU",  # ECUADOR
    "ES": "SLV",  # EL SALVADOR
    "FA": "FLK",  # FALKLAND ISLANDS
    "FG": "GUF",  # FRENCH GUIANA
    "GJ": "GRD",  # GRENADA
    "GL": "GRL",  # GREENLAND
    "GP": "GLP",  # GUADELOUPE
    "GT": "GTM",  # GUATEMALA
    "GY": "GUY",  # GUYANA
    "HA": "HTI",  # HAITI
    "HO": "HND",  # HONDURAS
    "JM": "JAM",  # JAMAICA
    "MB": "MTQ",  # MARTINIQUE
    "MH": "MSR",  # MONTSERRAT
    "MX": "MEX",  # MEXICO
    "NS": "SUR",  # SURINAME
    "NU": "NIC",  # NICARAGUA
    "PA": "PRY",  # PARAGUAY
    "PE": "PER",  # PERU
    "PM": "PAN",  # PANAMA
    "SB": "SPM",  # ST. PIERRE AND MIQUELON
    "SC": "KNA",  # ST. CHRISTOPHER-NEVIS
    "SK": "KNA",  # ST. KITTS (AND NEVIS)
    "ST": "LCA",  # ST. LUCIA
    "TD": "TTO",  # TRINIDAD AND TOBAGO
    "TK": "TCA",  # TURKS AND CAICOS ISLANDS
    "UY": "URY",  # URUGUAY
    "VC": "VCT",  # ST. VINCENT AND THE GRENADINES
    "VE": "VEN",  # VENEZUELA
    "VI": "VGB",  # BRITISH VIRGIN ISLANDS
}
# Codes that name no single country: unknown nationality, in absentia/unknown, no
# nationality, stateless (unable to name a country), "be removed from the United States",
# "Former Countries", and the regions British West Indies, French West Indies and
# Netherlands Antilles (which may hold a Western Hemisphere national of any of several).
UNKNOWN = frozenset(
    {"??", "UN", "IU", "NN", "SS", "XX", "CZ", "GC", "UR", "YO", "YS", "BW", "FW", "NA"}
)
NAT_CODE = r"^[A-Z]{2}$"


def citizenship(nat: pl.Expr) -> pl.Expr:
    """The citizenship list for an EOIR NAT code (upper-case, stripped)."""
    listed = nat.replace_strict(WESTERN_HEMISPHERE, default=None, return_dtype=pl.String)
    return (
        pl.when(nat.is_null() | nat.is_in(list(UNKNOWN)) | ~nat.str.contains(NAT_CODE))
        .then(pl.lit(None, dtype=pl.List(pl.String)))
        .when(listed.is_not_null())
        .then(pl.concat_list(listed))
        .otherwise(pl.lit([], dtype=pl.List(pl.String)))
    )


def named_countries(law: Law) -> set[str]:
    """The countries the law data names by citizenship."""
    named = {c.country for c in law.western_hemisphere_without_full_relations}
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
            + " (erpath/exposure/citizenship.py)"
        )
