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
GENDER -> Sex, then case-insensitively (tblAppeal's `idncase`, `idnProceeding`: RESEARCH.md
1.2); anything else is loaded as text.

Keys of the 19 tables (RESEARCH.md 1.2; ADR 0028):

- An integer primary key (`key`) is checked for duplicates; a foreign key names the
  parent's columns (`parent_columns`, by default the same names, matched case-blind), and a
  row whose link finds no kept parent row is an orphan.
- A foreign key is `nullable` where the real rows leave it empty on purpose: tblAppeal's
  idnProceeding (8.8% empty: appeals of DHS decisions have no proceeding),
  tblAppealFedCourts' lngAppealID (5.3%), tbl_JuvenileHistory's idnProceeding. Such a
  column is an `int`: an empty one is loaded unlinked, a value is checked like a key.
- `guid`: tbl_EOIR_Attorney's key EOIRAttorneyID is a GUID, not an integer. It is checked
  like a key (a row without a valid GUID is `bad_key`) and for duplicates by the GUID's
  64-bit hash, with the line's hash telling a repeated line from another row.
- No primary key (`primary_key` empty): tblProBono (a screening hangs on its appeal) and
  tblAppeal2 (three ids restating an appeal's case and proceeding) have no key of their own.
  Their rows are judged by their link (idnAppeal must be a kept appeal), and a line
  repeating an earlier line exactly is a `duplicate_row`; two different rows of one appeal
  are both kept. The lookups have no key either, and no duplicate check (they repeat codes
  on purpose).
- `optional`: the eight tables of every release since the first one erpath ingested are
  required; the other eleven may be absent (tblAppeal2 is new in 2025-26, tblAction was
  dropped in 2026: the set changes between releases), and an absent one is reported so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["key", "guid", "int", "date", "time", "code", "text", "raw"]
KINDS: tuple[Kind, ...] = ("key", "guid", "int", "date", "time", "code", "text", "raw")
KEY_KINDS: tuple[Kind, ...] = ("key", "guid")  # a row without a valid one is quarantined


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
    """`columns` of the child must be a row of the parent's `parent_columns` (by default
    the same names); a `nullable` link is checked only where none of its cells is empty."""

    columns: tuple[str, ...]
    parent: str
    parent_columns: tuple[str, ...] = ()
    nullable: bool = False

    @property
    def parent_names(self) -> tuple[str, ...]:
        return self.parent_columns or self.columns


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[ColumnSpec, ...]
    primary_key: str  # empty: no key of its own (see the module's doc)
    foreign_keys: tuple[ForeignKey, ...] = ()
    optional: bool = False  # may be absent from a release
    raw_file: bool = False  # a lookup or an unknown file: all text, no key, no duplicates
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


def _table(
    name: str, pk: str, fks: tuple[ForeignKey, ...], spec: str, *, optional: bool = False
) -> TableSpec:
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
    return TableSpec(name, tuple(cols), pk, fks, optional)


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

# Bonds (RESEARCH.md 1.3: 31 columns in 2026; the 2025 `*_TO_BE_REMOVED` columns are
# loaded as text). BOND_TYPE, money and messages are text: shifted rows put court codes in
# BOND_TYPE (RESEARCH.md 1.6.2) and a check would only empty them.
BOND = _table(
    "D_TblAssociatedBond",
    "IDNASSOCBOND",
    _IN_PROCEEDING,
    f"""
IDNASSOCBOND key
IDNPROCEEDING key
IDNCASE key
OSC_DATE date
REC_TYPE code =A,B,O,X
GENERATION text
SUB_GENERATION text
UPDATE_DATE date
UPDATE_TIME time
INPUT_DATE date
INPUT_TIME time
BASE_CITY_CODE code {BASE}
BASE_CITY_NAME text
HEARING_LOC_CODE code {HLOC}
IJ_CODE code {JUDGE}
DEC code ~^[A-Z]$
COMP_DATE date
INITIAL_BOND text
REL_CON code =Y,N
INS_TA text
BOND_HEARING_TELEPHONIC text
BOND_HEAR_REQ_DATE date
NEW_BOND text
APPEAL_REVD code =A,I,B,O
APPEAL_NOT_FILED code =X
DATE_APPEAL_DUE date
E_28_DATE date
BOND_TYPE text
FILING_METHOD code tblLookupFiling_Method.strFilingMethodCode
FILING_PARTY code tblLookupFiling_Method_Party.strFilingPartyCode
DECISION_DUE_DATE date
""",
    optional=True,
)

# BIA appeals: keys spelt in lower/mixed case (RESEARCH.md 1.2). strAppealType is a label
# with spelling variants ("DD visa", "CASE APPEAL"), kept as text.
APPEAL = _table(
    "tblAppeal",
    "idnAppeal",
    (
        ForeignKey(("idncase",), "A_TblCase", ("IDNCASE",)),
        ForeignKey(
            ("idnProceeding", "idncase"),
            "B_TblProceeding",
            ("IDNPROCEEDING", "IDNCASE"),
            nullable=True,
        ),
    ),
    f"""
idnAppeal key
idncase key
idnProceeding int
strAppealCategory code =IJ,DD,MA
strAppealType text
datAppealFiled date
strFiledBy code tblLookupFiledBy.strCode
datAttorneyE27 date
datBIADecision date
strBIADecision code tblLookupBIADecision.strCode
strBIADecisionType code tblLookupBIADecisionType.strCode
strCaseType code {CASE_TYPE}
strLang code {LANG}
strNat code {NAT}
strProceedingIHP text
strCustody code =D,N,R
strProbono code =Y
""",
    optional=True,
)

_ON_APPEAL = (ForeignKey(("idnAppeal",), "tblAppeal"),)

APPEAL2 = _table(
    "tblAppeal2",
    "",
    _ON_APPEAL,
    """
idnAppeal key
idncase int
idnProceeding int
""",
    optional=True,
)

FED_COURTS = _table(
    "tblAppealFedCourts",
    "idnAppealFedCourts",
    (ForeignKey(("lngAppealID",), "tblAppeal", ("idnAppeal",), nullable=True),),
    """
idnAppealFedCourts key
lngAppealID int
datRequestedByOIL date
datFedCourtDecision date
strFedCourtDecision code tblLookupFedCourtDecision.strCode
""",
    optional=True,
)

THREE_MEMBER = _table(
    "tblThreeMbrReferrals",
    "idn3MemberReferral",
    (ForeignKey(("lngAppealID",), "tblAppeal", ("idnAppeal",)),),
    """
idn3MemberReferral key
lngAppealID key
datReferredTo3Member date
datRemovedFromReferral date
""",
    optional=True,
)

# Pro bono screening of an appeal (67 columns): the decision and charge columns repeat the
# court's codes as the screener saw them, kept as text (strNat holds a country's name,
# `MEXICO`, not a code); the flags are 0/1.
PRO_BONO = _table(
    "tblProBono",
    "",
    _ON_APPEAL,
    f"""
Case_type code {CASE_TYPE}
DEC_212C text
DEC_245 text
NBR_OF_CHGS text
Other_dec1 text
Other_dec2 text
P_EOIR42A_DEC text
P_EOIR42B_DEC text
VD_DEC text
WD_DEC text
strCorFacility text
datTranscriptServedAlien date
strProceedingIHP text
strFiledby code tblLookupFiledBy.strCode
strNat text
strLang code {LANG}
blnOARequestedbyAlien code {FLAG01}
blnOARequestedbyINS code {FLAG01}
blnOARequestedbyAmicus code {FLAG01}
Charge_1 text
Charge_2 text
Charge_3 text
Charge_4 text
Charge_5 text
Charge_6 text
recd_212C text
recd_245 text
VD_recd text
WD_recd text
other_recd1 text
other_recd2 text
P_EOIR42A_Recd text
P_EOIR42B_Recd text
Dec_Code text
other_comp text
CRIM_IND code =Y,N
strA1 text
strA2 text
strA3 text
strAlienRegion text
strAlienSex code tblLookupSex.strcode
strINSStatus text
strPossibility text
datROPreview date
blnSelectedbyCoordinator code {FLAG01}
blnSelectedbyScreener code {FLAG01}
OptionA int
DCO_Location text
CaseID text
Date_Of_Entry date
Inmate_Housing text
datmailedtoNGO date
idnAppeal key
datBriefCurrentlyDueAlien date
idnRepl int
blnIntrpr code {FLAG01}
strIntrprLang text
ScreenerIdn int
strDCAddress1 text
strDCAddress2 text
strDCCity text
strDCState code {STATE}
strDCZip text
blnProcessed code {FLAG01}
datCreatedOn date
datModifiedOn date
strCustody code =D,N,R
""",
    optional=True,
)

# A juvenile designation: idnJuvenile is the lookup's numeric id (tblLookup_Juvenile lists
# J, J1, J2, UJ, NA, AJ, ids 1-6 in that order).
JUVENILE = _table(
    "tbl_JuvenileHistory",
    "idnJuvenileHistory",
    (
        ForeignKey(("idnCase",), "A_TblCase", ("IDNCASE",)),
        ForeignKey(
            ("idnProceeding", "idnCase"),
            "B_TblProceeding",
            ("IDNPROCEEDING", "IDNCASE"),
            nullable=True,
        ),
    ),
    """
idnJuvenileHistory key
idnCase key
idnProceeding int
idnJuvenile code tblLookup_Juvenile.idnJuvenile
DATCREATEDON date
DATMODIFIEDON date
""",
    optional=True,
)

# The family link between a lead case and a rider case; the proceeding ids bound the link
# in time and are kept as integers, not checked (the end ones are empty while it lasts).
LEAD_RIDER = _table(
    "tbl_Lead_Rider",
    "idnLeadRider",
    (
        ForeignKey(("idnLeadCase",), "A_TblCase", ("IDNCASE",)),
        ForeignKey(("idnRiderCase",), "A_TblCase", ("IDNCASE",)),
    ),
    f"""
idnLeadRider key
idnLeadCase key
idnRiderCase key
datCreatedOn date
datModifiedOn date
datSeveredOn date
idnLeadProceedingStart int
idnLeadProceedingEnd int
idnRiderProceedingStart int
idnRiderProceedingEnd int
blnActive code {FLAG01}
""",
    optional=True,
)

CASE_PRIORITY = _table(
    "tbl_CasePriorityHistory",
    "idnCasePriHistory",
    (ForeignKey(("idnCase",), "A_TblCase", ("IDNCASE",)),),
    """
idnCasePriHistory key
casePriority_code code tblLookup_CasePriority.strCode
idnCase key
DATCREATEDON date
DATMODIFIEDON date
""",
    optional=True,
)

CASE_IDENTIFIER = _table(
    "A_TblCaseIdentifier",
    "IDNCASEID",
    (ForeignKey(("IDNCASE",), "A_TblCase"),),
    """
IDNCASEID key
IDNCASE key
CASE_ID code tblLookUpCaseIdentifier.strcode
""",
    optional=True,
)

# The attorney registry, without names; EOIRAttorneyID (a GUID) is what tbl_schedule's
# EOIRAttorneyID holds. OldAttorneyID is text (marrowb), as ATTY_NBR is.
ATTORNEY = _table(
    "tbl_EOIR_Attorney",
    "EOIRAttorneyID",
    (),
    f"""
EOIRAttorneyID guid
OldAttorneyID text
BaseCityCode code {BASE}
blnAttorneyActive code {FLAG01}
Source_Flag code =Court,eReg,Appeal
datCreatedOn date
datModifiedOn date
""",
    optional=True,
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
    BOND,
    APPEAL,
    APPEAL2,
    FED_COURTS,
    THREE_MEMBER,
    PRO_BONO,
    JUVENILE,
    LEAD_RIDER,
    CASE_PRIORITY,
    CASE_IDENTIFIER,
    ATTORNEY,
)
TABLE_NAMES: tuple[str, ...] = tuple(t.name for t in TABLES)
REQUIRED_TABLES: tuple[str, ...] = tuple(t.name for t in TABLES if not t.optional)


def table_spec(name: str) -> TableSpec:
    for t in TABLES:
        if t.name == name:
            return t
    raise KeyError(name)


def lookup_table_spec(name: str, header: tuple[str, ...]) -> TableSpec:
    """A lookup file (or an unknown file kept raw): every column text, no keys (lookups
    repeat codes on purpose: RESEARCH.md 1.6.6)."""
    return TableSpec(
        name, tuple(ColumnSpec(c, "raw") for c in header), primary_key="", raw_file=True
    )
