"""Appends events to a case store from another process, for the store's process tests.

    python store_writer.py PATH CASE_ID loop
        append events until killed, printing the seq of each one committed
    python store_writer.py PATH CASE_ID count N PAUSE_MS
        print "ready" once the store is open, wait for a line on stdin, then append N
        events, printing the id of each one committed and pausing PAUSE_MS after each
        (without a pause, SQLite's busy handler lets one writer run its whole loop
        while the others wait, and the writes do not interleave)

The passphrase comes from the environment (ERPATH_TEST_PASSPHRASE), never from argv.
Every event carries its writer and number in ``data`` and a fixed padding, so the test
can tell an intact event from a partial one.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

from erpath.store import CaseStore
from erpath.store.events import EventInput

PADDING = "x" * 3000  # spans pages, so a kill can land in the middle of a record


def event(writer: int, number: int) -> EventInput:
    return EventInput(
        kind="note",
        occurred_on=dt.date(2025, 2, 3),
        note=f"writer {writer} event {number}",
        data={"writer": writer, "number": number, "padding": PADDING},
    )


def main(argv: list[str]) -> None:
    path, case_id, mode = Path(argv[1]), argv[2], argv[3]
    writer = os.getpid()
    with CaseStore.open(path, os.environ["ERPATH_TEST_PASSPHRASE"]) as store:
        if mode == "loop":
            number = 0
            while True:
                stored = store.append(case_id, event(writer, number))
                print(stored.seq, flush=True)
                number += 1
        elif mode == "count":
            print("ready", flush=True)
            sys.stdin.readline()
            pause = float(argv[5]) / 1000
            for number in range(int(argv[4])):
                print(store.append(case_id, event(writer, number)).id, flush=True)
                time.sleep(pause)
        else:
            raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv)
