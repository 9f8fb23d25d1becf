"""Tools of the web tests: the real app under uvicorn on 127.0.0.1 (a free port, a background
thread) and talk HTTP to it with httpx; case stores are real files with a low scrypt cost.
Every name, date and note here is invented."""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.cookiejar import CookieJar, DefaultCookiePolicy
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI

TODAY = dt.date(2026, 3, 2)  # the app's "today" in these tests
PASSPHRASE = "web test passphrase (invented)"
SECRET = "Qm7vT2xKp9RzW4nHc8LbY3sJf6GdA1eU5oXiN0tV"  # invented, random-looking
USER, PASSWORD = "paralegal", "correct horse battery staple"
EXAMPLES = Path(__file__).parents[2] / "src" / "erpath" / "examples"


class LiveServer:
    """The app served by uvicorn on a socket already bound to 127.0.0.1:<free port>."""

    def __init__(self, app: FastAPI) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            app, log_config=None, access_log=False, server_header=False, lifespan="on"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True
        )

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the web app did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.socket.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def erpath_web(args: list[str], log: Path, **env: str) -> Iterator[str]:
    """`erpath web ARGS --port <free>` in its own process (no ERPATH_ variable but `env`),
    its output in `log`; its URL on 127.0.0.1 once it answers; stopped by Ctrl+C."""
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ERPATH_")} | env
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "erpath", "web", *args, "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=environment,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/login", timeout=5).status_code in (200, 303):
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "erpath web did not start"
            time.sleep(0.1)
        yield url
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Browser:
    """An HTTP client that keeps cookies the way a browser on https would (it sends Secure
    cookies too, since the tests talk plain HTTP to 127.0.0.1), and remembers each
    Set-Cookie header so the tests can check the cookies' attributes. `source` is the local
    address it connects from (127.0.0.2: another computer, as the server sees it)."""

    def __init__(self, base_url: str, source: str | None = None) -> None:
        self.http = httpx.Client(
            base_url=base_url,
            follow_redirects=False,
            timeout=30,
            cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
            transport=httpx.HTTPTransport(local_address=source) if source else None,
        )
        self.jar: dict[str, str] = {}
        self.set_cookie_headers: list[str] = []

    def request(self, method: str, url: str, follow: bool = True, **kwargs: Any) -> httpx.Response:
        headers = dict(kwargs.pop("headers", {}))
        if self.jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.jar.items())
        response = self.http.request(method, url, headers=headers, **kwargs)
        for header in response.headers.get_list("set-cookie"):
            self.set_cookie_headers.append(header)
            cookie: SimpleCookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0":
                    self.jar.pop(name, None)
                else:
                    self.jar[name] = morsel.value
        if follow and response.status_code in (301, 302, 303, 307):
            return self.request("GET", response.headers["location"])
        return response

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def close(self) -> None:
        self.http.close()


def log_in(browser: Browser, password: str = PASSWORD, user: str = USER, **headers: str) -> int:
    """Post the login form as a person would (its CSRF token first); the status."""
    page = browser.get("/login").text
    data = {"csrf": csrf_of(page), "username": user, "password": password}
    return browser.post("/login", data=data, headers=headers, follow=False).status_code


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def form_values(page: str, form_id: str) -> dict[str, str]:
    """The values a browser would submit from the form `form_id` (inputs, selects,
    textareas; the submit buttons left out)."""
    found = re.search(rf'<form[^>]*id="{form_id}".*?</form>', page, re.DOTALL)
    assert found, f"no form {form_id}"
    body = found.group(0)
    values: dict[str, str] = {}
    for tag in re.findall(r"<input[^>]*>", body):
        name = re.search(r'name="([^"]+)"', tag)
        if name and 'type="file"' not in tag:
            value = re.search(r'value="([^"]*)"', tag)
            values[name.group(1)] = html.unescape(value.group(1)) if value else ""
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', body, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', options) or re.search(
            r'<option value="([^"]*)"', options
        )
        values[name] = html.unescape(chosen.group(1)) if chosen else ""
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', body, re.S):
        values[name] = html.unescape(text)
    return values


def screen_through(browser: Browser, values: dict[str, str]) -> str:
    """Post the form (and any follow-up questions, left as answered) until the answer."""
    page = browser.get("/screen").text
    data = {"csrf": csrf_of(page), "asked": "", "action": "screen", **values}
    for _ in range(3):
        response = browser.post("/screen", data=data)
        assert response.status_code == 200, response.text
        if 'id="answer"' in response.text:
            return response.text
        data = {**form_values(response.text, "screen-form"), "action": "screen"}
    raise AssertionError("the form never gave an answer")
