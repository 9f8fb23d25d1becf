"""The generator's assumptions: every number the reference data does not give.

What is measured comes from `erpath/eoir/reference/` (per-case ratios, value frequencies,
missingness, defect rates the research found). What is here was chosen, because no public
source gives it; each constant says so and why. ADR 0010 lists them.
"""

from __future__ import annotations

from datetime import date

DEFAULT_RELEASE_DATE = date(2026, 7, 1)

# New cases by calendar year of the NTA (relative weights). Chosen: a plausible shape,
# not a measured series (RESEARCH.md 6, "filings by FY follow the real surge and
# decline"; 22-34k new cases a month in 2025), with the backlog of the 2020s (ADR 0033):
# about 12.6M cases in all (reference row counts) of which 26-30% are open at the release
# needs most of them filed in 2022-2024.
FILINGS_BY_YEAR: dict[int, float] = {
    **dict.fromkeys(range(1985, 1996), 100.0),
    **dict.fromkeys(range(1996, 2001), 220.0),
    **dict.fromkeys(range(2001, 2013), 250.0),
    **dict.fromkeys(range(2013, 2017), 250.0),
    2017: 300.0,
    2018: 350.0,
    2019: 550.0,
    2020: 300.0,
    2021: 250.0,
    2022: 900.0,
    2023: 1600.0,
    2024: 1500.0,
    2025: 400.0,
    2026: 330.0,
}

# Share of new cases detained by year of the NTA (ADR 0033). 2025 and 2026 are TRAC's
# (calibration_targets.csv new_cases_share_detained: 36% Feb-May 2025, 30% Jul 2025; 2026
# keeps July's); the other years share the rest of the reference's detained share of all
# cases (A_TblCase CUSTODY D, 23%) in these proportions (chosen, no yearly series is
# published): the border surges of 2019 and 2021-2024 were mostly released with an NTA,
# and their cases are the backlog of the 2020s, which a detained share (decided in weeks)
# could not leave pending. N and R keep their reference ratio among the others.
DETAINED_SHARE_BY_YEAR = {2025: 0.34, 2026: 0.30}
DETAINED_RELATIVE_BY_YEAR = {
    **dict.fromkeys(range(2019, 2021), 0.6),
    **dict.fromkeys(range(2021, 2025), 0.3),
}  # 1.0 before 2019

# Median duration of ordinary cases by year of the NTA, relative to the solved median of
# the latest years (ADR 0033). Chosen so that the pending count at the calibration dates
# follows the targets' shape (calibration_targets.csv eoir_pending_cases: 186k end FY2008,
# 987k end FY2019, 2.5M end FY2023, 3.6M end FY2024, 3.4M in 2025-08 and 2026-02): cases
# of the 2000s were decided within a year or two, the backlog of the 2020s waits years.
DURATION_RELATIVE_BY_YEAR: dict[int, float] = {
    **dict.fromkeys(range(1985, 2009), 0.04),
    **dict.fromkeys(range(2009, 2013), 0.06),
    **dict.fromkeys(range(2013, 2017), 0.15),
    **dict.fromkeys(range(2017, 2019), 0.35),
    **dict.fromkeys(range(2019, 2022), 0.6),
}  # 1.0 from 2022

# The completions surge of FY2025 and the rest of 2025 (RESEARCH.md 5: EOIR says pending
# fell by more than 700,000 in FY2025; TRAC 3.55M in May to 3.4M in Aug 2025; DHS motions
# to dismiss from 2025-05-20): of the cases filed before SURGE_FROM and open then that
# would still be open at SURGE_UNTIL, this share completes on a day between the two
# instead. Chosen to give the targets' fall of about 5-10% from the peak.
SURGE_FROM = date(2024, 10, 1)
SURGE_UNTIL = date(2025, 12, 31)
SURGE_SHARE = 0.17

# Share of cases whose last proceeding is still open at the release date. Derived, not
# chosen: COMP_DATE is missing on 22.8% of proceedings (reference missingness) and only a
# case's last proceeding can be open, so 0.228 * 1.307 proceedings per case.
PENDING_SHARE = 0.298

# Days from the NTA to the case's completion: lognormal. The median for detained cases
# and credible-fear reviews is chosen (RESEARCH.md 6: detained cases within weeks; CFR
# decided in about 5-10 days); the median of the other cases is solved at start so that
# PENDING_SHARE of the cases are open at the release date.
DURATION_SIGMA = 1.1
DETAINED_MEDIAN_DAYS = 75.0
CFR_MEDIAN_DAYS = 9.0

# Proceedings per case, 1..6: mean 1.31 (reference row counts give 1.307). The shape is
# chosen: mostly one, tail to 5+ (RESEARCH.md 6).
PROCEEDINGS_PER_CASE = (0.77, 0.17, 0.045, 0.01, 0.004, 0.001)

# Days from the start of a proceeding to its first hearing. Chosen so that the pooled
# median is near the 106 days of ian-nason's VALIDATION.md (RESEARCH.md 5).
FIRST_HEARING_DETAINED_DAYS = (7.0, 14.0)  # minimum, then an exponential mean
FIRST_HEARING_MEDIAN_DAYS = 120.0
FIRST_HEARING_SIGMA = 0.9

# Entry before the NTA (DATE_OF_ENTRY): a mixture of border cases (days) and interior
# cases (years). Chosen to give about 34% of 2025 NTAs an entry under two years before
# (TRAC, July 2025: 66% had lived here 2+ years; RESEARCH.md 5).
BORDER_SHARE_BEFORE_2025 = 0.5
BORDER_SHARE_FROM_2025 = 0.25
BORDER_GAP_MEAN_DAYS = 8.0
INTERIOR_GAP_MEDIAN_YEARS = 5.0
INTERIOR_GAP_SIGMA = 0.8
INTERIOR_GAP_MAX_YEARS = 50.0

# How the person entered, which the NTA's charges follow (B_TblProceedCharges). Chosen, no
# source in the research: of the border cases, this share came to a port of entry without
# documents (arriving aliens: 212(a)(7)(A)(i)(I)), the others crossed between ports (present
# without admission or parole: 212(a)(6)(A)(i)); of the interior cases, this share were
# admitted and overstayed or broke their status (deportable: 237(a)(1)(B), (C)(i)), the
# others entered without inspection years before (overstays are often put at about 40% of
# the unauthorized population).
ARRIVING_SHARE_OF_BORDER = 0.2
ADMITTED_SHARE_OF_INTERIOR = 0.4

# Cases with a respondent's attorney (EOIRAttorneyID on their hearings; ALIEN rows in
# tbl_RepsAssigned). Chosen: between the 59% of cases with an ATTY_NBR and the 41% of
# hearings with an EOIRAttorneyID (reference missingness).
REPRESENTED_SHARE = 0.55

# Decision codes given the case type (the marginal DEC_CODE frequencies are kept for the
# others). Chosen from RESEARCH.md 1.7: CFR A = affirmed, V = vacated, about 25% vacated.
CFR_VACATED_SHARE = 0.25

# In-absentia share of removal orders (X), before 2025 and from 2025 (RESEARCH.md 5:
# about 219,000 in-absentia orders Jan-Sep 2025 against 91,356 in 2019). Chosen.
ABSENTIA_SHARE = (0.35, 0.55)

# Schedule rows per proceeding: 1 + a negative binomial with this mean (2.818 in all:
# reference row counts) and dispersion (chosen: a heavy tail).
EXTRA_HEARINGS_MEAN = 46_631_388 / 16_549_948 - 1.0
EXTRA_HEARINGS_DISPERSION = 1.2
HEARING_GAP_DETAINED_DAYS = 21.0
HEARING_GAP_DAYS = 150.0
FUTURE_HEARING_MEAN_DAYS = 240.0

# Relief applications. Chosen so that applications per case match the reference (1.272)
# and sit on asylum cases (RESEARCH.md 6: ASYL + withholding + CAT together).
ASYLUM_APPLICANT_SHARE = {"N": 0.46, "R": 0.46, "D": 0.22}
ASYLUM_TRIPLE = (("ASYL", 0.98), ("ASYW", 0.95), ("WCAT", 0.93))
OTHER_APPLICANT_SHARE = 0.11
OTHER_APPLICATIONS = (
    ("42B", 0.3),
    ("VD", 0.25),
    ("42A", 0.15),
    ("245", 0.15),
    ("212h", 0.05),
    ("212c", 0.04),
    ("SUSP", 0.03),
    ("WAIV", 0.03),
)
# Asylum grant share by year of decision (TRAC via RESEARCH.md 5: 52.6% Sep 2023, 38.2%
# Aug 2024, 19.2% Aug 2025, about 10% Dec 2025). Before 2023 chosen.
ASYLUM_GRANT_BY_YEAR = {2022: 0.35, 2023: 0.5, 2024: 0.38, 2025: 0.22, 2026: 0.12}
APPLICATION_DENIAL_CODES = (("D", 0.7), ("W", 0.18), ("A", 0.08), ("O", 0.04))
APPLICATION_GRANT_CODES = (("G", 0.6), ("F", 0.25), ("C", 0.1), ("I", 0.05))

# Custody-history rows per case by the case's custody (0/1/2 rows). Chosen so that the
# rows per case (0.79) and the N/D/R shares (71/18/11%) match the reference.
CUSTODY_ROWS = {"N": (0.15, 0.85, 0.0), "D": (0.45, 0.42, 0.13), "R": (0.45, 0.42, 0.13)}
RELEASE_AFTER_MEDIAN_DAYS = 45.0

# Motions per case: none with this probability, else 1 + Poisson(mean). Chosen to give
# 0.677 per case (reference row counts).
NO_MOTION_SHARE = 0.62
EXTRA_MOTIONS_MEAN = 8_573_390 / 12_662_540 / (1 - NO_MOTION_SHARE) - 1.0
# Motion types (tblLookupMotionType codes): no published frequencies; chosen.
MOTION_TYPES = (
    ("CV", 0.16),
    ("CO", 0.12),
    ("C", 0.11),
    ("O", 0.07),
    ("U", 0.06),
    ("MA", 0.05),
    ("ET", 0.05),
    ("SC", 0.05),
    ("TP", 0.04),
    ("AC", 0.04),
    ("WC", 0.04),
    ("TV", 0.03),
    ("FD", 0.02),
    ("PS", 0.02),
    ("BD", 0.02),
    ("SY", 0.02),
    ("EH", 0.02),
    ("VD", 0.02),
    ("MC", 0.01),
    ("PM", 0.01),
    ("RS", 0.01),
    ("IM", 0.01),
    ("OT", 0.01),
    ("MU", 0.01),
)
# From 2025-05-20 (the ICE memo; RESEARCH.md 4), DHS moves to dismiss removal cases at
# hearings. No count is published (RESEARCH.md 8); chosen: this share of motions filed
# on removal cases from that day are oral DHS motions to dismiss.
DHS_DISMISSAL_FROM = date(2025, 5, 20)
DHS_DISMISSAL_SHARE = 0.3

# The charges of an NTA (B_TblProceedCharges.CHARGE, in tbllookupCharges' spellings) by its
# ground. The CHARGE frequencies are not published (RESEARCH.md 8), so they are chosen to
# follow each case's type and manner of entry: removal cases of people present without
# admission are charged 212(a)(6)(A)(i), arriving ones 212(a)(7)(A)(i)(I), admitted ones
# 237(a)(1)(B) (overstay) or 237(a)(1)(C)(i) (status violation); deportation cases (DEP,
# before 1997) carry the former section 241 grounds, exclusion cases (EXC) the grounds of
# arriving aliens (212(a)(20) before IMMACT 1990's grounds took effect on 1991-06-01),
# rescission cases section 246. Case types that charge nothing (fear reviews,
# asylum-only, withholding-only, BIA appeals of DHS decisions...) have no rows.
FIRST_CHARGE: dict[str, tuple[tuple[str, float], ...]] = {
    "without_inspection": (("212a06Ai", 1.0),),
    "arriving": (("212a07Ai  I", 1.0),),
    "admitted": (("237a01B", 0.65), ("237a01Ci", 0.35)),
    "former_without_inspection": (("241a01B", 1.0),),
    "former_admitted": (("241a01Ci", 1.0),),
    "former_exclusion": (("212a20", 1.0),),
    "rescission": (("246", 1.0),),
}
# A second charge, on the share of cases that brings the rows to the reference's 1.14 a
# proceeding: mostly no valid entry document beside 212(a)(6)(A)(i), fraud beside
# 212(a)(7), and criminal grounds (212(a)(2), 237(a)(2), 241(a)(2)). Chosen.
SECOND_CHARGE: dict[str, tuple[tuple[str, float], ...]] = {
    "without_inspection": (
        ("212a07Ai  I", 0.45),
        ("212a09Ci  I", 0.15),
        ("212a06Ci", 0.1),
        ("212a02Ai  I", 0.15),
        ("212a02Ai  II", 0.15),
    ),
    "arriving": (("212a06Ci", 0.5), ("212a02Ai  I", 0.25), ("212a02Ai  II", 0.25)),
    "admitted": (
        ("237a02Aiii", 0.3),
        ("237a02Bi", 0.3),
        ("237a02Ai", 0.3),
        ("237a02Aii", 0.1),
    ),
    "former_without_inspection": (("241a02Bi", 0.4), ("241a02Ai", 0.3), ("241a02Aiii", 0.3)),
    "former_admitted": (("241a02Bi", 0.4), ("241a02Ai", 0.3), ("241a02Aiii", 0.3)),
}
EXCLUSION_FORMER_GROUNDS_UNTIL = date(1991, 6, 1)
CASE_TYPES_WITHOUT_CHARGES = ("CFR", "RFR", "AOC", "WHO", "DDC", "CSR", "MAA")
# Proceedings of charged case types with no charge row (records entered without them).
# Chosen: with the case types above, about 6% of proceedings have none.
PROCEEDINGS_WITHOUT_CHARGES = 0.03

# Representatives (tbl_RepsAssigned). The rows per case and the shares of DHS (INS) and
# Board (BOARD) rows are the reference's. Their arrangement is read off the reference
# shares (DDP, autumn 2025): PARENT_TABLE is a proceeding on the INS share of rows (all but
# 46 of 11.7M) and an appeal on exactly the BOARD share, so DHS attorneys are assigned to
# proceedings, the respondent's attorneys appear in the case (EOIR-28, E_28_DATE) and
# before the Board in an appeal (EOIR-27, E_27_DATE). Chosen: the days from the NTA to the
# first EOIR-28, and from a proceeding's start to the DHS attorney's assignment.
FIRST_EOIR28_MEDIAN_DAYS = 60.0
FIRST_EOIR28_SIGMA = 1.2
DHS_ASSIGNED_MEAN_DAYS = 20.0
APPEAL_DAYS = 30  # an appeal is filed within 30 days of the decision (8 CFR 1003.38(b))

# The weight of a court the court directory does not list (a closed court, an old code) or
# of a listing that holds no hearings, in judges (a court of a listed state weighs its
# state's judges shared among its courts: `courts.py`). Chosen: half a judge's cases.
UNLISTED_COURT_JUDGES = 0.5

# Codes with no published frequencies: a Zipf law over the lookup's codes, in a seeded
# order, after these leading codes (chosen: the most common nationalities, languages,
# courts and hearing kinds in TRAC's public reports, in no exact order).
ZIPF_EXPONENT = 1.1
LEADING_NATIONALITIES = ("MX", "GT", "HO", "ES", "VE", "CO", "EC", "CU", "NU", "HA", "IN", "BR")
LEADING_LANGUAGES = ("SP", "ENG", "POR", "CRE", "MAM", "QUI", "RUS", "MAN", "PUN", "K'I")
LEADING_SCHEDULE_TYPES_FIRST = ("MM",)
LEADING_SCHEDULE_TYPES_LATER = ("MR", "II", "IR", "IA", "MA", "MS", "ID", "MD", "RD")
LEADING_ADJOURNMENT_CODES = ("17", "01", "02", "12", "05", "06", "08", "13", "19", "1C")

# US cities for the respondents' addresses (state, 3-digit zip prefixes). Chosen; a few
# Puerto Rico and Colorado names carry Latin-1 letters, as the real files do (RESEARCH.md
# 1.4: the files are cp1252/latin-1).
CITIES: tuple[tuple[str, str, int, float], ...] = (
    ("HOUSTON", "TX", 770, 5.0),
    ("LOS ANGELES", "CA", 900, 5.0),
    ("NEW YORK", "NY", 100, 5.0),
    ("MIAMI", "FL", 331, 4.0),
    ("CHICAGO", "IL", 606, 3.0),
    ("DALLAS", "TX", 752, 3.0),
    ("BRONX", "NY", 104, 3.0),
    ("BROOKLYN", "NY", 112, 3.0),
    ("QUEENS", "NY", 113, 2.0),
    ("SAN ANTONIO", "TX", 782, 2.0),
    ("PHOENIX", "AZ", 850, 2.0),
    ("ATLANTA", "GA", 303, 2.0),
    ("NEWARK", "NJ", 71, 2.0),
    ("CHARLOTTE", "NC", 282, 1.5),
    ("DENVER", "CO", 802, 1.5),
    ("LAS VEGAS", "NV", 891, 1.5),
    ("SAN DIEGO", "CA", 921, 1.5),
    ("SAN JOSE", "CA", 951, 1.5),
    ("SEATTLE", "WA", 981, 1.2),
    ("BOSTON", "MA", 21, 1.2),
    ("ORLANDO", "FL", 328, 1.2),
    ("NASHVILLE", "TN", 372, 1.0),
    ("AUSTIN", "TX", 787, 1.0),
    ("EL PASO", "TX", 799, 1.0),
    ("SALT LAKE CITY", "UT", 841, 0.8),
    ("OMAHA", "NE", 681, 0.6),
    ("LAKE WORTH", "FL", 334, 0.6),
    ("PATERSON", "NJ", 75, 0.6),
    ("HYATTSVILLE", "MD", 207, 0.6),
    ("SILVER SPRING", "MD", 209, 0.6),
    ("RIVERSIDE", "CA", 925, 0.6),
    ("SACRAMENTO", "CA", 958, 0.6),
    ("TUCSON", "AZ", 857, 0.5),
    ("ALBUQUERQUE", "NM", 871, 0.4),
    ("INDIANAPOLIS", "IN", 462, 0.5),
    ("COLUMBUS", "OH", 432, 0.5),
    ("PHILADELPHIA", "PA", 191, 0.8),
    ("MINNEAPOLIS", "MN", 554, 0.5),
    ("PORTLAND", "OR", 972, 0.4),
    ("KANSAS CITY", "MO", 641, 0.4),
    ("NEW ORLEANS", "LA", 701, 0.4),
    ("LANCASTER", "PA", 176, 0.3),
    ("MAYAG\u00dcEZ", "PR", 6, 0.05),
    ("CATA\u00d1O", "PR", 9, 0.05),
    ("PE\u00d1UELAS", "PR", 6, 0.04),
    ("COMER\u00cdO", "PR", 7, 0.03),
    ("A\u00d1ASCO", "PR", 6, 0.03),
    ("CA\u00d1ON CITY", "CO", 812, 0.05),
)

# Defects with no published rate: chosen small rates, per row of every core table.
# (Measured rates are in reference/defect_rates.csv and the value frequencies.)
SHORT_ROW_RATE = 1e-6
SHORT_ROW_UNRECOVERABLE_SHARE = 0.2
TAB_SHIFT_RATE_DEFAULT = 1e-6
TAB_SHIFT_UNRECOVERABLE_SHARE = 2 / 101  # A_TblCase: 2 of 101 (RESEARCH.md 1.6.1)
NULL_TOKEN_RATE = 1e-5
NULL_TOKENS = ("b6", "N/A", "NA", "A.2.a", "????", " ")
IMPOSSIBLE_DATE_RATE = 2e-6
IMPOSSIBLE_DATES = (
    "0201-05-14 00:00:00.000",
    "2109-03-01 00:00:00.000",
    "2019-02-30 00:00:00.000",
    "1899-12-31 00:00:00.000",
)
ORPHAN_RATE_DEFAULT = 2e-5
DUPLICATE_RATE = 1e-5
NUL_BYTE_RATE = 1e-5
# Values outside the lookups for the columns the research measured (reference
# defect_rates.csv); the invented codes are in no lookup.
OUTSIDE_CODES = {
    ("A_TblCase", "NAT"): ("ZZ", "QX", "0X"),
    ("B_TblProceeding", "IJ_CODE"): ("ZZQ", "QQX", "XJZ"),
    ("tbl_Court_Appln", "APPL_CODE"): ("ASYX", "TPSA", "SIJS"),
}
