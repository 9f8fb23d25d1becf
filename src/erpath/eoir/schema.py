"""What the ingest expects of each core table: keys, types and the checks of every column.

The column lists are the autumn-2025 headers (`reference/core_columns.csv`, from DDP's
variable_types). A column's kind says how it is typed and checked:

- `key`: an integer identifier (BIGINT). A row whose primary or foreign key is empty or
  not an integer cannot be placed, and is quarantined.
- `int`: another integer (BIGINT), e.g. LNGSESSNID.
- `date`: SQL-Server datetime text `YYYY-MM-DD HH:MM:SS.mmm` (or a bare `YYYY-MM-DD`),
  loaded as DATE; the time of day is always midnight in these columns.
- `code`: VARCHAR checked against a domain: lookup columns of the release
  (`tblLookupState.state_code`), optionally filtered (`tblLookupCourtDecision.strDecCode
  [strDecType=C]`), inline values (`=O,W,6,7`) or a pattern (`~^[NY]$`). Inline values
  come from the real value frequencies (RESEARCH.md 1.6.5 lists the undocumented codes
  that are real, e.g. DEC_TYPE 6 and 7, CASE_TYPE MAA and AOL).
- `time`: an `HHMM` (or `H:MM`) time of day, kept as VARCHAR.
- `text`: VARCHAR, not checked except for null tokens.
- `raw`: VARCHAR kept exactly as read (the lookup files: their codes include `N/A`,
  `NA` and `??`, which are null tokens elsewhere).

Which lookup each code column joins is RESEARCH.md 1.2 and marrowb's table-dtypes; where
they disagree the research is followed. Checks are deliberately few on free-form columns
(zip codes, cities, attorney numbers): a failed check empties the cell, and emptying
values nobody validates would lose data for nothing.

Headers drift between releases (RESEARCH.md 1.6.10): a header column is matched to its
spec by name, then without a `_Remove` or `_TO_BE_REMOVED` suffix, then by the alias
GENDER -> Sex, then case-insensitively; anything else is loaded as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["key", "int", "date", "time", "code", "text", "raw"]
KINDS: tuple[Kind, ...] = ("key", "int", "date", "time", "code", "text", "raw")


@dataclass(frozen=True)
class LookupRef:
    """A column of a lookup table, optionally only the rows where `where` holds."""

    table: str
    column: str
    where: tuple[str, str] | None = None

    def __str__(self) -> str:
        cond = f"[{self.where[0]}={self.where[1]}]" if self.where else ""
        return f"{self.table}.{self.column}{cond}"


@dataclass(frozen=True)
class Domain:
    """The values a code column may hold: lookup columns, inline values, or a pattern."""

    lookups: tuple[LookupRef, ...] = ()
    values: frozenset[str] = frozenset()
    pattern: str | None = None

    @staticmethod
    def parse(text: str) -> Domain:
        """`tblA.col|tblB.col[x=y]|=V1,V2|~regex` (the regex, if any, comes last)."""
        lookups: list[LookupRef] = []
        values: set[str] = set()
        pattern = None
        if "~" in text:
            text, pattern = text.split("~", 1)
            text = text.rstrip("|")
        for part in filter(None, text.split("|")):
            if part.startswith("="):
                values.update(part[1:].split(","))
                continue
            m = re.fullmatch(r"(\w+)\.(\w+)(?:\[(\w+)=(\w+)\])?", part)
            if m is None:
                raise ValueError(f"bad domain {part!r}")
            where = (m[3], m[4]) if m[3] else None
            lookups.append(LookupRef(m[1], m[2], where))
        return Domain(tuple(lookups), frozenset(values), pattern)


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    kind: Kind
    domain: Domain | None = None
    # Values that mean "none" by the release's own convention (RESEARCH.md 1.4): loaded
    # as NULL and not counted as a defect.
    sentinels: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ForeignKey:
    """`columns` of the child must be a row of the parent's columns of the same names."""

    columns: tuple[str, ...]
    parent: str


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[ColumnSpec, ...]
    primary_key: str
    foreign_keys: tuple[ForeignKey, ...] = ()
    by_name: dict[str, ColumnSpec] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.by_name.update({c.name: c for c in self.columns})

    def canonical(self, header_name: str) -> str:
        """The spec name a header column stands for (itself when unknown)."""
        if header_name in self.by_name:
            return header_name
        base = re.sub(r"_(Remove|TO_BE_REMOVED)$", "", header_name)
        base = {"GENDER": "Sex"}.get(base, base)
        if base in self.by_name:
            return base
        lowered = {k.lower(): k for k in self.by_name}
        return lowered.get(base.lower(), header_name)

    def spec_for(self, header_name: str) -> ColumnSpec:
        """The spec of a header column, following renames between releases, under the
        header's name."""
        spec = self.by_name.get(self.canonical(header_name), ColumnSpec(header_name, "text"))
        return ColumnSpec(header_name, spec.kind, spec.domain, spec.sentinels)


def _table(name: str, pk: str, fks: tuple[ForeignKey, ...], spec: str) -> TableSpec:
    """Columns from a compact text: one `NAME kind [domain] [!sentinel,...]` per line."""
    cols: list[ColumnSpec] = []
    for line in spec.strip().splitlines():
        parts = line.split()
        name_, kind = parts[0], parts[1]
        assert kind in KINDS, line
        domain = None
        sentinels: frozenset[str] = frozenset()
        for extra in parts[2:]:
            if extra.startswith("!"):
                sentinels = frozenset(extra[1:].split(","))
            else:
                domain = Domain.parse(extra)
        cols.append(ColumnSpec(name_, kind, domain, sentinels))
    return TableSpec(name, tuple(cols), pk, fks)


NAT = "tblLookupNationality.NAT_CODE|tblLookupAlienNat.strCode"
LANG = "tblLanguage.strCode"
BASE = "tblLookupBaseCity.BASE_CITY_CODE"
HLOC = "tblLookupHloc.HEARING_LOC_CODE"
JUDGE = "tblLookupJudge.JUDGE_CODE"
CUSTODY = "tblLookupCustodyStatus.strCode"
CASE_TYPE = "tblLookupCaseType.strCode|=MAA,AOL"
CAL_TYPE = "tbllookupCal_Type.strCalTypeCode"
STATE = "tblLookupState.state_code"
FLAG01 = "~^[01]$"

CASE = _table(
    "A_TblCase",
    "IDNCASE",
    (),
    f"""
IDNCASE key
ALIEN_CITY text
ALIEN_STATE code {STATE}
ALIEN_ZIPCODE text
UPDATED_ZIPCODE text
UPDATED_CITY text
NAT code {NAT}
LANG code {LANG}
CUSTODY code {CUSTODY}
SITE_TYPE code {CAL_TYPE}
E_28_DATE date
ATTY_NBR text
CASE_TYPE code {CASE_TYPE}
UPDATE_SITE code {BASE}|{HLOC}
LATEST_HEARING date
LATEST_TIME time
LATEST_CAL_TYPE code {CAL_TYPE}
UP_BOND_DATE date
UP_BOND_RSN text
CORRECTIONAL_FAC text
RELEASE_MONTH code ~^(0[1-9]|1[0-2])$ !00
RELEASE_YEAR code ~^(19|20)[0-9][0-9]$ !0000
INMATE_HOUSING text
DATE_OF_ENTRY date
C_ASY_TYPE code ~^[A-Z]$
C_BIRTHDATE code ~^(0?[1-9]|1[0-2])/(19|20)[0-9][0-9]$
C_RELEASE_DATE date
UPDATED_STATE code {STATE}
ADDRESS_CHANGEDON date
ZBOND_MRG_FLAG text
Sex code tblLookupSex.strcode
DATE_DETAINED date
DATE_RELEASED date
LPR code {FLAG01}
DETENTION_DATE date
DETENTION_LOCATION text
DCO_LOCATION text
DETENTION_FACILITY_TYPE text
CASEPRIORITY_CODE code tblLookup_CasePriority.strCode
""",
)

PROCEEDING = _table(
    "B_TblProceeding",
    "IDNPROCEEDING",
    (ForeignKey(("IDNCASE",), "A_TblCase"),),
    f"""
IDNPROCEEDING key
IDNCASE key
OSC_DATE date
INPUT_DATE date
BASE_CITY_CODE code {BASE}
HEARING_LOC_CODE code {HLOC}
IJ_CODE code {JUDGE}
TRANS_IN_DATE date
PREV_HEARING_LOC code {HLOC}
PREV_HEARING_BASE code {BASE}
PREV_IJ_CODE code {JUDGE}
TRANS_NBR text
HEARING_DATE date
HEARING_TIME time
DEC_TYPE code =O,W,6,7
DEC_CODE code tblLookupCourtDecision.strDecCode[strDecType=C]|=X,R,V,T,D,U,A,E,O,G,W,L,Z,J,H,S
DEPORTED_1 code {NAT}
DEPORTED_2 code {NAT}
OTHER_COMP code tblLookupCourtDecision.strDecCode[strDecType=O]|=C,T,A,F,Y,X,P,O,M,K,H
APPEAL_RSVD code =A,I,B,O
APPEAL_NOT_FILED code =X
COMP_DATE date
ABSENTIA code =Y,N
VENUE_CHG_GRANTED date
TRANSFER_TO code {BASE}
DATE_APPEAL_DUE_STATUS date
TRANSFER_STATUS code =C,V,T
CUSTODY code {CUSTODY}
CASE_TYPE code {CASE_TYPE}
NAT code {NAT}
LANG code {LANG}
SCHEDULED_HEAR_LOC code {HLOC}
CORRECTIONAL_FAC text
CRIM_IND code =Y,N
IHP text
AGGRAVATE_FELON code {FLAG01}
DATE_DETAINED date
DATE_RELEASED date
""",
)

_IN_PROCEEDING = (ForeignKey(("IDNPROCEEDING", "IDNCASE"), "B_TblProceeding"),)

SCHEDULE = _table(
    "tbl_schedule",
    "IDNSCHEDULE",
    _IN_PROCEEDING,
    f"""
IDNSCHEDULE key
IDNPROCEEDING key
IDNCASE key
OSC_DATE date
GENERATION text
SUB_GENERATION text
REC_TYPE code =X,B,A,O
LANG code {LANG}
HEARING_LOC_CODE code {HLOC}
BASE_CITY_CODE code {BASE}
IJ_CODE code {JUDGE}
INTERPRETER_CODE text
INPUT_DATE date
INPUT_TIME time
UPDATE_DATE date
UPDATE_TIME time
ASSIGNMENT_PATH code =W,A,F
CAL_TYPE code {CAL_TYPE}
ADJ_DATE date
ADJ_TIME_START time
ADJ_TIME_STOP time
ADJ_RSN code tblAdjournmentcodes.strcode
ADJ_MEDIUM code =P,H,V,A,C,T,W,N,M
ADJ_MSG text
ADJ_ELAP_DAYS text
LNGSESSNID int
SCHEDULE_TYPE code tbllookupSchedule_Type.strCode
NOTICE_CODE code tblLookupNOTICE.Notice_Code
BLNCLOCKOVERRIDE code {FLAG01}
EOIRAttorneyID text
""",
)

APPLICATION = _table(
    "tbl_Court_Appln",
    "IDNPROCEEDINGAPPLN",
    _IN_PROCEEDING,
    """
IDNPROCEEDINGAPPLN key
IDNPROCEEDING key
IDNCASE key
APPL_CODE code tblLookUp_Appln.strcode
APPL_RECD_DATE date
APPL_DEC code tblLookupCourtAppDecisions.strCourtApplnDecCode
""",
)

CUSTODY_HISTORY = _table(
    "tbl_CustodyHistory",
    "IDNCUSTODY",
    (ForeignKey(("IDNCASE",), "A_TblCase"),),
    f"""
IDNCUSTODY key
IDNCASE key
CUSTODY code {CUSTODY}
DATDETAINED date
DATRELEASED date
""",
)

MOTION = _table(
    "tbl_Court_Motions",
    "IDNMOTION",
    _IN_PROCEEDING,
    f"""
IDNMOTION key
IDNPROCEEDING key
IDNCASE key
OSC_DATE date
REC_TYPE code tblLookupMotionType.strMotionCode
GENERATION text
SUB_GENERATION text
UPDATE_DATE date
UPDATE_TIME time
INPUT_DATE date
INPUT_TIME time
REJ text
BASE_CITY_CODE code {BASE}
HEARING_LOC_CODE code {HLOC}
IJ_CODE code {JUDGE}
IJ_NAME text
DEC code =G,D,M,O,W,J,P,C
COMP_DATE date
MOTION_RECD_DATE date
DATMOTIONDUE date
WU_MSG text
APPEAL_RSVD code =A,B,I,O
APPEAL_NOT_FILED code =X
RESP_DUE_DATE date
STAY_GRANT code =G,D
JURISDICTION code =IJ,BIA
DATE_APPEAL_DUE date
DATE_TO_BIA date
DECISION_RENDERED date
DATE_MAILED_TO_IJ date
DATE_RECD_FROM_BIA date
DATE_TO_BIA_UPDATE text
STRFILINGPARTY code tblLookupFiling_Method_Party.strFilingPartyCode
STRFILINGMETHOD code tblLookupFiling_Method.strFilingMethodCode
STRCERTOFSERVICECODE code tblLookupService_Method.strCertificateOfServiceMethCode
E_28_RECPTFLAG text
E_28_DATE date
O_CLOCK_OPTION code =S,N,T,C
SCHEDULED_HEAR_LOC code {HLOC}
BLNDELETED text
strDJScenario text
""",
)

# CHARGE is text: tbllookupCharges does not hold every charge code of the data (RESEARCH.md
# 1.6.6), and a check would empty real charges.
CHARGES = _table(
    "B_TblProceedCharges",
    "IDNPRCDCHG",
    _IN_PROCEEDING,
    """
IDNPRCDCHG key
IDNCASE key
IDNPROCEEDING key
CHARGE text
CHG_STATUS code =S,O,N,W
""",
)

# A representative's row hangs on a case, a proceeding or an appeal (PARENT_TABLE, spelt in
# mixed cases: RESEARCH.md 1.2; PARENT_IDN is not a key, its parent table varies). Level and
# type are checked against the real values: the only copy of tblAttyLevel (marrowb's,
# flattened) has no BOARD, the level of 3.9% of rows.
REPS = _table(
    "tbl_RepsAssigned",
    "IDNREPSASSIGNED",
    (ForeignKey(("IDNCASE",), "A_TblCase"),),
    f"""
IDNREPSASSIGNED key
IDNCASE key
STRATTYLEVEL code =COURT,BOARD
STRATTYTYPE code =ALIEN,INS
PARENT_TABLE code ~^(?i:a_tblcase|b_tblproceeding|tblappeal)$
PARENT_IDN int
BASE_CITY_CODE code {BASE}
INS_TA_DATE_ASSIGNED date
E_27_DATE date
E_28_DATE date
BLNPRIMEATTY code {FLAG01}
""",
)

# In the order they are ingested: parents before children.
TABLES: tuple[TableSpec, ...] = (
    CASE,
    PROCEEDING,
    SCHEDULE,
    APPLICATION,
    CUSTODY_HISTORY,
    MOTION,
    CHARGES,
    REPS,
)
TABLE_NAMES: tuple[str, ...] = tuple(t.name for t in TABLES)


def table_spec(name: str) -> TableSpec:
    for t in TABLES:
        if t.name == name:
            return t
    raise KeyError(name)


def lookup_table_spec(name: str, header: tuple[str, ...]) -> TableSpec:
    """A lookup file: every column text, no keys (lookups repeat codes on purpose:
    RESEARCH.md 1.6.6)."""
    return TableSpec(name, tuple(ColumnSpec(c, "raw") for c in header), primary_key="")
