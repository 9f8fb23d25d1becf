"""Each kind of defect, written by hand into a tiny release, lands in the right bucket
(loaded, repaired, quarantined) with the right reason, line number and value."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from erpath.eoir import IngestReport, ingest
from erpath.eoir.reference import header
from erpath.eoir.synth.draws import lookup_codes

from .conftest import TinyRelease, day, row

A, B, S, C = "A_TblCase", "B_TblProceeding", "tbl_schedule", "tbl_CustodyHistory"
CH, R = "B_TblProceedCharges", "tbl_RepsAssigned"
HLOC = lookup_codes("tblLookupHloc")[0]
JUDGE = lookup_codes("tblLookupJudge")[0]


def case(idn: str, **values: str) -> str:
    base = {
        "IDNCASE": idn,
        "ALIEN_CITY": "HOUSTON",
        "ALIEN_STATE": "TX",
        "NAT": "MX",
        "LANG": "SP",
        "CUSTODY": "N",
        "CASE_TYPE": "RMV",
        "DATE_OF_ENTRY": day("2020-01-02"),
    }
    return row(A, **(base | values))


def proceeding(idn: str, case_id: str, **values: str) -> str:
    base = {
        "IDNPROCEEDING": idn,
        "IDNCASE": case_id,
        "OSC_DATE": day("2020-02-01"),
        "BASE_CITY_CODE": "ATL",
        "HEARING_LOC_CODE": HLOC,
        "IJ_CODE": JUDGE,
        "CUSTODY": "N",
        "CASE_TYPE": "RMV",
    }
    return row(B, **(base | values))


def hearing(idn: str, proc: str, case_id: str, **values: str) -> str:
    base = {
        "IDNSCHEDULE": idn,
        "IDNPROCEEDING": proc,
        "IDNCASE": case_id,
        "ADJ_DATE": day("2020-06-01"),
        "CAL_TYPE": "M",
        "ADJ_MEDIUM": "P",
    }
    return row(S, **(base | values))


class Outcome:
    """The ingest of a tiny release, looked up by table and line number."""

    def __init__(self, report: IngestReport, out: Path) -> None:
        self.report = report
        self.out = out

    def quarantined(self, table: str, line: int) -> str | None:
        q = pl.read_parquet(self.out / "quarantine" / f"{table}.parquet").filter(
            pl.col("line") == line
        )
        return None if q.is_empty() else str(q["reason"][0])

    def repairs(self, table: str, line: int) -> set[str]:
        r = pl.read_parquet(self.out / "repairs" / f"{table}.parquet").filter(
            pl.col("line") == line
        )
        return {k for kinds in r["kind"] for k in kinds.split(",")}

    def value(self, table: str, key: str, key_value: int, column: str) -> Any:
        frame = pl.read_parquet(self.out / "parquet" / table / "*.parquet")
        hits = frame.filter(pl.col(key) == key_value)
        assert hits.height == 1, (table, key_value, hits.height)
        return hits[column][0]


def _ingest(tiny: TinyRelease) -> Outcome:
    root = tiny.write()
    out = root.parent / "out"
    report = ingest(root, out, progress=False)
    assert report.balanced
    return Outcome(report, out)


def test_each_defect_in_its_bucket(tiny: TinyRelease) -> None:
    clean = tiny.add(A, case("1", RELEASE_MONTH="00", RELEASE_YEAR="0000", CASEPRIORITY_CODE="N/A"))
    shifted = tiny.add(A, case("2", ALIEN_CITY="SAN\tJOSE", ALIEN_STATE="CA"))
    split_date = tiny.add(A, case("3", DATE_OF_ENTRY="2019-01-01\t00:00:00.000"))
    nuls = tiny.add(A, case("4", ALIEN_CITY="DALLAS\x00\x00"))
    token = tiny.add(A, case("5", ALIEN_CITY="b6", NAT="??"))
    codes = tiny.add(A, case("6", NAT="ZZ", Sex="m"))
    dates = tiny.add(
        A,
        case(
            "7",
            DATE_OF_ENTRY=day("2019-02-30"),
            E_28_DATE=day("0201-05-14"),
            LATEST_HEARING="2024-03-04",
            ADDRESS_CHANGEDON="2025-02-27 10:43:03.530",
        ),
    )
    bad_key = tiny.add(A, case("X12"))
    duplicate = tiny.add(
        A, case("1", RELEASE_MONTH="00", RELEASE_YEAR="0000", CASEPRIORITY_CODE="N/A")
    )
    same_key = tiny.add(A, case("1", ALIEN_CITY="AUSTIN"))
    blank = tiny.add(A, "")
    fields = case("13").split("\t")
    short = tiny.add(A, "\t".join(fields[:-3]))  # the last three (empty) fields missing
    lost = case("14", E_28_DATE=day("2021-05-05")).split("\t")
    del lost[header(A).index("CUSTODY")]  # a field missing in the middle
    short_lost = tiny.add(A, "\t".join(lost))
    latin = tiny.add(A, case("15", ALIEN_CITY="CAÑON CITY", ALIEN_STATE="CO"))

    p_ok = tiny.add(B, proceeding("100", "1", DEC_TYPE="\r"))
    p_orphan = tiny.add(B, proceeding("101", "999"))
    p_cascade = tiny.add(B, proceeding("102", "3"))  # case 3 was quarantined
    p_stray = tiny.add(B, proceeding("103", "2", APPEAL_RSVD="\t"))

    h_ok = tiny.add(S, hearing("1000", "100", "1", ADJ_MEDIUM="p", LNGSESSNID="abc"))
    h_orphan = tiny.add(S, hearing("1001", "101", "999"))
    h_pair = tiny.add(S, hearing("1002", "100", "2"))  # proceeding 100 is case 1's

    tiny.add(C, row(C, IDNCUSTODY="1", IDNCASE="1", CUSTODY="N"))
    c_bad = tiny.add(C, row(C, IDNCUSTODY="2", IDNCASE="", CUSTODY="N"))
    got = _ingest(tiny)

    a = got.report.tables[A]
    assert (a.read, a.loaded, a.repaired, a.quarantined) == (14, 2, 6, 6)
    for line in (clean, latin):
        assert got.quarantined(A, line) is None
        assert got.repairs(A, line) == set()
    assert got.value(A, "IDNCASE", 1, "RELEASE_MONTH") is None  # "00" means none
    assert got.value(A, "IDNCASE", 1, "CASEPRIORITY_CODE") == "N/A"  # a real code
    assert got.value(A, "IDNCASE", 15, "ALIEN_CITY") == "CAÑON CITY"
    assert got.repairs(A, shifted) == {"tab_shift"}
    assert got.value(A, "IDNCASE", 2, "ALIEN_CITY") == "SAN\tJOSE"
    assert got.value(A, "IDNCASE", 2, "ALIEN_STATE") == "CA"
    assert got.quarantined(A, split_date) == "tab_shift_unrecoverable"
    assert got.repairs(A, nuls) == {"nul_bytes"}
    assert got.value(A, "IDNCASE", 4, "ALIEN_CITY") == "DALLAS"
    assert got.repairs(A, token) == {"null_token"}
    assert got.value(A, "IDNCASE", 5, "ALIEN_CITY") is None
    assert got.value(A, "IDNCASE", 5, "NAT") == "??"  # UNKNOWN COUNTRY, a lookup code
    assert got.repairs(A, codes) == {"code_outside_lookup", "code_case"}
    assert got.value(A, "IDNCASE", 6, "NAT") is None
    assert got.value(A, "IDNCASE", 6, "Sex") == "M"
    assert got.repairs(A, dates) == {"impossible_date"}
    assert got.value(A, "IDNCASE", 7, "DATE_OF_ENTRY") is None
    assert got.value(A, "IDNCASE", 7, "E_28_DATE") is None
    assert got.value(A, "IDNCASE", 7, "LATEST_HEARING") == date(2024, 3, 4)
    assert got.value(A, "IDNCASE", 7, "ADDRESS_CHANGEDON") == date(2025, 2, 27)
    assert got.quarantined(A, bad_key) == "bad_key"
    assert got.quarantined(A, duplicate) == "duplicate_row"
    assert got.quarantined(A, same_key) == "duplicate_key"
    assert got.value(A, "IDNCASE", 1, "ALIEN_CITY") == "HOUSTON"  # the first one stays
    assert got.quarantined(A, blank) == "blank_line"
    assert got.repairs(A, short) == {"short_row"}
    assert got.quarantined(A, short_lost) == "short_row_unrecoverable"
    assert a.repairs["impossible_date"] == 1
    assert a.repairs["code_case"] == 1
    assert sum(a.quarantine.values()) == a.quarantined

    assert got.repairs(B, p_ok) == {"null_token"}  # a lone carriage return
    assert got.quarantined(B, p_orphan) == "orphan_key"
    assert got.quarantined(B, p_cascade) == "orphan_key"
    assert got.repairs(B, p_stray) == {"tab_shift", "null_token"}
    assert got.value(B, "IDNPROCEEDING", 103, "APPEAL_RSVD") is None

    assert got.repairs(S, h_ok) == {"code_case", "invalid_value"}
    assert got.value(S, "IDNSCHEDULE", 1000, "ADJ_MEDIUM") == "P"
    assert got.value(S, "IDNSCHEDULE", 1000, "LNGSESSNID") is None
    assert got.quarantined(S, h_orphan) == "orphan_key"
    assert got.quarantined(S, h_pair) == "orphan_key"
    assert got.quarantined(C, c_bad) == "bad_key"


def test_charges_in_their_buckets(tiny: TinyRelease) -> None:
    def charge(idn: str, **values: str) -> str:
        base = {"IDNPRCDCHG": idn, "IDNCASE": "1", "IDNPROCEEDING": "100"}
        return row(CH, **(base | {"CHARGE": "212a07Ai  I", "CHG_STATUS": "S"} | values))

    tiny.add(A, case("1"))
    tiny.add(B, proceeding("100", "1"))
    clean = tiny.add(CH, charge("1"))
    duplicate = tiny.add(CH, charge("1"))
    split = tiny.add(CH, charge("2", CHARGE="212a06\tAi", CHG_STATUS=""))
    lower = tiny.add(CH, charge("3", CHG_STATUS="s"))
    junk = tiny.add(CH, charge("4", CHG_STATUS="\x1b"))
    ambiguous = tiny.add(CH, charge("5", CHG_STATUS="\t"))  # a stray tab after the charge
    pair = tiny.add(CH, charge("6", IDNCASE="2"))  # proceeding 100 is case 1's
    got = _ingest(tiny)

    assert got.quarantined(CH, clean) is None
    assert got.repairs(CH, clean) == set()
    assert got.value(CH, "IDNPRCDCHG", 1, "CHARGE") == "212a07Ai  I"  # spaces are the code's
    assert got.quarantined(CH, duplicate) == "duplicate_row"
    assert got.repairs(CH, split) == {"tab_shift"}
    assert got.value(CH, "IDNPRCDCHG", 2, "CHARGE") == "212a06\tAi"
    assert got.repairs(CH, lower) == {"code_case"}
    assert got.value(CH, "IDNPRCDCHG", 3, "CHG_STATUS") == "S"
    assert got.repairs(CH, junk) == {"code_outside_lookup"}
    assert got.value(CH, "IDNPRCDCHG", 4, "CHG_STATUS") is None
    assert got.quarantined(CH, ambiguous) == "tab_shift_unrecoverable"
    assert got.quarantined(CH, pair) == "orphan_key"


def test_representatives_in_their_buckets(tiny: TinyRelease) -> None:
    def rep(idn: str, **values: str) -> str:
        base = {"IDNREPSASSIGNED": idn, "IDNCASE": "1", "STRATTYLEVEL": "COURT"}
        return row(R, **(base | {"STRATTYTYPE": "ALIEN", "BLNPRIMEATTY": "1"} | values))

    tiny.add(A, case("1"))
    attorney = tiny.add(
        R, rep("10", PARENT_TABLE="a_tblcase", PARENT_IDN="1", E_28_DATE=day("2020-03-01"))
    )
    board = tiny.add(
        R,
        rep(
            "11",
            STRATTYLEVEL="BOARD",
            PARENT_TABLE="tblAppeal",
            PARENT_IDN="7",
            E_27_DATE=day("2021-01-04"),
            BASE_CITY_CODE="BIA",
        ),
    )
    bad = tiny.add(R, rep("12", PARENT_TABLE="tbl_schedule", PARENT_IDN="x", BLNPRIMEATTY="2"))
    stray = tiny.add(R, rep("13", PARENT_TABLE="A_Tblcase", PARENT_IDN="1", BASE_CITY_CODE="\t"))
    orphan = tiny.add(R, rep("14", IDNCASE="999", PARENT_TABLE="a_tblcase", PARENT_IDN="999"))
    got = _ingest(tiny)

    for line in (attorney, board):
        assert got.quarantined(R, line) is None
        assert got.repairs(R, line) == set()
    assert got.value(R, "IDNREPSASSIGNED", 10, "PARENT_TABLE") == "a_tblcase"  # as spelt
    assert got.value(R, "IDNREPSASSIGNED", 11, "E_27_DATE") == date(2021, 1, 4)
    assert got.repairs(R, bad) == {"code_outside_lookup", "invalid_value"}
    assert got.value(R, "IDNREPSASSIGNED", 12, "PARENT_TABLE") is None
    assert got.value(R, "IDNREPSASSIGNED", 12, "PARENT_IDN") is None
    assert got.value(R, "IDNREPSASSIGNED", 12, "BLNPRIMEATTY") is None
    assert got.repairs(R, stray) == {"tab_shift", "null_token"}
    assert got.quarantined(R, orphan) == "orphan_key"


def test_raw_lines_and_reasons_are_kept(tiny: TinyRelease) -> None:
    tiny.add(A, case("1"))
    line = tiny.add(A, case("1", ALIEN_CITY="AUSTIN"))
    got = _ingest(tiny)
    q = pl.read_parquet(got.out / "quarantine" / f"{A}.parquet")
    assert q.columns == ["line", "raw", "reason", "detail"]
    assert q.row(0) == (
        line,
        case("1", ALIEN_CITY="AUSTIN"),
        "duplicate_key",
        "IDNCASE 1 seen on an earlier line",
    )
    r = pl.read_parquet(got.out / "repairs" / f"{A}.parquet")
    assert r.columns == ["line", "column", "raw", "kind"]


def test_crlf_line_ends(tiny: TinyRelease) -> None:
    tiny.newline = "\r\n"
    tiny.add(A, case("1", DATE_RELEASED=day("2021-01-01")))  # the last column is a date
    tiny.add(A, case("2"))
    got = _ingest(tiny)
    assert got.report.tables[A].loaded == 2
    assert got.value(A, "IDNCASE", 1, "DATE_RELEASED") == date(2021, 1, 1)


def test_header_drift(tiny: TinyRelease) -> None:
    names = header(A)
    tiny.headers[A] = tuple("GENDER" if n == "Sex" else n for n in names)
    motions = header("tbl_Court_Motions")
    tiny.headers["tbl_Court_Motions"] = tuple(
        f"{n}_Remove" if n in ("REJ", "IJ_NAME", "BLNDELETED") else n for n in motions
    )
    line = tiny.add(A, case("1", Sex="f"))
    tiny.add(B, proceeding("100", "1"))
    tiny.add(
        "tbl_Court_Motions",
        row(
            "tbl_Court_Motions",
            IDNMOTION="5",
            IDNPROCEEDING="100",
            IDNCASE="1",
            REC_TYPE="u",
            IJ_NAME="SMITH, J.",
        ),
    )
    got = _ingest(tiny)
    assert got.repairs(A, line) == {"code_case"}
    assert got.value(A, "IDNCASE", 1, "GENDER") == "F"
    assert got.value("tbl_Court_Motions", "IDNMOTION", 5, "IJ_NAME_Remove") == "SMITH, J."
    assert got.value("tbl_Court_Motions", "IDNMOTION", 5, "REC_TYPE") == "U"


def test_a_missing_lookup_leaves_its_columns_unchecked(tiny: TinyRelease) -> None:
    tiny.add(A, case("1", NAT="ZZ"))
    root = tiny.write()
    (root / "Lookup" / "tblLookupNationality.csv").unlink()
    (root / "Lookup" / "tblLookupAlienNat.csv").unlink()
    report = ingest(root, root.parent / "out", progress=False)
    assert "NAT" in report.tables[A].unchecked
    assert report.tables[A].loaded == 1


@pytest.mark.parametrize(
    ("name", "count_txt", "expected", "source"),
    [
        ("EOIR-2026-05-01", None, date(2026, 5, 1), "directory name"),
        ("051526-FOIA-TRAC-FILES", None, date(2026, 5, 15), "directory name"),
        ("EOIR-2026-05-01", date(2024, 2, 3), date(2024, 2, 3), "Count.txt"),
    ],
)
def test_release_date(
    tmp_path: Path, name: str, count_txt: date | None, expected: date, source: str
) -> None:
    tiny = TinyRelease(tmp_path / name, release_date=count_txt)
    tiny.add(A, case("1"))
    root = tiny.write()
    report = ingest(root, tmp_path / "out", progress=False)
    assert (report.release_date, report.release_date_source) == (expected, source)
    given = ingest(root, tmp_path / "out2", progress=False, release_date=date(2023, 1, 1))
    assert (given.release_date, given.release_date_source) == (date(2023, 1, 1), "given")


def test_an_empty_table_and_a_last_line_without_newline(tiny: TinyRelease) -> None:
    tiny.add(A, case("1"))
    tiny.add(A, case("2"))
    root = tiny.write()
    path = root / "EOIR Case Data" / f"{A}.csv"
    path.write_bytes(path.read_bytes().rstrip(b"\n"))  # no newline after the last line
    report = ingest(root, root.parent / "out", progress=False)
    assert (report.tables[A].read, report.tables[A].loaded) == (2, 2)
    assert report.tables[C].read == 0
    assert pl.read_parquet(root.parent / "out" / "parquet" / C / "*.parquet").height == 0
    assert report.balanced
