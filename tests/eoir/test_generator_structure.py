"""The synthetic release's structure follows the real court system and the calibration
targets (issue 15 item 8, ADR 0033): courts sized by their judges, a detained share that
moves with the NTA's year, and a backlog that rises to 2024 and falls through 2025.
Pending is the exposure's own count (`erpath.exposure.pending`) on the ingested release."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from erpath.eoir import IngestReport, ingest, synthesize
from erpath.eoir.reference import lookup_values
from erpath.eoir.synth.courts import state_judges
from erpath.exposure import open_ingested, prepare_release
from erpath.exposure.pending import pending_on
from erpath.places import courts

from .conftest import RELEASE_DATE

# calibration_targets.csv eoir_pending_cases (EOIR, CRS, TRAC, press; RESEARCH.md 5)
PENDING_TARGETS = {
    date(2008, 9, 30): 186_099,
    date(2019, 9, 30): 987_274,
    date(2023, 9, 30): 2_500_000,
    date(2024, 9, 30): 3_600_000,
    date(2025, 5, 31): 3_546_863,
    date(2025, 8, 31): 3_400_000,
    date(2026, 2, 28): 3_400_000,
}
REFERENCE_DAY = date(2026, 2, 28)


def _pending(ingested: Path, day: date) -> pl.DataFrame:
    spans = prepare_release(open_ingested(ingested), dimensions=("court",)).spans
    return pending_on(spans, day).collect()


def test_no_court_dominates_and_the_big_states_lead(
    small_ingest: tuple[Path, IngestReport],
) -> None:
    pending = _pending(small_ingest[0], RELEASE_DATE)
    assert pending.height > 2000
    by_court = pending["court"].drop_nulls().value_counts().sort("count", descending=True)
    assert by_court["count"][0] / pending.height <= 0.08, by_court.head(3)
    state_of = {code: c.state for code, c in courts().items()}
    by_state = Counter(state_of.get(code, "?") for code in pending["court"].drop_nulls())
    judges = state_judges()
    most_judges = sorted(judges, key=lambda s: -judges[s])[:4]
    assert set(most_judges) == {"TX", "CA", "NY", "FL"}
    assert {s for s, _ in by_state.most_common(4)} == set(most_judges)
    # Each big state holds about its share of the directory's judges.
    total = sum(by_state.values())
    for state in most_judges:
        share = judges[state] / sum(judges.values())
        assert by_state[state] / total == pytest.approx(share, rel=0.25), state


def test_judges_sit_in_their_court(small_ingest: tuple[Path, IngestReport]) -> None:
    code_of = {name: code for code, name in lookup_values()["tblLookupJudge"]}
    seats = {
        (court, code_of[name])
        for court, name in lookup_values()["tblLookupJudgeBaseCity"]
        if name in code_of
    }
    proceedings = pl.read_parquet(small_ingest[0] / "parquet" / "B_TblProceeding").drop_nulls(
        ["BASE_CITY_CODE", "IJ_CODE"]
    )
    pairs = list(zip(proceedings["BASE_CITY_CODE"], proceedings["IJ_CODE"], strict=True))
    seated = sum((court, judge) in seats for court, judge in pairs)
    assert seated / len(pairs) > 0.95


def test_detained_share_by_year_and_overall(small_release: Path) -> None:
    cases = pl.read_csv(
        (small_release / "EOIR Case Data" / "A_TblCase.csv").read_bytes().replace(b"\x00", b""),
        separator="\t",
        infer_schema=False,
        quote_char=None,
        encoding="utf8-lossy",
        truncate_ragged_lines=True,
    ).filter(pl.col("CUSTODY").is_in(["N", "D", "R"]))
    proceedings = pl.read_csv(
        (small_release / "EOIR Case Data" / "B_TblProceeding.csv")
        .read_bytes()
        .replace(b"\x00", b""),
        separator="\t",
        infer_schema=False,
        quote_char=None,
        encoding="utf8-lossy",
        truncate_ragged_lines=True,
    )
    filed = (
        proceedings.select("IDNCASE", pl.col("OSC_DATE").str.slice(0, 4).alias("year"))
        .drop_nulls()
        .unique("IDNCASE")
    )
    joined = cases.join(filed, on="IDNCASE")
    share = {k: (cases["CUSTODY"] == k).mean() for k in "NDR"}
    # The reference's case custody (RESEARCH.md 6: N 66%, D 23%, R 11%).
    assert share["N"] == pytest.approx(0.66, abs=0.03)
    assert share["D"] == pytest.approx(0.23, abs=0.03)
    assert share["R"] == pytest.approx(0.11, abs=0.02)
    detained = joined.group_by("year").agg((pl.col("CUSTODY") == "D").mean().alias("d"), pl.len())
    of = dict(zip(detained["year"], detained["d"], strict=True))
    # TRAC: 36% of new cases detained Feb-May 2025, 30% in Jul 2025.
    assert of["2025"] == pytest.approx(0.33, abs=0.06)
    # The border-surge years were mostly released with an NTA.
    assert of["2023"] < 0.2
    assert of["2024"] < 0.2
    assert of["2010"] > of["2023"] + 0.1


@pytest.fixture(scope="module")
def backlog_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("backlog")
    release = synthesize(40_000, root / "release", seed=23)
    ingest(release, root / "ingested", progress=False)
    return root / "ingested"


def test_backlog_follows_the_targets_shape(backlog_release: Path) -> None:
    spans = prepare_release(open_ingested(backlog_release)).spans
    counts = {
        day: pending_on(spans, day).select(pl.len()).collect().item() for day in PENDING_TARGETS
    }
    assert counts[REFERENCE_DAY] > 5000
    for day, target in PENDING_TARGETS.items():
        want = target / PENDING_TARGETS[REFERENCE_DAY]
        got = counts[day] / counts[REFERENCE_DAY]
        assert got == pytest.approx(want, rel=0.3), (day, want, got)
    # Rising to late 2024, then the 2025 fall of about 5-10%.
    peak = max(counts[date(2024, 9, 30)], counts[date(2025, 5, 31)])
    assert counts[date(2019, 9, 30)] < counts[date(2023, 9, 30)] < counts[date(2024, 9, 30)]
    assert 0.85 <= counts[REFERENCE_DAY] / peak <= 0.97
