"""Demonstration data: a case store of invented cases, made on first use and reused after.

The store lives in a data directory (default `.erpath-demo/` under the current
directory), with its passphrase generated at random and kept beside it in a file only
the user can read (mode 0600). This is acceptable only because every case in it is
invented, built from the bundled examples (src/erpath/examples); never put real cases in
a demo store."""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from erpath.cases.record import open_case
from erpath.store import CaseStore
from erpath.store.crypto import DEFAULT_N
from erpath.store.events import EventInput

EXAMPLES = Path(__file__).parents[1] / "examples"
# The invented organisation the demonstration's client summaries say to call.
DEMO_REFERRAL = Path(__file__).parent / "demo-referral.yaml"
STORE_NAME = "cases.db"
PASSPHRASE_NAME = "passphrase"
README = """Demonstration data of erpath's web app (`erpath web --demo`).
Every case here is invented. The passphrase beside the store is kept in a plain file
because the data is invented: never put real cases in this store. Delete this
directory to start the demonstration afresh.
"""


class DemoError(RuntimeError):
    """The demo store cannot be made or reused: one line saying why."""


@dataclass(frozen=True)
class DemoCase:
    label: str
    example: str
    opened: int  # days before today
    hearing: int | None  # days after today
    events: tuple[tuple[str, int, dict[str, Any]], ...]  # (event, days before today, data)


CASES = (
    DemoCase("Ana R. (demo, invented)", "01-interior-pending-240", 60, 12, ()),
    DemoCase(
        "Luis M. (demo, invented)",
        "02-interior-dismissed",
        45,
        None,
        (("appears_at_hearing", 5, {}), ("dhs_moves_to_dismiss", 5, {})),
    ),
    DemoCase(
        "Rosa T. (demo, invented)",
        "03-two-years-not-shown",
        90,
        None,
        (
            ("appears_at_hearing", 20, {}),
            ("dhs_moves_to_dismiss", 20, {}),
            ("ij_grants_dismissal", 3, {}),
        ),
    ),
    DemoCase(
        "Omar P. (demo, invented)",
        "05-negative-credible-fear",
        30,
        None,
        (
            ("appears_at_hearing", 12, {}),
            ("dhs_moves_to_dismiss", 12, {}),
            ("ij_grants_dismissal", 12, {}),
            ("ice_arrests", 12, {}),
            ("placed_in_expedited_removal", 12, {}),
            ("expresses_fear", 10, {}),
            ("ao_negative_review_requested", 2, {"concurrence": 2}),
        ),
    ),
)


def _write_private(path: Path, text: str) -> None:
    """Write `text` to a new file only the user can read and write."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(path, 0o600)


def fill(cases: CaseStore, today: dt.date) -> None:
    """Add the invented demonstration cases, dated around `today`."""

    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    for case in CASES:
        facts = json.loads((EXAMPLES / f"{case.example}.json").read_text(encoding="utf-8"))
        entries = [
            EventInput(kind="case_opened", occurred_on=ago(case.opened), data={"facts": facts})
        ]
        if case.hearing is not None:
            day = today + dt.timedelta(days=case.hearing)
            entries.append(
                EventInput(
                    kind="hearing_scheduled",
                    occurred_on=ago(case.opened),
                    data={"date": day.isoformat()},
                )
            )
        for event, days, extra in case.events:
            data = {}
            if "concurrence" in extra:
                data["supervisory_concurrence_on"] = ago(extra["concurrence"]).isoformat()
            entries.append(
                EventInput(
                    kind=event,
                    occurred_on=ago(days),
                    source_document="demo document (invented)",
                    data=data,
                )
            )
        open_case(cases, case.label, entries)


def ensure_demo(
    data_dir: Path, today: dt.date | None = None, kdf_n: int = DEFAULT_N
) -> tuple[Path, str]:
    """The demo store's path and passphrase: made and filled when missing, else reused."""
    store = data_dir / STORE_NAME
    secret_file = data_dir / PASSPHRASE_NAME
    if store.exists():
        try:
            return store, secret_file.read_text(encoding="utf-8").strip()
        except OSError:
            raise DemoError(
                f"{store} exists but its passphrase file {secret_file} cannot be read; "
                f"delete {data_dir} to start the demonstration afresh"
            ) from None
    try:
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        passphrase = secrets.token_urlsafe(32)
        _write_private(secret_file, passphrase + "\n")
        (data_dir / "README.txt").write_text(README, encoding="utf-8")
    except OSError as exc:
        raise DemoError(f"cannot make the demo data in {data_dir}: {exc.strerror}") from None
    with CaseStore.create(store, passphrase, kdf_n=kdf_n) as cases:
        fill(cases, today or dt.date.today())
    return store, passphrase
