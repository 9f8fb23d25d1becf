"""The login and the request bodies, attacked as issue 10 attacked them, against a real
`erpath web` process bound to 0.0.0.0 (its own uvicorn options, a login required) or the
real app under uvicorn: parallel guesses, a forged X-Forwarded-For, guesses from other
computers (other loopback addresses), a removed user's cookie, and bodies of 300 MB.
Every name and password is invented."""

from __future__ import annotations

import os
import select
import socket
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from itertools import count
from pathlib import Path

import pytest

from erpath.presence.importing import MAX_FILE_BYTES
from erpath.web import Settings, create_app
from erpath.web.security import hash_password
from web.webtools import (
    PASSWORD,
    SECRET,
    TODAY,
    USER,
    Browser,
    LiveServer,
    csrf_of,
    erpath_web,
    log_in,
)

ATTEMPTS = 5  # the default login limit of `erpath web`
HUGE = 300 * 2**20
DAYS = {"arrived": "2024-01-01", "on": "2026-01-01"}  # of the evidence page
CLERK, NEW_CLERK = "an invented clerk password", "the clerk's new invented password"
Start = Callable[..., str]


@pytest.fixture
def start(users_file: Path, tmp_path: Path) -> Iterator[Start]:
    """Start `erpath web` processes with extra environment; all stopped after the test."""
    with ExitStack() as servers:
        logs = (tmp_path / f"web-{n}.log" for n in count())

        def started(**env: str) -> str:
            env = {"ERPATH_SECRET": SECRET, "ERPATH_USERS": str(users_file), **env}
            return servers.enter_context(erpath_web(["--host", "0.0.0.0"], next(logs), **env))

        yield started


def _login(url: str, password: str, source: str = "127.0.0.1", **headers: str) -> int:
    """One login from a new browser at the local address `source`."""
    browser = Browser(url, source=source)
    try:
        return log_in(browser, password, **headers)
    finally:
        browser.close()


def test_eighty_parallel_guesses_get_only_the_limit_verified(start: Start) -> None:
    url = start()
    browsers = [Browser(url) for _ in range(80)]
    tokens = [csrf_of(b.get("/login").text) for b in browsers]
    ready = threading.Barrier(len(browsers))

    def guess(i: int) -> int:
        data = {"csrf": tokens[i], "username": USER, "password": f"guess {i}"}
        ready.wait()
        return browsers[i].post("/login", data=data, follow=False).status_code

    try:
        with ThreadPoolExecutor(len(browsers)) as pool:
            statuses = Counter(pool.map(guess, range(len(browsers))))
    finally:
        for b in browsers:
            b.close()
    assert statuses == {401: ATTEMPTS, 429: 80 - ATTEMPTS}  # five guesses verified, no more
    assert _login(url, PASSWORD) == 429  # this address is spent for the window
    # five failures elsewhere do not lock the user out of another computer
    assert _login(url, PASSWORD, source="127.0.0.2") == 303


def test_a_forged_forwarded_for_buys_no_guesses(start: Start) -> None:
    url = start()
    forged = [_login(url, "guess", **{"X-Forwarded-For": f"203.0.113.{i}"}) for i in range(8)]
    assert forged == [401] * ATTEMPTS + [429] * 3


def test_a_named_proxy_is_believed_and_the_user_cap_still_holds(start: Start) -> None:
    url = start(ERPATH_TRUSTED_PROXIES="127.0.0.1")
    statuses = [
        _login(url, "guess", **{"X-Forwarded-For": f"203.0.113.{i}"}) for i in range(4 * 5 + 1)
    ]
    # each forwarded address is its own client, but from addresses the user never logged in
    # from, four times the limit is all there is
    assert statuses == [401] * (4 * ATTEMPTS) + [429]


def test_guesses_from_other_computers_leave_the_users_own_open(start: Start) -> None:
    url = start()
    assert _login(url, PASSWORD, source="127.0.0.1") == 303  # the user's own computer
    guesses = [
        _login(url, f"guess {n}", source=f"127.0.0.{address}")
        for address in range(2, 7)
        for n in range(ATTEMPTS)
    ]
    assert guesses == [401] * (4 * ATTEMPTS) + [429] * ATTEMPTS
    assert _login(url, PASSWORD, source="127.0.0.1") == 303  # still open to the user
    assert _login(url, PASSWORD, source="127.0.0.9") == 429  # a new computer waits the window


def test_a_star_or_a_bad_proxy_is_refused() -> None:
    problems = Settings(trusted_proxies=("*", "10.0.0.0/8", "proxy.local")).problems()
    assert problems == [
        "ERPATH_TRUSTED_PROXIES: '*' would believe X-Forwarded-For from anyone; "
        "name the proxy's address",
        "ERPATH_TRUSTED_PROXIES: 'proxy.local' is not an IP address or network",
    ]


def _users(path: Path, **hashes: str) -> None:
    """Replace the users file, as an editor or `mv` does (a new file under the name)."""
    new = path.with_suffix(".new")
    new.write_text("".join(f"{name}:{h}\n" for name, h in hashes.items()), encoding="utf-8")
    os.replace(new, path)


def _logged_in(url: str, name: str, password: str) -> Browser:
    browser = Browser(url)
    assert log_in(browser, password, name) == 303
    return browser


def test_a_removed_user_or_a_changed_password_ends_the_session(tmp_path: Path) -> None:
    users = tmp_path / "users"
    paralegal_hash, clerk_hash = hash_password(PASSWORD), hash_password(CLERK)
    _users(users, **{USER: paralegal_hash, "clerk": clerk_hash})
    settings = Settings(host="0.0.0.0", secret=SECRET, users_file=users, today=TODAY)
    with LiveServer(create_app(settings)) as server:
        paralegal = _logged_in(server.url, USER, PASSWORD)
        clerk = _logged_in(server.url, "clerk", CLERK)
        try:
            assert paralegal.get("/screen", follow=False).status_code == 200
            _users(users, clerk=clerk_hash)
            refused = paralegal.get("/screen", follow=False)
            assert (refused.status_code, refused.headers["location"]) == (303, "/login")
            assert clerk.get("/screen", follow=False).status_code == 200
            _users(users, clerk=hash_password(NEW_CLERK))
            assert clerk.get("/screen", follow=False).status_code == 303
            clerk.close()
            clerk = _logged_in(server.url, "clerk", NEW_CLERK)
            users.write_text("not a users file\n", encoding="utf-8")  # fail closed
            assert clerk.get("/screen", follow=False).status_code == 303
            page = clerk.get("/login").text
            data = {"csrf": csrf_of(page), "username": "clerk", "password": "x"}
            assert clerk.post("/login", data=data, follow=False).status_code == 401
        finally:
            paralegal.close()
            clerk.close()


def _raw_post(url: str, path: str, head: str, body: Iterable[bytes] = ()) -> tuple[bytes, int]:
    """POST with raw bytes: the headers, then chunks of `body` until the server answers;
    the response (to the end of its page or JSON), and how many bytes of body were sent."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(f"POST {path} HTTP/1.1\r\nHost: {host}\r\n{head}\r\n".encode())
        sent = 0
        for chunk in body:
            if select.select([connection], [], [], 0)[0]:
                break  # the server has answered: stop sending
            try:
                connection.sendall(chunk)
            except OSError:
                break
            sent += len(chunk)
        answer = b""
        while b"</html>" not in answer and not answer.endswith(b"}"):
            piece = connection.recv(65536)
            if not piece:
                break
            answer += piece
        return answer, sent


def _chunked(total: int, first: bytes = b"", size: int = 16 * 2**10) -> Iterator[bytes]:
    """`first`, then bytes of filler, `total` in all, as HTTP chunks of `size`."""
    data = first + b"x" * (size - len(first))
    for _ in range(total // size):
        yield f"{size:x}\r\n".encode() + data + b"\r\n"
        data = b"x" * size


UPLOAD_HEAD = (
    b'--x\r\nContent-Disposition: form-data; name="upload"; filename="evidence.csv"\r\n'
    b"Content-Type: text/csv\r\n\r\n"
)


@pytest.fixture(scope="module")
def guarded(users_file: Path) -> Iterator[LiveServer]:
    settings = Settings(host="0.0.0.0", secret=SECRET, users_file=users_file, today=TODAY)
    with LiveServer(create_app(settings)) as server:
        yield server


def test_a_declared_300_mb_login_is_refused_before_it_is_read(guarded: LiveServer) -> None:
    head = f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {HUGE}\r\n"
    answer, _ = _raw_post(guarded.url, "/login", head)  # no byte of the body is ever sent
    assert answer.startswith(b"HTTP/1.1 413 Request Entity Too Large\r\n"), answer[:200]
    assert b"The request is larger than 16 KB" in answer


@pytest.mark.parametrize(
    ("server", "path", "kind", "first"),
    [
        ("guarded", "/login", "application/x-www-form-urlencoded", b"csrf="),  # not logged in
        ("local_server", "/api/screen", "application/json", b'{"as_of": "'),
        ("local_server", "/evidence", "multipart/form-data; boundary=x", UPLOAD_HEAD),
    ],
)
def test_a_streamed_300_mb_body_is_cut_off_at_the_cap(
    request: pytest.FixtureRequest, server: str, path: str, kind: str, first: bytes
) -> None:
    url = request.getfixturevalue(server).url
    head = f"Content-Type: {kind}\r\nTransfer-Encoding: chunked\r\n"
    answer, sent = _raw_post(url, path, head, _chunked(HUGE, first))
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    # the server stopped reading at the cap (16 KB, 6 MB, 9 MB): what was sent beyond it
    # sat in the sockets' buffers, never 300 MB
    assert sent < 48 * 2**20


def _largest_csv(rows: int = 150) -> bytes:
    """A valid evidence list of exactly MAX_FILE_BYTES: rows with long (invented) notes."""
    head, row = b"kind,from,to,note\n", b"lease,2024-01-01,2024-01-31,"
    note = (MAX_FILE_BYTES - len(head)) // rows - len(row) - 1
    body = (row + b"n" * note + b"\n") * rows
    return head + body[:-1] + b"n" * (MAX_FILE_BYTES - len(head) - len(body)) + b"\n"


def test_the_caps_let_the_largest_file_through_to_the_route(local_server: LiveServer) -> None:
    browser = Browser(local_server.url)
    try:
        page = browser.get("/evidence").text
        largest = _largest_csv()
        assert len(largest) == MAX_FILE_BYTES
        for content, status, words in (
            (largest, 200, 'name="evidence-149-kind"'),  # all 150 rows on the page
            (largest + b"n", 422, "the file is larger than 5 MB"),  # the route's own words
        ):
            response = browser.post(
                "/evidence",
                data={"csrf": csrf_of(page), "action": "analyse", **DAYS},
                files={"upload": ("evidence.csv", content, "text/csv")},
            )
            assert response.status_code == status, response.text[:500]
            assert words in response.text
        too_big = browser.post(
            "/api/screen",
            content=b"[" + b" " * (10 * 2**20) + b"]",
            headers={"Content-Type": "application/json"},
        )
        assert too_big.status_code == 413
        assert too_big.json()["errors"][0].startswith("body: The request is larger than 9 MB")
    finally:
        browser.close()
