"""ICE Processing Disposition values: their labels, and which of them are expedited removal.

The removals file gives the disposition as a short code (`Processing Disposition Code`: ER,
ER/CF, REINST, ...); the arrests file gives it as a label (`Processing Disposition`: "Expedited
Removal (I-860)", ...). The crosswalk `data/processing_disp.csv` (UWCHR, github.com/UWCHR/
ice-enforce, `share/hand/processing_disp.csv` at 72ee9e0; data/PROVENANCE.md) maps both spellings,
upper-cased, to one clean label. Four of its 109 entries have a blank clean label (for three,
long labels such as "REINSTATEMENT OF DEPORT ORDER I-871", a short code has that very label);
for these the upper-cased raw value is the label, and the row says so.

Expedited removal (INA 235(b)(1), 8 U.S.C. 1225(b)(1); the order is Form I-860) is read from the
clean label alone, so one rule serves both files:

* with a credible-fear referral: "EXPEDITED REMOVAL WITH CREDIBLE FEAR" (code ER/CF). The
  code records a referral to the credible-fear process (INA 235(b)(1)(B), 8 CFR 208.30); for a
  person later removed, the fear claim did not stop removal. The files carry
  no field for the USCIS determination, an immigration judge's review of it, or a withdrawn
  claim, so these cannot be told apart;
* without a recorded referral: "EXPEDITED REMOVAL" (ER), "EXPEDITED REMOVAL (I-860)" and its
  "- FULL SCOPE" variant, "EXPEDITED REMOVAL LIMITED REVIEW" (ER/LR) and "EXPEDITED REMOVAL
  TEMPORARY FINAL RULE" (ER/TFR). "Without" means the code records none, not that none happened.
  What "limited review" denotes is not documented in the files or the crosswalk;
* "WITHDRAWAL IN LIEU OF ER" (WD/ER) is a withdrawn application for admission instead of an ER
  order: it is shown beside expedited removal and not counted in it. (The research brief's 27.6%,
  shared/data/RESEARCH.md section 5, counts WD/ER and not ER/LR; UWCHR's expedited-removal
  trends, analyze/note/analyze-er.Rmd at f489847, count every clean label containing
  "EXPEDITED", which is the rule here.)
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from erpath.ice.read import DATA, ReadError

BUNDLED_CROSSWALK = DATA / "processing_disp.csv"
HEADER = ("processing_disposition_raw", "processing_disposition_clean")
ErClass = Literal["er_credible_fear", "er_no_credible_fear", "withdrawal_in_lieu_of_er"]
ER_CLASSES: Mapping[str, ErClass] = {
    "EXPEDITED REMOVAL WITH CREDIBLE FEAR": "er_credible_fear",
    "EXPEDITED REMOVAL": "er_no_credible_fear",
    "EXPEDITED REMOVAL (I-860)": "er_no_credible_fear",
    "EXPEDITED REMOVAL (I-860) - FULL SCOPE": "er_no_credible_fear",
    "EXPEDITED REMOVAL LIMITED REVIEW": "er_no_credible_fear",
    "EXPEDITED REMOVAL TEMPORARY FINAL RULE": "er_no_credible_fear",
    "WITHDRAWAL IN LIEU OF ER": "withdrawal_in_lieu_of_er",
}
LabelSource = Literal["crosswalk", "raw value (crosswalk label blank)", "not in crosswalk"]


@dataclass(frozen=True)
class Disposition:
    """One raw disposition value as the report shows it."""

    raw: str
    label: str
    source: LabelSource
    er: ErClass | None


@dataclass(frozen=True)
class Crosswalk:
    """Raw value (stripped, upper-cased) to clean label; None where the file leaves it blank."""

    labels: Mapping[str, str | None]

    def disposition(self, raw: str) -> Disposition:
        key = raw.strip().upper()
        if key not in self.labels:
            return Disposition(raw, key, "not in crosswalk", ER_CLASSES.get(key))
        label = self.labels[key]
        if label is None:
            return Disposition(raw, key, "raw value (crosswalk label blank)", ER_CLASSES.get(key))
        return Disposition(raw, label, "crosswalk", ER_CLASSES.get(label))


def read_crosswalk(path: Path | None = None) -> Crosswalk:
    """The pipe-delimited crosswalk; by default the bundled copy. Clean labels are stripped."""
    path = path or BUNDLED_CROSSWALK
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReadError(f"{path}: cannot read: {exc}") from None
    rows = list(csv.reader(text.splitlines(), delimiter="|", strict=True))
    if not rows or tuple(cell.strip() for cell in rows[0]) != HEADER:
        raise ReadError(f"{path}: line 1: expected the header {'|'.join(HEADER)}")
    labels: dict[str, str | None] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not "".join(row).strip():
            continue
        if len(row) != len(HEADER):
            raise ReadError(f"{path}: line {number}: {len(row)} fields, expected {len(HEADER)}")
        key = row[0].strip().upper()
        if key in labels:
            raise ReadError(f"{path}: line {number}: {key!r} appears twice")
        labels[key] = row[1].strip() or None
    return Crosswalk(labels)
