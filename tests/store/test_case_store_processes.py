"""The case store across processes: a writer killed with SIGKILL mid-write, and several
writers at once. The writers are real subprocesses running ``store_writer.py``."""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from erpath.store import CaseStore

TEST_N = 2**10
PASSPHRASE = "an invented passphrase for process tests"
WRITER = Path(__file__).with_name("store_writer.py")
TIMEOUT_S = 60


def start_writer(path: Path, case_id: str, *args: str) -> subprocess.Popen[str]:
    """A store_writer.py process; use it as a context manager (closes its pipes, waits)."""
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(path), case_id, *args],
        stdin=subprocess.PIPE if args[0] == "count" else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "ERPATH_TEST_PASSPHRASE": PASSPHRASE},
    )


def new_store_with_case(path: Path) -> str:
    with CaseStore.create(path, PASSPHRASE, kdf_n=TEST_N) as store:
        return store.new_case("Invented case for process tests")


def stop(writer: subprocess.Popen[str]) -> None:
    """Kill a writer still running when its test fails."""
    if writer.poll() is None:
        writer.kill()
        writer.wait()


def assert_intact(event_data: dict[str, object], note: str | None) -> None:
    assert event_data["padding"] == "x" * 3000
    assert note == f"writer {event_data['writer']} event {event_data['number']}"


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize(("wait_for", "extra_ms"), [(1, 0), (7, 3), (25, 1), (60, 7)])
def test_a_writer_killed_mid_write_leaves_every_committed_event(
    tmp_path: Path, wait_for: int, extra_ms: int
) -> None:
    path = tmp_path / "cases.erpath"
    case_id = new_store_with_case(path)
    with start_writer(path, case_id, "loop") as writer:
        assert writer.stdout is not None
        try:
            for _ in range(wait_for):
                line = writer.stdout.readline()
                assert line.endswith("\n"), "the writer stopped before it was killed"
            time.sleep(extra_ms / 1000)
        finally:
            writer.send_signal(signal.SIGKILL)
            # read the rest through the same buffered stream (readline() may have read
            # ahead of what it returned), not with communicate()
            rest = writer.stdout.read()
            writer.wait(timeout=TIMEOUT_S)
    assert writer.returncode == -signal.SIGKILL
    # every whole line the writer printed was printed after its commit returned
    reported = wait_for + rest.count("\n")

    with CaseStore.open(path, PASSPHRASE) as store:
        events = store.events(case_id)
        seqs = [event.seq for event in events]
        # the case record is seq 1; then every event, without gaps
        assert seqs == list(range(2, 2 + len(events)))
        # what was reported is there; at most one more committed before the print
        assert reported <= len(events) <= reported + 1
        for number, event in enumerate(events):
            assert event.data["number"] == number
            assert_intact(event.data, event.note)
        assert [(s.case_id, s.events) for s in store.cases()] == [(case_id, len(events))]
        # and the store takes the next event where the log ended
        after = store.append(case_id, events[0])
        assert after.seq == 2 + len(events)


@pytest.mark.parametrize("pause_ms", [0, 1])
def test_writers_at_once_lose_nothing(tmp_path: Path, pause_ms: int) -> None:
    """Without a pause the writers wait on each other's locks (SQLite's busy handler
    tends to let one run its loop while the others sleep); with a short pause between
    appends their writes interleave."""
    path = tmp_path / "cases.erpath"
    case_id = new_store_with_case(path)
    count, writers_n = 60, 3
    args = (str(count), str(pause_ms))
    with CaseStore.open(path, PASSPHRASE) as watching:
        assert watching.events(case_id) == []
        with contextlib.ExitStack() as running:
            writers = [
                running.enter_context(start_writer(path, case_id, "count", *args))
                for _ in range(writers_n)
            ]
            for writer in writers:
                running.callback(stop, writer)
            for writer in writers:
                assert writer.stdout is not None
                assert writer.stdout.readline() == "ready\n"
            for writer in writers:  # all open; let them go together
                assert writer.stdin is not None
                writer.stdin.write("go\n")
                writer.stdin.flush()
                writer.stdin.close()
            # each writer prints a few KB, less than a pipe holds: read them in turn
            outputs = [writer.stdout.read() for writer in writers if writer.stdout]
            for writer in writers:
                writer.wait(timeout=TIMEOUT_S)
        assert [writer.returncode for writer in writers] == [0] * writers_n
        reported = [line for output in outputs for line in output.split()]
        assert len(reported) == writers_n * count

        # a store opened before the writers sees what they wrote
        seen = watching.events(case_id)

    with CaseStore.open(path, PASSPHRASE) as store:
        events = store.events(case_id)
    assert events == seen
    assert len(events) == writers_n * count
    assert sorted(event.id for event in events) == sorted(reported)
    assert [event.seq for event in events] == list(range(2, 2 + writers_n * count))
    by_writer: dict[object, list[object]] = {}
    for event in events:
        assert_intact(event.data, event.note)
        by_writer.setdefault(event.data["writer"], []).append(event.data["number"])
    assert len(by_writer) == writers_n
    assert all(numbers == list(range(count)) for numbers in by_writer.values())
    # the writers really wrote at the same time: their events interleave
    owners = [event.data["writer"] for event in events]
    if pause_ms:
        switches = sum(a != b for a, b in itertools.pairwise(owners))
        assert switches >= 10, "the writers did not write at the same time"
