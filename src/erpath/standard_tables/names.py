"""What a reader sees for each group of a standard table: courts and nationalities as
`erpath.exposure.names` names them (EOIR's court list by city and state; the country in
English), custody in words (tblLookupCustodyStatus; the latest record's marked so), a
judge by the release's tblLookupJudge; the total row as "all ..."."""

from __future__ import annotations

from collections.abc import Mapping

from erpath.exposure.custody import RECORDED
from erpath.exposure.facts_table import UNKNOWN
from erpath.exposure.names import group_name
from erpath.exposure.tables import ALL

TOTALS = {
    "court": "all courts",
    "nationality": "all nationalities",
    "custody": "all custody",
    "judge": "all judges",
}


def name(by: str, code: str, judges: Mapping[str, str | None]) -> str:
    """The name of the group `code` of the breakdown `by`; `judges` names judges' codes."""
    if code == ALL:
        return TOTALS[by]
    if by in ("court", "nationality"):
        return group_name(by, code, "en")
    if by == "custody":
        if code == UNKNOWN:
            return "custody not recorded"
        if code.startswith(RECORDED):  # the latest record, not the day's (ADR 0032)
            return f"{code.removeprefix(RECORDED).replace('_', ' ')} (latest record)"
        return code.replace("_", " ")
    if code == UNKNOWN:
        return "judge not recorded"
    return judges.get(code) or f"a judge not in the release's list ({code})"
