"""A_TblCase rows: one per case, with the person's nationality, language, address, entry
date and the case's latest hearing.

DATE_OF_ENTRY precedes the NTA by days (border cases) or years (interior cases; model.py),
and the manner of entry (without inspection, arriving at a port, admitted) follows it;
C_BIRTHDATE is month/year (RESEARCH.md 1.4); LATEST_* repeat the case's last schedule row;
E_28_DATE is the first EOIR-28 of the respondent's attorneys in tbl_RepsAssigned.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl

from erpath.eoir.reference import defect_rates, missing_share
from erpath.eoir.synth import model
from erpath.eoir.synth.columns import const, frame, where
from erpath.eoir.synth.draws import Days, Draws, Mask, as_text, day_number, sql_dates, truth
from erpath.eoir.synth.pools import Pools
from erpath.eoir.synth.timeline import Cases

TABLE = "A_TblCase"


@dataclass
class People:
    """Case-level attributes other tables repeat."""

    nat: pl.Series  # as written (may be empty or outside the lookup)
    lang: pl.Series
    entry: Days
    manner: npt.NDArray[np.str_]  # without_inspection, arriving or admitted
    attorney: np.ndarray  # index into pools.attorneys, or -1


def draw_people(draws: Draws, c: Cases, pools: Pools) -> People:
    rng, n = draws.rng, c.n
    nat = pools.nationality.draw(rng, n)
    outside = draws.chance(n, defect_rates()[(TABLE, "NAT_outside_lookup")].rate)
    invented = pl.Series(list(model.OUTSIDE_CODES[(TABLE, "NAT")]))
    nat = where(outside, invented.gather(rng.integers(0, len(invented), n)), nat)
    lang = pools.language.draw(rng, n)
    year_2025 = day_number(model.DHS_DISMISSAL_FROM.replace(month=1, day=1))
    border_share = np.where(
        c.filed >= year_2025, model.BORDER_SHARE_FROM_2025, model.BORDER_SHARE_BEFORE_2025
    )
    border = rng.random(n) < border_share
    border_gap = np.rint(rng.exponential(model.BORDER_GAP_MEAN_DAYS, n)).astype(np.int64)
    interior_gap = draws.lognormal_days(
        n, model.INTERIOR_GAP_MEDIAN_YEARS * 365.25, model.INTERIOR_GAP_SIGMA
    )
    interior_gap = np.minimum(interior_gap, int(model.INTERIOR_GAP_MAX_YEARS * 365.25))
    entry = c.filed - np.where(border, border_gap, interior_gap)
    u = rng.random(n)
    manner = np.where(
        border,
        np.where(u < model.ARRIVING_SHARE_OF_BORDER, "arriving", "without_inspection"),
        np.where(u < model.ADMITTED_SHARE_OF_INTERIOR, "admitted", "without_inspection"),
    )
    manner = np.where(c.clean_type == "EXC", "arriving", manner)  # exclusion: at a port
    has_attorney = rng.random(n) < model.REPRESENTED_SHARE
    attorney = np.where(has_attorney, rng.integers(0, len(pools.attorneys), n), -1)
    return People(nat=nat, lang=lang, entry=entry, manner=manner, attorney=attorney)


def build(
    draws: Draws,
    c: Cases,
    people: People,
    pools: Pools,
    latest: tuple[Days, Mask, pl.Series, pl.Series],
    update_site: pl.Series,
    first_e28: tuple[Days, Mask],
    minors: Mask,
) -> pl.DataFrame:
    rng, n = draws.rng, c.n
    latest_day, latest_none, latest_time, latest_cal = latest
    e28, unrepresented = first_e28
    # Shown on the share of represented cases that leaves the real share empty.
    represented = max(int((~unrepresented).sum()), 1)
    shown = min((1 - missing_share(TABLE, "E_28_DATE")) * n / represented, 1.0)
    city = pools.cities.draw(rng, n)
    state_zip = city.replace_strict(
        {k: v[0] for k, v in pools.city_state.items()}, return_dtype=pl.String
    )
    prefix = city.replace_strict(
        {k: v[1] for k, v in pools.city_state.items()}, return_dtype=pl.Int64
    )
    zipcode = (prefix * 100 + pl.Series(rng.integers(0, 100, n))).cast(pl.String).str.zfill(5)
    detained = np.isin(c.custody, ["D", "R"])
    detained_day = c.filed - rng.integers(0, 10, n)
    released_day = detained_day + draws.lognormal_days(n, model.RELEASE_AFTER_MEDIAN_DAYS, 1.0)
    age = np.where(minors, rng.integers(6, 18, n), rng.integers(1, 55, n))
    birth_year = (c.filed // 365.25 + 1970 - age).astype(np.int64)
    birth = (
        pl.Series(rng.integers(1, 13, n)).cast(pl.String).str.zfill(2) + "/" + as_text(birth_year)
    )
    changed = c.filed + (
        rng.random(n) * np.maximum(np.minimum(c.ends, c.release) - c.filed, 1)
    ).astype(np.int64)
    custody_written = draws.frequencies(n, TABLE, "CUSTODY")
    custody = where(
        truth(custody_written.is_in(["N", "D", "R"])), pl.Series(c.custody), custody_written
    )
    cols = {
        "IDNCASE": as_text(c.case_id),
        "ALIEN_CITY": draws.missing(city, TABLE, "ALIEN_CITY"),
        "ALIEN_STATE": draws.missing(state_zip, TABLE, "ALIEN_STATE"),
        "ALIEN_ZIPCODE": draws.missing(zipcode, TABLE, "ALIEN_ZIPCODE"),
        "NAT": draws.missing(people.nat, TABLE, "NAT"),
        "LANG": draws.missing(people.lang, TABLE, "LANG"),
        "CUSTODY": custody,
        "E_28_DATE": sql_dates(e28, unrepresented | (rng.random(n) >= shown)),
        "ATTY_NBR": draws.missing(
            pl.Series(rng.integers(1, 4, n)).cast(pl.String).str.zfill(2), TABLE, "ATTY_NBR"
        ),
        "CASE_TYPE": pl.Series(c.case_type),
        "UPDATE_SITE": draws.missing(update_site, TABLE, "UPDATE_SITE"),
        "LATEST_HEARING": sql_dates(latest_day, latest_none),
        "LATEST_TIME": draws.blank(latest_time, latest_none),
        "LATEST_CAL_TYPE": draws.blank(latest_cal, latest_none),
        "INMATE_HOUSING": draws.missing(pools.inmate_housing.draw(rng, n), TABLE, "INMATE_HOUSING"),
        "DATE_OF_ENTRY": draws.missing(sql_dates(people.entry), TABLE, "DATE_OF_ENTRY"),
        "C_ASY_TYPE": draws.missing(
            draws.weighted(n, ["I", "E", "J"], [0.6, 0.35, 0.05]), TABLE, "C_ASY_TYPE"
        ),
        "C_BIRTHDATE": draws.missing(birth, TABLE, "C_BIRTHDATE"),
        "C_RELEASE_DATE": draws.missing(
            sql_dates(released_day, released_day > c.release), TABLE, "C_RELEASE_DATE"
        ),
        "ADDRESS_CHANGEDON": draws.missing(sql_dates(changed), TABLE, "ADDRESS_CHANGEDON"),
        "DATE_DETAINED": sql_dates(detained_day, ~detained | draws.chance(n, 0.49)),
        "DATE_RELEASED": sql_dates(
            released_day,
            (c.custody != "R") | draws.chance(n, 0.29) | (released_day > c.release),
        ),
        "RELEASE_YEAR": const(n, None),
    }
    out = frame(TABLE, draws, n, cols)
    month = out["RELEASE_MONTH"]
    year = where(
        truth(month == "00"), const(n, "0000"), as_text(birth_year + rng.integers(20, 40, n))
    )
    return out.with_columns(RELEASE_YEAR=draws.blank(year, truth(month.is_null())))
