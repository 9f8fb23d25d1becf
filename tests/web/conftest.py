"""Fixtures of the web tests: a case store of invented cases, the app served on 127.0.0.1
as this computer only (local) and as reachable from elsewhere (remote: login required)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from erpath.store import CaseStore
from erpath.web import Settings, create_app
from erpath.web.demo import fill
from erpath.web.security import hash_password
from web.real_browser import chromium as chromium  # the real browser, for every web test
from web.real_browser import page as page
from web.webtools import PASSPHRASE, PASSWORD, SECRET, TODAY, USER, Browser, LiveServer


@pytest.fixture(scope="module")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A case store with the demo's invented cases, dated around TODAY."""
    path = tmp_path_factory.mktemp("web") / "cases.db"
    with CaseStore.create(path, PASSPHRASE, kdf_n=2**14) as cases:
        fill(cases, TODAY)
    return path


@pytest.fixture(scope="module")
def local_server(web_store: Path) -> Iterator[LiveServer]:
    settings = Settings(store_path=web_store, passphrase=PASSPHRASE, today=TODAY)
    with LiveServer(create_app(settings)) as server:
        yield server


@pytest.fixture
def browser(local_server: LiveServer) -> Iterator[Browser]:
    client = Browser(local_server.url)
    yield client
    client.close()


@pytest.fixture(scope="module")
def users_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("users") / "users"
    path.write_text(f"# invented user\n{USER}:{hash_password(PASSWORD)}\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def remote_server(users_file: Path) -> Iterator[LiveServer]:
    """The app configured as reachable from other computers (host 0.0.0.0: login,
    Secure cookies), served on 127.0.0.1 for the test."""
    settings = Settings(
        host="0.0.0.0", secret=SECRET, users_file=users_file, today=TODAY, login_attempts=3
    )
    with LiveServer(create_app(settings)) as server:
        yield server
