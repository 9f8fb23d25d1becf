"""Security: headers on every response, login and CSRF when reachable from elsewhere, the
login rate limit, refusing to start without a secret, and the host check."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

import pytest
from typer import Typer
from typer.testing import CliRunner

from erpath.web import ConfigError, Settings, create_app
from erpath.web.cli import web, web_user
from erpath.web.security import Attempt, LoginLimiter, Sessions, Users
from web.webtools import PASSWORD, SECRET, TODAY, USER, Browser, LiveServer, csrf_of, log_in

PAGES = ("/", "/screen", "/evidence", "/cases", "/law", "/glossary", "/no-such-page")


@pytest.mark.parametrize("path", [*PAGES, "/static/erpath.css", "/openapi.json"])
def test_every_response_carries_the_security_headers(browser: Browser, path: str) -> None:
    response = browser.get(path)
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    if not path.startswith("/static/"):
        assert response.headers["cache-control"] == "no-store"
    assert "server" not in response.headers or "uvicorn" not in response.headers["server"]


def test_pages_have_no_inline_script_or_style_and_nothing_from_elsewhere(browser: Browser) -> None:
    for path in PAGES:
        page = browser.get(path).text
        assert "<script" not in page
        assert "<style" not in page
        assert " style=" not in page
        assert not re.search(r'(src|href)="(https?:)?//', page.split("</header>")[0])


def test_local_app_takes_no_login_and_its_cookie_is_httponly(local_server: LiveServer) -> None:
    browser = Browser(local_server.url)
    try:
        assert browser.get("/cases").status_code == 200
        header = next(h for h in browser.set_cookie_headers if h.startswith("erpath_session="))
        assert "HttpOnly" in header
        assert "SameSite=strict" in header or "SameSite=Strict" in header
        assert browser.get("/login", follow=False).status_code == 303  # nothing to log into
    finally:
        browser.close()


def test_a_foreign_host_header_is_refused(browser: Browser) -> None:
    response = browser.get("/", headers={"Host": "attacker.example"})
    assert response.status_code == 400


def test_a_form_without_the_right_csrf_token_is_refused(browser: Browser) -> None:
    page = browser.get("/cases").text
    case_id = re.findall(r'href="/cases/([0-9a-f]{32})"', page)[0]
    for token in (None, "forged", csrf_of(page)[:-2] + "00"):
        data = {"kind": "note", "note": "should not be recorded"}
        if token is not None:
            data["csrf"] = token
        response = browser.post(f"/cases/{case_id}/events", data=data)
        assert response.status_code == 403
    assert "should not be recorded" not in browser.get(f"/cases/{case_id}").text


def test_every_form_post_route_checks_csrf(local_server: LiveServer) -> None:
    """Each POST route of the pages refuses a form without a token (the API takes JSON)."""
    browser = Browser(local_server.url)
    app_routes = ["/screen", "/evidence", "/cases", "/login", "/logout"]
    try:
        browser.get("/")
        for path in [*app_routes, "/cases/0/events", "/screen/x/case"]:
            response = browser.post(path, data={"x": "1"})
            assert response.status_code == 403, path
    finally:
        browser.close()


def test_remote_app_requireslog_in(remote_server: LiveServer) -> None:
    browser = Browser(remote_server.url)
    try:
        first = browser.get("/screen", follow=False)
        assert first.status_code == 303
        assert first.headers["location"] == "/login"
        api = browser.post("/api/screen", json={"as_of": "2025-06-10"}, follow=False)
        assert api.status_code == 401
        assert browser.get("/openapi.json", follow=False).status_code == 401
        # the session cookie: __Host- prefixed, Secure, HttpOnly, SameSite=Strict
        header = next(h for h in browser.set_cookie_headers if "erpath_session" in h)
        assert header.startswith("__Host-erpath_session=")
        assert "Secure" in header
        assert "HttpOnly" in header
        assert "strict" in header.lower()
        assert "strict-transport-security" in first.headers
        assert log_in(browser, password="wrong password") == 401
        assert log_in(browser) == 303
        assert browser.get("/screen").status_code == 200
        api = browser.post("/api/screen", json={"as_of": "2025-06-10"})
        assert api.status_code == 200
        # logging out revokes the session
        page = browser.get("/").text
        assert f"Log out {USER}" in page
        old = dict(browser.jar)
        assert browser.post("/logout", data={"csrf": csrf_of(page)}).status_code == 200
        browser.jar = old
        assert browser.get("/screen", follow=False).status_code == 303
    finally:
        browser.close()


def test_remote_app_enforces_csrf_afterlog_in(remote_server: LiveServer) -> None:
    browser = Browser(remote_server.url)
    try:
        assert log_in(browser) == 303
        page = browser.get("/screen").text
        bad = browser.post(
            "/screen", data={"csrf": "not-the-token", "as_of": "2025-06-10", "action": "screen"}
        )
        assert bad.status_code == 403
        good = browser.post(
            "/screen", data={"csrf": csrf_of(page), "as_of": "2025-06-10", "action": "screen"}
        )
        assert good.status_code == 200
        # a token from another session does not work in this one
        other = Browser(remote_server.url)
        try:
            assert log_in(other) == 303
            foreign = csrf_of(other.get("/screen").text)
        finally:
            other.close()
        assert foreign != csrf_of(page)
        refused = browser.post(
            "/screen", data={"csrf": foreign, "as_of": "2025-06-10", "action": "screen"}
        )
        assert refused.status_code == 403
    finally:
        browser.close()


def test_login_rate_limit(users_file: Path) -> None:
    settings = Settings(
        host="0.0.0.0", secret=SECRET, users_file=users_file, today=TODAY, login_attempts=3
    )
    with LiveServer(create_app(settings)) as server:
        browser = Browser(server.url)
        try:
            for _ in range(3):
                assert log_in(browser, password="guess") == 401
            page = browser.get("/login").text
            limited = browser.post(
                "/login", data={"csrf": csrf_of(page), "username": USER, "password": PASSWORD}
            )
            assert limited.status_code == 429  # even the right password, for now
            assert int(limited.headers["retry-after"]) > 0
            assert "Too many failed attempts" in limited.text
        finally:
            browser.close()


def test_refuses_to_start_bound_elsewhere_without_a_secret(
    tmp_path: Path, users_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("ERPATH_SECRET", "ERPATH_USERS", "ERPATH_STORE", "ERPATH_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ConfigError) as refused:
        create_app(Settings(host="0.0.0.0"))
    text = str(refused.value)
    assert "ERPATH_SECRET is not set" in text
    assert "ERPATH_USERS is not set" in text
    with pytest.raises(ConfigError, match="too short"):
        create_app(Settings(host="192.0.2.10", secret="short", users_file=users_file))
    create_app(Settings(host="::1"))  # loopback needs nothing
    cli = Typer()
    cli.command()(web)
    result = CliRunner().invoke(cli, ["--host", "0.0.0.0", "--port", "8765"])
    assert result.exit_code == 2
    assert "cannot start" in result.output
    assert "ERPATH_SECRET" in result.output
    monkeypatch.setenv("ERPATH_SECRET", SECRET)
    result = CliRunner().invoke(cli, ["--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "ERPATH_SECRET" not in result.output
    assert "ERPATH_USERS" in result.output


@pytest.mark.parametrize(
    ("secret", "problem"),
    [
        ("s" * 40, "ERPATH_SECRET is guessable (about 0 bits by its letters, fewer than 64)"),
        ("changeme" * 5, "ERPATH_SECRET is guessable (about 22 bits"),
        (f" {SECRET}", "ERPATH_SECRET begins or ends with white space"),
        (f"{SECRET}\n", "ERPATH_SECRET begins or ends with white space"),
        ("Qm7vT2xKp9RzW4nHc8Lb", "ERPATH_SECRET is too short (20 characters)"),
    ],
)
def test_a_guessable_secret_is_refused_without_showing_it(
    users_file: Path, secret: str, problem: str
) -> None:
    problems = Settings(host="0.0.0.0", secret=secret, users_file=users_file).problems()
    assert len(problems) == 1
    assert problems[0].startswith(problem), problems
    assert secret.strip() not in problems[0]
    assert "secrets.token_urlsafe(32)" in problems[0] or "white space" in problems[0]


def test_a_random_secret_is_taken(users_file: Path) -> None:
    for _ in range(200):  # 32 random hex digits, the shortest random secret people make
        secret = secrets.token_hex(16)
        assert Settings(host="0.0.0.0", secret=secret, users_file=users_file).problems() == []


def test_refuses_to_start_with_a_wrong_passphrase(
    web_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ERPATH_PASSPHRASE", "not the passphrase")
    cli = Typer()
    cli.command()(web)
    result = CliRunner().invoke(cli, ["--store", str(web_store)])
    assert result.exit_code == 2
    assert "wrong passphrase" in result.output


def test_sessions_are_signed() -> None:
    sessions = Sessions(SECRET, 3600, secure=True)
    session = sessions.new(user=USER)
    cookie = sessions.dump(session)
    assert sessions.load(cookie) == session
    assert sessions.load(cookie[:-3] + "abc") is None
    assert Sessions("t" * 40, 3600, secure=True).load(cookie) is None
    sessions.revoke(session)
    assert sessions.load(cookie) is None


def test_web_user_writes_a_users_file_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli = Typer()
    cli.command()(web_user)
    monkeypatch.setenv("ERPATH_NEW_PASSWORD", "an invented password")
    result = CliRunner().invoke(cli, ["clerk"])
    assert result.exit_code == 0, result.output
    line = result.output.strip()
    assert line.startswith("clerk:$argon2id$")
    users = tmp_path / "users"
    users.write_text(line + "\n", encoding="utf-8")
    loaded = Users.load(users)
    assert loaded.verify("clerk", "an invented password")
    assert not loaded.verify("clerk", "another password")
    assert not loaded.verify("nobody", "an invented password")
    monkeypatch.setenv("ERPATH_NEW_PASSWORD", "short")
    assert CliRunner().invoke(cli, ["clerk"]).exit_code == 2
    users.write_text("clerk:plaintext\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="line 1"):
        Users.load(users)


def test_the_limiter_frees_slots_as_the_window_passes_and_stays_bounded() -> None:
    now = [1000.0]
    limiter = LoginLimiter(attempts=2, window_s=300, clock=lambda: now[0], max_keys=6)
    for _ in range(2):
        attempt = limiter.begin(USER, "192.0.2.7")
        assert isinstance(attempt, Attempt)
        limiter.end(attempt, succeeded=False)
        now[0] += 100
    assert limiter.begin(USER, "192.0.2.7") == 101  # the first failure leaves the window then
    now[0] += 101
    assert isinstance(limiter.begin(USER, "192.0.2.7"), Attempt)
    # an IPv6 client is one client across its /64
    v6 = limiter.begin("clerk", "2001:db8::1")
    assert isinstance(v6, Attempt)
    assert v6.address == "2001:db8::/64"
    # past max_keys, attempts under new keys wait rather than grow the memory
    assert limiter.begin("someone", "198.51.100.1") == 300
    # keys already held are not refused for the bound; this one waits for its own attempt
    # still being verified (a second), not for the window
    assert limiter.begin(USER, "192.0.2.7") == 1
